import { emailInput } from '@tradeoff/api';

import { CliError, EXIT } from '../cli-error.ts';
import { asCliError, type LocalApi, openLocalApi } from '../local-api.ts';

type Role = 'viewer' | 'member' | 'admin';

/** Runs `fn` on the store's trusted API, closing it after; the router's refusals become CLI errors. */
export async function withApi<T>(fn: (api: LocalApi) => Promise<T>): Promise<T> {
  const api = await openLocalApi();
  try {
    return await fn(api);
  } catch (error) {
    throw asCliError(error);
  } finally {
    await api.close();
  }
}

/** The account with `email`, or bad input naming it. */
export async function userByEmail(api: LocalApi, email: string) {
  const address = emailInput.safeParse(email);
  if (!address.success) throw new CliError(`--email "${email}": expected an email address`, EXIT.badInput);
  const user = await api.store.prisma.user.findUnique({ where: { email: address.data } });
  if (!user) throw new CliError(`--email: no user ${email}`, EXIT.badInput);
  return user;
}

/** `tradeoff users create`: prints the password when it was generated (the only time it is shown). */
export function createUser(opts: { email: string; role: Role; name?: string; password?: string }): Promise<void> {
  return withApi(async ({ caller }) => {
    const { user, generatedPassword } = await caller.users.create(opts);
    console.log(`created ${user.role} ${user.email} (id ${user.id})`);
    if (generatedPassword) console.log(`password: ${generatedPassword}`);
  });
}

/** `tradeoff users list`: one line per account. */
export function listUsers(): Promise<void> {
  return withApi(async ({ caller }) => {
    const users = await caller.users.list();
    const rows = [
      ['EMAIL', 'ROLE', 'SIGN-IN', 'TOKENS', 'CREATED', 'NAME'],
      ...users.map((u) => [u.email, u.role, u.canSignIn ? 'yes' : 'no', String(u.activeTokens), u.createdAt.toISOString().slice(0, 10), u.name ?? '']),
    ];
    const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
    for (const row of rows) console.log(row.map((cell, col) => cell.padEnd(widths[col]!)).join('  ').trimEnd());
  });
}

/** `tradeoff users reset-password`: a new password (printed when generated); the user's sessions end. */
export function resetPassword(opts: { email: string; password?: string }): Promise<void> {
  return withApi(async (api) => {
    const user = await userByEmail(api, opts.email);
    const { generatedPassword } = await api.caller.users.resetPassword({ id: user.id, password: opts.password });
    console.log(`password of ${user.email} changed; signed out of the dashboard everywhere`);
    if (generatedPassword) console.log(`password: ${generatedPassword}`);
  });
}
