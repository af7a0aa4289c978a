import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { openStore, type Store } from '@tradeoff/db';
import pg from 'pg';

import { testEnv } from './env.ts';

export interface TestStore {
  store: Store;
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

async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** An embedded store in a fresh TRADEOFF_HOME; children find its server through that home. */
async function openPglite(): Promise<TestStore> {
  const home = await mkdtemp(join(tmpdir(), 'tradeoff-test-'));
  const store = await openStore({ home });
  return {
    store,
    env: { TRADEOFF_HOME: home, DATABASE_URL: undefined },
    async cleanup() {
      await store.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** A fresh database on the real server, dropped afterwards. */
async function openPostgres(adminUrl: string): Promise<TestStore> {
  const name = `tradeoff_test_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const store = await openStore({ databaseUrl: url.toString() });
  return {
    store,
    env: { DATABASE_URL: url.toString() },
    async cleanup() {
      await store.close();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** Embedded PGlite always; the real Postgres at 127.0.0.1:5432 when it answers. */
export async function storeTargets(): Promise<StoreTarget[]> {
  const adminUrl = testEnv.TRADEOFF_TEST_POSTGRES_URL;
  const postgresUp = await postgresAnswers(adminUrl);
  return [
    { name: 'pglite', available: true, open: openPglite },
    { name: 'postgres', available: postgresUp, open: () => openPostgres(adminUrl) },
  ];
}
