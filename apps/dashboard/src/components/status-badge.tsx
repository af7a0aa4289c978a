import { RUN_STATUSES } from '~/lib/status';
import type { RunStatus } from '~/trpc/types';

export function StatusBadge({ status, testId }: { status: RunStatus; testId?: string }) {
  return (
    <span className={`badge ${status}`} data-testid={testId} data-status={status}>
      {status}
    </span>
  );
}

/** One badge per non-zero status count, e.g. "2 running · 3 finished". */
export function StatusCounts({ counts }: { counts: Record<RunStatus, number> }) {
  const present = RUN_STATUSES.filter((status) => counts[status] > 0);
  return (
    <span className="badges" data-testid="status-counts">
      {present.length === 0 && <span className="badge neutral">no runs</span>}
      {present.map((status) => (
        <span key={status} className={`badge ${status}`} data-testid={`status-count-${status}`} data-count={counts[status]}>
          {counts[status]} {status}
        </span>
      ))}
    </span>
  );
}
