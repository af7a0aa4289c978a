'use client';

import { createContext, type ReactNode, useContext } from 'react';

import type { SignedInUser } from '~/server/session';

const ViewerContext = createContext<SignedInUser | null>(null);

/** Makes the signed-in user (checked on the server) known to client components. */
export function SignedInUserProvider({ user, children }: { user: SignedInUser | null; children: ReactNode }) {
  return <ViewerContext.Provider value={user}>{children}</ViewerContext.Provider>;
}

export function useSignedInUser(): SignedInUser | null {
  return useContext(ViewerContext);
}

/** Renders its children only for members and admins: viewers see no launch or edit controls. */
export function MemberOnly({ children }: { children: ReactNode }) {
  const user = useSignedInUser();
  return user && user.role !== 'viewer' ? children : null;
}
