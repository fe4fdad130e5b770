import type { Core } from '@strapi/strapi';

/** Token lifespans Strapi accepts, in days (no --days: the token does not expire). */
export const TOKEN_LIFESPAN_DAYS = [7, 30, 90];

export type TokenRequest = { name: string; days?: number };

/** `--name web-team [--days 30]` → { name, days }, or an error saying what is wrong. */
export const parseTokenArguments = (argv: string[]): TokenRequest => {
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    if (index === -1) return undefined;
    const found = argv[index + 1];
    if (found === undefined || found.startsWith('--')) throw new Error(`${flag} needs a value`);
    return found;
  };
  const unknown = argv.filter((arg, index) => arg.startsWith('--') && !['--name', '--days'].includes(arg) && argv[index - 1] !== '--name');
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(', ')}; usage: npm run token:create -- --name NAME [--days 7|30|90]`);
  const name = value('--name');
  if (!name || name.trim() === '') throw new Error('usage: npm run token:create -- --name NAME [--days 7|30|90]');
  const daysText = value('--days');
  if (daysText === undefined) return { name };
  const days = Number(daysText);
  if (!TOKEN_LIFESPAN_DAYS.includes(days)) throw new Error(`--days must be one of ${TOKEN_LIFESPAN_DAYS.join(', ')} (Strapi's token lifespans), got ${daysText}`);
  return { name, days };
};

/** Creates a read-only content API token and returns its secret, which is shown only once. */
export const createReadOnlyToken = async (strapi: Core.Strapi, { name, days }: TokenRequest) => {
  const tokens = strapi.service('admin::api-token');
  if (await tokens.exists({ name })) throw new Error(`an API token named "${name}" already exists; choose another name or revoke it in Settings → API Tokens`);
  const token = await tokens.create({
    name,
    description: 'Read-only access to the published content (created with npm run token:create)',
    kind: 'content-api',
    type: 'read-only',
    lifespan: days ? days * 24 * 60 * 60 * 1000 : null,
  });
  return { accessKey: token.accessKey as string, expiresAt: token.expiresAt as string | null };
};
