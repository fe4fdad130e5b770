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

  it('pins every image to a version: no latest, no bare name; the app image carries the package version', () => {
    const images = Object.entries<any>(compose.services).map(([name, service]) => [name, service.image as string | undefined]);
    expect(images.length).toBeGreaterThanOrEqual(5);
    for (const [name, image] of images) {
      expect({ name, image }).toEqual({ name, image: expect.stringMatching(/^[\w./-]+(:[\w.-]+)?(@sha256:[0-9a-f]{64})?$/) });
      const tag = image!.match(/:([\w.-]+)(@|$)/)?.[1];
      const digest = image!.includes('@sha256:');
      expect({ name, pinned: digest || (tag !== undefined && tag !== 'latest' && /\d/.test(tag)) }).toEqual({ name, pinned: true });
    }
    expect(compose.services['app-1'].image).toBe(`partner-cities-cms:${JSON.parse(read('package.json')).version}`);
  });

  it('runs PostgreSQL 16 with a data volume and a healthcheck', () => {
    const db = compose.services.db;
    expect(db.image).toMatch(/^postgres:16\.\d+/);
    expect(db.volumes).toContain('db-data:/var/lib/postgresql/data');
    expect(db.healthcheck.test.join(' ')).toContain('pg_isready');
    expect(compose.volumes).toHaveProperty('db-data');
  });

  it('keeps media in SeaweedFS on a volume of its own, readable by anyone, writable with the app key only', () => {
    const store = compose.services['media-store'];
    expect(store.image).toMatch(/^chrislusf\/seaweedfs:\d+\.\d+$/);
    expect(store.volumes).toEqual(['media-store:/data']);
    expect(store.command).toMatch(/-s3 .*-s3\.config=\/etc\/seaweedfs\/identities\.json/);
    expect(store.configs).toEqual([{ source: 'media-store-identities', target: '/etc/seaweedfs/identities.json' }]);
    expect(store.healthcheck.test).toEqual(['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:9333/cluster/status']);
    // No MinIO left, and its volume (unreadable by SeaweedFS) is not mounted under another name.
    expect(Object.keys(compose.services).filter((name) => /minio/.test(name))).toEqual([]);
    expect(compose.volumes).not.toHaveProperty('media');

    const identities = JSON.parse(compose.configs['media-store-identities'].content).identities;
    expect(identities).toEqual([
      { name: 'partner-cities-cms', credentials: [{ accessKey: '${S3_ACCESS_KEY_ID:?set S3_ACCESS_KEY_ID}', secretKey: '${S3_SECRET_ACCESS_KEY:?set S3_SECRET_ACCESS_KEY}' }], actions: expect.arrayContaining(['Admin', 'Write', 'Read']) },
      { name: 'anonymous', actions: ['Read:${S3_BUCKET:-partner-cities}'] },
    ]);
  });

  it('runs two identical app replicas from the Dockerfile, started once the database and media store are ready', () => {
    for (const app of apps) {
      expect(app.build).toBe('.');
      expect(app.depends_on.db.condition).toBe('service_healthy');
      expect(app.depends_on['media-store'].condition).toBe('service_healthy');
      expect(app.healthcheck.test.join(' ')).toContain('/_ready');
      expect(app.volumes).toBeUndefined();
    }
    expect(apps[1].environment).toEqual(apps[0].environment);
  });

  it('configures production on Postgres and SeaweedFS with every secret required from the environment', () => {
    const env = apps[0].environment;
    expect(env).toMatchObject({ NODE_ENV: 'production', DATABASE_CLIENT: 'postgres', DATABASE_HOST: 'db', S3_ENDPOINT: 'http://media-store:8333', S3_CREATE_BUCKET: 'true' });
    expect(env.S3_PUBLIC_URL).toBe('${S3_PUBLIC_URL:-http://localhost:8333/partner-cities}');
    for (const secret of [...SECRETS, 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']) expect(env[secret]).toBe(`\${${secret}:?set ${secret}}`);
    expect(env.DATABASE_PASSWORD).toBe(compose.services.db.environment.POSTGRES_PASSWORD);
    // The replicas sit behind nginx, which sets X-Forwarded-For and X-Forwarded-Proto.
    expect(env.TRUST_PROXY).toBe('true');
    // nginx serves plain http on :8080: admin sign-in must be allowed there, and switchable off.
    expect(env.ADMIN_ALLOW_PLAIN_HTTP).toBe('${ADMIN_ALLOW_PLAIN_HTTP:-true}');
  });

  it('puts nginx in front of the editors\' own instance, the public replicas as its backups, health-checked on /_ready', () => {
    const lb = compose.services.lb;
    expect(lb.image).toMatch(/^nginx/);
    expect(lb.depends_on).toEqual({ 'app-editor': { condition: 'service_healthy' } });
    expect(lb.volumes).toContain('./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro');
    expect(lb.ports).toEqual(['${ADMIN_PORT:-8081}:80']);
    const nginx = read('deploy/nginx.conf');
    expect(nginx).toMatch(/server app-editor:1337 max_fails=2 fail_timeout=10s;/);
    expect(nginx).toMatch(/server app-1:1337 .*backup;/);
    expect(nginx).toMatch(/server app-2:1337 .*backup;/);
    expect(nginx).toMatch(/proxy_next_upstream error timeout http_502 http_503 http_504/);
    expect(lb.healthcheck.test.join(' ')).toContain('/_ready');
  });

  it('runs the editors\' instance from the same image and settings, at the admin address', () => {
    const editor = compose.services['app-editor'];
    expect(editor.image).toBe(apps[0].image);
    expect(editor.healthcheck).toEqual(apps[0].healthcheck);
    expect({ ...editor.environment, PUBLIC_URL: undefined }).toEqual({ ...apps[0].environment, PUBLIC_URL: undefined });
    expect(editor.environment.PUBLIC_URL).toBe('${ADMIN_URL:-http://localhost:8081}');
  });

  it('gives the editors\' instance and the database four times the public side\'s CPU weight when the host is busy', () => {
    const weight = (name: string): number => compose.services[name].cpu_shares ?? 1024; // Docker's default
    for (const publicSide of ['app-1', 'app-2', 'edge']) {
      expect({ publicSide, weight: weight(publicSide) }).toEqual({ publicSide, weight: 256 });
    }
    for (const editorSide of ['app-editor', 'db', 'lb']) expect({ editorSide, weight: weight(editorSide) }).toEqual({ editorSide, weight: 1024 });
    // A weight, not a cap: nothing limits the public side while the editors are idle.
    for (const service of Object.values(compose.services) as Array<Record<string, unknown>>) {
      expect([service.cpus, service.cpu_quota, (service.deploy as { resources?: unknown } | undefined)?.resources]).toEqual([undefined, undefined, undefined]);
    }
  });

  it('puts Varnish with xkey in front of the public replicas, on the public port, purged by every instance', () => {
    const edge = compose.services.edge;
    expect(edge.image).toMatch(/^varnish:7\.\d+\.\d+$/);
    expect(edge.depends_on).toEqual({ 'app-1': { condition: 'service_healthy' }, 'app-2': { condition: 'service_healthy' } });
    expect(edge.ports).toEqual(['${PORT:-8080}:80']);
    expect(edge.volumes).toEqual(['./deploy/varnish.vcl:/etc/varnish/default.vcl:ro', './deploy/varnish-backends.compose.vcl:/etc/varnish/varnish-backends.vcl:ro']);
    expect(edge.command.join(' ')).toMatch(/^varnishd -F -a :80 -f \/etc\/varnish\/default\.vcl -p http_gzip_support=off -s malloc,/);
    expect(edge.healthcheck.test).toEqual(['CMD', 'varnishadm', 'ping']);
    for (const app of [...apps, compose.services['app-editor']]) expect(app.environment.VARNISH_PURGE_URLS).toBe('http://edge/');

    const backends = read('deploy/varnish-backends.compose.vcl');
    expect(backends).toMatch(/probe ready \{\s*\.url = "\/_ready";/);
    for (const name of ['app-1', 'app-2']) expect(backends).toContain(`.host = "${name}";`);
    expect(backends).toMatch(/new origin = directors\.round_robin\(\);/);
    const vcl = read('deploy/varnish.vcl');
    expect(vcl).toMatch(/^vcl 4\.1;/);
    expect(vcl).toMatch(/^import xkey;$/m);
    expect(vcl).toMatch(/include "varnish-backends\.vcl";/);
  });

  it('lets exactly the instances that purge send PURGE: no private range anywhere', () => {
    const backends = read('deploy/varnish-backends.compose.vcl');
    const acl = /acl purgers \{([^}]*)\}/.exec(backends)?.[1] ?? '';
    const purgers = [...acl.matchAll(/"([^"]+)"(\/\d+)?;/g)].map((match) => ({ address: match[1], mask: match[2] }));
    const purging = Object.entries<any>(compose.services).filter(([, service]) => service.environment?.VARNISH_PURGE_URLS).map(([name]) => name);
    expect(purgers.map((purger) => purger.address).sort()).toEqual(['127.0.0.1', '::1', ...purging].sort());
    expect(purgers.filter((purger) => purger.mask !== undefined)).toEqual([]);
    expect(read('deploy/varnish.vcl')).not.toMatch(/^\s*acl /m);
  });
});

