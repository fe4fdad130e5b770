import type { Core } from '@strapi/strapi';
import { CONTENT_TYPE_UIDS, SINGLE_TYPE_UIDS } from '../domain/content-types';

/**
 * What an anonymous caller may do: read the council's content, nothing else. A single type has
 * no findOne: granting it anyway made users-permissions delete it and this recreate it at every
 * start, so no two databases (a backup and its restore) ever held the same permission rows.
 */
export const PUBLIC_ACTIONS = CONTENT_TYPE_UIDS.flatMap((uid) => (SINGLE_TYPE_UIDS.includes(uid) ? [`${uid}.find`] : [`${uid}.find`, `${uid}.findOne`]));

/**
 * Makes the users-permissions Public role grant exactly PUBLIC_ACTIONS (stock Strapi also opens
 * the auth routes to it) and turns self-registration off. Runs at every start, so drift made in
 * the admin panel is put back.
 */
export const lockDownPublicAccess = async (strapi: Core.Strapi) => {
  const publicRole = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  if (!publicRole) throw new Error('users-permissions Public role not found');

  const permissions = strapi.db.query('plugin::users-permissions.permission');
  const granted: Array<{ id: number; action: string }> = await permissions.findMany({ where: { role: publicRole.id } });
  const extra = granted.filter((permission) => !PUBLIC_ACTIONS.includes(permission.action));
  if (extra.length > 0) await permissions.deleteMany({ where: { id: { $in: extra.map((permission) => permission.id) } } });
  for (const action of PUBLIC_ACTIONS) {
    if (!granted.some((permission) => permission.action === action)) {
      await permissions.create({ data: { action, role: publicRole.id } });
    }
  }

  const store = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  const advanced = ((await store.get()) ?? {}) as Record<string, unknown>;
  if (advanced.allow_register !== false) await store.set({ value: { ...advanced, allow_register: false } });
};
