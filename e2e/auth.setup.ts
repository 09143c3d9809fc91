/** Signs the bootstrap admin in through the login form once and keeps the session for the other projects. */
import { expect, test as setup } from '@playwright/test';
import { signIn } from './fixtures/admin';
import { ADMIN_STATE_FILE, serverInfo } from './fixtures/server';

setup.use({ baseURL: serverInfo().url });

setup('admin signs in through the login form', async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await page.context().storageState({ path: ADMIN_STATE_FILE });
});
