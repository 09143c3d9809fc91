/**
 * End-to-end against a real client: Debian's micromdm `scepclient` 2.1.0 talks HTTP to the service through a
 * minimal node:http adapter (what app/scep/route.ts does with Next). Skipped when the binary is not installed.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, testRsaKey, type Harness } from '../../test/support/scep';
import type { ScepEvent } from './types';

const SCEPCLIENT = '/usr/bin/scepclient';
const available = fs.existsSync(SCEPCLIENT);

function serve(h: Harness, events: ScepEvent[]): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '';
      const q = url.indexOf('?');
      void h.service
        .handle({
          method: req.method ?? 'GET',
          rawQuery: q < 0 ? '' : url.slice(q + 1),
          body: req.method === 'POST' ? Buffer.concat(chunks) : null,
          client: { address: req.socket.remoteAddress ?? null, userAgent: req.headers['user-agent'] ?? null },
        })
        .then((r) => {
          events.push(r.event);
          res.writeHead(r.status, { 'Content-Type': r.contentType, 'Content-Length': r.body.length, ...r.headers });
          res.end(Buffer.from(r.body));
        });
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function run(args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(SCEPCLIENT, args, { cwd, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

describe.skipIf(!available)('scepclient 2.1.0 against the service', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-scepclient-'));
  const keyFile = path.join(tmp, 'client.key');
  const events: ScepEvent[] = [];
  let harness: Harness;
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    // PKCS#1 PEM: scepclient refuses PKCS#8 ("unmatched type or headers").
    fs.writeFileSync(keyFile, testRsaKey(2048, 1).export({ type: 'pkcs1', format: 'pem' }));
    harness = createHarness({ legacy: true, renewal: true, challenge: 'interop-secret', now: () => new Date() });
    server = await serve(harness, events);
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/scep`;
  });
  afterAll(() => {
    server?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('enrols with PKCSReq (DES-CBC + SHA-1 under the legacy switch) and renews with RenewalReq', async () => {
    const certFile = path.join(tmp, 'client.pem');
    const first = await run(['-server-url', url, '-private-key', keyFile, '-certificate', certFile, '-challenge', 'interop-secret', '-cn', 'interop device'], tmp);
    expect(first.code, first.output).toBe(0);
    const cert = new crypto.X509Certificate(fs.readFileSync(certFile));
    expect(cert.verify(new crypto.X509Certificate(Buffer.from(harness.ca.certificateDer)).publicKey)).toBe(true);
    expect(cert.subject).toContain('CN=interop device');
    expect(events.map((e) => e.operation)).toEqual(['GetCACert', 'GetCACaps', 'PKIOperation']);
    expect(events.at(-1)).toMatchObject({ outcome: 'success', messageType: 'PKCSReq', algorithms: 'DES-CBC/SHA-1' });

    const renewed = await run(['-server-url', url, '-private-key', keyFile, '-certificate', certFile, '-cn', 'interop device'], tmp);
    expect(renewed.code, renewed.output).toBe(0);
    expect(events.at(-1)).toMatchObject({ outcome: 'success', messageType: 'RenewalReq' });
    expect(harness.backend.enrollCalls.at(-1)?.renewalOfSerialHex).toBe(cert.serialNumber.toLowerCase());
  });

  it('gets a signed FAILURE it can read when the challenge is wrong', async () => {
    // Another key: the transactionID is derived from the key, and a retransmit of an issued one would succeed.
    // Its own directory too: scepclient reuses csr.pem/self.pem from its working directory.
    const dir = fs.mkdtempSync(path.join(tmp, 'other-'));
    const otherKey = path.join(dir, 'other.key');
    fs.writeFileSync(otherKey, testRsaKey(2048, 2).export({ type: 'pkcs1', format: 'pem' }));
    const res = await run(['-server-url', url, '-private-key', otherKey, '-certificate', path.join(dir, 'other.pem'), '-challenge', 'wrong'], dir);
    expect(res.code).not.toBe(0);
    expect(res.output).toMatch(/FAILURE|failInfo|badRequest|fail/i);
    expect(events.at(-1)).toMatchObject({ outcome: 'failure', failInfo: 'badRequest', reason: 'challenge rejected' });
  });
});
