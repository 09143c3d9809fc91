/**
 * The Prisma client, over @prisma/adapter-pg for both the embedded database and a real Postgres server.
 * This folder is the only importer of the generated client.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';
import { driverUrl, poolSizeFor } from './database-url';

export type Db = PrismaClient;
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;
/** Repository functions take either the client or a transaction client. */
export type DbOrTx = Db | Tx;

export function createPrisma(url: string, opts: { poolSize?: number } = {}): Db {
  const adapter = new PrismaPg({ connectionString: driverUrl(url), max: poolSizeFor(url, opts.poolSize ?? 10) });
  // With one embedded connection, transactions queue behind each other: wait for them instead of failing after
  // Prisma's 2 s default.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 30_000, timeout: 30_000 } });
}

export { Prisma } from './generated/client';
export type * from './generated/client';
