import fs from 'fs';
import path from 'path';

/**
 * Production must not start on missing secrets or on the placeholders of .env.example: a copied
 * example file would otherwise sign every admin and API token with values anyone can read.
 * The placeholders are read from .env.example itself, so the two can never drift apart.
 */
export const REQUIRED_SECRETS = ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'ENCRYPTION_KEY'] as const;

/** Secrets that may be left out, but never set to the example's value. */
export const OPTIONAL_SECRETS = ['INITIAL_ADMIN_PASSWORD', 'PREVIEW_SECRET', 'PREVIEW_TOKEN'] as const;

type Env = Record<string, string | undefined>;

/** KEY=VALUE lines of a dotenv file (comments and blank lines skipped, surrounding quotes removed). */
export const parseEnvFile = (text: string): Env =>
  Object.fromEntries(
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#') && line.includes('='))
      .map((line) => {
        const [key, ...rest] = line.replace(/^export\s+/, '').split('=');
        return [key.trim(), rest.join('=').trim().replace(/^(['"])(.*)\1$/, '$2')];
      }),
  );

const items = (value: string) => value.split(',').map((item) => item.trim());

/**
 * One message per secret that is missing, empty or an example value. APP_KEYS is a list: each of
 * its keys is checked, so one real key beside a placeholder is refused too.
 */
export const productionSecretProblems = (env: Env, examples: Env): string[] =>
  [...REQUIRED_SECRETS, ...OPTIONAL_SECRETS].flatMap((name) => {
    const value = env[name]?.trim() ?? '';
    if (value === '') return (REQUIRED_SECRETS as readonly string[]).includes(name) ? [`${name} is not set`] : [];
    const example = examples[name];
    if (example === undefined || example === '') return [];
    const exampleItems = new Set(items(example));
    if (value === example || items(value).some((item) => item === '' || exampleItems.has(item))) {
      return [`${name} is the example value from .env.example (or contains one)`];
    }
    return [];
  });

/** .env.example of the app: beside package.json, above this module in src/ or in dist/src/. */
export const findEnvExample = (from = __dirname): string | undefined => {
  for (let dir = from, i = 0; i < 5; i += 1, dir = path.dirname(dir)) {
    const candidate = path.join(dir, '.env.example');
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
};

/** Throws, naming every offending variable, when NODE_ENV=production and a secret is unsafe. */
export const assertProductionSecrets = (env: Env = process.env, exampleFile: string | null = findEnvExample() ?? null) => {
  if (env.NODE_ENV !== 'production') return;
  if (!exampleFile) throw new Error('Refusing to start in production: .env.example was not found, so the secrets cannot be checked against its placeholders');
  const problems = productionSecretProblems(env, parseEnvFile(fs.readFileSync(exampleFile, 'utf8')));
  if (problems.length > 0) {
    throw new Error(
      `Refusing to start in production: ${problems.join('; ')}. ` +
        `Generate each with: node -e "console.log(require('crypto').randomBytes(16).toString('base64'))" (APP_KEYS: several, comma-separated).`,
    );
  }
};
