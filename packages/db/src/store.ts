import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createPrismaClient } from './client.ts';
import { serverUrl, withStartLock } from './embedded/discovery.ts';
import { dbEnv } from './env.ts';
import type { PrismaClient } from './generated/prisma/client.ts';
import { migrate } from './migrate.ts';

export interface Store {
  prisma: PrismaClient;
  /** A postgres:// URL any process (dashboard, worker, pg-boss) can connect to. */
  url: string;
  /** True when the store is the embedded PGlite (served by this process or another one). */
  embedded: boolean;
  /** True when this process serves the embedded PGlite; closing it stops the server. */
  serving: boolean;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Overrides DATABASE_URL. */
  databaseUrl?: string;
  /** Overrides TRADEOFF_HOME for the embedded store. */
  home?: string;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  /** Connections in this process's Prisma pool (default 5). */
  poolSize?: number;
}

/**
 * The store: Postgres at DATABASE_URL when set, else an embedded PGlite under TRADEOFF_HOME
 * (default `<cwd>/.tradeoff`) served on a local port. A process that finds the home already served
 * connects to that server instead of opening the data dir a second time.
 */
export async function openStore(opts: OpenStoreOptions = {}): Promise<Store> {
  const env = dbEnv();
  const databaseUrl = opts.databaseUrl ?? env.DATABASE_URL;
  const connect = async (url: string, embedded: boolean, stopServer?: () => Promise<void>): Promise<Store> => {
    try {
      if (opts.migrate ?? true) await migrate(url);
    } catch (error) {
      await stopServer?.();
      throw error;
    }
    const prisma = createPrismaClient(url, { poolSize: opts.poolSize });
    return {
      prisma,
      url,
      embedded,
      serving: stopServer !== undefined,
      async close() {
        await prisma.$disconnect();
        await stopServer?.();
      },
    };
  };
  if (databaseUrl) return connect(databaseUrl, false);

  const home = resolve(opts.home ?? env.TRADEOFF_HOME ?? join(process.cwd(), '.tradeoff'));
  await mkdir(home, { recursive: true });
  return withStartLock(
    home,
    (url) => connect(url, true),
    async () => {
      // Loaded only when this process serves the store: a client (e.g. the dashboard) never loads PGlite.
      const { startEmbeddedServer } = await import('./embedded/start.ts');
      const server = await startEmbeddedServer(home);
      return connect(serverUrl(server.port), true, server.stop);
    },
  );
}
