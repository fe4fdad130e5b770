import path from 'path';
import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the admin panel (`npm run test:e2e`). Debian's Chromium, never a downloaded
 * browser. One worker: the journeys share one server and its database.
 *
 * Projects run in order: `journeys` (editor, translator, accessibility), then `after-journeys`,
 * whose specs may look at what the journeys changed (e.g. the audit log).
 */
const RESULTS_DIR = path.resolve(__dirname, '..', '..', 'test-results');

export default defineConfig({
  testDir: __dirname,
  outputDir: path.join(RESULTS_DIR, 'artifacts'),
  globalSetup: path.join(__dirname, 'global-setup.ts'),
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: true,
  timeout: 300_000,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['json', { outputFile: path.join(RESULTS_DIR, 'e2e-results.json') }]],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1366, height: 900 },
    actionTimeout: 30_000,
    navigationTimeout: 30_000,
    acceptDownloads: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'journeys', testMatch: /(editor|translator|accessibility|scheduling|history|preview|site)\.spec\.ts$/ },
    { name: 'after-journeys', testMatch: /audit\.spec\.ts$/, dependencies: ['journeys'] },
  ],
});
