import { openRunQueue, type RunQueue } from '@tradeoff/db';
import { openTestStore, storeKinds, type TestStore } from '@tradeoff/db/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { createContext } from '../context.ts';
import { verifyPassword } from '../password.ts';
import { createCaller } from '../root.ts';
import { createSession } from '../session.ts';
import { createUserWithToken } from '../testing.ts';

describe.each(await storeKinds())('users on %s', (kind) => {
  let store: TestStore;
  let queue: RunQueue;
  let admin: ReturnType<typeof createCaller>;
  let adminId: string;

  beforeAll(async () => {
    store = await openTestStore(kind);
    queue = await openRunQueue(store.url);
    const account = await createUserWithToken(store, { role: 'admin' });
    adminId = account.id;
    admin = createCaller(createContext({ prisma: store.prisma, queue, credentials: { apiToken: account.token } }));
  });

  afterAll(async () => {
    await queue?.stop({ timeoutMs: 5_000 });
    await store?.destroy();
  });

  test('create stores a scrypt hash; a generated password is returned once and works', async () => {
    const { user, generatedPassword } = await admin.users.create({ email: `${kind}-new@example.com`, role: 'viewer' });
    expect(user).toMatchObject({ email: `${kind}-new@example.com`, role: 'viewer' });
    const row = await store.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyPassword(generatedPassword!, row.passwordHash!)).toBe(true);

    const chosen = await admin.users.create({ email: `${kind}-chosen@example.com`, role: 'member', password: 'a chosen one' });
    expect(chosen.generatedPassword).toBeNull();
    expect(await admin.users.create({ email: `${kind}-chosen@example.com`, role: 'member' }).catch((e: unknown) => e)).toMatchObject({
      code: 'CONFLICT',
    });
    const short = await admin.users.create({ email: `${kind}-short@example.com`, role: 'member', password: 'short' }).catch((e: unknown) => e);
    expect(short).toMatchObject({ code: 'BAD_REQUEST' });
    expect((short as Error).message).toContain('password');
    const listed = await admin.users.list();
    expect(listed.find((u) => u.id === user.id)).toMatchObject({ role: 'viewer', canSignIn: true, activeTokens: 0 });
    expect(JSON.stringify(listed)).not.toContain('scrypt$');
  });

  test('resetPassword replaces the hash and ends the user\'s sessions', async () => {
    const { user } = await admin.users.create({ email: `${kind}-reset@example.com`, role: 'member', password: 'first password' });
    await createSession(store.prisma, user.id);
    const { generatedPassword } = await admin.users.resetPassword({ id: user.id });
    const row = await store.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(generatedPassword!, row.passwordHash!)).toBe(true);
    expect(await verifyPassword('first password', row.passwordHash!)).toBe(false);
    expect(await store.prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  test('the last admin can be neither demoted nor deleted; with a second admin both work', async () => {
    const lastDemote = await admin.users.setRole({ id: adminId, role: 'member' }).catch((e: unknown) => e);
    expect(lastDemote).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect((lastDemote as Error).message).toContain('last admin');
    expect(await admin.users.delete({ id: adminId }).catch((e: unknown) => e)).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect((await store.prisma.user.findUniqueOrThrow({ where: { id: adminId } })).role).toBe('admin');

    const { user: second } = await admin.users.create({ email: `${kind}-second-admin@example.com`, role: 'admin' });
    expect(await admin.users.setRole({ id: second.id, role: 'viewer' })).toMatchObject({ role: 'viewer' });
    // Now `second` is no admin and the first is the last one again.
    expect(await admin.users.delete({ id: adminId }).catch((e: unknown) => e)).toMatchObject({ code: 'PRECONDITION_FAILED' });
    await admin.users.setRole({ id: second.id, role: 'admin' });
    expect(await admin.users.delete({ id: second.id })).toEqual({ deleted: `${kind}-second-admin@example.com` });
    expect(await store.prisma.user.count({ where: { id: second.id } })).toBe(0);
    expect(await admin.users.delete({ id: 'missing' }).catch((e: unknown) => e)).toMatchObject({ code: 'NOT_FOUND' });
  });
});
