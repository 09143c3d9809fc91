/**
 * Self-service: a person submits /enroll/request, an admin approves or rejects, and the person's status page (found
 * by the poll token alone) follows: pending refreshes itself, approved offers the profile, rejected shows the reason.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestStatus } from '../../app/enroll/_components/request-status-view';
import { GET as downloadProfile } from '../../app/enroll/[token]/profile/route';
import {
  approveEnrollmentRequest,
  findRequestStatus,
  listEnrollmentRequests,
  rejectEnrollmentRequest,
  submitEnrollmentRequest,
  type RequestStatusView,
} from '../../lib/server/enrollment-requests';
import { enrollWithProfile, openProfile } from '../support/profile-checks';
import { setRuntime } from '../../lib/server/runtime';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime';

let rt: TestRuntime;
let caDer: Uint8Array;
const admin = { id: 'admin:boss@example.com', sourceAddress: '127.0.0.1' };
let addressCounter = 0;
/** A distinct client address per submission, so the per-address throttle only bites where a test wants it. */
const client = () => ({ address: `198.51.100.${++addressCounter}`, userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)' });

beforeAll(async () => {
  rt = await createTestRuntime();
  setRuntime(rt);
  caDer = (await rt.ca()).certificateDer;
});
afterAll(async () => {
  setRuntime(undefined);
  await rt?.close();
});

const render = (request: RequestStatusView, device: 'ios' | 'other' = 'ios') =>
  renderToStaticMarkup(createElement(RequestStatus, { request, device, qrDataUrl: device === 'ios' ? null : 'data:image/svg+xml;base64,AA==' }));

function download(profileUrl: string): Promise<Response> {
  const token = decodeURIComponent(new URL(profileUrl).pathname.split('/')[2]!);
  return downloadProfile(new Request(profileUrl), { params: Promise.resolve({ token }) });
}

describe('self-service enrollment requests', () => {
  it('pending → approved → the status page links the profile → download → SCEP enroll', async () => {
    const { id, pollToken } = await submitEnrollmentRequest(rt, { form: { name: 'Hedy Lamarr', email: 'hedy@example.com', reason: 'new iPhone' }, client: client() });
    const row = await rt.db.enrollmentRequest.findUniqueOrThrow({ where: { id } });
    expect(row.pollTokenHash).not.toContain(pollToken);

    const pending = await findRequestStatus(rt, { pollToken });
    expect(pending).toMatchObject({ status: 'pending', name: 'Hedy Lamarr', email: 'hedy@example.com', enrollment: null });
    const pendingHtml = render(pending!);
    expect(pendingHtml).toContain('http-equiv="refresh" content="5"');
    expect(pendingHtml).toContain('Waiting for approval');
    expect((await listEnrollmentRequests(rt, { status: 'pending' })).map((r) => r.id)).toContain(id);

    const approved = await approveEnrollmentRequest(rt, { id, actor: admin });
    expect(approved).toMatchObject({ status: 'approved', decidedBy: admin.id, enrollmentId: expect.any(String) });
    await expect(approveEnrollmentRequest(rt, { id, actor: admin })).rejects.toMatchObject({ code: 'conflict' });

    const status = await findRequestStatus(rt, { pollToken });
    expect(status?.status).toBe('approved');
    const link = status!.enrollment!;
    expect(link.state).toBe('active');
    expect(link.profileUrl).toMatch(/^http:\/\/127\.0\.0\.1:3999\/enroll\/[A-Za-z0-9_-]{43}\/profile$/);
    const html = render(status!);
    expect(html).toContain(`href="${link.profileUrl}"`);
    expect(html).toContain('Install profile');
    expect(html).not.toContain('http-equiv="refresh"');
    // Away from the iPhone: a QR code of the enrollment page instead of the big button.
    const desktop = render(status!, 'other');
    expect(desktop).toContain('<img');
    expect(desktop).not.toContain('Install profile');

    const res = await download(link.profileUrl);
    expect(res.status).toBe(200);
    const profile = openProfile(new Uint8Array(await res.arrayBuffer()), caDer);
    expect(profile.scepContent.Subject).toEqual([[['CN', 'hedy@example.com']]]);
    const rep = await enrollWithProfile(profile, caDer, 3);
    expect(rep.pkiStatus).toBe('SUCCESS');
    const cert = await rt.db.certificate.findFirstOrThrow({ where: { request: { transactionId: rep.transactionId } } });
    expect(cert.enrollmentId).toBe(approved.enrollmentId);
    const enrollment = await rt.db.enrollment.findUniqueOrThrow({ where: { id: approved.enrollmentId! } });
    expect([enrollment.approval, enrollment.displayName, enrollment.createdBy]).toEqual(['AUTO', 'Hedy Lamarr', admin.id]);
  });

  it('rejected → the reason is shown and no profile is offered', async () => {
    const { id, pollToken } = await submitEnrollmentRequest(rt, { form: { name: 'Mallory', email: 'mallory@example.com' }, client: client() });
    const rejected = await rejectEnrollmentRequest(rt, { reason: 'not an employee', id, actor: admin });
    expect(rejected).toMatchObject({ status: 'rejected', decisionReason: 'not an employee', enrollmentId: null });
    await expect(rejectEnrollmentRequest(rt, { id, actor: admin })).rejects.toMatchObject({ code: 'conflict' });
    await expect(approveEnrollmentRequest(rt, { id, actor: admin })).rejects.toMatchObject({ code: 'conflict' });
    const status = await findRequestStatus(rt, { pollToken });
    expect(status).toMatchObject({ status: 'rejected', rejectionReason: 'not an employee', enrollment: null });
    const html = render(status!);
    expect(html).toContain('not an employee');
    expect(html).not.toContain('/profile');
    expect(await rt.db.enrollment.count({ where: { email: 'mallory@example.com' } })).toBe(0);
  });

  it('the poll token is the only key: unknown or malformed tokens find nothing', async () => {
    expect(await findRequestStatus(rt, { pollToken: 'A'.repeat(43) })).toBeNull();
    expect(await findRequestStatus(rt, { pollToken: '../../etc' })).toBeNull();
    await expect(approveEnrollmentRequest(rt, { id: '00000000-0000-4000-8000-000000000000', actor: admin })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('validates the form and throttles submissions per e-mail address and per client address', async () => {
    await expect(submitEnrollmentRequest(rt, { form: { name: '', email: 'x@example.com' }, client: client() })).rejects.toMatchObject({ code: 'validation', details: { field: 'name' } });
    await expect(submitEnrollmentRequest(rt, { form: { name: 'X', email: 'nope' }, client: client() })).rejects.toMatchObject({ code: 'validation', details: { field: 'email' } });

    for (let i = 0; i < 3; i++) await submitEnrollmentRequest(rt, { form: { name: 'Spam', email: 'spam@example.com' }, client: client() });
    await expect(submitEnrollmentRequest(rt, { form: { name: 'Spam', email: 'SPAM@example.com' }, client: client() })).rejects.toMatchObject({ code: 'rate_limited' });

    const same = { address: '203.0.113.7', userAgent: null };
    for (let i = 0; i < 10; i++) await submitEnrollmentRequest(rt, { form: { name: 'Bot', email: `bot${i}@example.com` }, client: same });
    await expect(submitEnrollmentRequest(rt, { form: { name: 'Bot', email: 'bot99@example.com' }, client: same })).rejects.toMatchObject({ code: 'rate_limited' });
  });
});
