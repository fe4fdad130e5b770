import path from 'path';
import type { Core, Schema } from '@strapi/strapi';
import { contentTypes } from '@strapi/utils';

/**
 * The content API's output sanitizing in one synchronous pass. Strapi's `sanitize.output` walks
 * every entity three times, asynchronously, key by key (passwords and private fields; relations
 * the caller may not read; then each sanitizer in the registry, users-permissions' among them):
 * about a fifth of an uncached populated list's time. This pass applies the same rules, asking
 * the caller's permission once per relation target before it starts, and answers exactly what
 * Strapi's would (tests/api/output-sanitizer.test.ts compares the two on random entities for
 * every kind of caller). Whatever it does not know how to judge (a populated morph relation, an
 * entity that is not a plain object, a registry sanitizer other than users-permissions') goes to
 * Strapi's own.
 */

type Model = { uid: string; attributes: Record<string, Schema.Attribute.AnyAttribute>; options?: object };
type ModelLookup = (uid: string) => Model | undefined;
type Entity = Record<string, unknown>;
type Auth = unknown;

/** users-permissions' registry sanitizer: drops the `users` of a role, which this pass does itself. */
const USERS_PERMISSIONS_ROLE = 'plugin::users-permissions.role';
const USERS_PERMISSIONS_USER = 'plugin::users-permissions.user';
const UPLOAD_FILE = 'plugin::upload.file';
const CREATOR_ATTRIBUTES = ['createdBy', 'updatedBy'];

const isObject = (value: unknown): value is object => value !== null && (typeof value === 'object' || typeof value === 'function');

/** Something only Strapi's own sanitizer knows how to judge: the whole answer goes to it. */
class NotJudgedHere extends Error {}

/**
 * Strapi copies an entity with lodash's clone: a plain object keeps its prototype (another
 * realm's Object.prototype too), one without a prototype becomes a plain object.
 */
const shallowCopy = (entity: object): Entity => {
  const prototype = Object.getPrototypeOf(entity);
  if (Array.isArray(entity)) {
    if (prototype !== Array.prototype) throw new NotJudgedHere();
    return [...entity] as unknown as Entity;
  }
  if (prototype === Object.prototype || prototype === null) return { ...(entity as Entity) };
  if (Object.getPrototypeOf(prototype) === null) return Object.assign(Object.create(prototype), entity);
  throw new NotJudgedHere();
};

const isMorph = (attribute: Schema.Attribute.AnyAttribute) => attribute.type === 'relation' && (attribute as { relation: string }).relation.toLowerCase().startsWith('morph');

const removedForEveryone = (schema: Model, key: string, attribute: Schema.Attribute.AnyAttribute) =>
  attribute.type === 'password' ||
  (attribute as { private?: boolean }).private === true ||
  contentTypes.isPrivateAttribute(schema as never, key) ||
  (schema.uid === USERS_PERMISSIONS_ROLE && attribute.type === 'relation' && (attribute as { target?: string }).target === USERS_PERMISSIONS_USER);

/** A relation the caller must be allowed to `find` the target of (Strapi's creator fields aside). */
const needsPermission = (schema: Model, key: string) => !(CREATOR_ATTRIBUTES.includes(key) && (schema.options as { populateCreatorFields?: boolean } | undefined)?.populateCreatorFields);

/** The relation targets a response of `uid` can show, so each permission is asked once. */
const reachableTargets = (uid: string, getModel: ModelLookup): Set<string> => {
  const targets = new Set<string>();
  const visited = new Set<string>();
  const visit = (modelUid: string) => {
    const schema = getModel(modelUid);
    if (visited.has(modelUid) || !schema) return;
    visited.add(modelUid);
    for (const [key, attribute] of Object.entries(schema.attributes)) {
      if (removedForEveryone(schema, key, attribute)) continue;
      // A morph relation's targets are only known from the data: judged when it holds any.
      if (attribute.type === 'relation' && !isMorph(attribute)) {
        const target = (attribute as { target: string }).target;
        targets.add(target);
        visit(target);
      } else if (attribute.type === 'media') visit(UPLOAD_FILE);
      else if (attribute.type === 'component') visit((attribute as { component: string }).component);
      else if (attribute.type === 'dynamiczone') (attribute as { components: string[] }).components.forEach(visit);
    }
  };
  visit(uid);
  return targets;
};

/**
 * Strapi's answer to "may this caller read `uid`" for each of `uids`, asked the way its relation
 * checks ask it (`<uid>.find`); the query memo keys its answers by the same question.
 */
export const readableTypes = async (strapi: Core.Strapi, uids: Iterable<string>, auth: unknown) => {
  const readable = new Set<string>();
  for (const target of uids) {
    try {
      await strapi.auth.verify(auth as never, { scope: `${target}.find` } as never);
      readable.add(target);
    } catch {
      // denied, or an auth Strapi cannot verify: the relation is removed, as Strapi does
    }
  }
  return readable;
};

