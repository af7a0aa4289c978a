import { publicProcedure, router } from '../trpc.ts';

export const healthRouter = router({
  /** Liveness plus a round trip to the store. */
  check: publicProcedure.query(async ({ ctx }) => {
    const started = performance.now();
    await ctx.prisma.$queryRaw`SELECT 1`;
    return { ok: true as const, dbLatencyMs: Math.round((performance.now() - started) * 10) / 10, time: new Date() };
  }),
});
