import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';

export type { SchemaEngine };

let loaded: Promise<void> | undefined;

/**
 * The package's entry imports the .wasm as an ES module, which Node 20 cannot do without a flag;
 * so instantiate it here and hand the instance to the wasm-bindgen glue.
 */
function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const gluePath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(gluePath.replace(/\.js$/, '.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bindings });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return loaded;
}

/**
 * Prisma's schema engine (the wasm build matching prisma 7.10) connected through @prisma/adapter-pg,
 * since the native engine cannot be downloaded here. It connects lazily: diffs between schema
 * files never touch the database.
 */
export async function withSchemaEngine<T>(url: string, use: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  await loadWasm();
  const factory = new PrismaPg({ connectionString: url, max: 1 });
  const engine = await bindings.SchemaEngine.new({ datamodels: undefined }, () => {}, bindMigrationAwareSqlAdapterFactory(factory));
  try {
    return await use(engine);
  } finally {
    engine.free();
  }
}

/** Empty filters: every table and enum in the schema is Prisma's. */
export const noFilters = { externalTables: [], externalEnums: [] };
