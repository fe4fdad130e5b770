import { AsyncLocalStorage } from 'async_hooks';

/**
 * Names the action of the document writes a larger operation makes, so the audit log says
 * `xliff-import` rather than a plain `update` for the writes of an XLIFF import.
 */
const scope = new AsyncLocalStorage<{ action: string }>();

export const withAuditAction = <T>(action: string, run: () => Promise<T>): Promise<T> => scope.run({ action }, run);

export const scopedAuditAction = (): string | undefined => scope.getStore()?.action;
