import { migrate, openStore } from '@tradeoff/db';

import { cliEnv } from '../env.ts';
import { redactUrl } from '../redact-url.ts';

/** `tradeoff db migrate`: applies pending migrations to the configured store. */
export async function migrateStore(): Promise<void> {
  const env = cliEnv();
  const store = await openStore({ databaseUrl: env.DATABASE_URL, home: env.TRADEOFF_HOME });
  try {
    await migrate(store.url);
    console.log(`migrations applied to ${store.embedded ? 'the embedded store' : 'Postgres'} (${redactUrl(store.url)})`);
  } finally {
    await store.close();
  }
}
