import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { z, ZodError } from 'zod';

import { resolveCaller } from './caller.ts';
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

/**
 * For anything that changes data: the caller must be identified (API token, session, or the
 * single-user default of a local install). Procedures get `ctx.caller`.
 */
export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const caller = await resolveCaller(ctx.prisma, ctx.credentials);
  if (!caller) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'unknown, expired or revoked API token or session' });
  return next({ ctx: { ...ctx, caller } });
});
