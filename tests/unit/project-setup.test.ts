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

/** Node 20 is end of life: CI tests on Node 22, the version the Docker image runs. */
describe('supported Node versions', () => {
  const major = (version: string) => Number(version.replace(/^v/, '').split('.')[0]);
  const engines = packageJson.engines.node as string;
  const [, lowest, below] = engines.match(/^>=(\d+\.\d+\.\d+) <(\d+)\.0\.0$/) ?? [];

  it('says in engines which majors are supported: 20 (from 20.12) and 22', () => {
    expect(lowest).toBe('20.12.0');
    expect(Number(below)).toBe(23);
  });

  it('tests in CI on the Node major the Docker image runs, inside engines', () => {
    const ciNode = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8').match(/^NODE22_VERSION=(\S+)$/m)?.[1];
    const imageNode = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8').match(/^FROM node:(\d+)-/m)?.[1];
    expect(ciNode && major(ciNode)).toBe(Number(imageNode));
    expect(major(ciNode!)).toBeLessThan(Number(below));
  });

  it('runs on a supported Node', () => {
    const [maj, min] = process.versions.node.split('.').map(Number);
    expect(maj === 20 ? min >= 12 : maj === 22).toBe(true);
  });
});
