import fs from 'fs';
import path from 'path';
import apiConfig from '../../config/api';
import serverConfig from '../../config/server';
import middlewaresConfig from '../../config/middlewares';
import { envFrom } from '../helpers/config-env';

const ROOT = path.resolve(__dirname, '..', '..');
const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
const env = envFrom(process.env);

describe('project set-up', () => {
  it('pins every @strapi package to exactly 5.54.0, without the cloud plugin', () => {
    // Versioned on their own: the API consumers' SDK, and the admin UI kit (pinned to what @strapi/admin 5.54.0 uses).
    // The S3 provider has no 5.54.0 in the registry; its newest, 5.52.3, depends on no other @strapi package.
    const ownVersionLine = ['@strapi/client', '@strapi/design-system', '@strapi/icons', '@strapi/provider-upload-aws-s3'];
    const strapiDeps = Object.entries({ ...packageJson.dependencies, ...packageJson.devDependencies }).filter(
      ([name]) => name.startsWith('@strapi/') && !ownVersionLine.includes(name),
    );
    expect(strapiDeps.length).toBeGreaterThanOrEqual(3);
    for (const [, version] of strapiDeps) expect(version).toBe('5.54.0');
    expect(packageJson.dependencies).not.toHaveProperty('@strapi/plugin-cloud');
    const admin = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', '@strapi', 'admin', 'package.json'), 'utf8'));
    for (const name of ['@strapi/design-system', '@strapi/icons']) expect(packageJson.dependencies[name]).toBe(admin.dependencies[name]);
    const s3 = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', '@strapi', 'provider-upload-aws-s3', 'package.json'), 'utf8'));
    expect(s3.version).toMatch(/^5\./);
    expect(Object.keys(s3.dependencies ?? {}).filter((name) => name.startsWith('@strapi/'))).toEqual([]);
    for (const name of ['@strapi/strapi', '@strapi/core', '@strapi/i18n', '@strapi/database', '@strapi/plugin-users-permissions']) {
      expect(lock.packages[`node_modules/${name}`].version).toBe('5.54.0');
    }
  });

  it('uses pg and better-sqlite3 12 (13 crashes on Node 20)', () => {
    expect(packageJson.dependencies).toHaveProperty('pg');
    expect(lock.packages['node_modules/better-sqlite3'].version).toMatch(/^12\./);
  });

  it('turns telemetry and the update check off', () => {
    expect(packageJson.strapi.telemetryDisabled).toBe(true);
    expect(serverConfig({ env }).logger?.updates?.enabled).toBe(false);
  });

  it('keeps strictParams and caps pages at 100', () => {
    expect(apiConfig().rest).toMatchObject({ strictParams: true, maxLimit: 100 });
  });

  it('runs no poweredBy middleware', () => {
    const names = middlewaresConfig({ env }).map((entry: any) => (typeof entry === 'string' ? entry : entry.name));
    expect(names).toContain('global::http-cache');
    expect(names).not.toContain('strapi::poweredBy');
  });
});
