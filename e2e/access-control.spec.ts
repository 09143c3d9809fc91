/**
 * Flow 4: the dashboard is for signed-in admins only. Runs on the desktop and on the iPhone project.
 */
import { randomBytes } from 'node:crypto';
import { ADMIN_PAGES, cli, expect, submitLoginForm, test, uniqueEmail } from './fixtures';

test.use({ storageState: { cookies: [], origins: [] } });

const DEEP_PAGES = ['/admin/certificates/00ff', '/admin/requests/6f1c1c36-0000-4000-8000-000000000000', '/admin/settings/templates/new'];

test('signed-out visitors to every dashboard page land on the sign-in page, which brings them back afterwards', async ({ page }) => {
  for (const path of [...ADMIN_PAGES.map((p) => p.path), ...DEEP_PAGES]) {
    await page.goto(path);
    await expect(page, `${path} redirects to /login`).toHaveURL((url) => url.pathname === '/login' && url.searchParams.get('callbackUrl') === path);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in to the dashboard' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Dashboard' })).toHaveCount(0);
  }
});

test('a sign-in link whose callbackUrl points off-site (a tab the browser drops) still lands on the dashboard', async ({ page, server }) => {
  const admin = { email: uniqueEmail('admin'), password: `e2e ${randomBytes(9).toString('base64url')}` };
  cli('admin', 'create', '--email', admin.email, '--password', admin.password);
  await page.goto('/login?callbackUrl=%2F%09%2Fevil.example');
  await page.getByLabel('E-mail').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL((url) => url.origin === new URL(server.url).origin && url.pathname === '/admin');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
});

test('the JSON API refuses requests without a token or with a wrong one', async ({ playwright, server }) => {
  const anonymous = await playwright.request.newContext({ baseURL: server.url });
  try {
    for (const path of ['/api/v1/certificates', '/api/v1/requests', '/api/v1/enrollments', '/api/v1/challenges']) {
      expect((await anonymous.get(path)).status(), path).toBe(401);
    }
    expect((await anonymous.get('/api/v1/certificates', { headers: { authorization: `Bearer tsr_${randomBytes(24).toString('hex')}` } })).status()).toBe(401);
    expect((await anonymous.post('/api/v1/enrollments', { data: { email: uniqueEmail() } })).status()).toBe(401);
  } finally {
    await anonymous.dispose();
  }
});

test('a wrong password is refused with a visible error; the right one signs in, lands on the requested page, and both are audited', async ({ page }) => {
  // An admin of this test's own, so failed attempts never count against the shared bootstrap admin.
  const admin = { email: uniqueEmail('admin'), password: `e2e ${randomBytes(9).toString('base64url')}` };
  cli('admin', 'create', '--email', admin.email, '--password', admin.password);

  await submitLoginForm(page, { email: admin.email, password: 'not the password at all' }, '/admin/certificates');
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong e-mail or password.' })).toBeVisible();
  await expect(page).toHaveURL(/\/login\?/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();

  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/admin/certificates');
  await expect(page.getByRole('heading', { level: 1, name: 'Certificates' })).toBeVisible();

  // The database: the failure and the success are in the audit log, which the dashboard shows.
  await page.goto(`/admin/audit?q=${encodeURIComponent(admin.email)}`);
  const table = page.getByRole('region', { name: 'Audit log', exact: true }).getByRole('table');
  await expect(table.getByRole('row').filter({ hasText: 'admin.sign_in_failed' })).toHaveCount(1);
  await expect(table.getByRole('row').filter({ hasText: 'admin.signed_in' }).first()).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login\?signedOut=1/);
  await expect(page.getByText('You have signed out.')).toBeVisible();
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin/);
});
