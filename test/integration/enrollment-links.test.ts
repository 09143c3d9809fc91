/**
 * Enrollment links end to end through the route handlers: create → GET /enroll/{token}/profile → a signed profile
 * that openssl verifies and Apple's schema accepts → its challenge and SCEP URL enroll a device. Then every way a
 * link stops working (used up, expired, revoked, unknown), including concurrent downloads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as downloadProfile } from '../../app/enroll/[token]/profile/route';
import { checkProfileAgainstSchema, loadAppleSchemas } from '../support/apple-schema';
import { createEnrollment, listEnrollments, revokeEnrollment } from '../../lib/server/enrollments';
import { certificateReferences, enrollWithProfile, openProfile } from '../support/profile-checks';
import { setRuntime } from '../../lib/server/runtime';
import { createTemplate } from '../../lib/server/templates';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime';

let rt: TestRuntime;
let caDer: Uint8Array;
const actor = { id: 'test:admin', sourceAddress: '127.0.0.1' };
const schemas = loadAppleSchemas();

beforeAll(async () => {
  rt = await createTestRuntime();
  setRuntime(rt);
  caDer = (await rt.ca()).certificateDer;
});
afterAll(async () => {
  setRuntime(undefined);
  await rt?.close();
});

const tokenOf = (enrollUrl: string) => decodeURIComponent(new URL(enrollUrl).pathname.split('/')[2]!);

/** The route handler as Next calls it; a hostile Host header must not leak into any URL. */
function download(token: string): Promise<Response> {
  const req = new Request(`http://attacker.example/enroll/${encodeURIComponent(token)}/profile`, { headers: { host: 'attacker.example', 'user-agent': 'iPhone' } });
  return downloadProfile(req, { params: Promise.resolve({ token }) });
}

async function profileFrom(res: Response) {
  expect(res.status).toBe(200);
  return openProfile(new Uint8Array(await res.arrayBuffer()), caDer);
}

