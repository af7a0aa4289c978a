import Link from 'next/link';
import type { ReactNode } from 'react';

import { currentUser } from '~/server/session';

/** Launching needs the member role: a viewer gets this page instead of the form (the API refuses anyway). */
export default async function LaunchAccessLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (user?.role !== 'viewer') return children;
  return (
    <div className="card empty" data-testid="launch-refused">
      <h2>Launching needs the member role; you are a viewer</h2>
      <p>
        Viewers can browse experiments, runs and their metrics. Ask an admin to make <strong>{user.email}</strong> a member
        to launch experiments.
      </p>
      <Link href="/" className="btn">
        Back to experiments
      </Link>
    </div>
  );
}