describe('docker-compose.yml: the reference site', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true });
  const site = compose.services.site;

  it('runs the site from the app image, reading the public API through the edge cache once it is healthy', () => {
    expect(site.image).toBe(compose.services['app-1'].image);
    expect(site.command).toEqual(['node', 'site/dist/server.js']);
    expect(site.depends_on).toEqual({ edge: { condition: 'service_healthy' } });
    expect(site.environment).toMatchObject({ NODE_ENV: 'production', SITE_PORT: 3000, CMS_URL: 'http://edge' });
    expect(site.ports).toEqual(['${SITE_PORT:-3000}:3000']);
    expect(site.healthcheck.test.join(' ')).toContain('http://127.0.0.1:3000/healthz');
    expect(read('Dockerfile')).toMatch(/npm run site:build/);
  });

  it('shares the preview secrets with the app replicas, required from the environment, and the site address with both', () => {
    for (const name of ['PREVIEW_SECRET', 'PREVIEW_TOKEN']) {
      expect(site.environment[name]).toBe(`\${${name}:?set ${name}}`);
      for (const app of ['app-1', 'app-2']) expect(compose.services[app].environment[name]).toBe(site.environment[name]);
    }
    expect(compose.services['app-1'].environment.SITE_URL).toBe(site.environment.SITE_URL);
    // Only the admin panel (the editors' instance behind nginx) may frame a preview.
    expect(site.environment.ADMIN_ORIGIN).toBe(compose.services['app-editor'].environment.PUBLIC_URL);
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
