/**
 * Writes the next migration folder from the difference between prisma/schema.prisma and the schema
 * snapshot kept in the newest migration folder. Needs no database server: the engine insists on a
 * connection, so it gets a throwaway in-memory PGlite.
 *   pnpm --filter @tradeoff/db migration:create <name>
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { servePglite } from '../src/embedded/server.ts';
import { migrationNames, migrationsDir, schemaPath } from '../src/migrations-dir.ts';
import { noFilters, withSchemaEngine } from '../src/schema-engine.ts';

const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]+/gi, '_').toLowerCase();
if (!name) {
  console.error('usage: migration:create <name>');
  process.exit(2);
}

const schema = await readFile(schemaPath, 'utf8');
const previous = (await migrationNames()).at(-1);
const previousSchema = previous ? await readFile(join(migrationsDir, previous, 'schema.prisma'), 'utf8') : null;

const db = await PGlite.create({ dataDir: 'memory://' });
const server = await servePglite(db);
const { stdout } = await withSchemaEngine(`postgres://postgres@127.0.0.1:${server.port}/postgres`, (engine) =>
  engine.diff({
    from: previousSchema === null ? { tag: 'empty' } : { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: previousSchema }] },
    to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schema }] },
    script: true,
    exitCode: null,
    filters: noFilters,
  }),
);
await server.stop();
await db.close();

const sql = (stdout ?? '').trim();
if (!sql || sql === '-- This is an empty migration.') {
  console.log('schema.prisma matches the newest migration; nothing to write');
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const folder = join(migrationsDir, `${stamp}_${name}`);
await mkdir(folder, { recursive: true });
await writeFile(join(folder, 'migration.sql'), `${sql}\n`);
await writeFile(join(folder, 'schema.prisma'), schema);
const lock = join(migrationsDir, 'migration_lock.toml');
if (!existsSync(lock)) await writeFile(lock, '# Written by scripts/create-migration.ts; do not edit.\nprovider = "postgresql"\n');
console.log(`wrote ${folder}`);
