/**
 * JSON Schemas (OpenAPI 3.0 dialect) of the content types and components, from their Strapi
 * attribute definitions, so the documented shapes are the stored ones.
 */
export type AttributeMap = Record<string, Record<string, any>>;
export type ModelInfo = {
  uid: string;
  kind?: 'collectionType' | 'singleType';
  schemaName: string;
  singularName?: string;
  pluralName?: string;
  displayName: string;
  description?: string;
  attributes: AttributeMap;
  localized?: boolean;
  draftAndPublish?: boolean;
};

/** `api::partnership.partnership` → `Partnership`, `shared.organisation` → `SharedOrganisation`. */
export const schemaName = (name: string) =>
  name
    .replace(/^api::[^.]+\./, '')
    .replace(/^plugin::/, '')
    .split(/[.\-_:]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const withLimits = (schema: Record<string, any>, attribute: Record<string, any>) => {
  if (attribute.minLength !== undefined) schema.minLength = attribute.minLength;
  if (attribute.maxLength !== undefined) schema.maxLength = attribute.maxLength;
  if (attribute.min !== undefined) schema.minimum = attribute.min;
  if (attribute.max !== undefined) schema.maximum = attribute.max;
  if (attribute.regex !== undefined) schema.pattern = attribute.regex;
  return schema;
};

/** `schema`, or null (OpenAPI 3.1 / JSON Schema 2020-12 spelling). */
export const orNull = (schema: Record<string, any>): Record<string, any> => {
  if (typeof schema.type === 'string') return { ...schema, type: [schema.type, 'null'], ...(schema.enum ? { enum: [...schema.enum, null] } : {}) };
  return { oneOf: [schema, { type: 'null' }] };
};

/**
 * An attribute as the REST API returns it. Optional attributes come back null when empty, so
 * they are nullable unless `required`; relations and media appear only when populated.
 */
export const attributeSchema = (attribute: Record<string, any>, modelNames: Map<string, string>): Record<string, any> | undefined => {
  const schema = presentSchema(attribute, modelNames);
  if (!schema) return undefined;
  const alwaysThere = attribute.required === true || attribute.type === 'relation' || (attribute.type === 'component' && attribute.repeatable) || (attribute.type === 'media' && attribute.multiple);
  return alwaysThere ? schema : orNull(schema);
};

const presentSchema = (attribute: Record<string, any>, modelNames: Map<string, string>): Record<string, any> | undefined => {
  switch (attribute.type) {
    case 'string':
    case 'text':
    case 'richtext':
    case 'email':
    case 'password':
    case 'uid':
      return withLimits({ type: 'string', ...(attribute.type === 'email' ? { format: 'email' } : {}) }, attribute);
    case 'enumeration':
      return { type: 'string', enum: attribute.enum };
    case 'integer':
      return withLimits({ type: 'integer' }, attribute);
    case 'biginteger':
      return { type: 'string', pattern: '^-?[0-9]+$' };
    case 'decimal':
    case 'float':
      return withLimits({ type: 'number' }, attribute);
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'datetime':
    case 'timestamp':
      return { type: 'string', format: 'date-time' };
    case 'time':
      return { type: 'string', pattern: '^[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{3})?)?$' };
    case 'json':
      return {};
    case 'blocks':
      return { type: 'array', description: 'Rich text as Strapi Blocks', items: ref('Block') };
    case 'media':
      return attribute.multiple ? { type: 'array', items: ref('Media') } : ref('Media');
    case 'component': {
      const target = ref(schemaName(attribute.component));
      return attribute.repeatable ? { type: 'array', items: target } : target;
    }
    case 'relation': {
      const targetName = modelNames.get(attribute.target);
      const target = targetName ? ref(targetName) : { type: 'object', description: `A ${attribute.target} entry` };
      const many = /ToMany$|manyWay$/.test(attribute.relation) || attribute.relation === 'morphToMany';
      return many ? { type: 'array', items: target, description: 'Present only when populated (`populate`).' } : { oneOf: [target, { type: 'null' }], description: 'Present only when populated (`populate`).' };
    }
    default:
      return undefined;
  }
};

const SYSTEM_FIELDS = {
  id: { type: 'integer', description: 'Row id of this locale/status version; use documentId in URLs.' },
  documentId: { type: 'string', description: 'Stable id of the document, shared by all its locales.' },
  createdAt: { type: 'string', format: 'date-time' },
  updatedAt: { type: 'string', format: 'date-time' },
  publishedAt: { type: 'string', format: 'date-time', description: 'When this version was published (the public sees published versions only).' },
};

/** The schema of an entry as the REST API returns it. */
export const modelSchema = (model: ModelInfo, modelNames: Map<string, string>, locales: readonly string[]) => {
  const properties: Record<string, any> = model.uid.includes('::') ? { ...SYSTEM_FIELDS } : { id: { type: 'integer' } };
  for (const [name, attribute] of Object.entries(model.attributes)) {
    if (attribute.private || attribute.visible === false || name === 'localizations') continue;
    const schema = attributeSchema(attribute, modelNames);
    if (schema) properties[name] = schema;
  }
  if (model.localized) {
    properties.locale = { type: 'string', enum: [...locales] };
    if (model.uid.includes('::')) properties.localizations = { type: 'array', items: ref(schemaName(model.uid)), description: 'Present only when populated: the published versions in the other locales.' };
  }
  const required = model.uid.includes('::') ? ['id', 'documentId'] : [];
  return { type: 'object', description: model.description || model.displayName, properties, ...(required.length ? { required } : {}) };
};
