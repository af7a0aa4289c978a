'use client';

import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';

import { safeNextPath } from '~/server/session-paths';
import { useTRPC } from '~/trpc/react';

import './sign-in.css';

export function SignInForm({ next }: { next?: string }) {
  const trpc = useTRPC();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      // A full load, so the layout renders with the new session.
      onSuccess: () => window.location.assign(safeNextPath(next)),
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password });
  };
  const error = signIn.error
    ? signIn.error.data?.code === 'UNAUTHORIZED'
      ? 'Wrong email or password.'
      : signIn.error.message
    : null;
  return (
    <div className="sign-in">
      <form className="card sign-in-card" onSubmit={submit} data-testid="sign-in-form">
        <h1>Sign in to Tradeoff</h1>
        <p className="muted">Use the account an admin created for you. The first admin&apos;s password is printed by <code>tradeoff start</code>.</p>
        <div className="field">
          <label htmlFor="email">Email</label>
          <input id="email" type="text" inputMode="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid="sign-in-email" />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input id="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} data-testid="sign-in-password" />
        </div>
        {error ? (
          <div className="error-box" role="alert" data-testid="sign-in-error">
            {error}
          </div>
        ) : null}
        <button type="submit" className="btn primary" disabled={signIn.isPending || signIn.isSuccess} data-testid="sign-in-submit">
          {signIn.isPending || signIn.isSuccess ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
