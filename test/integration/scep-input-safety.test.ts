/**
 * Hostile text in a CSR (NUL, control characters, lone surrogates) is a FAILURE badRequest, never an HTTP 500, and
 * every exchange still leaves its SCEP log row. Stored CSRs never keep the challenge password.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scepEndpoint } from '../../lib/http/scep-endpoint';
import { testRsaKey } from '../support/scep/identities';
import { createChallenge } from '../../lib/server/challenges/create-challenge';
import { approveScepRequest } from '../../lib/server/requests/decide-scep-request';
import { setRuntime } from '../../lib/server/runtime';
import { recordScepEvent } from '../../lib/server/scep/handle-scep-request';
import { buildHostileCsr, type HostileCsrSpec } from '../support/hostile-csr';
import { scepExchange, selfSigned } from '../support/scep-exchange';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime';

let rt: TestRuntime;
let caDer: Uint8Array;
const actor = { id: 'test:admin', sourceAddress: null };

beforeAll(async () => {
  rt = await createTestRuntime();
  setRuntime(rt);
  caDer = (await rt.ca()).certificateDer;
});
afterAll(async () => {
  setRuntime(undefined);
  await rt?.close();
});

const newChallenge = async (approval: 'auto' | 'manual' = 'auto') => (await createChallenge(rt.db, rt.masterKey, { approval }, actor, { defaultTtlSeconds: 3600 })).challenge;

async function sendCsr(spec: Omit<HostileCsrSpec, 'key' | 'challenge'>, keyIndex: number, challenge?: string) {
  const key = testRsaKey(2048, keyIndex);
  const csrDer = buildHostileCsr({ key, ...spec, challenge: challenge ?? (await newChallenge()) });
  return scepExchange({ caDer, csrDer, signer: selfSigned(key) });
}

/** Text Postgres can hold and a terminal can print: no C0/C1 controls, no lone surrogates. */
const printable = (s: string) => s.isWellFormed() && !/\p{Cc}/u.test(s);

describe('hostile text in a CSR', () => {
  const cases: [string, Omit<HostileCsrSpec, 'key' | 'challenge'>, RegExp][] = [
    ['a CN with a NUL byte', { subject: [['CN', 'bob@example.test\u0000.evil.example']] }, /NUL|control character/],
    ['a UPN SAN with a lone surrogate', { subject: [['CN', 'surrogate']], sans: [{ type: 'upn', value: 'bob\uD800@example.test', kind: 'bmp' }] }, /surrogate|not valid Unicode/],
    ['a CN with a lone surrogate', { subject: [['CN', 'lone\uDC00', 'bmp']] }, /surrogate|not valid Unicode/],
    ['a CN with ESC and BEL', { subject: [['CN', 'bell\u0007\u001b[31m']] }, /control character/],
    ['an e-mail SAN with a NUL byte', { subject: [['CN', 'nul-san']], sans: [{ type: 'email', value: 'bob@example.test\u0000@evil.example' }] }, /NUL|control character/],
  ];
  cases.forEach(([name, spec, why], i) => {
    it(`${name} → FAILURE badRequest with a readable SCEP log row, nothing stored`, async () => {
      const x = await sendCsr(spec, i % 4);
      expect(x.status, x.body).toBe(200);
      expect([x.rep?.pkiStatus, x.rep?.failInfo]).toEqual(['FAILURE', 'badRequest']);
      const event = await rt.db.scepEvent.findFirstOrThrow({ where: { transactionId: x.transactionId } });
      expect(event.reason).toMatch(why);
      expect(printable(event.reason)).toBe(true);
      expect(await rt.db.scepRequest.count({ where: { transactionId: x.transactionId } })).toBe(0);
    });
  });
});

describe('the SCEP log never loses a row', () => {
  it('stores an exchange whose operation is NUL, ESC and a lone surrogate, as printable text', async () => {
    const before = await rt.db.scepEvent.count();
    const res = await scepEndpoint(new Request('http://127.0.0.1/scep?operation=Get%00CACert%1B%5B2J%ED%A0%80', { headers: { 'user-agent': 'probe' } }));
    expect(res.status).toBe(400);
    expect(await rt.db.scepEvent.count()).toBe(before + 1);
    const event = await rt.db.scepEvent.findFirstOrThrow({ where: { userAgent: 'probe' }, orderBy: { createdAt: 'desc' } });
    expect(printable(event.operation) && printable(event.reason)).toBe(true);
    expect(event.reason).toContain('\\x00');
  });

  it('writes a row even when the event cannot be stored as it is', async () => {
    await recordScepEvent(rt, {
      operation: 'PKIOperation',
      messageType: 'PKCSReq',
      transactionId: 'UNSTORABLE-1',
      outcome: 'failure',
      httpStatus: 200,
      failInfo: 'badRequest',
      reasonCode: 'request-failed',
      reason: 'x'.repeat(10),
      algorithms: null,
      durationMs: Number.NaN,
      client: { address: '192.0.2.9', userAgent: null },
    });
    const rows = await rt.db.scepEvent.findMany({ where: { transactionId: 'UNSTORABLE-1' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.outcome).toBe('failure');
  });
});

describe('stored CSRs', () => {
  const containsSecret = (der: Uint8Array, secret: string) => {
    const bytes = Buffer.from(der);
    const bare = secret.replace(/-/g, '');
    const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
    return [secret, bare].some((s) => bytes.includes(Buffer.from(s, 'latin1')) || bytes.includes(utf16be(s)));
  };

  it('keep no challenge password (issued and pending), and a pending one can still be approved', async () => {
    const autoSecret = await newChallenge();
    const issued = await sendCsr({ subject: [['CN', 'blank-auto']] }, 0, autoSecret);
    expect(issued.rep?.pkiStatus).toBe('SUCCESS');
    const issuedRow = await rt.db.scepRequest.findFirstOrThrow({ where: { transactionId: issued.transactionId } });
    expect(containsSecret(issuedRow.csrDer, autoSecret)).toBe(false);

    const manualSecret = await newChallenge('manual');
    const key = testRsaKey(2048, 1);
    const csrDer = buildHostileCsr({ key, subject: [['CN', 'blank-manual']], challenge: manualSecret, challengeKind: 'bmp' });
    const pending = await scepExchange({ caDer, csrDer, signer: selfSigned(key) });
    expect(pending.rep?.pkiStatus).toBe('PENDING');
    const pendingRow = await rt.db.scepRequest.findFirstOrThrow({ where: { transactionId: pending.transactionId } });
    expect(containsSecret(pendingRow.csrDer, manualSecret)).toBe(false);
    expect(pendingRow.csrDer.length).toBe(csrDer.length);

    const approved = await approveScepRequest(rt, { id: pendingRow.id, actor });
    expect(approved.status).toBe('issued');
    const cert = await rt.db.certificate.findFirstOrThrow({ where: { requestId: pendingRow.id } });
    expect(cert.subject).toBe('CN=blank-manual');
  });
});
