import type { Core } from '@strapi/strapi';
import { isCouncilContentType, isLocalizedAttribute } from '../domain/content-types';
import { relationIsEmptied } from '../domain/validation';
import { attributesOf, queryOf } from '../database/models';

/** A relation payload that would change links (the Content Manager sends empty connect/disconnect when nothing changes). */
const changesRelation = (value: unknown) => {
  if (value === undefined) return false;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const { connect = [], disconnect = [], set } = value as { connect?: unknown[]; disconnect?: unknown[]; set?: unknown[] };
    return set !== undefined || connect.length > 0 || disconnect.length > 0;
  }
  return relationIsEmptied(value) !== undefined;
};

const sameValue = (a: unknown, b: unknown) => String(a ?? '') === String(b ?? '');

/** A media value as the id(s) it names: the Content Manager sends file objects, the API ids. */
const mediaIds = (value: unknown) =>
  [value]
    .flat()
    .filter((file) => file !== null && file !== undefined)
    .map((file) => String(typeof file === 'object' ? (file as { id?: unknown }).id : file))
    .join(',');

/**
 * Fields of `data` that would change what every locale shares (or what follows English):
 * non-localized fields whose value differs from the stored one, and relations to council content
 * that would be relinked. Unchanged values, as the admin form sends them, pass. Whether the caller
 * may change them is the permission guard's question (./document-guard.ts).
 */
export const sharedFieldChanges = async (strapi: Core.Strapi, uid: string, documentId: string | undefined, data: Record<string, unknown>) => {
  const attributes = attributesOf(strapi, uid);
  const shared = (name: string) => attributes[name] && !isLocalizedAttribute(attributes[name]);
  const media = Object.keys(data).filter((name) => shared(name) && attributes[name].type === 'media');
  const current = documentId ? await queryOf(strapi, uid).findOne({ where: { documentId, publishedAt: null }, populate: media }) : null;
  return Object.keys(data).filter((name) => {
    const attribute = attributes[name];
    // Bookkeeping the Content Manager adds itself (updatedBy, …) is not content.
    if (!attribute || attribute.visible === false || attribute.configurable === false) return false;
    if (attribute.type === 'relation') return isCouncilContentType(attribute.target) && changesRelation(data[name]);
    if (!shared(name) || ['uid', 'component'].includes(attribute.type) || current === null) return false;
    if (attribute.type === 'media') return mediaIds(data[name]) !== mediaIds(current[name]);
    return !sameValue(data[name], current[name]);
  });
};
