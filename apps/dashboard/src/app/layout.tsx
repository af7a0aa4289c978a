import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { UserMenu } from '~/components/user-menu';
import { MemberOnly, SignedInUserProvider } from '~/components/user-menu-context';
import { currentUser } from '~/server/session';
import { PROTECTED_PATH_HEADER, signInPath } from '~/server/session-paths';
import { TRPCReactProvider } from '~/trpc/react';

import './globals.css';
import '~/components/views.css';

export const metadata: Metadata = {
  title: { default: 'Tradeoff', template: '%s · Tradeoff' },
  description: 'Multi-objective experiments: runs, metrics and trade-offs',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  // The proxy marks pages that need a user; an expired or unknown session goes to sign in again.
  const protectedPath = (await headers()).get(PROTECTED_PATH_HEADER);
  if (protectedPath !== null && !user) redirect(signInPath(protectedPath));
  return (
    <html lang="en">
      <body>
        <TRPCReactProvider>
          <SignedInUserProvider user={user}>
            <header className="topbar">
              <Link href="/" className="brand">
                <span className="brand-mark" aria-hidden>
                  ◆
                </span>
                Tradeoff
              </Link>
              {user ? (
                <nav className="topnav">
                  <Link href="/">Experiments</Link>
                  <Link href="/runs">Runs</Link>
                  <Link href="/pareto">Pareto</Link>
                  <Link href="/queue">Queue</Link>
                  <MemberOnly>
                    <Link href="/experiments/new">New experiment</Link>
                  </MemberOnly>
                </nav>
              ) : null}
              <UserMenu />
            </header>
            <main className="page">{children}</main>
          </SignedInUserProvider>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
