import { createHash, randomBytes } from 'node:crypto';

import type { Role } from '@tradeoff/db';

import type { Context } from './context.ts';

export interface Caller {
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  via: 'token' | 'session' | 'trusted';
}

/** The user fields a caller carries, read with the token or session that identifies it. */
const CALLER_USER = { select: { email: true, name: true, role: true } } as const;

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
      include: { user: CALLER_USER },
    });
    if (!token || token.revokedAt || (token.expiresAt && token.expiresAt < now)) return null;
    // A script logging metrics calls many times a second; the minute is precise enough to show.
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      await prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
    }
    return { userId: token.userId, ...token.user, via: 'token' };
  }
  if (credentials.sessionToken) {
    const session = await prisma.session.findUnique({
      where: { tokenHash: hashToken(credentials.sessionToken) },
      include: { user: CALLER_USER },
    });
    if (!session) return null;
    if (session.expiresAt <= now) {
      await prisma.session.deleteMany({ where: { id: session.id } });
      return null;
    }
    return { userId: session.userId, ...session.user, via: 'session' };
  }
  if (!ctx.trusted) return null;
  const local = await prisma.user.upsert({
    where: { email: LOCAL_USER_EMAIL },
    create: { email: LOCAL_USER_EMAIL, name: 'Local CLI and worker', role: 'admin' },
    update: {},
  });
  return { userId: local.id, email: local.email, name: local.name, role: local.role, via: 'trusted' };
}

/**
 * The caller of a procedure: resolved once per HTTP request (every procedure of its batch shares
 * it), and afresh on each call of a long-lived in-process context, so a revoked token stops at once.
 */
export function callerOf(ctx: Context): Promise<Caller | null> {
  if (!ctx.requestCaller) return resolveCaller(ctx);
  ctx.requestCaller.resolved ??= resolveCaller(ctx);
  return ctx.requestCaller.resolved;
}
