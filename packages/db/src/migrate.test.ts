import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from './migrate.ts';
import { migrationNames } from './migrations-dir.ts';
import { openTestStore, storeKinds, type TestStore } from './testing.ts';

describe.each(await storeKinds())('migrate on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    // openStore would migrate; start from an empty database to watch the first apply.
    store = await openTestStore(kind, { migrate: false });
  });
  afterAll(() => store.destroy());

  it('applies every folder once when several callers race, and is a no-op afterwards', async () => {
    const results = await Promise.all([migrate(store.url), migrate(store.url), migrate(store.url)]);
    expect(results.flat().sort()).toEqual(await migrationNames());
    expect(await migrate(store.url)).toEqual([]);
    // The schema is usable through the generated client.
    expect(await store.prisma.run.count()).toBe(0);
    const rows = await store.prisma.$queryRawUnsafe<{ n: number }[]>('select count(*)::int as n from _prisma_migrations');
    expect(rows[0]?.n).toBe((await migrationNames()).length);
  });
});
