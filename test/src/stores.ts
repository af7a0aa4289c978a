import { openTestStore, realPostgresAvailable, type TestStore as DbTestStore } from '@tradeoff/db/testing';

export interface TestStore {
  store: DbTestStore;
  /** Env for child processes (CLI, workers) so they reach this same store. */
  env: Record<string, string | undefined>;
  cleanup(): Promise<void>;
}

export interface StoreTarget {
  name: 'pglite' | 'postgres';
  /** False when the real Postgres does not answer here: its cases are skipped, never failed. */
  available: boolean;
  open(): Promise<TestStore>;
}

/**
 * A fresh store of a kind, served by this process. Children find an embedded one through its
 * TRADEOFF_HOME (the discovery file), and the real one through DATABASE_URL.
 */
async function open(kind: StoreTarget['name']): Promise<TestStore> {
  const store = await openTestStore(kind);
  return {
    store,
    env: kind === 'pglite' ? { TRADEOFF_HOME: store.home, DATABASE_URL: undefined } : { DATABASE_URL: store.url, TRADEOFF_HOME: undefined },
    cleanup: () => store.destroy(),
  };
}

/** Embedded PGlite always; the real Postgres at 127.0.0.1:5432 when it answers. */
export async function storeTargets(): Promise<StoreTarget[]> {
  const postgresUp = await realPostgresAvailable();
  return [
    { name: 'pglite', available: true, open: () => open('pglite') },
    { name: 'postgres', available: postgresUp, open: () => open('postgres') },
  ];
}
