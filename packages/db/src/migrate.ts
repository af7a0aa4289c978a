import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { readMigrationList } from './migrations-dir.ts';
import { sleep, withClient } from './pg-util.ts';

// Outside the public schema: the engine refuses a first migration into a schema that has any table.
const LOCK_TABLE = 'tradeoff_meta.migration_lock';
const LEASE = "interval '5 minutes'";

/**
 * Applies the folders under prisma/migrations that the database has not seen, through Prisma's
 * wasm schema engine. Safe to call from several processes at once: they queue on a lease row
 * (an advisory lock would not do, since every client of the embedded server shares one session),
 * and callers that find every migration applied return without loading the engine.
 */
export async function migrate(url: string): Promise<string[]> {
  const list = await readMigrationList();
  const wanted = list.migrationDirectories.map((d) => d.path);
  return withClient(url, async (client) => {
    if ((await pendingMigrations(client, wanted)).length === 0) return [];
    return withLease(client, async () => {
      if ((await pendingMigrations(client, wanted)).length === 0) return [];
      // Loaded only here: the dashboard's bundle never needs the 5 MB engine.
      const { noFilters, withSchemaEngine } = await import('./schema-engine.ts');
      const out = await withSchemaEngine(url, (engine) => engine.applyMigrations({ migrationsList: list, filters: noFilters }));
      return out.appliedMigrationNames;
    });
  });
}

async function pendingMigrations(client: pg.Client, wanted: string[]): Promise<string[]> {
  const exists = await client.query<{ t: string | null }>("select to_regclass('_prisma_migrations')::text as t");
  if (!exists.rows[0]?.t) return wanted;
  const done = await client.query<{ migration_name: string }>(
    'select migration_name from _prisma_migrations where finished_at is not null and rolled_back_at is null',
  );
  const applied = new Set(done.rows.map((r) => r.migration_name));
  return wanted.filter((name) => !applied.has(name));
}

async function withLease<T>(client: pg.Client, use: () => Promise<T>): Promise<T> {
  await createRacing(client, 'create schema if not exists tradeoff_meta');
  await createRacing(client, `create table if not exists ${LOCK_TABLE} (id int primary key, holder text not null, expires_at timestamptz not null)`);
  const holder = randomUUID();
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const got = await client.query(
      `insert into ${LOCK_TABLE} values (1, $1, now() + ${LEASE})
       on conflict (id) do update set holder = excluded.holder, expires_at = excluded.expires_at
       where ${LOCK_TABLE}.expires_at < now() returning holder`,
      [holder],
    );
    if (got.rowCount === 1) break;
    if (Date.now() > deadline) throw new Error('migrate: another process has held the migration lock for 10 minutes');
    await sleep(200);
  }
  try {
    return await use();
  } finally {
    await client.query(`delete from ${LOCK_TABLE} where id = 1 and holder = $1`, [holder]);
  }
}

/**
 * IF NOT EXISTS still fails for the loser of two concurrent creates (unique violation, or "type
 * already exists" for a table's row type); the object exists either way.
 */
async function createRacing(client: pg.Client, sql: string): Promise<void> {
  try {
    await client.query(sql);
  } catch (error) {
    if (!['23505', '42710', '42P06', '42P07'].includes((error as { code?: string }).code ?? '')) throw error;
  }
}
