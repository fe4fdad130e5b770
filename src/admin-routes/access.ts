import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/** The Content Manager's actions, by the names its permission checker uses. */
export type ContentAction = 'read' | 'create' | 'update' | 'delete' | 'publish';

/** What a request acts on: one locale version of a type, or of one document of it. */
export type AccessTarget = { uid: string; locale: string; documentId?: string };

/**
 * What a route needs, declared once beside it:
 * - `content`: the Content Manager actions on the targets the input names, checked for each
 *   target's locale as the Content Manager checks them. `scope: 'every'` (the default) refuses the
 *   request unless every target is allowed; `'any'` keeps the allowed ones (a list across types),
 *   and refuses only when none is.
 * - `permission`: one admin permission with no subject (a page such as the audit log).
 * - `credential`: no admin session; the handler checks the credential named here itself.
 */
export type RouteAccess<Input> =
  | { content: ContentAction[]; targets: (input: Input, strapi: Core.Strapi) => AccessTarget[] | Promise<AccessTarget[]>; scope?: 'every' | 'any' }
  | { permission: string }
  | { credential: string };

export type UserAbility = { can(action: string, subject?: unknown, field?: string): boolean };

/** Refusals as the 403 every check answers with: what is missing, for which locale versions. */
export const refusalError = (refused: Array<{ target: AccessTarget; missing: ContentAction[] }>) =>
  new errors.PolicyError(`Your role may not ${describeRefusals(refused)}`, {
    code: 'locale-forbidden',
    locale: refused[0]?.target.locale,
    refused: refused.map(({ target, missing }) => ({ ...target, missing })),
  });

/** What the check found, for the handler: the allowed targets and what else the caller may see. */
export type Grant = {
  targets: AccessTarget[];
  /** Whether other admins' e-mail addresses may be shown (Strapi's own right to read admin users). */
  mayReadAdminUsers: boolean;
};

const ADMIN_USERS_READ = 'admin::users.read';

type PermissionChecker = { can: Record<ContentAction, (entity?: unknown, field?: string) => boolean> };

/**
 * The subject the Content Manager's checker is asked about: the document's draft in that locale
 * (with its creator, for conditions such as "is creator"), or, where there is none yet (a new
 * translation), the locale alone, as the Content Manager checks a create.
 */
const loadSubject = async (strapi: Core.Strapi, target: AccessTarget) => {
  const row = target.documentId
    ? await strapi.db.query(target.uid as never).findOne({
        where: { documentId: target.documentId, locale: target.locale, publishedAt: null },
        select: ['id', 'documentId', 'locale'],
        populate: { createdBy: { select: ['id'] } },
      })
    : null;
  return { entity: row ?? { locale: target.locale }, exists: row !== null };
};

/**
 * The Content Manager's permission checker for one caller, for one decision: each locale version
 * is loaded once however many actions and fields are asked about it.
 */
export const contentPermission = (strapi: Core.Strapi, ability: UserAbility) => {
  const checkers = new Map<string, PermissionChecker>();
  const subjects = new Map<string, ReturnType<typeof loadSubject>>();
  const checker = (uid: string) => {
    let found = checkers.get(uid);
    if (!found) {
      found = strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ability, model: uid }) as PermissionChecker;
      checkers.set(uid, found);
    }
    return found;
  };
  const subject = (target: AccessTarget) => {
    const key = JSON.stringify([target.uid, target.documentId ?? null, target.locale]);
    let found = subjects.get(key);
    if (!found) subjects.set(key, (found = loadSubject(strapi, target)));
    return found;
  };
  return {
    may: async (action: ContentAction, target: AccessTarget, field?: string) => checker(target.uid).can[action]((await subject(target)).entity, field),
    /** Whether the document has a version in that locale yet (writing one that does not is creating it). */
    versionExists: async (target: AccessTarget) => (await subject(target)).exists,
  };
};

export type ContentPermission = ReturnType<typeof contentPermission>;

const typeName = (uid: string) => uid.split('.').pop() ?? uid;

/** "publish fr versions of theme, city" / "update the fr version of city abc": refusals grouped by what is missing. */
export const describeRefusals = (refused: Array<{ target: AccessTarget; missing: ContentAction[] }>) => {
  const groups = new Map<string, string[]>();
  for (const { target, missing } of refused) {
    const key = target.documentId ? `${missing.join(' and ')} the ${target.locale} version of` : `${missing.join(' and ')} ${target.locale} versions of`;
    groups.set(key, [...(groups.get(key) ?? []), `${typeName(target.uid)}${target.documentId ? ` ${target.documentId}` : ''}`]);
  }
  return [...groups].map(([what, subjects]) => `${what} ${subjects.join(', ')}`).join('; ');
};

/** Decides a request by its route's declaration; throws a 403 that says what is missing. */
export const authorize = async <Input>(strapi: Core.Strapi, access: RouteAccess<Input>, ability: UserAbility | undefined, input: Input): Promise<Grant> => {
  if ('credential' in access) return { targets: [], mayReadAdminUsers: false };
  if (!ability) throw new errors.UnauthorizedError('Sign in to the admin panel first');
  const mayReadAdminUsers = ability.can(ADMIN_USERS_READ);
  if ('permission' in access) {
    if (!ability.can(access.permission)) throw new errors.PolicyError(`Your role lacks the permission ${access.permission}`, { code: 'permission-missing', permission: access.permission });
    return { targets: [], mayReadAdminUsers };
  }
  const { may } = contentPermission(strapi, ability);
  const targets = await access.targets(input, strapi);
  const allowed: AccessTarget[] = [];
  const refused: Array<{ target: AccessTarget; missing: ContentAction[] }> = [];
  for (const target of targets) {
    const missing: ContentAction[] = [];
    for (const action of access.content) if (!(await may(action, target))) missing.push(action);
    if (missing.length === 0) allowed.push(target);
    else refused.push({ target, missing });
  }
  const scope = access.scope ?? 'every';
  if (refused.length > 0 && (allowed.length === 0 || scope === 'every')) throw refusalError(refused);
  return { targets: allowed, mayReadAdminUsers };
};

/** An actor's e-mail address, kept only for callers who may read admin users. */
export const visibleEmail = (grant: Pick<Grant, 'mayReadAdminUsers'>, email: string | null | undefined) => (grant.mayReadAdminUsers ? (email ?? null) : null);
