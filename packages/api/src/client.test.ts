import type { AddressInfo } from 'node:net';
import { openRunQueue, type RunQueue } from '@tradeoff/db';
import { openTestStore, type TestStore } from '@tradeoff/db/testing';
import { algorithms } from '@tradeoff/experiments';
import { type TRPCClient, TRPCClientError } from '@trpc/client';
import { createHTTPServer } from '@trpc/server/adapters/standalone';
import { afterAll, beforeAll, describe, expect, expectTypeOf, test } from 'vitest';

import { hashToken } from './caller.ts';
import { createTradeoffClient } from './client.ts';
import { createContext } from './context.ts';
import { type AppRouter, appRouter } from './root.ts';
import type { SdkProcedures } from './sdk/procedures.ts';

const mmoe = algorithms.find((a) => a.name === 'mmoe')!;

/** The typed client over real HTTP, with the request's headers as credentials. */
describe('createTradeoffClient', () => {
  let store: TestStore;
  let queue: RunQueue;
  let server: ReturnType<typeof createHTTPServer>;
  let url: string;

  beforeAll(async () => {
    store = await openTestStore('pglite');
    queue = await openRunQueue(store.url);
    server = createHTTPServer({
      router: appRouter,
      basePath: '/api/trpc/',
      createContext: ({ req }) =>
        createContext({
          prisma: store.prisma,
          queue,
          headers: new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : []))),
        }),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/trpc`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await queue?.stop({ timeoutMs: 5_000 });
    await store?.destroy();
  });

  test('an anonymous caller is refused everything but health, algorithms and sign-in', async () => {
    const anonymous = createTradeoffClient({ url });
    const error = await anonymous.experiments.list.query().catch((e: unknown) => e);
    expect((error as TRPCClientError<typeof appRouter>).data?.code).toBe('UNAUTHORIZED');
    expect((error as TRPCClientError<typeof appRouter>).data?.httpStatus).toBe(401);
    expect((await anonymous.health.check.query()).ok).toBe(true);
    expect((await anonymous.algorithms.list.query()).length).toBeGreaterThan(0);
    expect(await anonymous.auth.me.query()).toBeNull();
    // Plain HTTP, as a browser or curl sends it.
    expect((await fetch(`${url}/experiments.list`)).status).toBe(401);
  });

  test('creates and reads over HTTP; dates survive; errors name the field', async () => {
    const member = await store.prisma.user.create({ data: { email: 'http-member@example.com', role: 'member' } });
    await store.prisma.apiToken.create({ data: { name: 'member', userId: member.id, tokenHash: hashToken('member-token') } });
    const client = createTradeoffClient({ url, token: 'member-token' });
    const experiment = await client.experiments.create.mutate({ spec: { ...mmoe.exampleSpec, name: 'over http' } });
    const [listed] = await Promise.all([client.experiments.list.query(), client.health.check.query()]);
    expect(listed[0]).toMatchObject({ id: experiment.id, name: 'over http' });
    expect(listed[0]!.createdAt).toBeInstanceOf(Date);

    const error = await client.experiments.create.mutate({ spec: { ...mmoe.exampleSpec, seed: -1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<typeof appRouter>).data?.code).toBe('BAD_REQUEST');
    expect((error as Error).message).toMatch(/^spec: seed: /);

    const badInput = await client.metrics.series.query({ runId: experiment.runs[0]!.id, maxPoints: 1 }).catch((e: unknown) => e);
    expect((badInput as Error).message).toMatch(/^maxPoints: /);
    expect((badInput as TRPCClientError<typeof appRouter>).data?.fieldErrors).toHaveProperty('maxPoints');
  });

  test('sends its API token; an unknown token is refused', async () => {
    const user = await store.prisma.user.create({ data: { email: 'http-script@example.com' } });
    await store.prisma.apiToken.create({ data: { name: 'script', userId: user.id, tokenHash: hashToken('http-token') } });
    const withToken = createTradeoffClient({ url, token: 'http-token' });
    const experiment = await withToken.experiments.create.mutate({ spec: { ...mmoe.exampleSpec, name: 'by token' } });
    const stored = await store.prisma.experiment.findUniqueOrThrow({ where: { id: experiment.id } });
    expect(stored.createdById).toBe(user.id);

    const wrong = createTradeoffClient({ url, token: 'nope' });
    const error = await wrong.projects.create.mutate({ name: 'x' }).catch((e: unknown) => e);
    expect((error as TRPCClientError<typeof appRouter>).data?.code).toBe('UNAUTHORIZED');
  });

  test('the router serves what the SDK calls, with the types the SDK declares on its own', () => {
    // A type-level check (tsc fails on a mismatch): the client-only entry types the SDK without the router.
    expectTypeOf<TRPCClient<AppRouter>>().toExtend<SdkProcedures>();
  });
});
