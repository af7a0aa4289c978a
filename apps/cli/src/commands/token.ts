import { createApiToken } from '@tradeoff/api';

import { CliError, EXIT } from '../cli-error.ts';
import { userByEmail, withApi } from './users.ts';

/** `tradeoff token create`: the token alone on stdout (shown once, for scripts), the rest on stderr. */
export function createToken(opts: { email: string; name: string; expiresDays?: number }): Promise<void> {
  if (!opts.name.trim()) throw new CliError('--name: give the token a name, e.g. "ci"', EXIT.badInput);
  return withApi(async (api) => {
    const user = await userByEmail(api, opts.email);
    const token = await createApiToken(api.store.prisma, user.id, { name: opts.name, expiresInDays: opts.expiresDays });
    console.error(`API token ${token.id} "${token.name}" for ${user.email} (${user.role}); it is shown only now:`);
    console.log(token.token);
  });
}

/** `tradeoff token revoke ID`: as the local admin, any user's token. */
export function revokeToken(id: string): Promise<void> {
  return withApi(async ({ caller }) => {
    const revoked = await caller.tokens.revoke({ id });
    console.log(`revoked API token ${revoked.id} "${revoked.name}"`);
  });
}
