import type { PrismaClient } from '@tradeoff/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';

import { generateToken, hashToken } from '../caller.ts';
import { router, viewerProcedure } from '../trpc.ts';

/** API tokens start with this, so a leaked one is recognizable (e.g. by secret scanners). */
export const API_TOKEN_PREFIX = 'tdo_';

export const tokenCreateInput = z.object({
  name: z.string().trim().min(1).max(100),
  /** Never expires when absent. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export const tokenListInput = z.object({ allUsers: z.boolean().default(false) }).default({ allUsers: false });
export const tokenIdInput = z.object({ id: z.string().min(1) });

/** A new token for `userId`; the plain value is returned here once, only its hash is stored. */
export async function createApiToken(prisma: PrismaClient, userId: string, input: z.infer<typeof tokenCreateInput>) {
  const token = generateToken(API_TOKEN_PREFIX);
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const row = await prisma.apiToken.create({ data: { name: input.name, userId, tokenHash: hashToken(token), expiresAt } });
  return { id: row.id, name: row.name, expiresAt: row.expiresAt, token };
}

/** Revokes a token of `userId` (any user's when `asAdmin`); NOT_FOUND hides others' tokens. */
export async function revokeApiToken(prisma: PrismaClient, id: string, by: { userId: string; asAdmin: boolean }) {
  const token = await prisma.apiToken.findUnique({ where: { id } });
  if (!token || (!by.asAdmin && token.userId !== by.userId)) throw new TRPCError({ code: 'NOT_FOUND', message: `no API token ${id}` });
  const revoked = await prisma.apiToken.update({ where: { id }, data: { revokedAt: token.revokedAt ?? new Date() } });
  return { id: revoked.id, name: revoked.name, revokedAt: revoked.revokedAt };
}

export const tokensRouter = router({
  /** Any signed-in user creates tokens for themself, acting with their role. */
  create: viewerProcedure.input(tokenCreateInput).mutation(({ ctx, input }) => createApiToken(ctx.prisma, ctx.caller.userId, input)),

  /** Own tokens; an admin may ask for everyone's. Never the hashes. */
  list: viewerProcedure.input(tokenListInput).query(async ({ ctx, input }) => {
    if (input.allUsers && ctx.caller.role !== 'admin') throw new TRPCError({ code: 'FORBIDDEN', message: 'listing all users\' tokens needs the admin role' });
    const tokens = await ctx.prisma.apiToken.findMany({
      where: input.allUsers ? {} : { userId: ctx.caller.userId },
      orderBy: { createdAt: 'desc' },
      select: { id: true, name: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true, user: { select: { email: true } } },
    });
    return tokens.map(({ user, ...token }) => ({ ...token, userEmail: user.email }));
  }),

  revoke: viewerProcedure
    .input(tokenIdInput)
    .mutation(({ ctx, input }) => revokeApiToken(ctx.prisma, input.id, { userId: ctx.caller.userId, asAdmin: ctx.caller.role === 'admin' })),
});
