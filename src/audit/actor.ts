import type { Core } from '@strapi/strapi';
import { scopedAuditActor, type AuditActor } from './scope';

// The type lives with the scope, which names actors too; actor.ts depends on scope.ts, not both ways.
export type { AuditActor } from './scope';

/** Strapi 5.54's names for API-token authentication (`api-token` before 5.5x). */
const TOKEN_STRATEGIES = ['content-api-token', 'admin-token', 'api-token'];

const SYSTEM: AuditActor = { actorType: 'system', actorId: null, actorName: 'system', actorEmail: null };

/**
 * Who is making the current change, from the request it runs in: an admin (panel or admin
 * routes), an API token (by name), a users-permissions user, or `system` for code with no
 * request (seeding, scripts, bootstrap).
 */
export const actorOf = (request: any): AuditActor => {
  const auth = request?.state?.auth;
  if (!auth) return SYSTEM;
  const strategy = auth.strategy?.name;
  if (strategy === 'admin') {
    const user = request.state.user ?? auth.credentials;
    const name = [user?.firstname, user?.lastname].filter(Boolean).join(' ') || user?.username || null;
    return { actorType: 'admin', actorId: user?.id != null ? String(user.id) : null, actorName: name, actorEmail: user?.email ?? null };
  }
  if (TOKEN_STRATEGIES.includes(strategy)) {
    const token = auth.credentials;
    return { actorType: 'api-token', actorId: token?.id != null ? String(token.id) : null, actorName: token?.name ?? null, actorEmail: null };
  }
  const user = auth.credentials ?? request.state.user;
  return { actorType: 'user', actorId: user?.id != null ? String(user.id) : null, actorName: user?.username ?? null, actorEmail: user?.email ?? null };
};

/** The actor an operation named (a scheduled action: who scheduled it), else the request's. */
export const currentActor = (strapi: Core.Strapi): AuditActor => scopedAuditActor() ?? actorOf(strapi.requestContext.get());
