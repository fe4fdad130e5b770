import crypto from 'crypto';

/**
 * Cache tags, after Drupal's: a cached response carries the tags of what it was computed from,
 * and a change invalidates the tags it touches, so only the responses that may show it go.
 *
 * - `d:<documentId>`: a document the response shows (returned or populated);
 * - `l:<type>`: a list of documents of a type (a core `find`): which documents it holds, and in
 *   which order, can change with any write of that type (a filter or sort may now match);
 * - `t:<type>`: the response populates a relation to that type, so which related documents it
 *   shows can change with any write of that type (a new relation, a publish, a delete);
 * - `g`: computed by a route whose dependencies are not described here (search, GeoJSON);
 * - `all`: on every response, for "purge everything" (media, permissions, locales).
 *
 * A change of a document of type T invalidates `d:<id>`, `l:T`, `t:T` and `g`. The tags only ever
 * come from a response's body, and only published documents reach public responses, so a
 * draft-only document never shows up in a tag.
 */
export const ALL_TAG = 'all';
export const GLOBAL_TAG = 'g';

/** Longer tags are hashed: CDNs limit tag length and header size (Fastly 1 KB per key, 16 KB in all). */
const MAX_TAG_LENGTH = 40;

const compact = (tag: string) => (tag.length <= MAX_TAG_LENGTH ? tag : `h:${crypto.createHash('sha1').update(tag).digest('base64url').slice(0, 16)}`);

export const documentTag = (documentId: string) => compact(`d:${documentId}`);
export const listTag = (type: string) => compact(`l:${type}`);
export const populatedTypeTag = (type: string) => compact(`t:${type}`);

/** What a schema lookup returns: enough to follow populated relations and components. */
export type TagModel = { type: string; attributes: Record<string, { type: string; target?: string; component?: string }> };
export type ModelLookup = (uid: string) => TagModel | undefined;

/**
 * How the route that answered relates to a content type: a core `find` (a collection's list, or a
 * single type's one document, which a write of its type may replace), a core `findOne`, or
 * anything else.
 */
export type RouteKind = { kind: 'list' | 'single'; uid: string } | { kind: 'other' };

/**
 * The tags of one response body. `limit` bounds the header: beyond it the document tags are
 * dropped, which stays correct because every write of a type invalidates `l:`/`t:` of that type
 * (only a single read keeps its own document's tag, its only link to writes of that document).
 */
export const responseTags = (body: unknown, route: RouteKind, modelOf: ModelLookup, limit = 64): string[] => {
  const documents = new Set<string>();
  const populatedTypes = new Set<string>();
  let rootDocument: string | undefined;

  const visit = (value: unknown, uid: string | undefined): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, uid);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    if (typeof object.documentId === 'string') documents.add(object.documentId);
    const model = uid ? modelOf(uid) : undefined;
    for (const [name, child] of Object.entries(object)) {
      if (!child || typeof child !== 'object') {
        // An empty populated relation still depends on which documents relate to this one.
        const attribute = model?.attributes[name];
        if (attribute?.type === 'relation' && attribute.target) populatedTypes.add(modelOf(attribute.target)?.type ?? attribute.target);
        continue;
      }
      const attribute = model?.attributes[name];
      if (attribute?.type === 'relation' && attribute.target) {
        populatedTypes.add(modelOf(attribute.target)?.type ?? attribute.target);
        visit(child, attribute.target);
      } else if (attribute?.type === 'component' && attribute.component) {
        visit(child, attribute.component);
      } else if (attribute?.type === 'dynamiczone' && Array.isArray(child)) {
        for (const item of child) visit(item, typeof (item as any)?.__component === 'string' ? (item as any).__component : undefined);
      } else {
        visit(child, undefined);
      }
    }
  };

  const data = (body as { data?: unknown } | undefined)?.data;
  if (route.kind !== 'other') {
    visit(data, route.uid);
    if (route.kind === 'single' && data && typeof (data as any).documentId === 'string') rootDocument = (data as any).documentId;
  }
  if (body && typeof body === 'object') {
    for (const [name, child] of Object.entries(body)) if (route.kind === 'other' || name !== 'data') visit(child, undefined);
  }

  const type = route.kind === 'other' ? undefined : modelOf(route.uid)?.type ?? route.uid;
  const structural = [
    ALL_TAG,
    ...(route.kind === 'other' ? [GLOBAL_TAG] : []),
    ...(route.kind === 'list' && type ? [listTag(type)] : []),
    ...[...populatedTypes].sort().map(populatedTypeTag),
  ];
  const documentTags = [...documents].map(documentTag);
  if (structural.length + documentTags.length <= limit) return [...structural, ...documentTags];
  return [...structural, ...(rootDocument ? [documentTag(rootDocument)] : [])];
};

/** The tags a change of one document (or, without an id, of a type's documents) invalidates. */
export const changeTags = (type: string, documentId?: string): string[] => [
  ...(documentId ? [documentTag(documentId)] : []),
  listTag(type),
  populatedTypeTag(type),
  GLOBAL_TAG,
];

/**
 * The response headers that carry tags to the edge: Fastly's `Surrogate-Key` and Varnish's
 * `xkey` are space-separated, Cloudflare's `Cache-Tag` comma-separated.
 */
export const tagHeaders = (tags: readonly string[], headerNames: readonly string[]): Record<string, string> =>
  Object.fromEntries(headerNames.map((name) => [name, tags.join(name.toLowerCase() === 'cache-tag' ? ',' : ' ')]));
