import { createTRPCClient, httpBatchLink } from '@trpc/client';
import superjson from 'superjson';

import { API_TOKEN_HEADER } from './context.ts';
import type { AppRouter } from './root.ts';

/**
 * A typed client for scripts and the CLI. `url` is the tRPC endpoint, e.g.
 * `http://localhost:3000/api/trpc`; `token` an API token sent as `x-tradeoff-token`.
 */
export function createTradeoffClient(opts: { url: string; token?: string }) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: opts.url,
        transformer: superjson,
        headers: () => (opts.token ? { [API_TOKEN_HEADER]: opts.token } : {}),
      }),
    ],
  });
}

export type TradeoffClient = ReturnType<typeof createTradeoffClient>;
