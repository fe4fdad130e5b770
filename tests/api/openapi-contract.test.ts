import fs from 'fs';
import os from 'os';
import path from 'path';
import { execFileSync } from 'child_process';
import type { AddressInfo } from 'net';
import { useApp } from '../helpers/strapi';
import { APP_DIR } from '../setup/env';
import { frenchPartnershipsByAge, languageSwitcher } from '../../docs/examples/typed-client';

/**
 * The contract the web team generates clients from is committed (types/api/openapi.json, and the
 * TypeScript types openapi-typescript makes of it, types/api/public-api.d.ts) and must be what the
 * app serves: this fails when either is stale. `npm run openapi:types` rewrites both (this file
 * with UPDATE_OPENAPI=true). The typed-client example of docs/web-developers.md is type-checked
 * against the committed types (npm run typecheck) and run here against the app.
 */
const DOCUMENT_FILE = path.join(APP_DIR, 'types', 'api', 'openapi.json');
const TYPES_FILE = path.join(APP_DIR, 'types', 'api', 'public-api.d.ts');
const generateTypes = (from: string, to: string) =>
  execFileSync(process.execPath, [path.join(APP_DIR, 'node_modules', 'openapi-typescript', 'bin', 'cli.js'), from, '--output', to], { cwd: APP_DIR, stdio: 'pipe' });

describe('the committed API contract', () => {
  const app = useApp();
  let served: unknown;

  beforeAll(async () => {
    served = (await app().http().get('/api/openapi.json')).body;
    if (process.env.UPDATE_OPENAPI === 'true') {
      fs.writeFileSync(DOCUMENT_FILE, `${JSON.stringify(served, null, 2)}\n`);
      generateTypes(DOCUMENT_FILE, TYPES_FILE);
    }
  });

  it('types/api/openapi.json is the document the app serves (run `npm run openapi:types` when this fails)', () => {
    expect(JSON.parse(fs.readFileSync(DOCUMENT_FILE, 'utf8'))).toEqual(served);
  });

  it('types/api/public-api.d.ts is what openapi-typescript makes of it', () => {
    const fresh = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pcms-types-')), 'public-api.d.ts');
    generateTypes(DOCUMENT_FILE, fresh);
    expect(fs.readFileSync(TYPES_FILE, 'utf8')).toBe(fs.readFileSync(fresh, 'utf8'));
    fs.rmSync(path.dirname(fresh), { recursive: true, force: true });
  }, 60_000);

  describe('the typed-client example (openapi-fetch)', () => {
    let baseUrl: string;
    beforeAll(async () => {
      const server = app().strapi.server.httpServer;
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise((resolve) => app().strapi.server.httpServer.close(resolve));
    });

    it('lists the French partnerships, oldest first, with their cities', async () => {
      expect(await frenchPartnershipsByAge(baseUrl)).toEqual(['Siegen (1966)', 'Lille (1968)', 'Dortmund (1969)', 'Hangzhou (1988)', 'Brno (1991)', 'Durban (1998)']);
    });

    it('draws a language switcher from the locales', async () => {
      expect(await languageSwitcher(baseUrl)).toEqual([
        { code: 'cs', label: 'Czech (cs)', isDefault: false },
        { code: 'de', label: 'German (de)', isDefault: false },
        { code: 'en', label: 'English (en)', isDefault: true },
        { code: 'fr', label: 'French (fr)', isDefault: false },
        { code: 'zh-Hans', label: 'Chinese (Simplified) (zh-Hans)', isDefault: false },
      ]);
    });
  });
});
