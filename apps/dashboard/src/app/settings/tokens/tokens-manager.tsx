'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';

import { useSignedInUser } from '~/components/user-menu-context';
import { formatDateTime, formatRelative } from '~/lib/format';
import { useTRPC } from '~/trpc/react';

import { SecretOnce } from '../secret-once';

import '../settings.css';

export function TokensManager() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const user = useSignedInUser();
  const [allUsers, setAllUsers] = useState(false);
  const [name, setName] = useState('');
  const [days, setDays] = useState('');
  const tokens = useQuery(trpc.tokens.list.queryOptions({ allUsers }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.tokens.list.pathKey() });
  const create = useMutation(trpc.tokens.create.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.tokens.revoke.mutationOptions({ onSuccess: refresh }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, expiresInDays: days ? Number(days) : undefined }, { onSuccess: () => setName('') });
  };
  const error = create.error ?? revoke.error ?? tokens.error;

  return (
    <>
      <section className="card">
        <h2>New token</h2>
        <form className="settings-form" onSubmit={submit} data-testid="token-form">
          <div className="field">
            <label htmlFor="token-name">Name</label>
            <input id="token-name" type="text" required placeholder="e.g. ci" value={name} onChange={(e) => setName(e.target.value)} data-testid="token-name" />
          </div>
          <div className="field">
            <label htmlFor="token-days">Expires after (days)</label>
            <input id="token-days" type="number" min={1} max={3650} placeholder="never" value={days} onChange={(e) => setDays(e.target.value)} />
          </div>
          <button type="submit" className="btn primary" disabled={create.isPending} data-testid="create-token">
            Create token
          </button>
        </form>
        {create.data ? <SecretOnce label={`Token "${create.data.name}" created.`} value={create.data.token} testId="new-token" /> : null}
      </section>

      {error ? <div className="error-box">{error.message}</div> : null}

      <section className="card flush">
        <div className="settings-toolbar">
          <strong>{allUsers ? 'Every user\'s tokens' : 'Your tokens'}</strong>
          <span className="spacer" />
          {user?.role === 'admin' ? (
            <label className="toggle">
              <input type="checkbox" checked={allUsers} onChange={(e) => setAllUsers(e.target.checked)} data-testid="all-tokens" /> all users
            </label>
          ) : null}
        </div>
        {!tokens.data ? (
          <div className="empty">Loading…</div>
        ) : tokens.data.length === 0 ? (
          <div className="empty">No tokens yet.</div>
        ) : (
          <table className="table settings-table" data-testid="tokens-table">
            <thead>
              <tr>
                <th>Name</th>
                {allUsers ? <th>User</th> : null}
                <th>Created</th>
                <th>Last used</th>
                <th>Expires</th>
                <th>Status</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((token) => (
                <tr key={token.id} data-testid="token-row">
                  <td>
                    {token.name} <span className="muted mono">{token.id}</span>
                  </td>
                  {allUsers ? <td>{token.userEmail}</td> : null}
                  <td title={formatDateTime(token.createdAt)}>{formatRelative(token.createdAt)}</td>
                  <td>{token.lastUsedAt ? formatRelative(token.lastUsedAt) : <span className="muted">never</span>}</td>
                  <td>{token.expiresAt ? formatDateTime(token.expiresAt) : <span className="muted">never</span>}</td>
                  <td>
                    {token.revokedAt ? (
                      <span className="badge cancelled">revoked</span>
                    ) : token.expiresAt && token.expiresAt < new Date() ? (
                      <span className="badge failed">expired</span>
                    ) : (
                      <span className="badge finished">active</span>
                    )}
                  </td>
                  <td>
                    {token.revokedAt ? null : (
                      <button type="button" className="btn small danger" disabled={revoke.isPending} onClick={() => revoke.mutate({ id: token.id })} data-testid="revoke-token">
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
