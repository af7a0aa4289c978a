import { createCaller, createContext } from '@tradeoff/api';
import { openRunQueue, openStore, type Store } from '@tradeoff/db';
import { TRPCError } from '@trpc/server';

import { CliError, EXIT } from './cli-error.ts';
import { cliEnv } from './env.ts';

export interface LocalApi {
  /** The API router in this process, trusted: whoever holds the store's credentials acts as the local admin. */
  caller: ReturnType<typeof createCaller>;
  store: Store;
  close(): Promise<void>;
}

/** The store of DATABASE_URL (else the embedded one under TRADEOFF_HOME) with its API router. */
export async function openLocalApi(): Promise<LocalApi> {
  const env = cliEnv();
  const store = await openStore({ databaseUrl: env.DATABASE_URL, home: env.TRADEOFF_HOME });
  const queue = await openRunQueue(store.url).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  return {
    caller: createCaller(createContext({ prisma: store.prisma, queue, trusted: true })),
    store,
    async close() {
      await queue.stop();
      await store.close();
    },
  };
}

/** The router's refusals as CLI errors: input it rejects is bad input (exit 2), the rest a failure (exit 1). */
export function asCliError(error: unknown): unknown {
  if (!(error instanceof TRPCError)) return error;
  const badInput = ['BAD_REQUEST', 'NOT_FOUND', 'CONFLICT'].includes(error.code);
  return new CliError(error.message, badInput ? EXIT.badInput : EXIT.failed);
}
