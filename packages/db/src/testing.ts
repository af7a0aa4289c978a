/**
 * Test helpers for every package that needs a store: a fresh database on the real Postgres at
 * 127.0.0.1:5432 (skipped when it does not answer) or a fresh embedded PGlite in a temp dir.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { migrationNames } from './migrations-dir.ts';
import { canConnect, withClient } from './pg-util.ts';
import { type OpenStoreOptions, openStore, type Store } from './store.ts';

export type StoreKind = 'postgres' | 'pglite';

/** The real Postgres the tests use (trust auth, database `test`); TRADEOFF_TEST_PG_URL overrides. */
export const REAL_POSTGRES_URL = z
  .object({ TRADEOFF_TEST_PG_URL: z.string().default('postgres://postgres@127.0.0.1:5432/test') })
  .parse(process.env).TRADEOFF_TEST_PG_URL;

let available: Promise<boolean> | undefined;
export function realPostgresAvailable(): Promise<boolean> {
  available ??= canConnect(REAL_POSTGRES_URL, 1500);
  return available;
}

/** A new, empty database on the real Postgres; drop() removes it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tradeoff_test_${randomBytes(6).toString('hex')}`;
  await withClient(REAL_POSTGRES_URL, (c) => c.query(`create database ${name}`));
  const url = new URL(REAL_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withClient(REAL_POSTGRES_URL, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => {}),
  };
}

export interface TestStore extends Store {
  kind: StoreKind;
  /** The embedded store's home (pglite only). */
  home?: string;
  /** Closes the store and deletes its database or temp dir. */
  destroy(): Promise<void>;
}

/** The store kinds to run a suite against: pglite always, postgres when it answers. */
export async function storeKinds(): Promise<StoreKind[]> {
  return (await realPostgresAvailable()) ? ['postgres', 'pglite'] : ['pglite'];
}

export async function openTestStore(kind: StoreKind, opts: Omit<OpenStoreOptions, 'databaseUrl' | 'home'> = {}): Promise<TestStore> {
  if (kind === 'postgres') {
    const db = await createTestDatabase();
    const store = await openStore({ ...opts, databaseUrl: db.url });
    const destroy = async () => {
      await store.close();
      await db.drop();
    };
    return { ...store, kind, destroy };
  }
  const home = await mkdtemp(join(tmpdir(), 'tradeoff-store-'));
  if (opts.migrate ?? true) await cp(join(await migratedPgliteTemplate(), 'pgdata'), join(home, 'pgdata'), { recursive: true });
  const store = await openStore({ ...opts, home });
  const destroy = async () => {
    await store.close();
    await rm(home, { recursive: true, force: true });
  };
  return { ...store, kind, home, destroy };
}

/**
 * Creating a PGlite data dir takes 5-15 s (initdb); reopening a copy takes about 1 s. So the first
 * caller builds a migrated, cleanly closed home in the temp dir, keyed by the PGlite version and
 * the migration names, and every embedded test store starts from a copy of it.
 */
async function migratedPgliteTemplate(): Promise<string> {
  const pgliteEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pglitePackage = await readFile(join(dirname(pgliteEntry), '..', 'package.json'), 'utf8');
  const key = createHash('sha1').update(pglitePackage).update((await migrationNames()).join('\n')).digest('hex').slice(0, 12);
  const template = join(tmpdir(), `tradeoff-pglite-template-${key}`);
  if (existsSync(template)) return template;
  const staging = await mkdtemp(join(tmpdir(), 'tradeoff-pglite-staging-'));
  const store = await openStore({ home: staging });
  await store.close();
  // Several test files may build it at once: the first rename wins, the others discard theirs.
  await rename(staging, template).catch(() => rm(staging, { recursive: true, force: true }));
  return template;
}

/** A queued run under a fresh project and experiment: the least a run-level test needs. */
export async function createTestRun(store: Pick<Store, 'prisma'>, opts: { seed?: number } = {}) {
  const tag = randomBytes(4).toString('hex');
  const project = await store.prisma.project.create({ data: { name: `test-${tag}` } });
  const spec = { name: `test-${tag}`, algorithm: 'test', task: 'multitask' };
  const experiment = await store.prisma.experiment.create({
    data: { projectId: project.id, name: spec.name, algorithm: spec.algorithm, task: spec.task, spec },
  });
  return store.prisma.run.create({ data: { experimentId: experiment.id, seed: opts.seed ?? 1, spec } });
}

export { SEED_ALGORITHMS, SEED_STATUSES, seedRuns } from './seed-runs.ts';
