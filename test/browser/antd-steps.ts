import type { Page } from 'playwright-core';
import type { ConsoleStack } from './browser';

// Steps the rule-machine journeys share: API set-up, antd drawers and selects, sign-in by account.

/** A prior step through the API, answered with `status`. */
export async function apiStep(c: ConsoleStack, path: string, body: object, user: string, status: number) {
  const res = await c.stack.http
    .post(path)
    .set('authorization', await c.stack.auth(user))
    .send(body);
  expect({ path, status: res.status, error: res.body?.error }).toEqual({ path, status, error: undefined });
  return res;
}

/** Closes the open drawer with its close button (Escape only works while focus is inside it) and waits until it is gone. */
export async function closeDrawer(page: Page): Promise<void> {
  await page.locator('.ant-drawer-open .ant-drawer-close').last().click();
  await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
  // The panel slides out after that class goes: wait until it is off the page so screenshots show the list.
  await page.locator('.ant-drawer-content-wrapper:visible').first().waitFor({ state: 'hidden' });
}

/** Picks an option of the antd Select labelled `label` in the open dialog, after any closing dropdown is gone. */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden' });
  await page.getByRole('dialog').getByLabel(label, { exact: true }).click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option:visible')
    .filter({ hasText: option })
    .first()
    .click();
}

/** Signs in through the sign-in page's "其他账号" field (department officers are not in the demo list). */
export async function signInAs(c: ConsoleStack, userId: string): Promise<Page> {
  const page = await c.context.newPage();
  page.on('pageerror', (err) => process.stderr.write(`[browser:${userId}] ${err.message}\n`));
  await page.goto(`${c.baseUrl}/login`);
  await page.getByLabel('其他账号').fill(userId);
  await page.getByLabel('其他账号').press('Enter');
  await page.getByTestId('current-user').waitFor();
  return page;
}
