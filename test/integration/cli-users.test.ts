import { createCaller, createContext, verifyPassword } from '@tradeoff/api';
import { openRunQueue, type RunQueue } from '@tradeoff/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runCli } from '../src/cli.ts';
import { storeTargets, type TestStore } from '../src/stores.ts';

const targets = await storeTargets();

/** `tradeoff users ...` and `tradeoff token ...` directly on each store, with their exit codes. */
describe.each(targets)('account commands on $name', (target) => {
  let ts: TestStore;
  let queue: RunQueue;
  const cli = (...args: string[]) => runCli(args, { env: ts.env });
  const passwordHashOf = async (email: string) => (await ts.store.prisma.user.findUniqueOrThrow({ where: { email } })).passwordHash!;

  beforeAll(async () => {
    if (!target.available) return;
    ts = await target.open();
    queue = await openRunQueue(ts.store.url);
  });
  afterAll(async () => {
    await queue?.stop({ timeoutMs: 5_000 });
    await ts?.cleanup();
  });

  it.skipIf(!target.available)('users create prints a generated password once; list shows the accounts; bad input exits 2', async () => {
    const created = await cli('users', 'create', '--email', 'Viewer@Example.com', '--role', 'viewer');
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^created viewer viewer@example\.com \(id \S+\)\npassword: \S{24}\n$/);
    const password = /password: (\S+)/.exec(created.stdout)![1]!;
    expect(await verifyPassword(password, await passwordHashOf('viewer@example.com'))).toBe(true);

    const chosen = await cli('users', 'create', '--email', 'member@example.com', '--role', 'member', '--password', 'chosen password');
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(chosen.stdout).not.toContain('password:');
    expect(await verifyPassword('chosen password', await passwordHashOf('member@example.com'))).toBe(true);

    const duplicate = await cli('users', 'create', '--email', 'member@example.com', '--role', 'admin');
    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toMatch(/member@example\.com exists/);
    const badRole = await cli('users', 'create', '--email', 'x@example.com', '--role', 'owner');
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/--role.*owner/);
    const shortPassword = await cli('users', 'create', '--email', 'x@example.com', '--role', 'member', '--password', 'short');
    expect(shortPassword.code).toBe(2);
    expect(shortPassword.stderr).toMatch(/password: at least 8 characters/);
    expect(await ts.store.prisma.user.count({ where: { email: 'x@example.com' } })).toBe(0);

    const listed = await cli('users', 'list');
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^EMAIL\s+ROLE\s+SIGN-IN\s+TOKENS/);
    expect(listed.stdout).toMatch(/^viewer@example\.com\s+viewer\s+yes\s+0\s/m);
    expect(listed.stdout).toMatch(/^member@example\.com\s+member\s+yes\s+0\s/m);
  });

  it.skipIf(!target.available)('users reset-password sets a new password and ends sessions; an unknown email exits 2', async () => {
    const user = await ts.store.prisma.user.findUniqueOrThrow({ where: { email: 'member@example.com' } });
    await ts.store.prisma.session.create({ data: { userId: user.id, tokenHash: 'h', expiresAt: new Date(Date.now() + 60_000) } });
    const reset = await cli('users', 'reset-password', '--email', 'member@example.com');
    expect(reset.code, reset.stderr).toBe(0);
    const password = /password: (\S+)/.exec(reset.stdout)![1]!;
    const hash = await passwordHashOf('member@example.com');
    expect(await verifyPassword(password, hash)).toBe(true);
    expect(await verifyPassword('chosen password', hash)).toBe(false);
    expect(await ts.store.prisma.session.count({ where: { userId: user.id } })).toBe(0);

    const unknown = await cli('users', 'reset-password', '--email', 'nobody@example.com');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--email: no user nobody@example\.com/);
  });

  it.skipIf(!target.available)('token create prints a working token once; token revoke stops it', async () => {
    const created = await cli('token', 'create', '--email', 'member@example.com', '--name', 'ci');
    expect(created.code, created.stderr).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^tdo_[A-Za-z0-9_-]{43}$/);
    const id = /API token (\S+) "ci" for member@example\.com \(member\)/.exec(created.stderr)![1]!;

    const api = createCaller(createContext({ prisma: ts.store.prisma, queue, credentials: { apiToken: token } }));
    expect(await api.auth.me()).toMatchObject({ email: 'member@example.com', role: 'member', via: 'token' });
    expect((await ts.store.prisma.apiToken.findUniqueOrThrow({ where: { id } })).tokenHash).not.toBe(token);

    const revoked = await cli('token', 'revoke', id);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain(`revoked API token ${id} "ci"`);
    expect(await api.experiments.list().catch((e: unknown) => e)).toMatchObject({ code: 'UNAUTHORIZED' });

    const unknownId = await cli('token', 'revoke', 'no-such-id');
    expect(unknownId.code).toBe(2);
    const unknownUser = await cli('token', 'create', '--email', 'nobody@example.com', '--name', 'ci');
    expect(unknownUser.code).toBe(2);
  });
});