/**
 * One entity, sanitized; never changes `entity` (a copy at every level it changes). `canRead`
 * answers undefined for a target it was not asked about: the entity then goes to Strapi.
 */
export const sanitizeEntity = (entity: unknown, schema: Model | undefined, getModel: ModelLookup, canRead: (uid: string) => boolean | undefined): unknown => {
  if (!isObject(entity) || schema == null) return entity;
  const copy = shallowCopy(entity);
  const each = (value: unknown, model: Model | undefined) =>
    Array.isArray(value) ? value.map((item) => sanitizeEntity(item, model, getModel, canRead)) : sanitizeEntity(value, model, getModel, canRead);
  for (const key of Object.keys(copy)) {
    const attribute = schema.attributes[key];
    if (attribute == null) continue;
    if (removedForEveryone(schema, key, attribute)) {
      delete copy[key];
      continue;
    }
    if (isMorph(attribute)) {
      // Strapi keeps a morph-to relation that holds nothing as it is (a media file's `related`
      // when not populated); one that holds something, or any other morph, is Strapi's to judge.
      if (contentTypes.isMorphToRelationalAttribute(attribute) && !copy[key]) continue;
      throw new NotJudgedHere();
    }
    if (attribute.type === 'relation' && needsPermission(schema, key)) {
      const readable = canRead((attribute as { target: string }).target);
      if (readable === undefined) throw new NotJudgedHere();
      if (!readable) {
        delete copy[key];
        continue;
      }
    }
    const value = copy[key];
    if (value == null) continue;
    if (attribute.type === 'relation') copy[key] = each(value, getModel((attribute as { target: string }).target));
    else if (attribute.type === 'media') copy[key] = each(value, getModel(UPLOAD_FILE));
    else if (attribute.type === 'component') copy[key] = each(value, getModel((attribute as { component: string }).component));
    else if (attribute.type === 'dynamiczone' && Array.isArray(value)) {
      copy[key] = value.map((item) => (item == null ? item : sanitizeEntity(item, getModel((item as { __component: string }).__component), getModel, canRead)));
    }
  }
  return copy;
};

/**
 * The function users-permissions adds to the output sanitizers' registry, to recognise it there.
 * It is not exported, so it is loaded by its file (the same module instance the plugin loaded);
 * if an upgrade moves it, the registry holds a sanitizer this pass does not know and every answer
 * goes to Strapi's own (the test that checks this pass is used then fails).
 */
const registeredUsersPermissionsSanitizer = (): unknown => {
  try {
    const pluginDir = path.dirname(require.resolve('@strapi/plugin-users-permissions/package.json'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.join(pluginDir, 'dist/server/utils/sanitize/sanitizers.js')).__require().defaultSanitizeOutput;
  } catch {
    return undefined;
  }
};

/**
 * `strapi.contentAPI.sanitize.output(data, schema, { auth })`, answered in one pass when it can
 * be: a list is sanitized entity by entity, as Strapi does.
 */
export const outputSanitizer = (strapi: Core.Strapi) => {
  const getModel: ModelLookup = (uid) => strapi.getModel(uid as never) as Model | undefined;
  const targetsByUid = new Map<string, Set<string>>();
  const targetsOf = (uid: string) => {
    if (!targetsByUid.has(uid)) targetsByUid.set(uid, reachableTargets(uid, getModel));
    return targetsByUid.get(uid)!;
  };
  const usersPermissionsSanitizer = registeredUsersPermissionsSanitizer();

  return async (data: unknown, schema: Model, auth: Auth): Promise<unknown> => {
    const registry = (strapi.sanitizers.get('content-api.output') ?? []) as unknown[];
    const targets = targetsOf(schema.uid);
    // This pass does what users-permissions' sanitizer does, so the registry must hold just that.
    const known = registry.length === 1 && registry[0] === usersPermissionsSanitizer;
    if (!known) return strapi.contentAPI.sanitize.output(data, schema as never, { auth } as never);
    // Without an auth Strapi skips the relation check altogether (its controllers always pass one).
    const readable = auth ? await readableTypes(strapi, targets, auth) : undefined;
    const canRead = readable ? (uid: string) => (targets.has(uid) ? readable.has(uid) : undefined) : () => true;
    try {
      return Array.isArray(data) ? data.map((entity) => sanitizeEntity(entity, schema, getModel, canRead)) : sanitizeEntity(data, schema, getModel, canRead);
    } catch (error) {
      if (error instanceof NotJudgedHere) return strapi.contentAPI.sanitize.output(data, schema as never, { auth } as never);
      throw error;
    }
  };
};
