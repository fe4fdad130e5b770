import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const SECRETS = ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY'];

/** No Docker engine runs here, so the compose file and Dockerfile are checked by reading them. */
describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml'));

  it('runs postgres:16 with a data volume and a healthcheck', () => {
    const db = compose.services.db;
    expect(db.image).toBe('postgres:16');
    expect(db.volumes).toContain('db-data:/var/lib/postgresql/data');
    expect(db.healthcheck.test.join(' ')).toContain('pg_isready');
    expect(compose.volumes).toHaveProperty('db-data');
  });

  it('builds the app from the Dockerfile and starts it once the database is healthy', () => {
    const app = compose.services.app;
    expect(app.build).toBe('.');
    expect(app.depends_on.db.condition).toBe('service_healthy');
    expect(app.healthcheck.test.join(' ')).toContain('/_health');
    expect(app.volumes).toContain('uploads:/opt/app/public/uploads');
    expect(compose.volumes).toHaveProperty('uploads');
  });

  it('configures production on Postgres with every secret required from the environment', () => {
    const env = compose.services.app.environment;
    expect(env).toMatchObject({ NODE_ENV: 'production', DATABASE_CLIENT: 'postgres', DATABASE_HOST: 'db' });
    for (const secret of SECRETS) expect(env[secret]).toBe(`\${${secret}:?set ${secret}}`);
    expect(env.DATABASE_PASSWORD).toBe(compose.services.db.environment.POSTGRES_PASSWORD);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('builds on Node 22 and runs the production build as an unprivileged user', () => {
    expect(dockerfile).toMatch(/^FROM node:22[-\w]* AS build$/m);
    expect(dockerfile).toMatch(/^FROM node:22[-\w]*$/m);
    expect(dockerfile).toMatch(/RUN npm ci/);
    expect(dockerfile).toMatch(/npm run build/);
    expect(dockerfile).toMatch(/NODE_ENV=production/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^CMD \["npm", "run", "start"\]$/m);
  });

  it('keeps secrets out of the image', () => {
    expect(read('.dockerignore').split('\n')).toContain('.env');
    for (const secret of SECRETS) expect(dockerfile).not.toContain(secret);
  });
});

describe('.env.example', () => {
  it('names every secret the app reads', () => {
    const example = read('.env.example');
    for (const secret of SECRETS) expect(example).toMatch(new RegExp(`^${secret}=`, 'm'));
  });
});
