'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';

import { useSignedInUser } from '~/components/user-menu-context';
import { formatDateTime } from '~/lib/format';
import { useTRPC } from '~/trpc/react';

import { SecretOnce } from '../secret-once';

import '../settings.css';

const ROLES = ['viewer', 'member', 'admin'] as const;
type Role = (typeof ROLES)[number];

export function UsersManager() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useSignedInUser();
  const [form, setForm] = useState({ email: '', name: '', role: 'member' as Role, password: '' });
  const [secret, setSecret] = useState<{ label: string; value: string } | null>(null);
  const users = useQuery(trpc.users.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.users.list.pathKey() });
  const create = useMutation(trpc.users.create.mutationOptions({ onSuccess: refresh }));
  const setRole = useMutation(trpc.users.setRole.mutationOptions({ onSuccess: refresh }));
  const resetPassword = useMutation(trpc.users.resetPassword.mutationOptions());
  const remove = useMutation(trpc.users.delete.mutationOptions({ onSuccess: refresh }));
  const error = create.error ?? setRole.error ?? resetPassword.error ?? remove.error ?? users.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { email: form.email, name: form.name || undefined, role: form.role, password: form.password || undefined },
      {
        onSuccess: ({ user, generatedPassword }) => {
          setSecret(generatedPassword ? { label: `Password of ${user.email}:`, value: generatedPassword } : null);
          setForm({ email: '', name: '', role: 'member', password: '' });
        },
      },
    );
  };
  const reset = (id: string, email: string) => {
    if (!window.confirm(`Give ${email} a new generated password and sign them out everywhere?`)) return;
    resetPassword.mutate({ id }, { onSuccess: ({ generatedPassword }) => generatedPassword && setSecret({ label: `New password of ${email}:`, value: generatedPassword }) });
  };
  const confirmDelete = (id: string, email: string) => {
    if (window.confirm(`Delete ${email} with their tokens? Experiments they created stay.`)) remove.mutate({ id });
  };

  return (
    <>
      <section className="card">
        <h2>New user</h2>
        <form className="settings-form" onSubmit={submit} data-testid="user-form">
          <div className="field">
            <label htmlFor="user-email">Email</label>
            <input id="user-email" type="text" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} data-testid="user-email" />
          </div>
          <div className="field">
            <label htmlFor="user-name">Name</label>
            <input id="user-name" type="text" placeholder="optional" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="user-role">Role</label>
            <select id="user-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })} data-testid="user-role-select">
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {role}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="user-password">Password</label>
            <input
              id="user-password"
              type="text"
              placeholder="generated when empty"
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.target.value })}
              data-testid="user-password"
            />
          </div>
          <button type="submit" className="btn primary" disabled={create.isPending} data-testid="create-user">
            Create user
          </button>
        </form>
        {secret ? <SecretOnce label={secret.label} value={secret.value} testId="new-password" /> : null}
      </section>

      {error ? <div className="error-box">{error.message}</div> : null}

      <section className="card flush">
        {!users.data ? (
          <div className="empty">Loading…</div>
        ) : (
          <table className="table settings-table" data-testid="users-table">
            <thead>
              <tr>
                <th>Email</th>
                <th>Name</th>
                <th>Role</th>
                <th>Can sign in</th>
                <th className="num">Active tokens</th>
                <th>Created</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => (
                <tr key={user.id} data-testid="user-row" data-email={user.email}>
                  <td>
                    {user.email} {user.id === me?.id ? <span className="badge neutral">you</span> : null}
                  </td>
                  <td>{user.name ?? <span className="muted">–</span>}</td>
                  <td>
                    <select
                      value={user.role}
                      disabled={setRole.isPending}
                      onChange={(e) => setRole.mutate({ id: user.id, role: e.target.value as Role })}
                      data-testid="user-role"
                      aria-label={`role of ${user.email}`}
                    >
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {role}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{user.canSignIn ? 'yes' : <span className="muted">no password</span>}</td>
                  <td className="num">{user.activeTokens}</td>
                  <td>{formatDateTime(user.createdAt)}</td>
                  <td>
                    <button type="button" className="btn small" onClick={() => reset(user.id, user.email)} data-testid="reset-password">
                      Reset password
                    </button>
                    <button type="button" className="btn small danger" onClick={() => confirmDelete(user.id, user.email)} data-testid="delete-user">
                      Delete
                    </button>
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
