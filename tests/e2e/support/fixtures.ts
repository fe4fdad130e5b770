import path from 'path';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { RESULTS_DIR } from './server';
import { adminApi, type Persona, type Users } from './users';
import { skipGuidedTourWhenShown } from './panel';

export const SCREENSHOTS_DIR = path.join(RESULTS_DIR, 'screens');

type WorkerFixtures = {
  /** Where the production server of this run listens (set by global-setup.ts). */
  appUrl: string;
  /** The reference site of this run (site/), reading appUrl's public API. */
  siteUrl: string;
  users: Users;
  /** Admin API as a person (JWT), for set-up steps and for checking what the server refuses. */
  api: (persona: Persona) => ReturnType<typeof adminApi>;
};

type Fixtures = {
  /** Signs a person in: through the login page the first time in a run, as they would, then back into that session. */
  login: (page: Page, persona: Persona) => Promise<void>;
  /** A full-page screenshot of a key screen, test-results/screens/<journey>-<name>.png. */
  shot: (page: Page, name: string) => Promise<void>;
};

const required = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests with npm run test:e2e`);
  return value;
};

/**
 * Each person signs in through the login page once per run; later journeys reuse that session.
 * Strapi allows 5 sign-ins per email address in 5 minutes (`admin.rateLimit`), and the editor
 * appears in more journeys than that.
 */
const sessions = new Map<Persona, Awaited<ReturnType<BrowserContext['storageState']>>>();

export const test = base.extend<Fixtures, WorkerFixtures>({
  appUrl: [async ({}, use) => use(required('E2E_BASE_URL')), { scope: 'worker' }],
  siteUrl: [async ({}, use) => use(required('E2E_SITE_URL')), { scope: 'worker' }],
  users: [async ({}, use) => use(JSON.parse(required('E2E_USERS')) as Users), { scope: 'worker' }],
  // One API login per person and run: Strapi allows 5 logins per email in 5 minutes.
  api: [
    async ({ appUrl, users }, use) => {
      const sessions = new Map<Persona, ReturnType<typeof adminApi>>();
      await use((persona) => {
        if (!sessions.has(persona)) sessions.set(persona, adminApi(appUrl, users[persona]));
        return sessions.get(persona)!;
      });
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ appUrl }, use) => use(appUrl),
  page: async ({ page }, use) => {
    await skipGuidedTourWhenShown(page);
    await use(page);
  },
  login: async ({ users, appUrl }, use) =>
    use(async (page, persona) => {
      const saved = sessions.get(persona);
      if (saved) {
        // Signed in before in this run: the same session, as a person coming back to the panel.
        await page.context().addCookies(saved.cookies);
        const items = saved.origins.find((origin) => origin.origin === new URL(appUrl).origin)?.localStorage ?? [];
        await page.addInitScript((entries) => {
          for (const { name, value } of entries) if (window.localStorage.getItem(name) === null) window.localStorage.setItem(name, value);
        }, items);
        await page.goto('/admin');
      } else {
        await page.goto('/admin/auth/login');
        await page.getByRole('textbox', { name: 'Email' }).fill(users[persona].email);
        await page.getByRole('textbox', { name: 'Password' }).fill(users[persona].password);
        await page.getByRole('button', { name: 'Login' }).click();
      }
      await expect(page).not.toHaveURL(/\/auth\/login/);
      await expect(page.getByRole('navigation').first()).toBeVisible();
      if (!saved) sessions.set(persona, await page.context().storageState());
    }),
  shot: async ({}, use, testInfo) => {
    const journey = path.basename(testInfo.file, '.spec.ts');
    await use(async (page, name) => {
      await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${journey}-${name}.png`), fullPage: true });
    });
  },
});

export { expect };
