import { TRPCError } from '@trpc/server';
import { z } from 'zod';

import { callerOf } from '../caller.ts';
import { hashPassword, verifyPassword } from '../password.ts';
import { clearedSessionCookie, createSession, deleteSession, sessionCookie } from '../session.ts';
import { publicProcedure, router } from '../trpc.ts';

/** Emails are compared lower-cased; a local part and a host suffice (admin@localhost is valid). */
export const emailInput = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/, 'expected an email address');

export const signInInput = z.object({ email: emailInput, password: z.string().min(1).max(1000) });

// Compared against when the email is unknown, so both failures take about the same time.
let unknownUserHash: Promise<string> | undefined;
function decoyHash(): Promise<string> {
  unknownUserHash ??= hashPassword('not the password of anyone');
  return unknownUserHash;
}

export const authRouter = router({
  /** Checks the password and starts a session; the token travels only in the httpOnly cookie. */
  signIn: publicProcedure.input(signInInput).mutation(async ({ ctx, input }) => {
    const user = await ctx.prisma.user.findUnique({ where: { email: input.email } });
    const matches = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));
    if (!user?.passwordHash || !matches) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'wrong email or password' });
    const session = await createSession(ctx.prisma, user.id);
    ctx.resHeaders?.append('set-cookie', sessionCookie(session.token, session.expiresAt, ctx.secure));
    return { id: user.id, email: user.email, name: user.name, role: user.role, expiresAt: session.expiresAt };
  }),

  /** Ends this browser's session: its row is deleted, the cookie cleared. */
  signOut: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.credentials.sessionToken) await deleteSession(ctx.prisma, ctx.credentials.sessionToken);
    ctx.resHeaders?.append('set-cookie', clearedSessionCookie(ctx.secure));
    return { signedOut: true };
  }),

  /** The signed-in user, or null for an anonymous caller (the dashboard then shows the sign-in page). */
  me: publicProcedure.query(async ({ ctx }) => {
    const caller = await callerOf(ctx);
    return caller && { id: caller.userId, email: caller.email, name: caller.name, role: caller.role, via: caller.via };
  }),
});
