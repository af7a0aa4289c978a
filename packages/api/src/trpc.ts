import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError, z } from 'zod';

import { callerOf } from './caller.ts';
import type { Context } from './context.ts';
import { describeZodError } from './input-errors.ts';

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // HTTP clients also get the invalid fields as data, e.g. to mark them in a form.
  errorFormatter({ shape, error }) {
    const fieldErrors = error.cause instanceof ZodError ? z.flattenError(error.cause).fieldErrors : null;
    return { ...shape, data: { ...shape.data, fieldErrors } };
  },
});

/**
 * Input errors read "points[0].key: expected ..." instead of a JSON dump of zod issues, for HTTP
 * clients and in-process callers (the CLI) alike.
 */
const readableInputErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.code === 'BAD_REQUEST' && result.error.cause instanceof ZodError) {
    const { cause } = result.error;
    return { ...result, error: new TRPCError({ code: 'BAD_REQUEST', message: describeZodError(cause), cause }) };
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(readableInputErrors);

/** Roles from least to most rights; each role may do what the ones before it may. */
const ROLE_RANK = { viewer: 0, member: 1, admin: 2 } as const;

/** The caller must be identified (API token, session, or trusted in-process) and hold at least `role`. */
function requireRole(role: keyof typeof ROLE_RANK) {
  return publicProcedure.use(async ({ ctx, next }) => {
    const caller = await callerOf(ctx);
    if (!caller) {
      const presented = ctx.credentials.apiToken || ctx.credentials.sessionToken;
      const message = presented ? 'unknown, expired or revoked API token or session' : 'sign in, or send an API token';
      throw new TRPCError({ code: 'UNAUTHORIZED', message });
    }
    if (ROLE_RANK[caller.role] < ROLE_RANK[role]) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `this needs the ${role} role; you are a ${caller.role}` });
    }
    return next({ ctx: { ...ctx, caller } });
  });
}

/** Reads of team data: any signed-in role. */
export const viewerProcedure = requireRole('viewer');
/** Launching, editing, cancelling: members and admins. */
export const memberProcedure = requireRole('member');
/** Managing users, and the tokens of others. */
export const adminProcedure = requireRole('admin');
