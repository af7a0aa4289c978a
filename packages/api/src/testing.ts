/**
 * The API over real HTTP for tests and benchmarks: tRPC's node adapter on a free local port,
 * reading credentials from the request headers exactly as the dashboard's handler does.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

import type { PrismaClient, Role, RunQueue } from '@tradeoff/db';
import { createHTTPServer } from '@trpc/server/adapters/standalone';

import { createContext } from './context.ts';
import { hashPassword } from './password.ts';
import { appRouter } from './root.ts';
import { createApiToken } from './routers/tokens.ts';

export interface ApiServer {
  /** The tRPC endpoint, for `createTradeoffClient({ url })`. */
  url: string;
  close(): Promise<void>;
}

export async function serveApi(opts: { prisma: PrismaClient; queue: RunQueue }): Promise<ApiServer> {
  const server = createHTTPServer({
    router: appRouter,
    basePath: '/api/trpc/',
    createContext: ({ req }) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      return createContext({ prisma: opts.prisma, queue: opts.queue, headers });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/trpc`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  /** An API token acting as this user. */
  token: string;
}

/**
 * A user with `role`, a password and an API token, written directly on a store (as `tradeoff users
 * create` and `tradeoff token create` do). The email is unique unless given.
 */
export async function createUserWithToken(
  store: { prisma: PrismaClient },
  opts: { role: Role; email?: string; password?: string },
): Promise<TestUser> {
  const email = opts.email ?? `${opts.role}-${randomUUID().slice(0, 8)}@example.com`;
  const password = opts.password ?? `${opts.role}-password-${randomUUID().slice(0, 8)}`;
  const user = await store.prisma.user.create({ data: { email, role: opts.role, passwordHash: await hashPassword(password) } });
  const { token } = await createApiToken(store.prisma, user.id, { name: 'test' });
  return { id: user.id, email, password, token };
}
