/**
 * The Prisma client, over @prisma/adapter-pg for both the embedded database and a real Postgres server.
 * This folder is the only importer of the generated client.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';
import { driverUrl, isEmbeddedUrl, poolSizeFor } from './database-url';

export type Db = PrismaClient;
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;
/** Repository functions take either the client or a transaction client. */
export type DbOrTx = Db | Tx;

/**
 * pglite-socket closes its connection after a statement fails outside a transaction (a unique violation, say), and
 * the next statement or two then fail with EPIPE while the pool reconnects. A write that failed with EPIPE never
 * reached the database, so it is safe to send again.
 */
const CONNECTION_LOST = /EPIPE|ECONNRESET|Connection terminated|connection is closed|Client has encountered a connection error/i;

function retryingOnLostConnection(client: PrismaClient): Db {
  return client.$extends({
    query: {
      async $allOperations({ args, query }) {
        for (let attempt = 0; ; attempt++) {
          try {
            return await query(args);
          } catch (e) {
            if (attempt >= 3 || !CONNECTION_LOST.test(String((e as Error)?.message))) throw e;
            await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
          }
        }
      },
    },
  }) as unknown as Db;
}

export function createPrisma(url: string, opts: { poolSize?: number } = {}): Db {
  const adapter = new PrismaPg({ connectionString: driverUrl(url), max: poolSizeFor(url, opts.poolSize ?? 10) });
  // With one embedded connection, transactions queue behind each other: wait for them instead of failing after
  // Prisma's 2 s default.
  const client = new PrismaClient({ adapter, transactionOptions: { maxWait: 30_000, timeout: 30_000 } });
  return isEmbeddedUrl(url) ? retryingOnLostConnection(client) : client;
}

export { Prisma } from './generated/client';
export type * from './generated/client';
