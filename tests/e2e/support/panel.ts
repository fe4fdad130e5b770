import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Steps in Strapi's stock admin panel that every journey needs. Kept here so that a change in
 * the panel's markup is fixed in one place.
 */

/**
 * Strapi's guided tour opens a dialog over the Content Manager the first time, at a moment of its
 * own choosing; people skip it. Playwright clicks Skip whenever the dialog blocks an action, so no
 * step races it.
 */
export const skipGuidedTourWhenShown = (page: Page) =>
  page.addLocatorHandler(page.getByRole('dialog').getByRole('button', { name: 'Skip' }), (skip) => skip.click());

/** Main menu → Content Manager → the type's list in the side navigation. */
export const openCollection = async (page: Page, typeName: string) => {
  await page.getByRole('navigation').getByRole('link', { name: 'Content Manager' }).click();
  await page.getByRole('navigation', { name: 'Content Manager' }).getByRole('link', { name: typeName, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: typeName })).toBeVisible();
};

/** A notification toast with this text (Strapi shows them in the "Notifications" region). */
export const expectToast = async (page: Page, text: string | RegExp) => {
  await expect(page.getByRole('status').or(page.getByRole('alert')).filter({ hasText: text }).first()).toBeVisible();
};

/**
 * Clicks Save or Publish in the edit view and returns the server's answer to that click. Waiting
 * for the toast instead is a race: the previous save's "Published document" may still be showing
 * while this one is in flight, and the next step would read the API before it committed.
 */
export const submitDocument = async (page: Page, button: 'Save' | 'Publish') => {
  const answer = page.waitForResponse((response) => {
    const { pathname } = new URL(response.url());
    if (!pathname.startsWith('/content-manager/collection-types/') || response.request().method() === 'GET') return false;
    return button === 'Publish' ? pathname.endsWith('/actions/publish') : !pathname.includes('/actions/');
  });
  await page.getByRole('button', { name: button, exact: true }).click();
  return answer;
};

/**
 * Presses Tab until `control` has the focus, at most `max` times: Chromium's date and time
 * inputs take one Tab per part (day, month, year; hours, minutes, seconds).
 */
export const tabTo = async (page: Page, control: Locator, max: number) => {
  for (let presses = 0; presses < max; presses += 1) {
    await page.keyboard.press('Tab');
    if (await control.evaluate((element) => element === element.ownerDocument.activeElement)) return;
  }
  await expect(control, `not reached with ${max} presses of Tab`).toBeFocused({ timeout: 1 });
};
