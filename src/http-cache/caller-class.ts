import type { Core } from '@strapi/strapi';
import { LRUCache } from 'lru-cache';

/**
 * Whether an Authorization header carries a valid read-only API token: such callers see exactly
 * what the public sees, so they may share the public cache. Answers are remembered for a few
 * seconds to keep the token lookup off the hot path.
 */
export const readOnlyTokenChecker = (strapi: Core.Strapi) => {
  const answers = new LRUCache<string, boolean>({ max: 500, ttl: 10_000 });
  return async (authorization: string): Promise<boolean> => {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) return false;
    const remembered = answers.get(match[1]);
    if (remembered !== undefined) return remembered;
    const tokens = strapi.service('admin::api-token');
    const token = await tokens.getByAccessKey(tokens.hash(match[1]));
    const readOnly = token?.type === 'read-only' && (!token.expiresAt || new Date(token.expiresAt).getTime() > Date.now());
    answers.set(match[1], readOnly);
    return readOnly;
  };
};
