import { generatePassword, hashPassword } from '@tradeoff/api';
import type { PrismaClient } from '@tradeoff/db';

export interface FirstAdmin {
  email: string;
  /** Set only when the account was created now: the one time the password is shown. */
  password: string | null;
}

/**
 * With no account able to sign in yet, makes `email` an admin with `password` (a random one when
 * not given). Later starts leave the accounts alone and report no password.
 */
export async function ensureFirstAdmin(prisma: PrismaClient, opts: { email: string; password?: string }): Promise<FirstAdmin> {
  const existing = await prisma.user.findFirst({ where: { passwordHash: { not: null } }, select: { id: true } });
  if (existing) return { email: opts.email, password: null };
  const password = opts.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  await prisma.user.upsert({
    where: { email: opts.email },
    create: { email: opts.email, name: 'Administrator', role: 'admin', passwordHash },
    update: { role: 'admin', passwordHash },
  });
  return { email: opts.email, password };
}

/** What `tradeoff start` prints about signing in. */
export function signInHint(baseUrl: string, admin: FirstAdmin): string {
  if (admin.password) return `Sign in at ${baseUrl}/sign-in as ${admin.email}, password: ${admin.password}`;
  return `Sign in at ${baseUrl}/sign-in (forgot a password? tradeoff users reset-password --email ${admin.email})`;
}
