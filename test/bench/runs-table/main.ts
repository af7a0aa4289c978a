// The runs table at 10,000 runs, on Postgres and the embedded PGlite: one page of 50 (with the
// total) sorted and filtered in SQL, and the header's columns, against loading every run of the
// store (what a table that pages in the browser would fetch).
// Usage: npm run bench -- runs-table [--runs 10000]
import { queryRuns, queryRunsColumns, type RunsQuery } from '@tradeoff/db';
import { openTestStore, seedRuns, storeKinds } from '@tradeoff/db/testing';

import { printTable, timeAsync } from '../../src/bench-report.ts';

const runsArg = process.argv.indexOf('--runs');
const N = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 10_000;

const pages: { name: string; query: RunsQuery }[] = [
  { name: 'newest first', query: { limit: 50 } },
  { name: 'page 100', query: { limit: 50, offset: 4950 } },
  { name: 'sort by metric', query: { sort: 'metric:test/auc', direction: 'desc', limit: 50 } },
  { name: 'sort by hyperparameter', query: { sort: 'hyper:lr', direction: 'asc', limit: 50 } },
  { name: 'status + tag filter', query: { statuses: ['finished', 'failed'], tag: 'even', sort: 'metric:test/loss', limit: 50 } },
  { name: 'text search', query: { search: 'bench-1', limit: 50 } },
];

const rows: string[][] = [];
for (const kind of await storeKinds()) {
  const store = await openTestStore(kind);
  try {
    const { experimentIds } = await seedRuns(store.prisma, { runs: N, experiments: 2, name: 'bench' });
    await store.prisma.$executeRawUnsafe('analyze run');
    const everything = await timeAsync(() => store.prisma.run.findMany({ include: { experiment: { select: { name: true } } } }), 3);
    for (const { name, query } of pages) {
      const page = await queryRuns(store.prisma, query);
      const timing = await timeAsync(() => queryRuns(store.prisma, query));
      rows.push([kind, name, `${page.rows.length} of ${page.total}`, timing.medianMs.toFixed(1), (everything.medianMs / timing.medianMs).toFixed(1)]);
    }
    const columns = await timeAsync(() => queryRunsColumns(store.prisma, { experimentId: experimentIds[0] }));
    rows.push([kind, 'columns (one experiment)', '', columns.medianMs.toFixed(1), (everything.medianMs / columns.medianMs).toFixed(1)]);
    const allColumns = await timeAsync(() => queryRunsColumns(store.prisma, {}));
    rows.push([kind, 'columns (all runs)', '', allColumns.medianMs.toFixed(1), (everything.medianMs / allColumns.medianMs).toFixed(1)]);
    rows.push([kind, 'reference: load every run', String(N), everything.medianMs.toFixed(1), '1.0']);
  } finally {
    await store.destroy();
  }
}
console.log(`\nRuns table with ${N.toLocaleString('en')} runs (median of 5)`);
printTable(['store', 'query', 'rows', 'median ms', 'x faster than loading all'], rows);
