/**
 * Flow 2 and the rejection half of flow 3: a request made with a manual-approval challenge waits PENDING while
 * scepclient polls (every 30 s); the admin decides on /admin/requests, which refreshes by itself; the client then
 * receives its certificate — or a FAILURE.
 */
import { randomBytes } from 'node:crypto';
import { expect, haveScepclient, installProfile, subjectCommonName, test, uniqueEmail } from './fixtures';

test.skip(!haveScepclient(), 'needs Debian scepclient (/usr/bin/scepclient)');

/** scepclient sends PKCSReq, gets PENDING, and polls again 30 s later: a decision lands on the next poll. */
const PENDING_CLIENT_TIMEOUT_MS = 100_000;

test('manual approval: the device waits PENDING until the admin approves in the dashboard, then gets its certificate', async ({ page, iphone, api, server, openProfile, enroll }) => {
  const email = uniqueEmail('bob');
  const enrollment = await api.createEnrollment({ email, approval: 'manual' });

  const downloaded = await installProfile(iphone, enrollment.enrollUrl);
  await expect(iphone.getByText('An administrator must approve your certificate')).toBeVisible();
  const profile = await openProfile(downloaded.der);
  expect(profile.scepSettings.URL).toBe(`${server.url}/scep`);
  // Manual approval stretches the device's polling window (Retries × RetryDelay) so an admin has time to decide.
  expect((profile.scepSettings.Retries ?? 0) * (profile.scepSettings.RetryDelay ?? 0)).toBeGreaterThanOrEqual(600);

  // The admin already has the requests page open; it refreshes itself every 5 s.
  await page.goto('/admin/requests');
  await expect(page.getByRole('heading', { level: 1, name: 'Requests' })).toBeVisible();

  const device = enroll({ url: profile.scepSettings.URL, challenge: profile.scepSettings.Challenge, cn: subjectCommonName(profile)!, timeoutMs: PENDING_CLIENT_TIMEOUT_MS });

  const row = page.getByRole('region', { name: 'SCEP requests' }).getByRole('row').filter({ hasText: email });
  await expect(row, 'the pending request appears without reloading the page').toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText(`enrollment ${email}`); // the challenge note names the enrollment
  expect(await api.findRequest(email, 'pending')).toBeDefined();

  await row.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Approved: certificate [0-9a-f]{12}… is ready for the device’s next poll\./ })).toBeVisible();
  await expect(row).toBeHidden();

  const done = await device;
  expect(done.code, done.output).toBe(0);
  expect(done.certificate?.subject).toContain(`CN=${email}`);

  const request = await api.findRequest(email);
  expect(request).toMatchObject({ status: 'issued', decidedBy: 'admin:admin@example.test', certificateSerial: done.serial });
  const certs = await api.certificates({ q: email });
  expect(certs.items).toHaveLength(1);
  expect(certs.items[0]).toMatchObject({ status: 'valid', enrollmentId: enrollment.id });

  // The decision is on record in the dashboard.
  await page.goto('/admin/requests?status=issued');
  const issued = page.getByRole('region', { name: 'SCEP requests' }).getByRole('row').filter({ hasText: email });
  await expect(issued.getByText('issued', { exact: true })).toBeVisible();
  await expect(issued.getByText('admin:admin@example.test')).toBeVisible();
});

test('rejection: the admin rejects a pending request with a reason; the client gets FAILURE and no certificate is issued', async ({ page, api, server, enroll }) => {
  const tag = randomBytes(4).toString('hex');
  const note = `rejection test ${tag}`;
  const cn = `reject-${tag}`;

  // A manual-approval challenge made in the dashboard.
  await page.goto('/admin/challenges');
  const form = page.getByRole('region', { name: 'New challenge' });
  // Not getByLabel: both create forms on this page give their selects the same ids (f-approval, f-ttlSeconds), so the
  // challenge form's "Approval" label points at the enrollment form's select.
  await form.locator('select[name="approval"]').selectOption('manual');
  await form.getByLabel('Note (optional)').fill(note);
  await form.getByRole('button', { name: 'Create challenge' }).click();
  await expect(form.getByText('Copy this challenge now')).toBeVisible();
  await expect(form.getByText('Needs approval in Requests')).toBeVisible();
  const challenge = (await form.locator('code').first().innerText()).trim();
  expect(challenge.length).toBeGreaterThanOrEqual(16);

  await page.goto('/admin/requests');
  const device = enroll({ url: `${server.url}/scep`, challenge, cn, timeoutMs: PENDING_CLIENT_TIMEOUT_MS });

  const row = page.getByRole('region', { name: 'SCEP requests' }).getByRole('row').filter({ hasText: note });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row.getByRole('link')).toContainText(`CN=${cn}`);
  await row.locator('summary', { hasText: 'Reject' }).click(); // opens the <details> with the reason form
  const reject = row.locator('form').filter({ has: page.getByLabel('Reason for rejecting') });
  await reject.getByLabel('Reason for rejecting').fill('Unknown device, not in the asset list');
  await reject.getByRole('button', { name: 'Reject' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rejected. The device is told on its next poll.' })).toBeVisible();
  await expect(row).toBeHidden();

  const done = await device;
  expect(done.code, 'scepclient exits non-zero on FAILURE').not.toBe(0);
  expect(done.certificatePem).toBeNull();

  expect(await api.findRequest(`CN=${cn}`)).toMatchObject({ status: 'rejected', decisionReason: 'Unknown device, not in the asset list', certificateSerial: null });
  expect((await api.certificates({ q: cn })).items).toHaveLength(0);

  await page.goto('/admin/requests?status=rejected');
  const rejected = page.getByRole('region', { name: 'SCEP requests' }).getByRole('row').filter({ hasText: note });
  await expect(rejected.getByText('rejected', { exact: true })).toBeVisible();
  await expect(rejected.getByText('“Unknown device, not in the asset list”')).toBeVisible();
});
