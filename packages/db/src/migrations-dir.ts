import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrationList } from '@prisma/schema-engine-wasm/schema_engine_bg';

// Built with path.join, not `new URL(..., import.meta.url)`, which bundlers (the dashboard's) take
// for an asset to copy.
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const migrationsDir = join(packageDir, 'prisma', 'migrations');
export const schemaPath = join(packageDir, 'prisma', 'schema.prisma');

/** Folder names in apply order (they start with a UTC timestamp). */
export async function migrationNames(dir = migrationsDir): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'migration.sql')))
    .map((e) => e.name)
    .sort();
}

/** The migration folders in the shape the schema engine expects (it never reads the disk itself). */
export async function readMigrationList(dir = migrationsDir): Promise<MigrationList> {
  const names = await migrationNames(dir);
  const lockPath = join(dir, 'migration_lock.toml');
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: await readFile(join(dir, name, 'migration.sql'), 'utf8') } },
      })),
    ),
  };
}
