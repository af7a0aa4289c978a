import { RunsTable } from '~/components/runs-table';

export const metadata = { title: 'Runs' };

export default function RunsPage() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Runs</h1>
          <div className="subtitle">Every run of every experiment: sort by any metric, filter, search, select runs to compare.</div>
        </div>
      </div>
      <RunsTable />
    </>
  );
}
