/**
 * The SCEP load generator shared by both sides of the benchmark: pre-built PKCSReq bodies (RSA-2048 keys,
 * AES-128-CBC + SHA-256, as iOS sends), POSTed at a fixed concurrency, then every reply verified and decrypted as a
 * client would, after the clock stops.
 */
import type { KeyObject } from 'node:crypto';
import { buildClientRequest, parseCertRepForClient } from '../test/support/scep/client';
import { createClientIdentity, testRsaKey } from '../test/support/scep/identities';
import { describeCertificate } from '../lib/pki/x509/certificate-info';

export interface PreparedRequest {
  body: Uint8Array;
  signer: { certificateDer: Uint8Array; privateKey: KeyObject };
}

export const KEY_POOL = 32;

export function prepareRequests(count: number, caDer: Uint8Array, challengeFor: (i: number) => string, tag: string): PreparedRequest[] {
  return Array.from({ length: count }, (_, i) => {
    const id = createClientIdentity({ privateKey: testRsaKey(2048, i % KEY_POOL), challenge: challengeFor(i), commonName: `bench-${tag}-${i}` });
    const body = buildClientRequest({ messageType: 'PKCSReq', transactionId: `BENCH-${tag}-${i}`, signer: id, recipients: [caDer], messageData: id.csrDer, cipher: 'AES-128-CBC', digest: 'SHA-256' });
    return { body, signer: id };
  });
}

export interface RoundResult {
  concurrency: number;
  requests: number;
  issued: number;
  failed: number;
  httpErrors: number;
  seconds: number;
  perSecond: number;
  p50ms: number;
  p99ms: number;
  serials: string[];
  /** A few failure descriptions, to tell a refused request from a broken one. */
  failures: string[];
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * Opens `concurrency` fresh keep-alive connections right before the clock starts. Without it the first request of
 * each worker may reuse a connection the server closed while requests were being prepared ("other side closed"),
 * which measures the client's connection pool, not the server.
 */
async function warmUp(url: string, concurrency: number): Promise<void> {
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          await (await fetch(`${url}?operation=GetCACaps`)).arrayBuffer();
          return;
        } catch {
          // stale pooled connection: the next attempt opens a new one
        }
      }
    }),
  );
}

export async function runRound(url: string, caDer: Uint8Array, reqs: PreparedRequest[], concurrency: number): Promise<RoundResult> {
  await warmUp(url, concurrency);
  const latencies: number[] = [];
  const replies: (Uint8Array | null)[] = new Array(reqs.length).fill(null);
  let next = 0;
  let httpErrors = 0;
  const httpFailures: string[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= reqs.length) return;
        const t0 = performance.now();
        try {
          const res = await fetch(`${url}?operation=PKIOperation`, { method: 'POST', body: Buffer.from(reqs[i]!.body), headers: { 'content-type': 'application/x-pki-message' } });
          const body = new Uint8Array(await res.arrayBuffer());
          if (res.status === 200) replies[i] = body;
          else {
            httpErrors++;
            if (httpFailures.length < 5) httpFailures.push(`HTTP ${res.status}: ${Buffer.from(body).toString('utf8', 0, 120)}`);
          }
        } catch (e) {
          httpErrors++;
          if (httpFailures.length < 5) httpFailures.push(`network: ${(e as Error).message}`);
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const serials: string[] = [];
  const failures: string[] = [];
  let failed = 0;
  replies.forEach((body, i) => {
    if (!body) return;
    try {
      const rep = parseCertRepForClient(body, { caCertificateDer: caDer, recipient: reqs[i]!.signer });
      if (rep.pkiStatus === 'SUCCESS' && rep.signatureValid && rep.certificates[0]) serials.push(describeCertificate(rep.certificates[0]).serialHex);
      else {
        failed++;
        if (failures.length < 5) failures.push(`${rep.pkiStatus} ${rep.failInfo ?? ''} ${rep.failInfoText ?? ''}`.trim());
      }
    } catch (e) {
      failed++;
      if (failures.length < 5) failures.push(`unreadable reply: ${(e as Error).message}`);
    }
  });
  latencies.sort((a, b) => a - b);
  return {
    concurrency,
    requests: reqs.length,
    issued: serials.length,
    failed: failed + httpErrors,
    httpErrors,
    seconds,
    perSecond: serials.length / seconds,
    p50ms: pct(latencies, 50),
    p99ms: pct(latencies, 99),
    serials,
    failures: [...httpFailures, ...failures],
  };
}

export const ROUNDS: { concurrency: number; requests: number }[] = [
  { concurrency: 1, requests: Number(process.env.BENCH_N1 ?? 100) },
  { concurrency: 4, requests: Number(process.env.BENCH_N4 ?? 200) },
  { concurrency: 16, requests: Number(process.env.BENCH_N16 ?? 400) },
];
