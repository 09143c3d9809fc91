/**
 * The SCEP service against hostile input (fast-check): mutated real client messages (Debian scepclient captures, the
 * macOS vector), random bytes, random GET queries, and validly signed requests whose envelope or messageData is
 * garbage. The answer is always an HTTP 4xx or a signed CertRep the client can verify — never a 500, never a throw.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutatedArb, mutationArb, mutate } from '../../test/support/fuzz';
import { buildClientRequest, createClientIdentity, createHarness, FakeScepBackend, parseCertRepForClient, TEST_CLIENT } from '../../test/support/scep';
import { parseCertificate } from '../pki/x509';
import { decodeGetMessage } from './http-decode';
import { isScepReasonCode } from './reason-codes';
import { createScepService } from './service';
import type { ScepHttpRequest, ScepHttpResponse, ScepService } from './types';

const data = path.join(__dirname, '..', '..', 'test', 'data', 'scep');
const read = (...p: string[]) => fs.readFileSync(path.join(data, ...p));

function serviceFor(dir: string, caFile: string) {
  const ca = { certificateDer: new crypto.X509Certificate(read(dir, caFile)).raw, privateKey: crypto.createPrivateKey(read(dir, 'ca.key.pem')) };
  const backend = new FakeScepBackend({ ca, now: () => new Date('2026-06-01T00:00:00Z') });
  const config = { legacy: true, renewal: true, maxBodyBytes: 1 << 20, minRsaBits: 1024, backend };
  return { ca, service: createScepService({ ...config, ca: { certificate: parseCertificate(ca.certificateDer), privateKey: ca.privateKey } }) };
}

const scepclient = serviceFor('scepclient-2.1.0', 'ca.pem');
const macos = serviceFor('macos-mdmclient-2016', 'ca-renewed.pem');
const captures = [
  { ...scepclient, body: read('scepclient-2.1.0', 'pkcsreq-post.der') },
  { ...scepclient, body: read('scepclient-2.1.0', 'renewalreq-post.der') },
  { ...macos, body: read('macos-mdmclient-2016', 'PKCSReq.der') },
];

/** Never a 500; a 200 is a CertRep that verifies with the CA; every event carries a known reason code. */
async function answersSafely(service: ScepService, caDer: Uint8Array, req: Omit<ScepHttpRequest, 'client'>): Promise<ScepHttpResponse> {
  const res = await service.handle({ ...req, client: TEST_CLIENT });
  expect(res.status, res.event.reason).not.toBe(500);
  expect(isScepReasonCode(res.event.reasonCode)).toBe(true);
  if (res.status === 200 && res.contentType === 'application/x-pki-message') {
    expect(parseCertRepForClient(res.body, { caCertificateDer: caDer }).signatureValid).toBe(true);
  } else expect([200, 400, 405, 413]).toContain(res.status);
  return res;
}

const post = (body: Uint8Array) => ({ method: 'POST', rawQuery: 'operation=PKIOperation', body });

describe('SCEP service under fuzzing (fast-check)', () => {
  it('mutated real client messages (POST)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: captures.length - 1 }), fc.array(mutationArb, { maxLength: 4 }), async (i, ms) => {
        const c = captures[i]!;
        await answersSafely(c.service, c.ca.certificateDer, post(mutate(c.body, ms)));
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes and random GET queries', async () => {
    const { service, ca } = scepclient;
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (body) => void (await answersSafely(service, ca.certificateDer, post(body)))), { numRuns: 200 });
    const query = fc.oneof(
      fc.string({ maxLength: 200 }),
      mutatedArb(captures.map((c) => c.body)).map((b) => `operation=PKIOperation&message=${encodeURIComponent(Buffer.from(b).toString('base64'))}`),
      fc.string({ maxLength: 100 }).map((m) => `operation=PKIOperation&message=${m}`),
    );
    await fc.assert(
      fc.asyncProperty(query, fc.constantFrom('GET', 'POST', 'PUT'), async (rawQuery, method) => {
        await answersSafely(service, ca.certificateDer, { method, rawQuery, body: method === 'GET' ? null : new Uint8Array(0) });
      }),
      { numRuns: 300 },
    );
  });

  it('GET message decoding never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (raw) => void decodeGetMessage(raw)), { numRuns: 2000 });
  });

  it('validly signed requests with a garbage envelope or messageData: FAILURE in-band, one answer inside the decryption window', async () => {
    const h = createHarness({ legacy: true });
    const device = createClientIdentity({ commonName: 'fuzz' });
    const messageData = fc.oneof(fc.uint8Array({ maxLength: 400 }), mutatedArb([device.csrDer]));
    await fc.assert(
      fc.asyncProperty(messageData, fc.array(mutationArb, { maxLength: 3 }), fc.constantFrom('PKCSReq', 'CertPoll', 'GetCert'), async (payload, ms, messageType) => {
        const body = buildClientRequest({
          messageType,
          transactionId: 'FUZZ',
          signer: device,
          recipients: [h.ca.certificateDer],
          messageData: payload,
          mutateEnvelope: ms.length ? (env) => mutate(env, ms) : undefined,
        });
        const res = await answersSafely(h.service, h.ca.certificateDer, post(body));
        expect(res.status).toBe(200);
        if (res.event.outcome === 'failure' && res.event.failInfo === 'badRequest' && ms.length === 0 && messageType === 'PKCSReq') {
          expect(['undecryptable', 'key-not-allowed', 'subject-not-encodable']).toContain(res.event.reasonCode);
        }
      }),
      { numRuns: 150 },
    );
  });
});
