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

/** Members and admins launch, cancel, retry and edit; viewers only look. */
export function useCanEdit(): boolean {
  const user = useSignedInUser();
  return user !== null && user.role !== 'viewer';
}

/** Renders its children only for members and admins: viewers see no launch or edit controls. */
export function MemberOnly({ children }: { children: ReactNode }) {
  return useCanEdit() ? children : null;
}
