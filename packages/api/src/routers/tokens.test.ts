import { openRunQueue, type RunQueue } from '@tradeoff/db';
import { openTestStore, storeKinds, type TestStore } from '@tradeoff/db/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { hashToken } from '../caller.ts';
import { createContext } from '../context.ts';
import { createCaller } from '../root.ts';
import { createUserWithToken, type TestUser } from '../testing.ts';

describe.each(await storeKinds())('API tokens on %s', (kind) => {
  let store: TestStore;
  let queue: RunQueue;
  let viewer: TestUser;
  let admin: TestUser;
  const as = (apiToken: string) => createCaller(createContext({ prisma: store.prisma, queue, credentials: { apiToken } }));

  beforeAll(async () => {
    store = await openTestStore(kind);
    queue = await openRunQueue(store.url);
    viewer = await createUserWithToken(store, { role: 'viewer' });
    admin = await createUserWithToken(store, { role: 'admin' });
  });

  afterAll(async () => {
    await queue?.stop({ timeoutMs: 5_000 });
    await store?.destroy();
  });

  test('a token is shown once, stored as its hash, acts with its owner\'s role, and stops on revoke', async () => {
    const created = await as(viewer.token).tokens.create({ name: 'notebook' });
    expect(created.token).toMatch(/^tdo_[A-Za-z0-9_-]{43}$/);
    const row = await store.prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(hashToken(created.token));
    const listed = await as(viewer.token).tokens.list();
    expect(listed.map((t) => t.name).sort()).toEqual(['notebook', 'test']);
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect(JSON.stringify(listed)).not.toContain(row.tokenHash);

    const withNew = as(created.token);
    expect(Array.isArray(await withNew.experiments.list())).toBe(true);
    expect(await withNew.projects.create({ name: `${kind} x` }).catch((e: unknown) => e)).toMatchObject({ code: 'FORBIDDEN' });
    const lastUsed = (await store.prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt;
    expect(lastUsed).not.toBeNull();
    // Within the minute another call does not write it again (a metric-logging script calls often).
    await withNew.experiments.list();
    expect((await store.prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).toEqual(lastUsed);

    const revoked = await as(viewer.token).tokens.revoke({ id: created.id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await withNew.experiments.list().catch((e: unknown) => e)).toMatchObject({ code: 'UNAUTHORIZED' });
    // The other token of the same user still works.
    expect(Array.isArray(await as(viewer.token).experiments.list())).toBe(true);
  });

  test("a request's procedures share one lookup of its caller; the next request looks again", async () => {
    const created = await as(viewer.token).tokens.create({ name: 'one request' });
    const request = () => createCaller(createContext({ prisma: store.prisma, queue, headers: new Headers({ authorization: `Bearer ${created.token}` }) }));
    const batch = request();
    expect(await batch.auth.me()).toMatchObject({ email: viewer.email, role: 'viewer', via: 'token' });
    await as(viewer.token).tokens.revoke({ id: created.id });
    // Later procedures of the same request reuse the caller it resolved; a new request is refused.
    expect(Array.isArray(await batch.experiments.list())).toBe(true);
    expect(await request().experiments.list().catch((e: unknown) => e)).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await request().auth.me()).toBeNull();
  });

  test('an expired token is refused', async () => {
    const created = await as(viewer.token).tokens.create({ name: 'short-lived', expiresInDays: 1 });
    expect(Array.isArray(await as(created.token).experiments.list())).toBe(true);
    await store.prisma.apiToken.update({ where: { id: created.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await as(created.token).experiments.list().catch((e: unknown) => e)).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  test('users see and revoke only their own tokens; an admin sees and revokes all', async () => {
    const adminsToken = await as(admin.token).tokens.create({ name: 'admin script' });
    expect(await as(viewer.token).tokens.revoke({ id: adminsToken.id }).catch((e: unknown) => e)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await as(viewer.token).tokens.list({ allUsers: true }).catch((e: unknown) => e)).toMatchObject({ code: 'FORBIDDEN' });
    expect((await as(viewer.token).tokens.list()).every((t) => t.userEmail === viewer.email)).toBe(true);

    const all = await as(admin.token).tokens.list({ allUsers: true });
    expect(new Set(all.map((t) => t.userEmail))).toEqual(new Set([viewer.email, admin.email]));
    const viewersToken = await as(viewer.token).tokens.create({ name: 'to be revoked by an admin' });
    await as(admin.token).tokens.revoke({ id: viewersToken.id });
    expect(await as(viewersToken.token).experiments.list().catch((e: unknown) => e)).toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
