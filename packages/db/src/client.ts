import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client.ts';

export interface PrismaClientOptions {
  /** Pool size of this process's connections; the embedded server is sized for several such pools. */
  poolSize?: number;
}

/** The pg pool behind each client, for bulk writes that Prisma's query layer would slow down. */
const pools = new WeakMap<PrismaClient, pg.Pool>();

/** The one place a Prisma client is made: a pg pool behind @prisma/adapter-pg. */
export function createPrismaClient(url: string, opts: PrismaClientOptions = {}): PrismaClient {
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 5 });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(prisma, pool);
  return prisma;
}

/** The pg pool a client made by createPrismaClient runs on; closed by `prisma.$disconnect()`. */
export function poolOf(prisma: PrismaClient): pg.Pool {
  const pool = pools.get(prisma);
  if (!pool) throw new Error('poolOf: this Prisma client was not made by createPrismaClient');
  return pool;
}
