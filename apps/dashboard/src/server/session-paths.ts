/** Set by the proxy on page requests that need a user: the page's path, for the sign-in redirect. */
export const PROTECTED_PATH_HEADER = 'x-tradeoff-path';

/** The sign-in page, returning to `next` afterwards. */
export function signInPath(next: string): string {
  return `/sign-in?${new URLSearchParams({ next })}`;
}

/** `next` when it is a path on this site, else the home page (never a redirect elsewhere). */
export function safeNextPath(next: string | null | undefined): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
