'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';

import { useTRPC } from '~/trpc/react';

import { useSignedInUser } from './user-menu-context';

import './user-menu.css';

/** The header's account menu: who is signed in, with which role; tokens, users (admins) and sign-out. */
export function UserMenu() {
  const user = useSignedInUser();
  const trpc = useTRPC();
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      // A full load, so that nothing of the signed-in pages stays in memory.
      onSettled: () => window.location.assign('/sign-in'),
    }),
  );
  if (!user) return null;
  return (
    <details className="user-menu" data-testid="user-menu">
      <summary>
        <span className="user-avatar" aria-hidden>
          {(user.name ?? user.email).slice(0, 1).toUpperCase()}
        </span>
        <span data-testid="user-menu-email">{user.name ?? user.email}</span>
        <span className={`role-badge ${user.role}`} data-testid="user-role">
          {user.role}
        </span>
      </summary>
      <div className="user-menu-panel">
        <div className="user-menu-who">
          <strong>{user.name ?? user.email}</strong>
          <span className="muted">{user.email}</span>
        </div>
        <Link href="/settings/tokens">API tokens</Link>
        {user.role === 'admin' ? <Link href="/settings/users">Users</Link> : null}
        <button type="button" className="btn small" data-testid="sign-out" disabled={signOut.isPending} onClick={() => signOut.mutate()}>
          Sign out
        </button>
      </div>
    </details>
  );
}
