import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';

import { useTRPC } from '~/trpc/react';

/**
 * Live views poll only while a run is queued or running. A run writes its last points, late keys
 * (validation metrics at the end) and logs just before it settles, so when `live` turns false the
 * metric and log queries are fetched once more; otherwise the view would keep the last poll's state.
 */
export function useRefreshWhenSettled(live: boolean): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const wasLive = useRef(live);
  useEffect(() => {
    if (wasLive.current && !live) {
      void queryClient.invalidateQueries({ queryKey: trpc.metrics.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.runs.logs.pathKey() });
    }
    wasLive.current = live;
  }, [live, queryClient, trpc]);
}
