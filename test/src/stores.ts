import { type TestStore as DbTestStore, openTestStore, realPostgresAvailable } from '@tradeoff/db/testing';
import { afterAll, beforeAll } from 'vitest';

import type { CliProcess } from './cli.ts';
import { hasCensus } from './paths.ts';

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

/**
 * The store of one describe block on `target` whose tests run the census example: opened before
 * the block's tests; after them, the CLI processes they started (pushed to `processes`) are killed
 * and the store is removed. `runs` is false where the target or the census data is missing.
 */
export function censusStoreBlock(target: StoreTarget): { runs: boolean; processes: CliProcess[]; readonly ts: TestStore } {
  const runs = target.available && hasCensus;
  const processes: CliProcess[] = [];
  let opened: TestStore | undefined;
  beforeAll(async () => {
    if (runs) opened = await target.open();
  });
  afterAll(async () => {
    for (const p of processes) p.child.kill('SIGKILL');
    await opened?.cleanup();
  });
  return {
    runs,
    processes,
    get ts() {
      if (!opened) throw new Error(`the ${target.name} store is not open (runs: ${runs})`);
      return opened;
    },
  };
}
