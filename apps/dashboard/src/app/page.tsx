import Link from 'next/link';

import { ExperimentsTable } from '~/components/experiments-table';
import { MemberOnly } from '~/components/user-menu-context';

export const metadata = { title: 'Experiments' };

export default function ExperimentsPage() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Experiments</h1>
          <div className="subtitle">Every experiment in the store, newest first. Runs update live.</div>
        </div>
        <div className="actions">
          <MemberOnly>
            <Link href="/experiments/new" className="btn primary" data-testid="new-experiment">
              New experiment
            </Link>
          </MemberOnly>
        </div>
      </div>
      <ExperimentsTable />
    </>
  );
}
