import { openRunQueue, type RunQueue } from '@tradeoff/db';
import { openTestStore, storeKinds, type TestStore } from '@tradeoff/db/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { type Credentials, createContext } from './context.ts';
import { appRouter, createCaller } from './root.ts';
import { createUserWithToken } from './testing.ts';

type Who = 'anonymous' | 'viewer' | 'member' | 'admin';

/** Procedures anyone may call: health, the algorithm registry, signing in and out, who am I. */
const PUBLIC = new Set(['health.check', 'algorithms.list', 'algorithms.get', 'auth.signIn', 'auth.signOut', 'auth.me']);
/** Writes a viewer may make: to their own session and their own tokens. */
const VIEWER_WRITES = new Set(['auth.signIn', 'auth.signOut', 'tokens.create', 'tokens.revoke']);
/** Reads only an admin may make. */
const ADMIN_READS = new Set(['users.list']);

const procedures = Object.entries((appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: string } }> } })._def.procedures).map(
  ([path, procedure]) => ({ path, type: procedure._def.type }),
);

/** What a call ended in: 'ok' or the tRPC error code. */
async function outcome(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

/** Every role on one procedure of each access level, over tokens and over sessions, on both stores. */
describe.each(await storeKinds())('access by role on %s', (kind) => {
  let store: TestStore;
  let queue: RunQueue;
  const credentials = new Map<Who, { token: Credentials; session: Credentials }>();

  beforeAll(async () => {
    store = await openTestStore(kind);
    queue = await openRunQueue(store.url);
    credentials.set('anonymous', { token: {}, session: {} });
    for (const role of ['viewer', 'member', 'admin'] as const) {
      const user = await createUserWithToken(store, { role });
      const resHeaders = new Headers();
      const anonymous = createCaller(createContext({ prisma: store.prisma, queue, resHeaders }));
      await anonymous.auth.signIn({ email: user.email, password: user.password });
      const sessionToken = /tradeoff_session=([^;]+)/.exec(resHeaders.get('set-cookie') ?? '')?.[1];
      expect(sessionToken).toBeTruthy();
      credentials.set(role, { token: { apiToken: user.token }, session: { sessionToken: decodeURIComponent(sessionToken!) } });
    }
  });

  afterAll(async () => {
    await queue?.stop({ timeoutMs: 5_000 });
    await store?.destroy();
  });

  const as = (who: Who, via: 'token' | 'session') =>
    createCaller(createContext({ prisma: store.prisma, queue, credentials: credentials.get(who)![via] }));

  let projects = 0;
  const levels = {
    public: (api: ReturnType<typeof as>) => api.health.check(),
    viewer: (api: ReturnType<typeof as>) => api.experiments.list(),
    member: (api: ReturnType<typeof as>) => api.projects.create({ name: `${kind} project ${projects++}` }),
    admin: (api: ReturnType<typeof as>) => api.users.list(),
  };
  const expected: Record<Who, Record<keyof typeof levels, string>> = {
    anonymous: { public: 'ok', viewer: 'UNAUTHORIZED', member: 'UNAUTHORIZED', admin: 'UNAUTHORIZED' },
    viewer: { public: 'ok', viewer: 'ok', member: 'FORBIDDEN', admin: 'FORBIDDEN' },
    member: { public: 'ok', viewer: 'ok', member: 'ok', admin: 'FORBIDDEN' },
    admin: { public: 'ok', viewer: 'ok', member: 'ok', admin: 'ok' },
  };

  test.each(['token', 'session'] as const)('each role gets exactly its rights, identified by %s', async (via) => {
    const actual: Record<string, Record<string, string>> = {};
    for (const who of Object.keys(expected) as Who[]) {
      actual[who] = {};
      for (const [level, call] of Object.entries(levels)) actual[who][level] = await outcome(() => call(as(who, via)));
    }
    expect(actual).toEqual(expected);
  });

  // Every procedure of the router, so a new one is covered the day it is added: called with no
  // input, an allowed caller gets past the role check (and fails on the input, or succeeds).
  test('every procedure refuses an anonymous caller, and a viewer every write beyond their own session and tokens', async () => {
    const refusals = async (who: Who) => {
      const api = as(who, 'token') as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;
      const out: Record<string, string> = {};
      for (const { path } of procedures) {
        const [router, name] = path.split('.') as [string, string];
        const result = await outcome(() => api[router]![name]!(undefined));
        if (result === 'UNAUTHORIZED' || result === 'FORBIDDEN') out[path] = result;
      }
      return out;
    };
    expect(procedures.length).toBeGreaterThan(40);
    expect(await refusals('anonymous')).toEqual(Object.fromEntries(procedures.filter((p) => !PUBLIC.has(p.path)).map((p) => [p.path, 'UNAUTHORIZED'])));
    const viewerRefused = procedures.filter((p) => (p.type === 'mutation' && !VIEWER_WRITES.has(p.path)) || ADMIN_READS.has(p.path));
    expect(await refusals('viewer')).toEqual(Object.fromEntries(viewerRefused.map((p) => [p.path, 'FORBIDDEN'])));
  });

  test('a refused write stores nothing', async () => {
    const before = await store.prisma.project.count();
    expect(await outcome(() => as('viewer', 'token').projects.create({ name: `${kind} by a viewer` }))).toBe('FORBIDDEN');
    expect(await outcome(() => as('anonymous', 'token').projects.create({ name: `${kind} by nobody` }))).toBe('UNAUTHORIZED');
    expect(await store.prisma.project.count()).toBe(before);
  });

  test('without credentials only a trusted in-process caller acts, as the local admin', async () => {
    const trusted = createCaller(createContext({ prisma: store.prisma, queue, trusted: true }));
    expect(await trusted.auth.me()).toMatchObject({ email: 'local@tradeoff', role: 'admin', via: 'trusted' });
    expect(await as('anonymous', 'token').auth.me()).toBeNull();
    // Credentials still decide when a trusted caller presents them, and bad ones are refused.
    const withBadToken = createCaller(createContext({ prisma: store.prisma, queue, trusted: true, credentials: { apiToken: 'nope' } }));
    expect(await outcome(() => withBadToken.experiments.list())).toBe('UNAUTHORIZED');
  });
});
