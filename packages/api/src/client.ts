import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import superjson from 'superjson';

import type { AppRouter } from './root.ts';
import { createTracking, type Tracking } from './sdk/tracking.ts';

export interface TradeoffClientOptions {
  /** The tRPC endpoint, e.g. `http://localhost:3000/api/trpc`. */
  url: string;
  /** An API token (`tradeoff token create`), sent as `Authorization: Bearer <token>`. */
  token?: string;
}

/** Every procedure of the API, typed, plus `tracking`: the SDK for runs this program executes. */
export type TradeoffClient = Omit<TRPCClient<AppRouter>, 'tracking'> & { tracking: Tracking };

/**
 * A typed client for scripts, CI and the CLI: `t.experiments.list.query()`, and
 * `await t.tracking.startRun({ project, experiment, params })` to log a run of your own program.
 */
export function createTradeoffClient(opts: TradeoffClientOptions): TradeoffClient {
  const trpc = createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: opts.url,
        transformer: superjson,
        headers: () => (opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      }),
    ],
  });
  const tracking = createTracking(trpc);
  // The raw `tracking` procedures stay reachable to the SDK, which wraps them; users get the SDK.
  return new Proxy(trpc, { get: (target, prop) => (prop === 'tracking' ? tracking : Reflect.get(target, prop)) }) as unknown as TradeoffClient;
}
