import { useQueryClient } from '@tanstack/react-query';

import { useTRPC } from '~/trpc/react';

/**
 * After a change to runs (cancel, retry, tags, notes): refetch every view of runs, the experiment
 * headers with their status counts, and the queue, so no table shows the old state.
 */
export function useRefreshRuns(): () => Promise<unknown> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [trpc.runs.pathKey(), trpc.experiments.get.pathKey(), trpc.workers.queue.pathKey()].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    );
}
