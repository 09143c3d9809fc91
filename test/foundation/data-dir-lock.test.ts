import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, acquireDataDirLock, lockPath, readLock } from '../../lib/server/boot/data-dir-lock';

describe('data directory lock', () => {
  it('refuses a second holder while the first lives, naming it; works again after release', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tessera-lock-'));
    const lock = await acquireDataDirLock(dir, 3000);
    await expect(acquireDataDirLock(dir)).rejects.toThrow(DataDirLockedError);
    await expect(acquireDataDirLock(dir)).rejects.toThrow(new RegExp(`pid ${process.pid}, port 3000`));
    expect((await readLock(dir))?.port).toBe(3000);
    await lock.release();
    const again = await acquireDataDirLock(dir);
    await again.release();
  });

  it('takes over a stale lock whose process is gone', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tessera-lock-'));
    const dead = spawn(process.execPath, ['-e', '']);
    const pid = dead.pid!;
    await new Promise((r) => dead.on('exit', r));
    await writeFile(lockPath(dir), JSON.stringify({ pid, port: 1, startedAt: 'earlier' }));
    const lock = await acquireDataDirLock(dir);
    expect((await readLock(dir))?.pid).toBe(process.pid);
    await lock.release();
  });
});
