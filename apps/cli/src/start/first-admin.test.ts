import { verifyPassword } from '@tradeoff/api';
import { openTestStore, storeKinds, type TestStore } from '@tradeoff/db/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { ensureFirstAdmin, signInHint } from './first-admin.ts';

describe.each(await storeKinds())('first admin on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store?.destroy();
  });

  test('created once with a generated password; later starts change nothing and print no password', async () => {
    // An account that cannot sign in (the local CLI identity) does not count as one.
    await store.prisma.user.create({ data: { email: 'local@tradeoff', role: 'admin' } });
    const first = await ensureFirstAdmin(store.prisma, { email: 'admin@localhost' });
    expect(first.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const admin = await store.prisma.user.findUniqueOrThrow({ where: { email: 'admin@localhost' } });
    expect(admin.role).toBe('admin');
    expect(await verifyPassword(first.password!, admin.passwordHash!)).toBe(true);
    expect(signInHint('http://127.0.0.1:3000', first)).toBe(
      `Sign in at http://127.0.0.1:3000/sign-in as admin@localhost, password: ${first.password}`,
    );

    const again = await ensureFirstAdmin(store.prisma, { email: 'admin@localhost', password: 'another password' });
    expect(again.password).toBeNull();
    expect((await store.prisma.user.findUniqueOrThrow({ where: { email: 'admin@localhost' } })).passwordHash).toBe(admin.passwordHash);
    const hint = signInHint('http://127.0.0.1:3000', again);
    expect(hint).not.toContain('password:');
    expect(hint).toContain('tradeoff users reset-password --email admin@localhost');
    expect(await store.prisma.user.count({ where: { passwordHash: { not: null } } })).toBe(1);
  });
});

describe('first admin with a chosen password', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore('pglite');
  });
  afterAll(async () => {
    await store?.destroy();
  });

  test('an existing account with that email without a password becomes the admin', async () => {
    await store.prisma.user.create({ data: { email: 'ops@example.com', role: 'viewer' } });
    const first = await ensureFirstAdmin(store.prisma, { email: 'ops@example.com', password: 'chosen password' });
    expect(first.password).toBe('chosen password');
    const user = await store.prisma.user.findUniqueOrThrow({ where: { email: 'ops@example.com' } });
    expect(user.role).toBe('admin');
    expect(await verifyPassword('chosen password', user.passwordHash!)).toBe(true);
  });
});
