import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';

export interface PrismaClientOptions {
  /** Pool size of this process's connections; the embedded server is sized for several such pools. */
  poolSize?: number;
}

/** The one place a Prisma client is made: a pg pool behind @prisma/adapter-pg. */
export function createPrismaClient(url: string, opts: PrismaClientOptions = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: opts.poolSize ?? 5 });
  return new PrismaClient({ adapter });
}
