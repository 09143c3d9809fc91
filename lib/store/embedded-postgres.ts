/**
 * The embedded default database: PGlite (Postgres compiled to WebAssembly) served over the Postgres wire protocol by
 * pglite-socket, so Tessera has one code path (Prisma + @prisma/adapter-pg) for embedded and real Postgres.
 *
 * pglite-socket funnels every connection into PGlite's single session; with more than one connection their messages
 * interleave (protocol errors, and with large parameters silently wrong rows). The server therefore accepts exactly one
 * connection, and every client of an embedded database must use a pool of max 1 (see lib/store/database-url.ts).
 * It listens on a Unix socket in a private temporary directory: no TCP port to collide with or to expose.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** postgresql:// URL reaching the socket; add `?connection_limit=1` semantics by using pool max 1. */
  url: string;
  stop(): Promise<void>;
}

/** `dataDir: null` keeps everything in memory (tests, migration generation). */
export async function startEmbeddedPostgres(opts: { dataDir: string | null }): Promise<EmbeddedPostgres> {
  const db = opts.dataDir ? await PGlite.create({ dataDir: opts.dataDir }) : await PGlite.create();
  const socketDir = await mkdtemp(path.join(os.tmpdir(), 'tessera-pg-'));
  const server = new PGLiteSocketServer({ db, path: path.join(socketDir, '.s.PGSQL.5432'), maxConnections: 1 });
  await server.start();
  const url = `postgresql://postgres@localhost:5432/postgres?host=${encodeURIComponent(socketDir)}&embedded=1`;
  let stopped = false;
  return {
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
      await rm(socketDir, { recursive: true, force: true });
    },
  };
}
