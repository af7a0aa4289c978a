import { createPrismaClient, openRunQueue, type PrismaClient, type RunQueue } from '@tradeoff/db';

import { serverEnv } from '~/env';

interface Platform {
  prisma: PrismaClient;
  queue: RunQueue;
}

// One Prisma pool and one queue per server process; kept on globalThis so dev reloads reuse them.
const holder = globalThis as typeof globalThis & { tradeoffPlatform?: Promise<Platform> };

async function open(): Promise<Platform> {
  const { DATABASE_URL } = serverEnv();
  const prisma = createPrismaClient(DATABASE_URL);
  const queue = await openRunQueue(DATABASE_URL);
  return { prisma, queue };
}

export function platform(): Promise<Platform> {
  holder.tradeoffPlatform ??= open().catch((error: unknown) => {
    holder.tradeoffPlatform = undefined; // let the next request try again
    throw error;
  });
  return holder.tradeoffPlatform;
}
