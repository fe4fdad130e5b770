import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const SECRETS = ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY'];

/** No Docker engine runs here, so the compose file and Dockerfile are checked by reading them. */
describe('docker-compose.yml', () => {
  // Merge keys (<<: *app) as docker compose reads them.
  const compose = parse(read('docker-compose.yml'), { merge: true });
  const apps = ['app-1', 'app-2'].map((name) => compose.services[name]);

  it('runs postgres:16 with a data volume and a healthcheck', () => {
    const db = compose.services.db;
    expect(db.image).toBe('postgres:16');
    expect(db.volumes).toContain('db-data:/var/lib/postgresql/data');
    expect(db.healthcheck.test.join(' ')).toContain('pg_isready');
    expect(compose.volumes).toHaveProperty('db-data');
  });

  it('keeps media in MinIO, with a bucket created before the apps start', () => {
    expect(compose.services.minio.image).toMatch(/^minio\/minio/);
    expect(compose.services.minio.volumes).toContain('media:/data');
    expect(compose.services.minio.healthcheck.test).toEqual(['CMD', 'mc', 'ready', 'local']);
    expect(compose.services['minio-setup'].entrypoint).toMatch(/mc mb --ignore-existing/);
    expect(compose.volumes).toHaveProperty('media');
  });

  it('runs two identical app replicas from the Dockerfile, started once the database and bucket are ready', () => {
    for (const app of apps) {
      expect(app.build).toBe('.');
      expect(app.depends_on.db.condition).toBe('service_healthy');
      expect(app.depends_on['minio-setup'].condition).toBe('service_completed_successfully');
      expect(app.healthcheck.test.join(' ')).toContain('/_ready');
      expect(app.volumes).toBeUndefined();
    }
    expect(apps[1].environment).toEqual(apps[0].environment);
  });

  it('configures production on Postgres and MinIO with every secret required from the environment', () => {
    const env = apps[0].environment;
    expect(env).toMatchObject({ NODE_ENV: 'production', DATABASE_CLIENT: 'postgres', DATABASE_HOST: 'db', S3_ENDPOINT: 'http://minio:9000' });
    for (const secret of [...SECRETS, 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']) expect(env[secret]).toBe(`\${${secret}:?set ${secret}}`);
    expect(env.DATABASE_PASSWORD).toBe(compose.services.db.environment.POSTGRES_PASSWORD);
    // The replicas sit behind nginx, which sets X-Forwarded-For and X-Forwarded-Proto.
    expect(env.TRUST_PROXY).toBe('true');
    // nginx serves plain http on :8080: admin sign-in must be allowed there, and switchable off.
    expect(env.ADMIN_ALLOW_PLAIN_HTTP).toBe('${ADMIN_ALLOW_PLAIN_HTTP:-true}');
    expect(env.S3_ACCESS_KEY_ID).toBe(compose.services.minio.environment.MINIO_ROOT_USER);
  });

  it('puts nginx in front, balancing round robin over both replicas, health-checked on /_ready', () => {
    const lb = compose.services.lb;
    expect(lb.image).toMatch(/^nginx/);
    expect(lb.depends_on).toEqual({ 'app-1': { condition: 'service_healthy' }, 'app-2': { condition: 'service_healthy' } });
    expect(lb.volumes).toContain('./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro');
    const nginx = read('deploy/nginx.conf');
    expect(nginx).toMatch(/server app-1:1337/);
    expect(nginx).toMatch(/server app-2:1337/);
    expect(nginx).not.toMatch(/least_conn|ip_hash|hash /);
    expect(nginx).toMatch(/proxy_next_upstream error timeout http_502 http_503 http_504/);
    expect(lb.healthcheck.test.join(' ')).toContain('/_ready');
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
