import { type ApiServer, createUserWithToken, serveApi } from '@tradeoff/api/testing';
import { openRunQueue, type RunQueue } from '@tradeoff/db';
import { afterAll, beforeAll } from 'vitest';

import type { StoreTarget, TestStore } from './stores.ts';

export interface ApiServerFixture {
  readonly store: TestStore['store'];
  readonly url: string;
  /** A member's API token. */
  readonly token: string;
}

/**
 * The API served over HTTP on a test store, with a member's token, for the enclosing suite: opened
 * before its tests, closed after. Nothing is opened when the target's store is not available.
 */
export function serveApiOn(target: StoreTarget): ApiServerFixture {
  let ts: TestStore | undefined;
  let queue: RunQueue | undefined;
  let server: ApiServer | undefined;
  let token = '';
  beforeAll(async () => {
    if (!target.available) return;
    ts = await target.open();
    queue = await openRunQueue(ts.store.url);
    server = await serveApi({ prisma: ts.store.prisma, queue });
    token = (await createUserWithToken(ts.store, { role: 'member' })).token;
  });
  afterAll(async () => {
    await server?.close();
    await queue?.stop({ timeoutMs: 5_000 });
    await ts?.cleanup();
  });
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error(`the ${target.name} store is not open`);
    return value;
  };
  return {
    get store() {
      return opened(ts).store;
    },
    get url() {
      return opened(server).url;
    },
    get token() {
      return token;
    },
  };
}
