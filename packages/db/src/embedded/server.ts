import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import { SessionQueue } from './session-queue.ts';

/**
 * Serves one PGlite over the Postgres protocol on 127.0.0.1. pglite-socket's handler parses the
 * wire protocol; its server is replaced only to put SessionQueue in front of the database.
 */
export interface PgliteServer {
  port: number;
  stop(): Promise<void>;
}

export async function servePglite(db: PGlite, opts: { port?: number; maxConnections?: number } = {}): Promise<PgliteServer> {
  await db.waitReady;
  const queue = new SessionQueue(db) as unknown as PGLiteSocketHandlerOptions['queryQueue'];
  const handlers = new Set<PGLiteSocketHandler>();
  const server: Server = createServer((socket) => {
    const handler = new PGLiteSocketHandler({ queryQueue: queue, closeOnDetach: true });
    handlers.add(handler);
    const forget = () => handlers.delete(handler);
    handler.addEventListener('close', forget);
    handler.addEventListener('error', forget);
    handler.attach(socket).catch(() => {
      forget();
      socket.destroy();
    });
  });
  // Every pool of every process shares these; a refused connection would fail a query.
  server.maxConnections = opts.maxConnections ?? 200;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...handlers].map((h) => h.detach(true)));
      handlers.clear();
      await closed;
    },
  };
}
