'use client';

import { useSignedInUser } from '~/components/user-menu-context';

/** Members and admins launch, cancel, retry and edit; viewers only look. */
export function useCanEdit(): boolean {
  const user = useSignedInUser();
  return user !== null && user.role !== 'viewer';
}
