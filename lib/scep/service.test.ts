import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseCertificate } from '../pki/x509';
import { createScepService } from './service';
import { buildClientRequest, createClientIdentity, createHarness, parseCertRepForClient, sharedTestCa, TEST_CLIENT, FakeScepBackend } from '../../test/support/scep';

const h = createHarness();
const device = createClientIdentity({ commonName: 'HTTP Device' });

function pkcsReq(o: { form?: 'der' | 'ber'; idBytes?: number } = {}): Uint8Array {
  return buildClientRequest({
    messageType: 'PKCSReq',
    transactionId: crypto.randomBytes(o.idBytes ?? 8).toString('base64'), // micromdm-style: contains + / =
    signer: device,
    recipients: [h.ca.certificateDer],
    messageData: device.csrDer,
    form: o.form,
  });
}

/** A request whose base64 has '+', '/' and '=' (retried until it does, so every quirk is exercised). */
function quirkyRequest(): { body: Uint8Array; b64: string } {
  for (let i = 0; i < 300; i++) {
    const body = pkcsReq({ form: 'ber', idBytes: 6 + (i % 3) }); // the length decides the padding
    const b64 = Buffer.from(body).toString('base64');
    if (b64.includes('+') && b64.includes('/') && b64.endsWith('=')) return { body, b64 };
  }
  throw new Error('no request with +, / and = padding in its base64');
}

const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');

describe('GetCACaps / GetCACert', () => {
  it('serves caps as text/plain', async () => {
    const res = await h.get('operation=GetCACaps');
    expect(res).toMatchObject({ status: 200, contentType: 'text/plain' });
    expect(text(res.body)).toBe('AES\nPOSTPKIOperation\nSCEPStandard\nSHA-256\nSHA-512');
    expect(res.event).toMatchObject({ operation: 'GetCACaps', outcome: 'success', httpStatus: 200, client: TEST_CLIENT });
    expect(text((await h.get('operation=GetCACaps&message=Foo%20CA')).body)).toBe(text(res.body));
  });

  it('serves the CA certificate as DER for any message value', async () => {
    for (const q of ['operation=GetCACert', 'operation=GetCACert&message=0', 'operation=GetCACert&message=1', 'operation=getcacert&message=ubo']) {
      const res = await h.get(q);
      expect(res).toMatchObject({ status: 200, contentType: 'application/x-x509-ca-cert' });
      expect(Buffer.from(res.body)).toEqual(Buffer.from(h.ca.certificateDer));
    }
  });

  it('advertises Renewal when enabled', async () => {
    const r = createHarness({ renewal: true });
    expect(text((await r.get('operation=GetCACaps')).body).split('\n')).toContain('Renewal');
  });
});

describe('routing errors', () => {
  it.each([
    ['operation=GetCAChain', 'unsupported operation "GetCAChain"'],
    ['operation=Foo', 'unsupported operation "Foo"'],
    ['operation=GetNextCACert', 'unsupported operation "GetNextCACert"'],
    ['', 'request without an operation parameter'],
    ['message=abc', 'request without an operation parameter'],
  ])('GET ?%s → 400', async (q, reason) => {
    const res = await h.get(q);
    expect(res).toMatchObject({ status: 400, contentType: 'text/plain' });
    expect(res.body.length).toBeLessThan(100);
    expect(res.event).toMatchObject({ outcome: 'http-error', httpStatus: 400, reason });
  });

  it.each([
    ['POST', 'operation=GetCACert', 'GET'],
    ['POST', 'operation=GetCACaps', 'GET'],
    ['PUT', 'operation=PKIOperation', 'GET, POST'],
    ['DELETE', 'operation=GetCACert', 'GET, POST'],
  ])('%s ?%s → 405 Allow: %s', async (method, rawQuery, allow) => {
    const res = await h.service.handle({ method, rawQuery, body: new Uint8Array(1), client: TEST_CLIENT });
    expect(res).toMatchObject({ status: 405, contentType: 'text/plain', headers: { Allow: allow } });
  });

  it('oversized POST and GET → 413', async () => {
    const small = createHarness({ maxBodyBytes: 1000 });
    expect((await small.post(new Uint8Array(1001))).status).toBe(413);
    expect((await small.get(`operation=PKIOperation&message=${'A'.repeat(1400)}`)).status).toBe(413);
    expect((await small.get(`operation=PKIOperation&message=${'A'.repeat(2004)}`)).status).toBe(413);
  });

  it.each([
    ['fail/get-missing-message', 'operation=PKIOperation'],
    ['fail/get-empty-message', 'operation=PKIOperation&message='],
    ['fail/get-not-base64', 'operation=PKIOperation&message=MII*&^%'],
    ['fail/get-base64-of-garbage', `operation=PKIOperation&message=${Buffer.from('hello world').toString('base64')}`],
    ['fail/get-base64-of-der-integer', 'operation=PKIOperation&message=AgEA'],
  ])('%s → 400', async (_name, q) => {
    const res = await h.get(q);
    expect(res).toMatchObject({ status: 400, contentType: 'text/plain', event: { outcome: 'http-error' } });
  });

  it.each([
    ['fail/post-empty', new Uint8Array(0)],
    ['fail/post-not-der', Buffer.from('<html>hello</html>')],
    ['fail/post-truncated', pkcsReq().subarray(0, 500)],
    ['fail/post-trailing-garbage', Buffer.concat([pkcsReq(), Buffer.from([1, 2, 3])])],
    ['fail/post-enveloped-not-signed', Buffer.from('3080060a2a864886f70d01070300000000', 'hex')],
  ])('%s → 400', async (_name, body) => {
    const res = await h.post(body);
    expect(res).toMatchObject({ status: 400, contentType: 'text/plain' });
  });

  it('fail/missing-transaction-id and fail/missing-sender-nonce → 400 (nothing to answer in-band)', async () => {
    for (const omit of ['transactionID', 'senderNonce'] as const) {
      const body = buildClientRequest({ messageType: 'PKCSReq', transactionId: 'X', signer: device, recipients: [h.ca.certificateDer], messageData: device.csrDer, omitAttributes: [omit] });
      const res = await h.post(body);
      expect(res.status).toBe(400);
      expect(res.event.reason).toContain(omit);
    }
  });
});

