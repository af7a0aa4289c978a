import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { removeServerInfo, writeServerInfo } from './discovery.ts';
import { servePglite } from './server.ts';

/** Opens the home's PGlite data dir, serves it on a free port and announces it in server.json. */
export async function startEmbeddedServer(home: string): Promise<{ port: number; stop(): Promise<void> }> {
  const db = await PGlite.create({ dataDir: join(home, 'pgdata') });
  const server = await servePglite(db);
  await writeServerInfo(home, { port: server.port, pid: process.pid, startedAt: new Date().toISOString() });
  let stopped: Promise<void> | undefined;
  return {
    port: server.port,
    stop() {
      stopped ??= (async () => {
        await removeServerInfo(home);
        await server.stop();
        await db.close();
      })();
      return stopped;
    },
  };
}
