import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { z, ZodError } from 'zod';

import type { Context } from './context.ts';
import { resolveCaller } from './caller.ts';

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // Input errors read as "field.path: message" instead of a JSON dump of zod issues.
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    return {
      ...shape,
      message: zodError ? z.prettifyError(zodError) : shape.message,
      data: { ...shape.data, fieldErrors: zodError ? z.flattenError(zodError).fieldErrors : null },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure;

/**
 * For anything that changes data: the caller must be identified (API token, session, or the
 * single-user default of a local install). Procedures get `ctx.caller`.
 */
export const protectedProcedure = t.procedure.use(async ({ ctx, next }) => {
  const caller = await resolveCaller(ctx.prisma, ctx.credentials);
  if (!caller) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'unknown, expired or revoked API token or session' });
  return next({ ctx: { ...ctx, caller } });
});
