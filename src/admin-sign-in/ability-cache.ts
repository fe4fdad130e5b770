import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { LRUCache } from 'lru-cache';

type AdminUser = { id: number | string };
type PermissionEngine = {
  generateUserAbility: (user: AdminUser) => Promise<unknown>;
  /** Builds an ability from permissions for a user (Strapi's name says tokens; it is the same build). */
  generateTokenAbility: (permissions: unknown[], user: AdminUser) => Promise<unknown>;
};
type PermissionService = { engine: PermissionEngine; findUserPermissions: (user: AdminUser) => Promise<unknown[]> };

/** Distinct users × permission sets kept; a council has a few dozen staff. */
const MAX_ABILITIES = 500;

/**
 * What an ability is built from: the user as the admin strategy loaded it (with its roles) and
 * the permissions of those roles, as read for this request. Conditions ("is creator"…) are
 * functions of the user alone, so nothing else goes in.
 */
export const abilityKey = (user: AdminUser, permissions: unknown[]) => crypto.createHash('sha256').update(JSON.stringify([user, permissions])).digest('base64url');

/**
 * Strapi builds an admin user's permission ability (CASL rules, conditions, field lists) from
 * scratch on every admin request: about 12 of the 25 ms an editor's request takes on 2 cores.
 * The user and their roles' permissions are still read on every request; only the building is
 * kept, under a hash of both, so a changed permission, role or user is a new key and takes
 * effect on the very next request, on every instance.
 */
export const cacheAdminAbilities = (strapi: Core.Strapi) => {
  const permissionService = strapi.service('admin::permission') as unknown as PermissionService;
  const { engine } = permissionService;
  const abilities = new LRUCache<string, Promise<unknown>>({ max: MAX_ABILITIES });
  engine.generateUserAbility = async (user) => {
    const permissions = await permissionService.findUserPermissions(user);
    const key = abilityKey(user, permissions);
    let ability = abilities.get(key);
    if (!ability) {
      ability = engine.generateTokenAbility(permissions, user);
      abilities.set(key, ability);
      ability.catch(() => abilities.delete(key));
    }
    return ability;
  };
};
