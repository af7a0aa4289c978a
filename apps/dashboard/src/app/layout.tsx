import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';

import { TRPCReactProvider } from '~/trpc/react';

import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Tradeoff', template: '%s · Tradeoff' },
  description: 'Multi-objective experiments: runs, metrics and trade-offs',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <Link href="/" className="brand">
            <span className="brand-mark" aria-hidden>
              ◆
            </span>
            Tradeoff
          </Link>
          <nav className="topnav">
            <Link href="/">Experiments</Link>
            <Link href="/experiments/new">New experiment</Link>
          </nav>
        </header>
        <main className="page">
          <TRPCReactProvider>{children}</TRPCReactProvider>
        </main>
      </body>
    </html>
  );
}
