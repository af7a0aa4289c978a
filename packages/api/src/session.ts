import type { PrismaClient } from '@tradeoff/db';

import { generateToken, hashToken } from './caller.ts';
import { SESSION_COOKIE } from './context.ts';

/** How long a dashboard sign-in lasts. */
export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

/** A new session for `userId`: the random token goes to the cookie, only its hash to the store. */
export async function createSession(prisma: PrismaClient, userId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = generateToken('');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await prisma.session.create({ data: { userId, tokenHash: hashToken(token), expiresAt } });
  return { token, expiresAt };
}

export async function deleteSession(prisma: PrismaClient, token: string): Promise<void> {
  await prisma.session.deleteMany({ where: { tokenHash: hashToken(token) } });
}

/** The `Set-Cookie` value carrying a session: not readable by scripts, not sent on cross-site posts. */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const attributes = [`${SESSION_COOKIE}=${encodeURIComponent(token)}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Expires=${expiresAt.toUTCString()}`];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}

/** The `Set-Cookie` value that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', new Date(0), secure).replace('Expires=', 'Max-Age=0; Expires=');
}
