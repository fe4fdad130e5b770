import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { parseEnvFile } from '../../src/bootstrap/production-secrets';
import { APP_DIR } from '../setup/env';

/** scripts/ensure-env.js, which `npm run develop` and `npm run seed` run first. */
describe('the development .env', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcms-env-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (file: string, env: Record<string, string>) =>
    execFileSync(process.execPath, [path.join(APP_DIR, 'scripts', 'ensure-env.js')], {
      env: { PATH: process.env.PATH ?? '', ENV_PATH: file, ...env },
      encoding: 'utf8',
    });

  it('is never written in production: a deployment takes its settings from its environment', () => {
    const file = path.join(dir, 'production.env');
    expect(run(file, { NODE_ENV: 'production' })).toContain('NODE_ENV=production: no development .env written');
    expect(fs.existsSync(file)).toBe(false);
  });

  it('is written with fresh secrets and a first admin for development, readable by its owner only', () => {
    const file = path.join(dir, 'development.env');
    expect(run(file, { NODE_ENV: 'development' })).toMatch(/Admin panel login: admin@example\.com \/ Leeds-[0-9a-f]{12}-A1/);
    const values = parseEnvFile(fs.readFileSync(file, 'utf8'));
    expect(values).toMatchObject({ INITIAL_ADMIN_EMAIL: 'admin@example.com', INITIAL_ADMIN_PASSWORD: expect.stringMatching(/^Leeds-/) });
    expect((values.APP_KEYS ?? "").split(',').length).toBeGreaterThan(1);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('never touches an existing file', () => {
    const file = path.join(dir, 'existing.env');
    fs.writeFileSync(file, 'MINE=1\n');
    run(file, { NODE_ENV: 'development' });
    expect(fs.readFileSync(file, 'utf8')).toBe('MINE=1\n');
  });
});
