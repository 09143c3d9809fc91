/**
 * `tessera …` (npm run tessera -- …, or npx tessera …). Runs a command from lib/server/cli/registry.ts:
 *  - remotely, over POST /api/internal/cli, when a Tessera server owns this data directory's embedded database;
 *  - locally otherwise (it then holds the data-dir lock itself while it runs).
 */
import os from 'node:os';
import path from 'node:path';
import { parseEnv, type TesseraEnv } from '../lib/env';
import { bootstrap } from '../lib/server/boot/bootstrap';
import { readCliCredential } from '../lib/server/boot/cli-credential';
import { acquireDataDirLock, readLock } from '../lib/server/boot/data-dir-lock';
import type { CliCommand } from '../lib/server/cli/command';
import { COMMANDS, findCommand } from '../lib/server/cli/registry';
import { runCommand } from '../lib/server/cli/run-command';
import { escapeControlCharacters, escapeForTerminal } from '../lib/server/cli/terminal-text';
import { AppError } from '../lib/server/errors';
import { createRuntime } from '../lib/server/runtime';
import { startEmbeddedPostgres } from '../lib/store/embedded-postgres';
import { applyMigrations } from '../lib/store/migrate';
import { parseFlags, splitCommand, usage } from './parse-args';

async function runRemote(port: number, dataDir: string, command: CliCommand, input: Record<string, unknown>): Promise<unknown> {
  const token = await readCliCredential(dataDir);
  if (!token) throw new Error(`the running server's CLI credential (${dataDir}/cli-token) is not readable`);
  const res = await fetch(`http://127.0.0.1:${port}/api/internal/cli`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ command: command.name, input }),
  });
  const body = (await res.json().catch(() => ({}))) as { output?: unknown; error?: { code: string; message: string } };
  if (!res.ok || body.error) throw new AppError((body.error?.code as AppError['code']) ?? 'unavailable', body.error?.message ?? `server answered ${res.status}`);
  return body.output;
}

async function runLocal(env: TesseraEnv, command: CliCommand, input: Record<string, unknown>): Promise<unknown> {
  const lock = env.DATABASE_URL ? null : await acquireDataDirLock(env.dataDir);
  const embedded = env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: path.join(env.dataDir, 'pgdata') });
  try {
    const url = env.DATABASE_URL ?? embedded!.url;
    await applyMigrations(url);
    const runtime = await createRuntime(env, url, { poolSize: 1 });
    try {
      await bootstrap(runtime.db, runtime.masterKey, {
        caSubject: env.TESSERA_CA_SUBJECT,
        caKeyBits: env.TESSERA_CA_KEY_BITS,
        caValidityDays: env.TESSERA_CA_VALIDITY_DAYS,
        log: (l) => console.error(`[tessera] ${l}`),
      });
      return await runCommand(command, input, { runtime, actor: { id: `cli:${os.userInfo().username}`, sourceAddress: null } });
    } finally {
      await runtime.db.$disconnect();
    }
  } finally {
    await embedded?.stop();
    await lock?.release();
  }
}

function help(): string {
  return ['Usage: tessera <command> [options] [--json]', '', 'Commands:', ...COMMANDS.map((c) => `  ${c.name.padEnd(22)} ${c.summary}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const args = splitCommand(argv, COMMANDS.map((c) => c.name));
  const command = findCommand(args.commandName);
  if (!command) {
    console.log(args.commandName ? `Unknown command "${args.commandName}".\n\n${help()}` : help());
    return args.commandName ? 2 : 0;
  }
  if (args.help) {
    console.log(usage(command));
    return 0;
  }
  const input = parseFlags(command, args.rest);
  const env = parseEnv();
  const owner = env.DATABASE_URL ? null : await readLock(env.dataDir);
  const output = owner?.port ? await runRemote(owner.port, env.dataDir, command, input) : await runLocal(env, command, input);
  // JSON.stringify escapes controls itself; the text formatters get data whose strings are already escaped.
  console.log(args.json ? JSON.stringify(output, null, 2) : command.text(escapeForTerminal(output)));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    // Messages can quote input (a flag value, a server's answer): escaped like any other output.
    console.error(`error: ${escapeControlCharacters(String((e as Error)?.message ?? e))}`);
    process.exit(e instanceof AppError && e.code === 'validation' ? 2 : 1);
  },
);
