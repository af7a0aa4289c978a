import type { PrismaClient, Role } from '@tradeoff/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';

import { LOCAL_USER_EMAIL } from '../caller.ts';
import { generatePassword, hashPassword } from '../password.ts';
import { adminProcedure, router } from '../trpc.ts';
import { emailInput } from './auth.ts';

export const roleInput = z.enum(['viewer', 'member', 'admin']);
export const newPasswordInput = z.string().min(8, 'at least 8 characters').max(1000);
export const userIdInput = z.object({ id: z.string().min(1) });

export const userCreateInput = z.object({
  email: emailInput,
  name: z.string().trim().min(1).max(200).optional(),
  role: roleInput,
  /** Generated (and returned once) when absent. */
  password: newPasswordInput.optional(),
});
export const userSetRoleInput = z.object({ id: z.string().min(1), role: roleInput });
export const userResetPasswordInput = z.object({ id: z.string().min(1), password: newPasswordInput.optional() });

const publicFields = { id: true, email: true, name: true, role: true, createdAt: true } as const;

async function findUser(prisma: PrismaClient, id: string) {
  const user = await prisma.user.findUnique({ where: { id } });
  if (!user) throw new TRPCError({ code: 'NOT_FOUND', message: `no user with id ${id}` });
  return user;
}

/** Refuses to take the admin role from the last admin who can sign in (the local CLI identity does not count). */
async function keepAnAdmin(prisma: PrismaClient, user: { id: string; role: Role; email: string }, action: string) {
  if (user.role !== 'admin') return;
  const others = await prisma.user.count({
    where: { role: 'admin', id: { not: user.id }, email: { not: LOCAL_USER_EMAIL }, passwordHash: { not: null } },
  });
  if (others === 0) {
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: `cannot ${action} ${user.email}: the last admin; make another user admin first` });
  }
}

export const usersRouter = router({
  list: adminProcedure.query(async ({ ctx }) => {
    const users = await ctx.prisma.user.findMany({
      orderBy: { createdAt: 'asc' },
      select: { ...publicFields, passwordHash: true, _count: { select: { apiTokens: { where: { revokedAt: null } } } } },
    });
    return users.map(({ passwordHash, _count, ...user }) => ({ ...user, canSignIn: passwordHash !== null, activeTokens: _count.apiTokens }));
  }),

  /** A new account; the password is returned only when it was generated here. */
  create: adminProcedure.input(userCreateInput).mutation(async ({ ctx, input }) => {
    if (await ctx.prisma.user.findUnique({ where: { email: input.email } })) {
      throw new TRPCError({ code: 'CONFLICT', message: `email: a user ${input.email} exists` });
    }
    const password = input.password ?? generatePassword();
    const user = await ctx.prisma.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(password) },
      select: publicFields,
    });
    return { user, generatedPassword: input.password ? null : password };
  }),

  setRole: adminProcedure.input(userSetRoleInput).mutation(async ({ ctx, input }) => {
    const user = await findUser(ctx.prisma, input.id);
    if (input.role !== 'admin') await keepAnAdmin(ctx.prisma, user, 'demote');
    return ctx.prisma.user.update({ where: { id: user.id }, data: { role: input.role }, select: publicFields });
  }),

  /** Sets a new password (generated and returned once when absent) and signs the user out everywhere. */
  resetPassword: adminProcedure.input(userResetPasswordInput).mutation(async ({ ctx, input }) => {
    const user = await findUser(ctx.prisma, input.id);
    const password = input.password ?? generatePassword();
    await ctx.prisma.$transaction([
      ctx.prisma.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } }),
      ctx.prisma.session.deleteMany({ where: { userId: user.id } }),
    ]);
    return { email: user.email, generatedPassword: input.password ? null : password };
  }),

  /** Deletes the account with its sessions and tokens; experiments it created stay, without an author. */
  delete: adminProcedure.input(userIdInput).mutation(async ({ ctx, input }) => {
    const user = await findUser(ctx.prisma, input.id);
    await keepAnAdmin(ctx.prisma, user, 'delete');
    await ctx.prisma.user.delete({ where: { id: user.id } });
    return { deleted: user.email };
  }),
});
