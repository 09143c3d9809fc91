/**
 * Flow 1: an admin creates an auto-approval enrollment link in the dashboard, the person opens it on an iPhone and
 * installs the signed profile, the "device" (Debian's scepclient) enrolls with the challenge and SCEP URL found in
 * that profile, and the admin finds the certificate in the dashboard.
 */
import { readFileSync } from 'node:fs';
import { expect, haveScepclient, PROFILE_CONTENT_TYPE, subjectCommonName, test, uniqueEmail } from './fixtures';

test.skip(!haveScepclient(), 'needs Debian scepclient (/usr/bin/scepclient)');

test('auto-approval enrollment: dashboard link → iPhone install page → signed profile → scepclient → certificate in the dashboard', async ({
  page,
  iphone,
  api,
  server,
  openProfile,
  enroll,
}) => {
  const email = uniqueEmail('anna');
  const template = await api.createExchangeTemplate('mail.example.test');

  // The admin creates the link through the dashboard form.
  await page.goto('/admin/challenges');
  const form = page.getByRole('region', { name: 'New enrollment link' });
  await form.getByLabel('E-mail').fill(email);
  await form.getByLabel('Profile template').selectOption({ label: template.name });
  await expect(form.getByLabel('Approval')).toHaveValue('auto');
  await form.getByRole('button', { name: 'Create enrollment link' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Enrollment link for ${email} created.` })).toBeVisible();
  await expect(form.getByText(`Send this link to ${email}`)).toBeVisible();
  const enrollUrl = (await form.locator('code').filter({ hasText: '/enroll/' }).innerText()).trim();
  expect(enrollUrl).toMatch(new RegExp(`^${server.url}/enroll/[A-Za-z0-9_-]+$`));

  const [created] = await api.listEnrollments({ email });
  expect(created).toMatchObject({ email, approval: 'auto', state: 'active', downloads: 0, template: { name: template.name } });

  // The person opens the link in Safari on the iPhone.
  await iphone.goto(enrollUrl);
  await expect(iphone.getByRole('heading', { level: 1, name: 'Set up your device' })).toBeVisible();
  await expect(iphone.getByText(email).first()).toBeVisible();
  const install = iphone.getByRole('link', { name: 'Install profile' });
  await expect(install).toBeVisible();

  const profileResponse = iphone.waitForResponse((r) => r.url() === `${enrollUrl}/profile`);
  const download = iphone.waitForEvent('download');
  await install.tap();
  const response = await profileResponse;
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe(PROFILE_CONTENT_TYPE);
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.mobileconfig$/);
  const der = readFileSync(await file.path());

  // What the device checks before it installs: signature, chain, payloads.
  const profile = await openProfile(der);
  expect(profile.schemaViolations).toEqual([]);
  expect(profile.scepSettings.URL).toBe(`${server.url}/scep`);
  expect(profile.scepSettings.Challenge).toMatch(/\S{16,}/);
  expect(subjectCommonName(profile)).toBe(email);
  expect(profile.eas, 'the template has an Exchange host, so the profile has an EAS payload').toBeDefined();
  expect(profile.eas).toMatchObject({ Host: 'mail.example.test', EmailAddress: email, SSL: true });
  expect(profile.eas!.PayloadCertificateUUID).toBe(profile.scep.PayloadUUID);
  expect(profile.root?.PayloadContent, 'the CA travels in the profile').toBeTruthy();

  // The device enrolls with what the profile carries.
  const device = await enroll({ url: profile.scepSettings.URL, challenge: profile.scepSettings.Challenge, cn: subjectCommonName(profile)! });
  expect(device.code, device.output).toBe(0);
  expect(device.certificate?.subject).toContain(`CN=${email}`);

  // The database: one valid certificate tied to the enrollment, one download counted.
  const certs = await api.certificates({ q: email });
  expect(certs.items).toHaveLength(1);
  expect(certs.items[0]).toMatchObject({ status: 'valid', enrollmentId: created.id, serial: device.serial });
  expect(await api.getEnrollment(created.id)).toMatchObject({ downloads: 1, certificates: 1, state: 'active' });

  // The admin finds it by e-mail in the certificates page.
  await page.goto('/admin/certificates');
  await page.getByRole('searchbox', { name: 'Search' }).fill(email);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/[?&]q=/);
  const table = page.getByRole('region', { name: 'Certificates' }).getByRole('table');
  await expect(table.getByRole('row')).toHaveCount(2); // header + the one certificate
  const row = table.getByRole('row').filter({ hasText: email });
  await expect(row.getByText('valid', { exact: true })).toBeVisible();
  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(email);
  // The detail page writes the serial as colon-separated upper-case pairs.
  const colonSerial = device.serial!.toUpperCase().match(/.{2}/g)!.join(':');
  await expect(page.getByText(colonSerial, { exact: true })).toBeVisible();
  await expect(page.getByText(created.id, { exact: true })).toBeVisible();
});
