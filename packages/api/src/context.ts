import type { PrismaClient, RunQueue } from '@tradeoff/db';

import type { Caller } from './caller.ts';

/** How a request identifies its caller. */
export interface Credentials {
  apiToken?: string;
  sessionToken?: string;
}

export interface Context {
  prisma: PrismaClient;
  queue: RunQueue;
  credentials: Credentials;
  /**
   * True only for callers in this process that opened the store with its own credentials (the CLI,
   * the worker, tests). Without other credentials they act as the local admin. No HTTP handler sets it.
   */
  trusted: boolean;
  /** The HTTP response's headers, where sign-in and sign-out set the session cookie. */
  resHeaders?: Headers;
  /** The request came over HTTPS, so the session cookie is marked Secure. */
  secure: boolean;
  /** Only for a context made from a request's headers: its caller, resolved once (see callerOf). */
  requestCaller?: { resolved?: Promise<Caller | null> };
}

export const API_TOKEN_HEADER = 'x-tradeoff-token';
export const SESSION_COOKIE = 'tradeoff_session';

/** The session cookie's value in a `Cookie` header, if any. */
export function sessionTokenFromCookie(cookie: string | null | undefined): string | undefined {
  const value = (cookie ?? '')
    .split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === SESSION_COOKIE)?.[1];
  return value ? decodeURIComponent(value) : undefined;
}

/** Reads credentials from a request: `Authorization: Bearer <token>` or `x-tradeoff-token`, and the session cookie. */
export function credentialsFromHeaders(headers: Headers): Credentials {
  const bearer = headers.get('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1];
  const apiToken = bearer ?? headers.get(API_TOKEN_HEADER) ?? undefined;
  return { apiToken: apiToken || undefined, sessionToken: sessionTokenFromCookie(headers.get('cookie')) };
}

export interface CreateContextOptions {
  prisma: PrismaClient;
  queue: RunQueue;
  /** Request headers, read for credentials. */
  headers?: Headers;
  credentials?: Credentials;
  /** See Context.trusted: for in-process callers only, never from a request. */
  trusted?: boolean;
  resHeaders?: Headers;
  secure?: boolean;
}

export function createContext(opts: CreateContextOptions): Context {
  const credentials = opts.credentials ?? (opts.headers ? credentialsFromHeaders(opts.headers) : {});
  return {
    prisma: opts.prisma,
    queue: opts.queue,
    credentials,
    trusted: opts.trusted ?? false,
    resHeaders: opts.resHeaders,
    secure: opts.secure ?? false,
    requestCaller: opts.headers ? {} : undefined,
  };
}