describe('PKIOperation transports', () => {
  const ok = async (res: Awaited<ReturnType<typeof h.post>>) => {
    expect(res.status, res.event.reason).toBe(200);
    expect(res.contentType).toBe('application/x-pki-message');
    const rep = parseCertRepForClient(res.body, { caCertificateDer: h.ca.certificateDer, recipient: device });
    expect(rep.pkiStatus).toBe('SUCCESS');
  };

  it('POST with or without operation', async () => {
    await ok(await h.post(pkcsReq()));
    await ok(await h.post(pkcsReq(), ''));
    await ok(await h.post(pkcsReq(), 'operation=pkioperation'));
  });

  it('quirk/get-fully-escaped', async () => {
    const { b64 } = quirkyRequest();
    await ok(await h.get(`operation=PKIOperation&message=${encodeURIComponent(b64)}`));
  });

  it('quirk/get-unescaped-plus (iOS)', async () => {
    const { b64 } = quirkyRequest();
    await ok(await h.get(`operation=PKIOperation&message=${b64.replace(/=/g, '%3D')}`));
  });

  it('quirk/get-sscep-line-breaks', async () => {
    const { b64 } = quirkyRequest();
    const q = b64.match(/.{1,64}/g)!.join('%0A').replace(/\+/g, '%2B').replace(/=/g, '%3D') + '%0A';
    await ok(await h.get(`operation=PKIOperation&message=${q}`));
  });

  it('quirk/get-base64url (micromdm before 2026)', async () => {
    const { body } = quirkyRequest();
    await ok(await h.get(`message=${Buffer.from(body).toString('base64url')}%3D&operation=PKIOperation`));
  });
});

describe('createScepService', () => {
  it('refuses a key that does not match the CA certificate', () => {
    const other = createClientIdentity();
    expect(() =>
      createScepService({
        ca: { certificate: parseCertificate(sharedTestCa().certificateDer), privateKey: other.privateKey },
        legacy: false,
        renewal: false,
        maxBodyBytes: 1 << 20,
        minRsaBits: 2048,
        backend: new FakeScepBackend({ ca: sharedTestCa() }),
      }),
    ).toThrow(/does not match/);
  });

  it('never throws out of handle', async () => {
    const res = await h.service.handle({ method: 'POST', rawQuery: 'operation=PKIOperation', body: null, client: TEST_CLIENT });
    expect(res.status).toBe(400);
    const weird = await h.service.handle({ method: 'GET', rawQuery: '%%%&&&==operation', body: null, client: TEST_CLIENT });
    expect(weird.status).toBe(400);
  });
});

describe('SCEP log hygiene', () => {
  it('replaces control characters in the client-chosen operation before it reaches the log', async () => {
    const res = await h.get('operation=Get%1B%5B31mCACaps%07');
    expect(res.event.operation).toBe('Get?[31mCACaps?');
  });
});

describe('hostile sizes', () => {
  it('a 1 MiB body of one constructed OCTET STRING with 524,000 empty segments → 400 naming the limit', async () => {
    const body = Buffer.concat([Buffer.from([0x24, 0x80]), Buffer.alloc(524_000 * 2).fill(Buffer.from([4, 0])), Buffer.from([0, 0])]);
    const res = await h.post(body);
    expect(res).toMatchObject({ status: 400, event: { reasonCode: 'malformed-message' } });
    expect(res.event.reason).toMatch(/more than 8192 elements inside one element/);
  });
});
