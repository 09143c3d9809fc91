/**
 * PGlite has no data-directory lock: two processes on one data dir both start and silently diverge. Tessera holds
 * `<dataDir>/tessera.lock` (created with O_EXCL, holding the owner's pid and port) for as long as it runs.
 * A lock whose pid is gone is stale and is taken over.
 */
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface LockInfo {
  pid: number;
  port: number | null;
  startedAt: string;
}

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  constructor(
    readonly dataDir: string,
    readonly owner: LockInfo,
  ) {
    super(
      `Another Tessera process (pid ${owner.pid}${owner.port ? `, port ${owner.port}` : ''}, started ${owner.startedAt}) ` +
        `is using the data directory ${dataDir}. Stop it first, or give this instance its own TESSERA_DATA_DIR. ` +
        `(CLI commands work while it runs: they talk to it.)`,
    );
  }
}

export function lockPath(dataDir: string): string {
  return path.join(dataDir, 'tessera.lock');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function readLock(dataDir: string): Promise<LockInfo | null> {
  try {
    const info = JSON.parse(await readFile(lockPath(dataDir), 'utf8')) as LockInfo;
    return typeof info.pid === 'number' && alive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

export interface HeldLock {
  update(info: Partial<LockInfo>): Promise<void>;
  release(): Promise<void>;
}

export async function acquireDataDirLock(dataDir: string, port: number | null = null): Promise<HeldLock> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = lockPath(dataDir);
  let info: LockInfo = { pid: process.pid, port, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(file, JSON.stringify(info), { flag: 'wx', mode: 0o600 });
      let released = false;
      return {
        async update(more) {
          info = { ...info, ...more };
          const tmp = `${file}.${process.pid}`;
          await writeFile(tmp, JSON.stringify(info), { mode: 0o600 });
          await rename(tmp, file);
        },
        async release() {
          if (released) return;
          released = true;
          await unlink(file).catch(() => undefined);
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = await readLock(dataDir);
      if (owner) throw new DataDirLockedError(dataDir, owner);
      // Stale: its process is gone. Remove and retry; O_EXCL decides between two racing starters.
      await unlink(file).catch(() => undefined);
    }
  }
  throw new Error(`could not acquire ${file}`);
}
