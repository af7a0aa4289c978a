import { randomBytes } from 'node:crypto';

import type { PrismaClient, Role, RunQueue } from '@tradeoff/db';

import { hashToken } from '../caller.ts';
import { createContext } from '../context.ts';
import { createCaller } from '../root.ts';

/** An API caller acting as a new user of `role`, through an API token, as scripts call. */
export async function callerWithRole(prisma: PrismaClient, queue: RunQueue, role: Role) {
  const secret = `test-${randomBytes(8).toString('hex')}`;
  const user = await prisma.user.create({ data: { email: `${secret}@example.com`, role } });
  await prisma.apiToken.create({ data: { name: secret, userId: user.id, tokenHash: hashToken(secret) } });
  return createCaller(createContext({ prisma, queue, credentials: { apiToken: secret } }));
}
