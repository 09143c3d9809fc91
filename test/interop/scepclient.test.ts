/**
 * Interop with a SCEP client written by others — Debian's `scepclient` (micromdm 2.1.0) — against a real Tessera
 * started as `npm start` does. scepclient always sends single-DES/SHA-1 envelopes, so the legacy-cipher setting is
 * exercised both ways. The CLI is used while the server runs (it talks to the server).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveScepclient, runScepclient } from '../support/scepclient';
import { runCliAsync as runCli } from '../support/run-cli';
import { fetchRetry, startTesseraServer, type TesseraServer } from '../support/tessera-server';

let server: TesseraServer;
let cliEnv: Record<string, string>;

const cli = async (...args: string[]) => {
  const r = await runCli([...args, '--json'], cliEnv);
  if (r.status !== 0) throw new Error(`tessera ${args.join(' ')} failed: ${r.stderr}`);
  return r.json();
};

beforeAll(async () => {
  server = await startTesseraServer();
  cliEnv = { TESSERA_DATA_DIR: server.dataDir, ...(server.env.DATABASE_URL ? { DATABASE_URL: server.env.DATABASE_URL } : {}) };
}, 240_000);
afterAll(async () => server?.stop());

describe.skipIf(!haveScepclient())('Debian scepclient against a running Tessera', () => {
  it('is refused with a log line naming single DES while legacy ciphers are off, then enrolls once they are on', async () => {
    const first = await cli('challenge', 'create', '--note', 'scepclient DES probe');
    const refused = await runScepclient({ serverUrl: `${server.url}/scep`, challenge: first.challenge });
    expect(refused.code).not.toBe(0);
    const log = await fetchRetry(`${server.url}/api/v1/requests?status=issued`, { headers: { authorization: `Bearer ${(await cli('token', 'create', '--name', 'des')).token}` } });
    expect((await log.json()).items).toHaveLength(0);
    const events = await cli('log', 'list', '--outcome', 'failure');
    expect(events.items[0].reason).toMatch(/single DES.*enable the legacy-cipher setting/);
    expect(JSON.stringify(events)).not.toContain(first.challenge);
    expect(server.output()).not.toContain(first.challenge);

    expect((await cli('settings', 'scep', '--legacy-ciphers', 'on')).settings.legacyCiphers).toBe(true);
    const ok = await runScepclient({ serverUrl: `${server.url}/scep`, challenge: first.challenge, cn: 'interop-device' });
    expect(ok.code, ok.output).toBe(0);
    expect(ok.certificatePem).toContain('BEGIN CERTIFICATE');
    const caDer = Buffer.from(await (await fetchRetry(`${server.url}/scep?operation=GetCACert`)).arrayBuffer());
    const caPath = path.join(ok.dir, 'ca.der');
    writeFileSync(caPath, caDer);
    execFileSync('openssl', ['x509', '-inform', 'DER', '-in', caPath, '-out', path.join(ok.dir, 'ca.pem')]);
    expect(execFileSync('openssl', ['verify', '-CAfile', path.join(ok.dir, 'ca.pem'), path.join(ok.dir, 'client.pem')]).toString()).toMatch(/OK/);
    const found = await cli('cert', 'list', '--q', 'interop-device');
    expect(found.items).toHaveLength(1);
  }, 120_000);

  it('fails a reused or wrong challenge', async () => {
    const c = await cli('challenge', 'create');
    expect((await runScepclient({ serverUrl: `${server.url}/scep`, challenge: c.challenge, cn: 'reuse-1' })).code).toBe(0);
    const reused = await runScepclient({ serverUrl: `${server.url}/scep`, challenge: c.challenge, cn: 'reuse-2' });
    expect(reused.code).not.toBe(0);
    const wrong = await runScepclient({ serverUrl: `${server.url}/scep`, challenge: 'WRONG-WRONG-WRONG', cn: 'wrong' });
    expect(wrong.code).not.toBe(0);
    expect((await cli('cert', 'list', '--q', 'reuse-2')).items).toHaveLength(0);
    expect((await cli('cert', 'list', '--q', 'wrong')).items).toHaveLength(0);
  }, 120_000);

  it('waits PENDING on a manual challenge until an admin approves through the API, then receives its certificate', async () => {
    const c = await cli('challenge', 'create', '--approval', 'manual', '--note', 'bob@example.test');
    const token = (await cli('token', 'create', '--name', 'approver')).token as string;
    const run = runScepclient({ serverUrl: `${server.url}/scep`, challenge: c.challenge, cn: 'pending-device', timeoutMs: 90_000 });
    let pendingId: string | undefined;
    for (let i = 0; i < 100 && !pendingId; i++) {
      const list = await (await fetchRetry(`${server.url}/api/v1/requests?status=pending`, { headers: { authorization: `Bearer ${token}` } })).json();
      pendingId = list.items.find((r: { subject: string }) => r.subject.includes('pending-device'))?.id;
      if (!pendingId) await new Promise((r) => setTimeout(r, 200));
    }
    expect(pendingId).toBeDefined();
    const approve = await fetchRetry(`${server.url}/api/v1/requests/${pendingId}/approve`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(approve.status).toBe(200);
    const done = await run;
    expect(done.code, done.output).toBe(0);
    expect(done.certificatePem).toContain('BEGIN CERTIFICATE');
  }, 120_000);

  it('enrolls over GET when the server does not offer POST (a proxy strips POSTPKIOperation and SCEPStandard, which implies it, from the caps)', async () => {
    const http = await import('node:http');
    const seen: string[] = [];
    const proxy = http.createServer(async (req, res) => {
      seen.push(`${req.method} ${new URL(req.url ?? '/', 'http://proxy').searchParams.get('operation')}`);
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const upstream = await fetchRetry(`${server.url}${req.url}`, { method: req.method, body: req.method === 'POST' ? Buffer.concat(chunks) : undefined });
      let body = Buffer.from(await upstream.arrayBuffer());
      if (req.url?.includes('GetCACaps')) body = Buffer.from(body.toString().replace('POSTPKIOperation\n', '').replace('SCEPStandard\n', ''));
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream', 'content-length': body.length });
      res.end(body);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
    const port = (proxy.address() as import('node:net').AddressInfo).port;
    try {
      const c = await cli('challenge', 'create');
      const r = await runScepclient({ serverUrl: `http://127.0.0.1:${port}/scep`, challenge: c.challenge, cn: 'get-device' });
      expect(r.code, r.output).toBe(0);
      expect(seen).toContain('GET PKIOperation');
      expect((await cli('cert', 'list', '--q', 'get-device')).items).toHaveLength(1);
    } finally {
      proxy.close();
    }
  }, 120_000);
});
