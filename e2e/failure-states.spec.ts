/**
 * Flow 3: links and challenges that must no longer work — revoked, used up, reused, expired, wrong — each shows its
 * state in the dashboard (or on the iPhone) and gives the client the right answer; the SCEP log explains failures.
 */
import { randomBytes } from 'node:crypto';
import { expect, haveScepclient, installProfile, subjectCommonName, test, uniqueEmail } from './fixtures';

test.skip(!haveScepclient(), 'needs Debian scepclient (/usr/bin/scepclient)');

const tag = () => randomBytes(4).toString('hex');

test('revoked enrollment link: the admin revokes it in the dashboard; the link, its profile URL and an already downloaded profile all stop working', async ({
  page,
  iphone,
  api,
  openProfile,
  enroll,
}) => {
  const email = uniqueEmail('dave');
  const enrollment = await api.createEnrollment({ email });
  const profile = await openProfile((await installProfile(iphone, enrollment.enrollUrl)).der);

  await page.goto(`/admin/challenges?email=${encodeURIComponent(email)}`);
  const row = page.getByRole('region', { name: 'Enrollment links' }).getByRole('row').filter({ hasText: email });
  await expect(row.getByText('active', { exact: true })).toBeVisible();
  await expect(row).toContainText('1 / 3');
  page.once('dialog', (dialog) => dialog.accept());
  await row.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Enrollment link for ${email} revoked.` })).toBeVisible();
  await expect(row.getByText('revoked', { exact: true })).toBeVisible();
  await expect(row.getByRole('button', { name: 'Revoke' })).toHaveCount(0);
  expect(await api.getEnrollment(enrollment.id)).toMatchObject({ state: 'revoked' });

  // The person's link now explains itself; the profile URL answers 410.
  await iphone.goto(enrollment.enrollUrl);
  await expect(iphone.getByRole('heading', { level: 1, name: 'This link was withdrawn' })).toBeVisible();
  await expect(iphone.getByRole('link', { name: 'Install profile' })).toHaveCount(0);
  expect((await iphone.request.get(enrollment.profileUrl)).status()).toBe(410);

  // The profile downloaded before the revocation carries a challenge that was revoked with the link.
  const device = await enroll({ url: profile.scepSettings.URL, challenge: profile.scepSettings.Challenge, cn: subjectCommonName(profile)! });
  expect(device.code, 'scepclient exits non-zero on FAILURE').not.toBe(0);
  expect((await api.certificates({ q: email })).items).toHaveLength(0);
});

test('used-up link: after its last allowed download the link says so and serves no more profiles', async ({ iphone, api }) => {
  const email = uniqueEmail('erin');
  const enrollment = await api.createEnrollment({ email, maxDownloads: 1 });
  const first = await installProfile(iphone, enrollment.enrollUrl);
  expect(first.status).toBe(200);
  expect(await api.getEnrollment(enrollment.id)).toMatchObject({ state: 'used', downloads: 1, maxDownloads: 1 });

  await iphone.goto(enrollment.enrollUrl);
  await expect(iphone.getByRole('heading', { level: 1, name: 'This link has already been used' })).toBeVisible();
  expect((await iphone.request.get(enrollment.profileUrl)).status()).toBe(410);
});

test('revoked challenge: the admin revokes an unused challenge in the dashboard and the client is refused', async ({ page, api, server, enroll }) => {
  const note = `revoke-me ${tag()}`;
  const challenge = await api.createChallenge({ note });

  await page.goto('/admin/challenges?state=unused');
  const row = page.getByRole('region', { name: 'Challenges', exact: true }).getByRole('row').filter({ hasText: note });
  await expect(row.getByText('unused', { exact: true })).toBeVisible();
  page.once('dialog', (dialog) => dialog.accept());
  await row.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Challenge revoked.' })).toBeVisible();
  await expect(row).toBeHidden(); // it leaves the "unused" filter
  expect(await api.challengeState(challenge.id)).toBe('revoked');

  await page.goto('/admin/challenges?state=revoked');
  await expect(page.getByRole('region', { name: 'Challenges', exact: true }).getByRole('row').filter({ hasText: note }).getByText('revoked', { exact: true })).toBeVisible();

  const device = await enroll({ url: `${server.url}/scep`, challenge: challenge.challenge, cn: `revoked-${tag()}` });
  expect(device.code).not.toBe(0);
  const [event] = api.scepEvents({ outcome: 'failure' }).filter((e) => /challenge was revoked/.test(e.reason));
  expect(event, 'the SCEP log names the revocation').toBeDefined();
});

test('reused challenge: the first client enrolls, the second is refused, and the dashboard shows who used it', async ({ page, api, server, enroll }) => {
  const note = `reuse ${tag()}`;
  const challenge = await api.createChallenge({ note });
  const cn = `reuse-${tag()}`;

  const first = await enroll({ url: `${server.url}/scep`, challenge: challenge.challenge, cn: `${cn}-1` });
  expect(first.code, first.output).toBe(0);
  const second = await enroll({ url: `${server.url}/scep`, challenge: challenge.challenge, cn: `${cn}-2` });
  expect(second.code).not.toBe(0);

  expect(await api.challengeState(challenge.id)).toBe('used');
  expect((await api.certificates({ q: `${cn}-1` })).items).toHaveLength(1);
  expect((await api.certificates({ q: `${cn}-2` })).items).toHaveLength(0);
  const usedBy = (await api.findRequest(`${cn}-1`, 'issued'))!.transactionId;
  expect(api.scepEvents({ outcome: 'failure' }).some((e) => e.reason.includes(`already used by transaction ${usedBy}`))).toBe(true);

  await page.goto('/admin/challenges?state=used');
  const row = page.getByRole('region', { name: 'Challenges', exact: true }).getByRole('row').filter({ hasText: note });
  await expect(row.getByText('used', { exact: true })).toBeVisible();
  await expect(row.getByText(usedBy)).toBeVisible();
});

test('someone else’s name with a profile’s challenge: FAILURE, the SCEP log page names what was asked and what the enrollment allows; the device itself still enrolls', async ({
  page,
  iphone,
  api,
  openProfile,
  enroll,
}) => {
  const email = uniqueEmail('frank');
  const enrollment = await api.createEnrollment({ email });
  const profile = await openProfile((await installProfile(iphone, enrollment.enrollUrl)).der);
  const { URL: url, Challenge: challenge } = profile.scepSettings;

  const other = `mallory-${tag()}@example.test`;
  const forged = await enroll({ url, challenge, cn: other, organization: 'Other Corp' });
  expect(forged.code, 'scepclient exits non-zero on FAILURE').not.toBe(0);
  expect((await api.certificates({ q: other })).items).toHaveLength(0);
  const event = api.scepEvents({ outcome: 'failure' }).find((e) => e.reason.includes(other));
  expect(event?.reason).toContain(`the enrollment for ${email}`);

  await page.goto(`/admin/log?transactionId=${encodeURIComponent(event!.transactionId!)}&range=all`);
  const entry = page.getByRole('list', { name: 'SCEP events' }).getByRole('listitem').filter({ hasText: 'PKCSReq' }).first();
  await expect(entry).toContainText(`CN=${other}`);
  await expect(entry).toContainText(`CN=${email}`);
  await expect(entry).toContainText('asked for a name its challenge does not allow');

  // The attempt did not burn the challenge: the device, sending what its profile says, enrolls.
  const device = await enroll({ url, challenge, cn: subjectCommonName(profile)! });
  expect(device.code, device.output).toBe(0);
  expect(device.certificate?.subject).toBe(`CN=${email}`);
});

test('wrong challenge: the client gets FAILURE and the SCEP log page explains it (what the device shows, the reason, the fix)', async ({ page, api, server, enroll }) => {
  const device = await enroll({ url: `${server.url}/scep`, challenge: `WRONG-${tag()}-${tag()}`, cn: `wrong-${tag()}` });
  expect(device.code).not.toBe(0);

  const event = api.scepEvents({ outcome: 'failure' }).find((e) => /not one Tessera issued/.test(e.reason));
  expect(event?.transactionId, 'the failure is logged with its transaction').toBeTruthy();
  expect(event).toMatchObject({ messageType: 'PKCSReq', failInfo: 'badRequest' });

  await page.goto(`/admin/log?transactionId=${encodeURIComponent(event!.transactionId!)}&range=all`);
  const entry = page.getByRole('list', { name: 'SCEP events' }).getByRole('listitem').filter({ hasText: 'PKCSReq' }).first();
  await expect(entry.getByText('failure', { exact: true })).toBeVisible();
  await expect(entry.getByText('badRequest', { exact: true })).toBeVisible();
  await expect(entry).toContainText('22013');
  await expect(entry).toContainText('invalid response');
  await expect(entry).toContainText('the challenge password is not one Tessera issued');
  await expect(entry.getByText(/^Fix: /).first()).toBeVisible();
});

test('expired challenge: once its lifetime (60 s, the shortest the API allows) has passed, the dashboard shows it expired and the client is refused', async ({
  page,
  api,
  server,
  enroll,
}) => {
  test.setTimeout(150_000);
  const note = `expire ${tag()}`;
  const challenge = await api.createChallenge({ note, ttlSeconds: 60 });
  expect(await api.challengeState(challenge.id)).toBe('unused');

  // Waiting on the database's view of the clock, not sleeping: the state turns "expired" when expiresAt passes.
  await expect.poll(() => api.challengeState(challenge.id), { timeout: 90_000, intervals: [2_000] }).toBe('expired');

  const device = await enroll({ url: `${server.url}/scep`, challenge: challenge.challenge, cn: `expired-${tag()}` });
  expect(device.code).not.toBe(0);
  expect(api.scepEvents({ outcome: 'failure' }).some((e) => e.reason.includes(`the challenge expired at ${challenge.expiresAt}`))).toBe(true);

  await page.goto('/admin/challenges?state=expired');
  const row = page.getByRole('region', { name: 'Challenges', exact: true }).getByRole('row').filter({ hasText: note });
  await expect(row.getByText('expired', { exact: true })).toBeVisible();
  await expect(row.getByRole('button', { name: 'Revoke' })).toHaveCount(0);
});
