import type { Core } from '@strapi/strapi';
import type { AuditActor } from '../audit/actor';
import { queryOf } from '../database/models';
import type { VersionData } from './snapshot';
import type { TranslationSource } from '../translations/fingerprints';

export const VERSIONS_UID = 'api::document-version.document-version';

export type VersionRecord = {
  id: number;
  targetUid: string;
  targetDocumentId: string;
  locale: string;
  action: string;
  savedAt: string;
  data: VersionData;
  sourceFingerprint: TranslationSource | null;
} & AuditActor;

/** What a list shows of a version: everything but its content. */
export const SUMMARY_FIELDS = ['id', 'targetUid', 'targetDocumentId', 'locale', 'action', 'savedAt', 'actorType', 'actorId', 'actorName', 'actorEmail'];

export const latestVersion = async (strapi: Core.Strapi, uid: string, documentId: string, locale: string): Promise<VersionRecord | null> =>
  queryOf(strapi, VERSIONS_UID).findOne({ where: { targetUid: uid, targetDocumentId: documentId, locale }, orderBy: [{ id: 'desc' }] });

export const recordVersion = (strapi: Core.Strapi, version: Omit<VersionRecord, 'id' | 'savedAt'>) =>
  queryOf(strapi, VERSIONS_UID).create({ data: { ...version, savedAt: new Date() } });

export const listVersions = async (strapi: Core.Strapi, where: { targetUid: string; targetDocumentId: string; locale: string }, page: number, pageSize: number) => {
  const query = queryOf(strapi, VERSIONS_UID);
  const [versions, total] = await Promise.all([
    query.findMany({ where, select: SUMMARY_FIELDS, orderBy: [{ id: 'desc' }], offset: (page - 1) * pageSize, limit: pageSize }),
    query.count({ where }),
  ]);
  return { versions: versions as Array<Omit<VersionRecord, 'data' | 'sourceFingerprint'>>, pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } };
};

export const findVersion = (strapi: Core.Strapi, id: number): Promise<VersionRecord | null> => queryOf(strapi, VERSIONS_UID).findOne({ where: { id } });
