/**
 * `npm run bench`: Tessera (production build, started as `npm start` does) and Debian's reference `scepserver`
 * side by side on loopback, with the same pre-built RSA-2048 PKCSReq requests (AES-128-CBC/SHA-256) at concurrency
 * 1, 4 and 16. Reports issuances/second, p50/p99 latency, failures and repeated serials, and the throughput ratio.
 *
 * Tessera uses a fresh database on the PostgreSQL at BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres
 * when reachable); BENCH_EMBEDDED=1 benchmarks the embedded PGlite default instead (one connection: serialised).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROUNDS, prepareRequests, runRound, type RoundResult } from './load';
import { buildIfNeeded } from '../scripts/build-if-needed';
import { runCli } from '../test/support/run-cli';
import { startTesseraServer } from '../test/support/tessera-server';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

function postgresReachable(url: string): boolean {
  return spawnSync('pg_isready', ['-d', url, '-q']).status === 0;
}

async function benchTessera(): Promise<{ results: RoundResult[]; database: string }> {
  const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const embedded = process.env.BENCH_EMBEDDED === '1' || !postgresReachable(pgUrl);
  if (embedded) {
    delete process.env.TEST_DATABASE_URL;
    delete process.env.DATABASE_URL;
  } else process.env.TEST_DATABASE_URL = pgUrl;
  buildIfNeeded();
  const server = await startTesseraServer();
  try {
    const cliEnv = { TESSERA_DATA_DIR: server.dataDir, ...(server.env.DATABASE_URL ? { DATABASE_URL: server.env.DATABASE_URL } : {}) };
    const token = runCli(['token', 'create', '--name', 'bench', '--json'], cliEnv).json().token as string;
    const caDer = new Uint8Array(await (await fetch(`${server.url}/scep?operation=GetCACert`)).arrayBuffer());
    const results: RoundResult[] = [];
    for (const round of ROUNDS) {
      const challenges: string[] = [];
      for (let i = 0; i < round.requests; i += 16) {
        const batch = await Promise.all(
          Array.from({ length: Math.min(16, round.requests - i) }, async () => {
            const res = await fetch(`${server.url}/api/v1/challenges`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
            return ((await res.json()) as { challenge: string }).challenge;
          }),
        );
        challenges.push(...batch);
      }
      const reqs = prepareRequests(round.requests, caDer, (i) => challenges[i]!, `tessera-c${round.concurrency}`);
      results.push(await runRound(`${server.url}/scep`, caDer, reqs, round.concurrency));
    }
    return { results, database: embedded ? 'embedded PGlite' : 'PostgreSQL 127.0.0.1:5432' };
  } finally {
    await server.stop();
  }
}

function benchReference(): RoundResult[] | string {
  if (spawnSync('which', ['scepserver']).status !== 0) return 'scepserver not installed (apt-get install scep)';
  const worker = path.join(here, 'reference-worker.ts');
  const r = spawnSync('unshare', ['-n', 'sh', '-c', `ip link set lo up && exec "${process.execPath}" "${require.resolve('tsx/cli')}" "${worker}"`], {
    encoding: 'utf8',
    env: process.env,
    maxBuffer: 64 * 1024 * 1024,
    timeout: 20 * 60_000,
  });
  if (r.status !== 0) return `reference run failed: ${r.stderr.slice(-500)}`;
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '[]') as RoundResult[];
}

const fmt = (n: number, d = 1) => n.toFixed(d);
const dupes = (serials: string[]) => serials.length - new Set(serials).size;
/** Certificates whose serial no other certificate in the run shares (a repeated serial breaks the iOS keychain), per second. */
const usable = (r: RoundResult) => {
  const counts = new Map<string, number>();
  for (const s of r.serials) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts.values()].filter((n) => n === 1).length / r.seconds;
};

async function main(): Promise<void> {
  const tessera = await benchTessera();
  const reference = benchReference();
  const lines = [
    `SCEP PKCSReq benchmark — RSA-2048, AES-128-CBC/SHA-256, loopback, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, Tessera on ${tessera.database}`,
    '',
    '| server | concurrency | requests | issued | failed | repeated serials | issuances/s | usable issuances/s | p50 ms | p99 ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const row = (name: string, r: RoundResult) =>
    `| ${name} | ${r.concurrency} | ${r.requests} | ${r.issued} | ${r.failed} | ${dupes(r.serials)} | ${fmt(r.perSecond)} | ${fmt(usable(r))} | ${fmt(r.p50ms)} | ${fmt(r.p99ms)} |`;
  for (const r of tessera.results) lines.push(row('Tessera', r));
  if (typeof reference === 'string') lines.push('', `Reference: ${reference}`);
  else {
    for (const r of reference) lines.push(row('scepserver (Debian scep 2.1.0)', r));
    lines.push('', '| concurrency | Tessera ÷ scepserver, issuances/s | Tessera ÷ scepserver, usable issuances/s |', '|---:|---:|---:|');
    for (const t of tessera.results) {
      const ref = reference.find((r) => r.concurrency === t.concurrency);
      const ratio = (a: number, b: number) => (b > 0 ? `${fmt(a / b, 2)}×` : 'n/a');
      if (ref) lines.push(`| ${t.concurrency} | ${ratio(t.perSecond, ref.perSecond)} | ${ratio(usable(t), usable(ref))} |`);
    }
  }
  for (const r of [...tessera.results, ...(typeof reference === 'string' ? [] : reference)]) {
    if (r.failures.length) lines.push(`failures at concurrency ${r.concurrency} (${r === tessera.results.find((t) => t === r) ? 'Tessera' : 'scepserver'}): ${[...new Set(r.failures)].join('; ')}`);
  }
  const allSerials = tessera.results.flatMap((r) => r.serials);
  lines.push('', `Tessera: ${allSerials.length} certificates, ${dupes(allSerials)} repeated serials across all rounds.`);
  console.log(lines.join('\n'));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
