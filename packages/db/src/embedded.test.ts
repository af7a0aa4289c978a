import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from './store.ts';

const run = promisify(execFile);
const child = fileURLToPath(new URL('./test-fixtures/open-store-child.ts', import.meta.url));
// `--import tsx` resolves from the child's cwd: the package, where tsx is a dev dependency.
const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('embedded store', () => {
  let home: string;
  let store: Store;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'tradeoff-embedded-'));
    const t0 = performance.now();
    store = await openStore({ home });
    console.log(`[pglite] first start of a new home (create + serve + migrate): ${Math.round(performance.now() - t0)} ms`);
  });
  afterAll(async () => {
    await store.close();
    await rm(home, { recursive: true, force: true });
  });

  it('announces itself in server.json and serves a postgres:// URL', async () => {
    expect(store).toMatchObject({ embedded: true, serving: true });
    expect(store.url).toMatch(/^postgres:\/\/.*@127\.0\.0\.1:\d+\//);
    const info = JSON.parse(await readFile(join(home, 'server.json'), 'utf8'));
    expect(info.pid).toBe(process.pid);
    expect(store.url).toContain(`:${info.port}/`);
  });

  it('lets a second process connect to the running server instead of opening the data dir', async () => {
    await store.prisma.project.create({ data: { name: 'from-parent' } });
    const { stdout } = await run(process.execPath, ['--import', 'tsx', child, home, 'from-child'], { cwd: packageDir });
    const seen = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(seen).toEqual({ url: store.url, serving: false, projects: ['from-child', 'from-parent'] });
    // The child's close left our server running.
    expect(await store.prisma.project.count()).toBe(2);
  });

  it('keeps concurrent clients apart even when a large message spans many TCP chunks', async () => {
    const a = new pg.Pool({ connectionString: store.url, max: 2 });
    const b = new pg.Pool({ connectionString: store.url, max: 2 });
    try {
      await a.query('create temp table if not exists blobs (id int, b bytea)');
      const big = Buffer.alloc(2_000_000, 7);
      const wrong: string[] = [];
      const jobs: Promise<void>[] = [];
      for (let i = 0; i < 6; i++) {
        jobs.push(a.query('select $1::int as id, length($2::bytea) as n', [i, big]).then((r) => {
          if (r.rows[0].id !== i || r.rows[0].n !== big.length) wrong.push(`a${i}`);
        }));
        for (let j = 0; j < 10; j++) {
          jobs.push(b.query('select $1::text || $2::text as w', [String(i), 'y']).then((r) => {
            if (r.rows[0].w !== `${i}y`) wrong.push(`b${i}`);
          }));
        }
      }
      await Promise.all(jobs);
      expect(wrong).toEqual([]);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('serialises transactions: another connection never sees uncommitted rows', async () => {
    const a = new pg.Pool({ connectionString: store.url, max: 1 });
    const b = new pg.Pool({ connectionString: store.url, max: 1 });
    try {
      const tx = await a.connect();
      await tx.query('begin');
      await tx.query("insert into project (id, name, updated_at) values ('tx-project', 'tx-project', now())");
      const outside = b.query("select count(*)::int as n from project where id = 'tx-project'");
      await new Promise((r) => setTimeout(r, 300));
      await tx.query('rollback');
      tx.release();
      expect((await outside).rows[0].n).toBe(0);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });
});

describe('embedded store across restarts', () => {
  it('keeps data after close and reopen, and replaces a server.json left by a dead process', async () => {
    const home = await mkdtemp(join(tmpdir(), 'tradeoff-restart-'));
    try {
      const first = await openStore({ home });
      await first.prisma.project.create({ data: { name: 'survivor' } });
      await first.close();
      expect(existsSync(join(home, 'server.json'))).toBe(false);

      // A crashed owner leaves server.json behind; its pid is gone.
      await writeFile(join(home, 'server.json'), JSON.stringify({ port: 1, pid: 2 ** 22 + 1, startedAt: new Date().toISOString() }));
      const t0 = performance.now();
      const second = await openStore({ home });
      console.log(`[pglite] reopen of an existing home: ${Math.round(performance.now() - t0)} ms`);
      try {
        expect(second.serving).toBe(true);
        expect((await second.prisma.project.findMany()).map((p) => p.name)).toEqual(['survivor']);
      } finally {
        await second.close();
      }
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
