import { type NextRequest, NextResponse } from 'next/server';

import { PROTECTED_PATH_HEADER, signInPath } from '~/server/session-paths';

// The session cookie's name (SESSION_COOKIE in @tradeoff/api, not imported so the proxy stays small).
const SESSION_COOKIE = 'tradeoff_session';

/**
 * Pages need a signed-in user: a request without a session cookie goes to /sign-in?next=<page>.
 * This is only the quick check; the root layout validates the session against the store, and every
 * API procedure checks its caller on its own.
 */
export function proxy(request: NextRequest) {
  const path = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  if (!request.cookies.has(SESSION_COOKIE)) return NextResponse.redirect(new URL(signInPath(path), request.url));
  const headers = new Headers(request.headers);
  headers.set(PROTECTED_PATH_HEADER, path);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Everything but the API, Next's assets, the icon and the sign-in page itself.
  matcher: ['/((?!api/|_next/|sign-in|icon\\.svg|favicon\\.ico).*)'],
};
