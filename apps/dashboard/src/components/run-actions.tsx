'use client';

import { useMutation } from '@tanstack/react-query';

import { useCanEdit } from '~/components/user-menu-context';
import { isActive } from '~/lib/status';
import { useRefreshRuns } from '~/lib/use-refresh-runs';
import { useTRPC } from '~/trpc/react';
import type { RunStatus } from '~/trpc/types';

/** Cancel for a queued or running run, retry for a failed or cancelled one; members only. */
export function RunActions({ run }: { run: { id: string; status: RunStatus; cancelRequested: boolean } }) {
  const trpc = useTRPC();
  const canEdit = useCanEdit();
  const refresh = useRefreshRuns();
  const cancel = useMutation(trpc.runs.cancel.mutationOptions({ onSuccess: refresh }));
  const retry = useMutation(trpc.runs.retry.mutationOptions({ onSuccess: refresh }));
  if (!canEdit) return null;
  const busy = cancel.isPending || retry.isPending;
  const error = cancel.error ?? retry.error;
  return (
    <span className="row-actions">
      {isActive(run.status) && !run.cancelRequested && (
        <button type="button" className="btn small danger" data-testid="cancel-run" disabled={busy} onClick={() => cancel.mutate({ id: run.id })}>
          Cancel
        </button>
      )}
      {(run.status === 'failed' || run.status === 'cancelled') && (
        <button type="button" className="btn small" data-testid="retry-run" disabled={busy} onClick={() => retry.mutate({ id: run.id })}>
          Retry
        </button>
      )}
      {error && <span className="error-text">{error.message}</span>}
    </span>
  );
}
