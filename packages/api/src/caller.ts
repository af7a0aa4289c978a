import { createHash, randomBytes } from 'node:crypto';

import type { Role } from '@tradeoff/db';

import type { Context } from './context.ts';

export interface Caller {
  userId: string;
  role: Role;
  via: 'token' | 'session' | 'trusted';
}

/** The user trusted in-process callers (CLI, worker) act as when they present no credentials. */
export const LOCAL_USER_EMAIL = 'local@tradeoff';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** How stale a token's `lastUsedAt` may get before a call writes it again. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** A random secret (API token or session token): 32 bytes, URL-safe, with a recognizable prefix. */
export function generateToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/**
 * Who is calling, or null for nobody known. Presented credentials must be valid; with none, only a
 * trusted in-process caller is someone (the local admin). An expired session is deleted on sight.
 */
export async function resolveCaller(ctx: Pick<Context, 'prisma' | 'credentials' | 'trusted'>): Promise<Caller | null> {
  const { prisma, credentials } = ctx;
  const now = new Date();
  if (credentials.apiToken) {
    const token = await prisma.apiToken.findUnique({
      where: { tokenHash: hashToken(credentials.apiToken) },
      include: { user: { select: { role: true } } },
    });
    if (!token || token.revokedAt || (token.expiresAt && token.expiresAt < now)) return null;
    // A script logging metrics calls many times a second; the minute is precise enough to show.
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      await prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
    }
    return { userId: token.userId, role: token.user.role, via: 'token' };
  }
  if (credentials.sessionToken) {
    const session = await prisma.session.findUnique({
      where: { tokenHash: hashToken(credentials.sessionToken) },
      include: { user: { select: { role: true } } },
    });
    if (!session) return null;
    if (session.expiresAt <= now) {
      await prisma.session.deleteMany({ where: { id: session.id } });
      return null;
    }
    return { userId: session.userId, role: session.user.role, via: 'session' };
  }
  if (!ctx.trusted) return null;
  const local = await prisma.user.upsert({
    where: { email: LOCAL_USER_EMAIL },
    create: { email: LOCAL_USER_EMAIL, name: 'Local CLI and worker', role: 'admin' },
    update: {},
  });
  return { userId: local.id, role: local.role, via: 'trusted' };
}
