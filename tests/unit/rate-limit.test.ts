import rateLimitConfig from '../../config/rate-limit';
import middlewaresConfig from '../../config/middlewares';
import adminSignInConfig from '../../config/admin-sign-in';
import serverConfig from '../../config/server';
import { bodyLimits, parseSize, uploadSizeLimit, xliffSizeLimit } from '../../src/request-bodies/body-limits';
import { FixedWindowLimiter } from '../../src/rate-limit/limiter';
import { envFrom } from '../helpers/config-env';

describe('fixed-window rate limiter', () => {
  const clock = () => {
    const state = { now: 1_000_000 };
    return Object.assign(state, { read: () => state.now });
  };

  it('allows max requests per window, then refuses with the seconds left', () => {
    const time = clock();
    const limiter = new FixedWindowLimiter({ max: 3, windowMs: 10_000, maxClients: 100, now: time.read });
    expect([1, 2, 3].map(() => limiter.hit('a').allowed)).toEqual([true, true, true]);
    time.now += 2_500;
    expect(limiter.hit('a')).toEqual({ allowed: false, limit: 3, remaining: 0, retryAfterSeconds: 8 });
    expect(limiter.hit('b').allowed).toBe(true);
    expect(limiter.exceeded('a')).toMatchObject({ allowed: false });
    expect(limiter.exceeded('b')).toBeUndefined();
  });

  it('starts a new window when the old one ends', () => {
    const time = clock();
    const limiter = new FixedWindowLimiter({ max: 1, windowMs: 1_000, maxClients: 100, now: time.read });
    limiter.hit('a');
    expect(limiter.hit('a').allowed).toBe(false);
    time.now += 1_000;
    expect(limiter.exceeded('a')).toBeUndefined();
    expect(limiter.hit('a')).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('keeps at most maxClients windows', () => {
    const limiter = new FixedWindowLimiter({ max: 1, windowMs: 60_000, maxClients: 50 });
    for (let i = 0; i < 10_000; i += 1) limiter.hit(`ip:${i}`);
    expect(limiter.size).toBe(50);
  });
});

describe('limits config', () => {
  it('rate limit: on in production, off otherwise, unless RATE_LIMIT_ENABLED says', () => {
    expect(rateLimitConfig({ env: envFrom({ NODE_ENV: 'production' }) })).toEqual({ enabled: true, max: 300, windowSeconds: 60, maxClients: 10000 });
    expect(rateLimitConfig({ env: envFrom({ NODE_ENV: 'development' }) }).enabled).toBe(false);
    expect(rateLimitConfig({ env: envFrom({ NODE_ENV: 'production', RATE_LIMIT_ENABLED: 'false' }) }).enabled).toBe(false);
    expect(rateLimitConfig({ env: envFrom({ RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_SECONDS: '2' }) })).toMatchObject({
      enabled: true,
      max: 5,
      windowSeconds: 2,
    });
  });

  it('body limits: defaults and env overrides; the global parser never reads multipart', () => {
    expect(bodyLimits(envFrom({}))).toEqual({ jsonLimit: '1mb', formLimit: '1mb', textLimit: '10mb', multipart: false });
    expect(bodyLimits(envFrom({ BODY_JSON_LIMIT: '10kb' }))).toMatchObject({ jsonLimit: '10kb', multipart: false });
    expect(uploadSizeLimit(envFrom({}))).toBe(50 * 1024 * 1024);
    expect(uploadSizeLimit(envFrom({ UPLOAD_MAX_FILE_SIZE_MB: '2' }))).toBe(2 * 1024 * 1024);
    expect(xliffSizeLimit(envFrom({ BODY_TEXT_LIMIT: '4kb' }))).toBe(4096);
  });

  it('reads sizes as koa-body writes them', () => {
    expect([parseSize('10mb'), parseSize('512KB'), parseSize('1.5kb'), parseSize(' 7 '), parseSize(300)]).toEqual([10485760, 524288, 1536, 7, 300]);
    expect(() => parseSize('ten megabytes')).toThrow(/not a size/);
  });

  it('the rate limit sits after the HTTP cache, inside strapi::errors; the 413 mapper around strapi::body', () => {
    const names = middlewaresConfig({ env: envFrom({}) }).map((entry: any) => (typeof entry === 'string' ? entry : entry.name));
    expect(names.indexOf('global::rate-limit')).toBeGreaterThan(names.indexOf('global::http-cache'));
    expect(names.indexOf('global::rate-limit')).toBeGreaterThan(names.indexOf('strapi::errors'));
    expect(names.indexOf('global::payload-too-large')).toBe(names.indexOf('strapi::body') - 1);
  });

  it('HSTS only in production', () => {
    const hsts = (env: any) => (middlewaresConfig({ env }).find((entry: any) => entry?.name === 'strapi::security') as any).config.hsts;
    expect(hsts(envFrom({ NODE_ENV: 'production' }))).toEqual({ maxAge: 31536000, includeSubDomains: true });
    expect(hsts(envFrom({ NODE_ENV: 'development' }))).toBe(false);
  });

  it('admin sign-in over plain http: refused in production unless ADMIN_ALLOW_PLAIN_HTTP says', () => {
    const httpsOnly = (env: any) => adminSignInConfig({ env }).httpsOnly;
    expect(httpsOnly(envFrom({ NODE_ENV: 'production' }))).toBe(true);
    expect(httpsOnly(envFrom({ NODE_ENV: 'production', ADMIN_ALLOW_PLAIN_HTTP: 'true' }))).toBe(false);
    expect(httpsOnly(envFrom({ NODE_ENV: 'development' }))).toBe(false);
  });

  it('the first super admin: from INITIAL_ADMIN_*; registering at /admin only outside production unless allowed', () => {
    const config = (env: Record<string, string>) => adminSignInConfig({ env: envFrom(env) } as any);
    expect(config({ NODE_ENV: 'production' }).openFirstRegistration).toBe(false);
    expect(config({ NODE_ENV: 'production', ADMIN_OPEN_FIRST_REGISTRATION: 'true' }).openFirstRegistration).toBe(true);
    expect(config({ NODE_ENV: 'development' }).openFirstRegistration).toBe(true);
    expect(config({ NODE_ENV: 'production', INITIAL_ADMIN_EMAIL: 'a@b.c', INITIAL_ADMIN_PASSWORD: 'Xyz-12345' }).initialAdmin).toMatchObject({ email: 'a@b.c', password: 'Xyz-12345' });
    // The names older development .env files use count outside production only.
    expect(config({ NODE_ENV: 'development', DEV_ADMIN_EMAIL: 'd@e.f', DEV_ADMIN_PASSWORD: 'Dev-12345' }).initialAdmin).toMatchObject({ email: 'd@e.f' });
    expect(config({ NODE_ENV: 'production', DEV_ADMIN_EMAIL: 'd@e.f', DEV_ADMIN_PASSWORD: 'Dev-12345' }).initialAdmin.email).toBeUndefined();
  });

  it('trusts a proxy only when TRUST_PROXY is set, and then only its last hop', () => {
    expect(serverConfig({ env: envFrom({}) }).proxy).toEqual({ koa: false, maxIpsCount: 1 });
    expect(serverConfig({ env: envFrom({ TRUST_PROXY: 'true', TRUST_PROXY_HOPS: '2' }) }).proxy).toEqual({ koa: true, maxIpsCount: 2 });
  });
});
