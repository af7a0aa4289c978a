import type { PrismaClient, RunQueue } from '@tradeoff/db';

/** How a request identifies its caller; both absent means the local single-user default. */
export interface Credentials {
  apiToken?: string;
  sessionToken?: string;
}

export interface Context {
  prisma: PrismaClient;
  queue: RunQueue;
  credentials: Credentials;
}

export const API_TOKEN_HEADER = 'x-tradeoff-token';
export const SESSION_COOKIE = 'tradeoff_session';

/** Reads credentials from a request: `Authorization: Bearer <token>` or `x-tradeoff-token`, and the session cookie. */
export function credentialsFromHeaders(headers: Headers): Credentials {
  const bearer = headers.get('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1];
  const apiToken = bearer ?? headers.get(API_TOKEN_HEADER) ?? undefined;
  const cookie = headers.get('cookie') ?? '';
  const sessionToken = cookie
    .split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === SESSION_COOKIE)?.[1];
  return { apiToken: apiToken || undefined, sessionToken: sessionToken ? decodeURIComponent(sessionToken) : undefined };
}

export function createContext(opts: { prisma: PrismaClient; queue: RunQueue; headers?: Headers; credentials?: Credentials }): Context {
  const credentials = opts.credentials ?? (opts.headers ? credentialsFromHeaders(opts.headers) : {});
  return { prisma: opts.prisma, queue: opts.queue, credentials };
}