describe('enrollment links', () => {
  it('creates a link from TESSERA_PUBLIC_URL and stores only the token hash', async () => {
    const e = await createEnrollment(rt, { email: 'ada@example.com', actor });
    expect(e.enrollUrl).toMatch(/^http:\/\/127\.0\.0\.1:3999\/enroll\/[A-Za-z0-9_-]{43}$/);
    expect(e.profileUrl).toBe(`${e.enrollUrl}/profile`);
    expect(tokenOf(e.enrollUrl)).toBe(e.token);
    const row = await rt.db.enrollment.findUniqueOrThrow({ where: { id: e.id } });
    expect(row.tokenHash).not.toContain(e.token);
    expect(row.maxDownloads).toBe(3);
    // Default TTL: 7 days.
    expect(Math.round((row.expiresAt.getTime() - row.createdAt.getTime()) / 86400_000)).toBe(7);
  });

  it('serves a signed profile: headers, openssl verification, references, Apple schema, no EAS without a host', async () => {
    const e = await createEnrollment(rt, { email: 'grace@example.com', actor });
    const res = await download(e.token);
    expect(res.headers.get('content-type')).toBe('application/x-apple-aspen-config');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="Tessera-Tests-enrollment.mobileconfig"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const p = await profileFrom(res);
    expect(p.opensslContent.toString('utf8')).toContain('<plist');
    expect(p.plist.PayloadOrganization).toBe('Tessera Tests');
    expect(p.payloads.map((x) => x.PayloadType)).toEqual(['com.apple.security.root', 'com.apple.security.scep']);
    expect(p.scepContent.URL).toBe('http://127.0.0.1:3999/scep');
    expect(p.scepContent.Subject).toEqual([[['CN', 'grace@example.com']]]);
    expect(p.scepContent.SubjectAltName).toEqual({ rfc822Name: 'grace@example.com' });
    expect([p.scepContent.Retries, p.scepContent.RetryDelay]).toEqual([3, 10]);
    expect(checkProfileAgainstSchema(p.plist, schemas, { os: 'iOS' })).toEqual([]);
  });

  it('wires Exchange and Wi-Fi to the SCEP identity when the template has them', async () => {
    await createTemplate(rt, { body: {
        name: 'Mail and Wi-Fi',
        organization: 'Example Corp',
        identifierPrefix: 'com.example.tessera.mail',
        eas: { host: 'mail.example.com', domain: 'CORP' },
        wifi: { ssid: 'Example-Staff', encryption: 'WPA2' },
        sanTemplate: { rfc822Name: '{email}' },
      }, actor });
    const e = await createEnrollment(rt, { email: 'linus@example.com', username: 'linus', template: 'Mail and Wi-Fi', actor });
    const p = await profileFrom(await download(e.token));
    expect(p.payloads.map((x) => x.PayloadType)).toEqual(['com.apple.security.root', 'com.apple.security.scep', 'com.apple.eas.account', 'com.apple.wifi.managed']);
    const refs = certificateReferences(p);
    expect(refs).toHaveLength(2);
    for (const r of refs) expect(r).toBe(p.scep.PayloadUUID);
    const eas = p.payloads[2]!;
    expect([eas.Host, eas.SSL, eas.UserName, eas.EmailAddress]).toEqual(['mail.example.com', true, 'CORP\\linus', 'linus@example.com']);
    expect(checkProfileAgainstSchema(p.plist, schemas, { os: 'iOS' })).toEqual([]);
  });

  it('mints a fresh one-time challenge per download that enrolls through SCEP; the certificate carries the enrollment id', async () => {
    const e = await createEnrollment(rt, { email: 'margaret@example.com', actor });
    const before = Date.now();
    const first = await profileFrom(await download(e.token));
    const second = await profileFrom(await download(e.token));
    expect(first.scepContent.Challenge).not.toBe(second.scepContent.Challenge);
    const challenges = await rt.db.challenge.findMany({ where: { enrollmentId: e.id } });
    expect(challenges).toHaveLength(2);
    for (const c of challenges) expect(c.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 3600_000);

    const rep = await enrollWithProfile(second, caDer, 0);
    expect(rep.pkiStatus).toBe('SUCCESS');
    const cert = await rt.db.certificate.findFirstOrThrow({ where: { request: { transactionId: rep.transactionId } } });
    expect(cert.enrollmentId).toBe(e.id);
    expect(cert.subject).toContain('margaret@example.com');
    const audit = await rt.db.auditLog.findMany({ where: { target: e.id, action: 'enrollment.profile_downloaded' } });
    expect(audit.map((a) => (a.details as { download: number }).download).sort()).toEqual([1, 2]);
  });

  it('writes the long retry window for manual approval, and the device waits PENDING', async () => {
    const e = await createEnrollment(rt, { email: 'barbara@example.com', approval: 'manual', actor });
    const p = await profileFrom(await download(e.token));
    expect([p.scepContent.Retries, p.scepContent.RetryDelay]).toEqual([21, 30]);
    expect((await enrollWithProfile(p, caDer, 1)).pkiStatus).toBe('PENDING');
  });

  it('answers 410 with a friendly HTML page once maxDownloads is reached, and lists the link as used', async () => {
    const e = await createEnrollment(rt, { email: 'ken@example.com', maxDownloads: 2, actor });
    expect((await download(e.token)).status).toBe(200);
    expect((await download(e.token)).status).toBe(200);
    const third = await download(e.token);
    expect(third.status).toBe(410);
    expect(third.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await third.text()).toContain('already been used');
    expect((await listEnrollments(rt, { state: 'used' })).map((x) => x.id)).toContain(e.id);
    expect((await listEnrollments(rt, { state: 'active' })).map((x) => x.id)).not.toContain(e.id);
  });

  it('never exceeds maxDownloads under 12 concurrent downloads', async () => {
    const e = await createEnrollment(rt, { email: 'dennis@example.com', maxDownloads: 3, actor });
    const statuses = (await Promise.all(Array.from({ length: 12 }, () => download(e.token)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 410)).toHaveLength(9);
    const row = await rt.db.enrollment.findUniqueOrThrow({ where: { id: e.id } });
    expect([row.downloads, row.status]).toEqual([3, 'USED']);
    expect(await rt.db.challenge.count({ where: { enrollmentId: e.id } })).toBe(3);
  });

  it('answers 410 for an expired link', async () => {
    const e = await createEnrollment(rt, { email: 'edsger@example.com', actor });
    await rt.db.enrollment.update({ where: { id: e.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await download(e.token);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('expired');
    expect((await listEnrollments(rt, { state: 'expired' })).map((x) => x.id)).toContain(e.id);
  });

  it('answers 410 for a revoked link, and the challenge of an earlier download stops working', async () => {
    const e = await createEnrollment(rt, { email: 'alan@example.com', actor });
    const p = await profileFrom(await download(e.token));
    const revoked = await revokeEnrollment(rt, { id: e.id, actor });
    expect(revoked.state).toBe('revoked');
    const res = await download(e.token);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('withdrawn');
    const rep = await enrollWithProfile(p, caDer, 2);
    expect([rep.pkiStatus, rep.failInfo]).toEqual(['FAILURE', 'badRequest']);
    await expect(revokeEnrollment(rt, { id: e.id, actor })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('answers 404 for unknown or malformed tokens, never a profile', async () => {
    for (const token of ['A'.repeat(43), 'not a token', '']) {
      const res = await download(token);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await res.text()).toContain('not valid');
    }
  });

  it('rejects a person the template cannot be rendered for, naming the field', async () => {
    await createTemplate(rt, { body: { name: 'By username', organization: 'Example Corp', identifierPrefix: 'com.example.user', subjectTemplate: 'CN={username}' }, actor });
    await expect(createEnrollment(rt, { email: 'x@example.com', template: 'By username', actor })).rejects.toMatchObject({ code: 'validation', details: { field: 'username' } });
    await expect(createEnrollment(rt, { email: 'x@example.com', template: 'nope', actor })).rejects.toMatchObject({ code: 'validation', details: { field: 'template' } });
    await expect(createEnrollment(rt, { email: 'not-an-email', actor })).rejects.toMatchObject({ code: 'validation', details: { field: 'email' } });
  });
});
