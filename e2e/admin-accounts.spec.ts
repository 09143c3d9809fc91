/**
 * Admin accounts in Settings, in a real browser: disabling another admin ends their open session at once, and the
 * dashboard runs under the nonce Content-Security-Policy without a single violation (hydrated: the forms work).
 */
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { cli, expect, signIn, test, uniqueEmail } from './fixtures';

/** Records every CSP violation the page reports (the init script runs outside the page's CSP). */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) consoleErrors.push(m.text());
  });
  return async () => [...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])), ...consoleErrors];
}

test('disabling an admin in Settings ends their session at once; the page hydrates under the nonce CSP', async ({ page, browser }) => {
  const violations = await watchCsp(page);
  const other = { email: uniqueEmail('colleague'), password: `e2e ${randomBytes(9).toString('base64url')}` };
  cli('admin', 'create', '--email', other.email, '--password', other.password);

  const theirContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const theirs = await theirContext.newPage();
  try {
    await signIn(theirs, other, '/admin/certificates');

    await page.goto('/admin/settings#admins');
    const row = page.getByRole('region', { name: 'Admin users' }).getByRole('row').filter({ hasText: other.email });
    await expect(row.getByRole('button', { name: 'Delete' })).toBeVisible();
    page.once('dialog', (dialog) => dialog.accept());
    await row.getByRole('button', { name: 'Disable' }).click();
    await expect(page.getByText(`Admin ${other.email} disabled. Their sessions have ended.`)).toBeVisible();
    await expect(row.getByText('disabled', { exact: true })).toBeVisible();

    // Their next request, in their own browser, is signed out.
    await theirs.reload();
    await expect(theirs).toHaveURL((url) => url.pathname === '/login');
    expect(cli<{ email: string; disabled: boolean }[]>('admin', 'list').find((a) => a.email === other.email)?.disabled).toBe(true);
  } finally {
    await theirContext.close();
  }
  expect(await violations()).toEqual([]);
});

test('the sign-in page runs under the nonce CSP too', async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  try {
    const violations = await watchCsp(page);
    await page.goto('/login');
    await page.getByLabel('E-mail').fill('nobody@example.test');
    await page.getByLabel('Password').fill('not a password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Only the hydrated form shows this (it signs in with fetch); without scripts the browser would reload the page.
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong e-mail or password.' })).toBeVisible();
    expect(await violations()).toEqual([]);
  } finally {
    await context.close();
  }
});
