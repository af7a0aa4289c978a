import { resolveCaller, SESSION_COOKIE } from '@tradeoff/api';
import { cookies } from 'next/headers';
import { cache } from 'react';

import { platform } from './platform';

export interface SignedInUser {
  id: string;
  email: string;
  name: string | null;
  role: 'viewer' | 'member' | 'admin';
}

/** The user of this request's session cookie, checked against the store (once per request), or null. */
export const currentUser = cache(async (): Promise<SignedInUser | null> => {
  const sessionToken = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!sessionToken) return null;
  const { prisma } = await platform();
  const caller = await resolveCaller({ prisma, credentials: { sessionToken }, trusted: false });
  return caller && { id: caller.userId, email: caller.email, name: caller.name, role: caller.role };
});
