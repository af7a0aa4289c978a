import { migrate, openStore } from '@tradeoff/db';

import { cliEnv } from '../env.ts';
import { redactUrl } from '../redact-url.ts';

/** `tradeoff db migrate`: applies pending migrations to the configured store. */
export async function migrateStore(): Promise<void> {
  const env = cliEnv();
  // Opened without its own migrate step, so the one here is the one that applies them.
  const store = await openStore({ databaseUrl: env.DATABASE_URL, home: env.TRADEOFF_HOME, migrate: false });
  try {
    const applied = await migrate(store.url);
    const target = `${store.embedded ? 'the embedded store' : 'Postgres'} (${redactUrl(store.url)})`;
    console.log(applied.length > 0 ? `applied ${applied.join(', ')} to ${target}` : `${target} is up to date`);
  } finally {
    await store.close();
  }
}
