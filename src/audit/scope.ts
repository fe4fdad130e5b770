import { AsyncLocalStorage } from 'async_hooks';

/** Who made a change: an admin, an API token, a users-permissions user, or the system. */
export type AuditActor = { actorType: 'admin' | 'api-token' | 'user' | 'system'; actorId: string | null; actorName: string | null; actorEmail: string | null };

/**
 * Names the action of the document writes a larger operation makes, so the audit log says
 * `xliff-import` rather than a plain `update` for the writes of an XLIFF import; and, for writes
 * made with no request (a scheduled publish), on whose behalf they are made.
 */
const scope = new AsyncLocalStorage<{ action: string; actor?: AuditActor }>();

export const withAuditAction = <T>(action: string, run: () => Promise<T>, actor?: AuditActor): Promise<T> => scope.run({ action, actor }, run);

export const scopedAuditAction = (): string | undefined => scope.getStore()?.action;

export const scopedAuditActor = (): AuditActor | undefined => scope.getStore()?.actor;
