// `@tradeoff/api/client`: the HTTP client and the tracking SDK without the server (no Prisma, no
// routers), the only entry of the packed package. Its procedures are untyped unless given a router type.
export { createTradeoffClient, type TradeoffClient, type TradeoffClientOptions, type UntypedProcedure } from './http-client.ts';
export { MAX_ARTIFACT_BYTES, MAX_LOG_POINTS } from './schemas/tracking-limits.ts';
export * from './sdk/index.ts';
