/**
 * Flow 5: a screenshot of every dashboard page and of the person's enrollment page, at desktop width (admin-desktop)
 * and at iPhone width (iphone), saved under test-results/screenshots/<project>/ and attached to the HTML report.
 * Not committed: they are for looking at, not for pixel comparison.
 */
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { ADMIN_PAGES, expect, haveScepclient, test, uniqueEmail } from './fixtures';
import { SCREENSHOT_DIR } from './fixtures/server';

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = path.join(SCREENSHOT_DIR, testInfo.project.name, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
  // Measured after the full-page capture (layout settled). A page wider than the screen scrolls sideways, or a
  // phone zooms it out: worth a look, so it is noted in the report rather than failing the run.
  const screenWidth = page.viewportSize()?.width ?? 0;
  const pageWidth = await page.evaluate(() => Math.max(document.documentElement.scrollWidth, window.innerWidth));
  if (screenWidth && pageWidth > screenWidth) {
    const description = `${name}: ${new URL(page.url()).pathname} is ${pageWidth}px wide on a ${screenWidth}px screen`;
    testInfo.annotations.push({ type: 'horizontal overflow', description });
    console.warn(`[${testInfo.project.name}] ${description}`);
  }
}

test('every dashboard page', async ({ page, api, server, enroll }, testInfo) => {
  // Something to show on the certificate detail page.
  let serial: string | null = null;
  if (haveScepclient()) {
    const challenge = await api.createChallenge({ note: 'screenshot device' });
    const device = await enroll({ url: `${server.url}/scep`, challenge: challenge.challenge, cn: uniqueEmail('screenshot') });
    serial = device.serial;
  }

  for (const { path: url, heading } of ADMIN_PAGES) {
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1, name: heading, exact: true })).toBeVisible();
    await shoot(page, testInfo, url === '/admin' ? 'admin' : url.slice(1).replaceAll('/', '-'));
  }
  await page.goto('/admin/log?outcome=failure&range=all');
  await expect(page.getByRole('heading', { level: 1, name: 'SCEP log' })).toBeVisible();
  await shoot(page, testInfo, 'admin-log-failures');

  if (serial) {
    await page.goto(`/admin/certificates/${serial}`);
    await expect(page.getByRole('heading', { level: 2, name: 'Details' })).toBeVisible();
    await shoot(page, testInfo, 'admin-certificate-detail');
  }
});

test('sign-in page', async ({ browser, server }, testInfo) => {
  // A signed-out context with the project's device settings.
  const { viewport, userAgent, deviceScaleFactor, isMobile, hasTouch } = testInfo.project.use;
  const context = await browser.newContext({ viewport, userAgent, deviceScaleFactor, isMobile, hasTouch, baseURL: server.url, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to the dashboard' })).toBeVisible();
  await shoot(page, testInfo, 'login');
  await context.close();
});

test('enrollment page', async ({ page, api }, testInfo) => {
  const enrollment = await api.createEnrollment({ email: uniqueEmail('frank'), displayName: 'Frank Example' });
  await page.goto(enrollment.enrollUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'Set up your device' })).toBeVisible();
  // On the iPhone the page offers the profile; elsewhere it hands off to the phone with a QR code.
  if (testInfo.project.name === 'iphone') await expect(page.getByRole('link', { name: 'Install profile' })).toBeVisible();
  else await expect(page.getByRole('img', { name: /QR/i })).toBeVisible();
  await shoot(page, testInfo, 'enroll');

  await page.goto('/enroll/request');
  await expect(page.getByRole('heading', { level: 1, name: 'Request a device certificate' })).toBeVisible();
  await shoot(page, testInfo, 'enroll-request');
});
