import { createHash } from 'node:crypto';

import type { PrismaClient } from '@tradeoff/db';

import type { Credentials } from './context.ts';

export interface Caller {
  userId: string;
  via: 'token' | 'session' | 'local';
}

/** The user every unauthenticated request acts as until accounts are switched on. */
export const LOCAL_USER_EMAIL = 'local@tradeoff';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Who is calling. Presented credentials must be valid (null otherwise); with none, the caller is
 * the local single user. Full accounts will replace that default, not this function's callers.
 */
export async function resolveCaller(prisma: PrismaClient, credentials: Credentials): Promise<Caller | null> {
  const now = new Date();
  if (credentials.apiToken) {
    const token = await prisma.apiToken.findUnique({ where: { tokenHash: hashToken(credentials.apiToken) } });
    if (!token || token.revokedAt || (token.expiresAt && token.expiresAt < now)) return null;
    await prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
    return { userId: token.userId, via: 'token' };
  }
  if (credentials.sessionToken) {
    const session = await prisma.session.findUnique({ where: { tokenHash: hashToken(credentials.sessionToken) } });
    if (!session || session.expiresAt < now) return null;
    return { userId: session.userId, via: 'session' };
  }
  const local = await prisma.user.upsert({
    where: { email: LOCAL_USER_EMAIL },
    create: { email: LOCAL_USER_EMAIL, name: 'Local user', role: 'admin' },
    update: {},
  });
  return { userId: local.id, via: 'local' };
}
