import { openRunQueue, type RunQueue } from '@tradeoff/db';
import { openTestStore, storeKinds, type TestStore } from '@tradeoff/db/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { hashToken } from '../caller.ts';
import { createContext } from '../context.ts';
import { createCaller } from '../root.ts';
import { SESSION_TTL_MS } from '../session.ts';
import { createUserWithToken, type TestUser } from '../testing.ts';

describe.each(await storeKinds())('auth on %s', (kind) => {
  let store: TestStore;
  let queue: RunQueue;
  let member: TestUser;

  beforeAll(async () => {
    store = await openTestStore(kind);
    queue = await openRunQueue(store.url);
    member = await createUserWithToken(store, { role: 'member', email: 'Ada@Example.com'.toLowerCase() });
  });

  afterAll(async () => {
    await queue?.stop({ timeoutMs: 5_000 });
    await store?.destroy();
  });

  /** A caller as a browser: its cookie in, the response's Set-Cookie out. */
  function browser(sessionToken?: string, secure = false) {
    const resHeaders = new Headers();
    const api = createCaller(createContext({ prisma: store.prisma, queue, credentials: { sessionToken }, resHeaders, secure }));
    return { api, setCookie: () => resHeaders.get('set-cookie') ?? '' };
  }
  const cookieToken = (setCookie: string) => decodeURIComponent(/tradeoff_session=([^;]*)/.exec(setCookie)![1]!);

  test('signIn checks the password and sets an httpOnly, SameSite=Lax cookie; only its hash is stored', async () => {
    const wrong = browser();
    const refused = await wrong.api.auth.signIn({ email: member.email, password: 'not it' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'UNAUTHORIZED', message: 'wrong email or password' });
    expect(wrong.setCookie()).toBe('');
    const unknown = await browser().api.auth.signIn({ email: 'nobody@example.com', password: 'x' }).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ code: 'UNAUTHORIZED', message: 'wrong email or password' });

    const started = Date.now();
    const right = browser(undefined, true);
    // Emails match case-insensitively.
    const user = await right.api.auth.signIn({ email: ' ADA@example.com ', password: member.password });
    expect(user).toMatchObject({ email: member.email, role: 'member' });
    const cookie = right.setCookie();
    expect(cookie).toMatch(/^tradeoff_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Expires=.+; Secure$/);
    const token = cookieToken(cookie);
    const row = await store.prisma.session.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(row.userId).toBe(member.id);
    expect(row.expiresAt.getTime() - started).toBeGreaterThanOrEqual(SESSION_TTL_MS - 1000);
    expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(SESSION_TTL_MS);
    expect(await store.prisma.session.count({ where: { tokenHash: token } })).toBe(0);

    expect(await browser(token).api.auth.me()).toMatchObject({ email: member.email, role: 'member', via: 'session' });
  });

  test('an expired session is refused and deleted', async () => {
    const signing = browser();
    await signing.api.auth.signIn({ email: member.email, password: member.password });
    const token = cookieToken(signing.setCookie());
    expect((await browser(token).api.experiments.list()).length).toBeGreaterThanOrEqual(0);

    await store.prisma.session.update({ where: { tokenHash: hashToken(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const refused = await browser(token).api.experiments.list().catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await browser(token).api.auth.me()).toBeNull();
    expect(await store.prisma.session.count({ where: { tokenHash: hashToken(token) } })).toBe(0);
  });

  test('signOut deletes the session row and clears the cookie', async () => {
    const signing = browser();
    await signing.api.auth.signIn({ email: member.email, password: member.password });
    const token = cookieToken(signing.setCookie());
    const out = browser(token);
    expect(await out.api.auth.signOut()).toEqual({ signedOut: true });
    expect(out.setCookie()).toMatch(/^tradeoff_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0;/);
    expect(await store.prisma.session.count({ where: { tokenHash: hashToken(token) } })).toBe(0);
    expect(await browser(token).api.experiments.list().catch((e: unknown) => e)).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  test('an account without a password cannot sign in', async () => {
    await store.prisma.user.create({ data: { email: `${kind}-nopassword@example.com`, role: 'admin' } });
    const refused = await browser().api.auth.signIn({ email: `${kind}-nopassword@example.com`, password: 'anything' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
