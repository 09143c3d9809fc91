/**
 * Runs inside a private network namespace (`unshare -n`, loopback only), because the reference `scepserver` binds
 * every interface and cannot be told to use 127.0.0.1: there, "every interface" is just loopback.
 * Starts Debian's scepserver with a fresh RSA-2048 CA and a static challenge, runs the same rounds, prints JSON.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROUNDS, prepareRequests, runRound } from './load';

async function main(): Promise<void> {
  const depot = path.join(mkdtempSync(path.join(os.tmpdir(), 'scepserver-')), 'depot');
  spawnSync('scepserver', ['ca', '-init', '-depot', depot, '-keySize', '2048'], { stdio: 'ignore' });
  const port = 18080;
  const server = spawn('scepserver', ['-depot', depot, '-port', String(port), '-challenge', 'bench-secret'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/scep`;
  let caDer: Uint8Array | null = null;
  for (let i = 0; i < 100 && !caDer; i++) {
    try {
      const res = await fetch(`${url}?operation=GetCACert`);
      if (res.ok) caDer = new Uint8Array(await res.arrayBuffer());
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (!caDer) throw new Error('scepserver did not start');
  const results = [];
  for (const round of ROUNDS) {
    const reqs = prepareRequests(round.requests, caDer, () => 'bench-secret', `ref-c${round.concurrency}`);
    results.push(await runRound(url, caDer, reqs, round.concurrency));
  }
  server.kill('SIGTERM');
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
