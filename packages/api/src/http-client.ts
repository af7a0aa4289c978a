import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import type { AnyTRPCRouter } from '@trpc/server';
import superjson from 'superjson';

import type { SdkProcedures } from './sdk/procedures.ts';
import { createTracking, type Tracking } from './sdk/tracking.ts';

export interface TradeoffClientOptions {
  /** The tRPC endpoint, e.g. `http://localhost:3000/api/trpc`. */
  url: string;
  /** An API token (`tradeoff token create`), sent as `Authorization: Bearer <token>`. */
  token?: string;
}

/** A procedure called without the router's type: any input, an `unknown` result to check or cast. */
export interface UntypedProcedure {
  query(input?: unknown): Promise<unknown>;
  mutate(input?: unknown): Promise<unknown>;
}

type UntypedRouters = { readonly [router: string]: { readonly [procedure: string]: UntypedProcedure } };

/**
 * The API's procedures plus `tracking`: the SDK for runs this program executes. The SDK is always
 * typed; the procedures are typed by `TRouter` (in the workspace, `@tradeoff/api`'s `AppRouter`)
 * and untyped without it, as outside the workspace.
 */
export type TradeoffClient<TRouter extends AnyTRPCRouter | undefined = undefined> = (TRouter extends AnyTRPCRouter
  ? Omit<TRPCClient<TRouter>, 'tracking'>
  : UntypedRouters) & { tracking: Tracking };

/**
 * A client over HTTP that imports nothing of the server, so it runs wherever `@tradeoff/api/client`
 * is installed: `await t.tracking.startRun({ project, experiment, params })` logs a run of your program.
 */
export function createTradeoffClient<TRouter extends AnyTRPCRouter | undefined = undefined>(opts: TradeoffClientOptions): TradeoffClient<TRouter> {
  const trpc = createTRPCClient<AnyTRPCRouter>({
    links: [
      httpBatchLink({
        url: opts.url,
        transformer: superjson,
        headers: () => (opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      }),
    ],
  });
  // Typed loosely here (any router); client.test.ts checks the real router against SdkProcedures.
  const tracking = createTracking(trpc as unknown as SdkProcedures);
  // The raw `tracking` procedures stay reachable to the SDK, which wraps them; users get the SDK.
  return new Proxy(trpc, { get: (target, prop) => (prop === 'tracking' ? tracking : Reflect.get(target, prop)) }) as unknown as TradeoffClient<TRouter>;
}
