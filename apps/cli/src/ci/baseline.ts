import type { TradeoffApi } from '../api-access.ts';
import { CliError, EXIT } from '../cli-error.ts';

/** The final metrics of the baseline run; a missing or unfinished run is bad input. */
export async function loadBaseline(store: TradeoffApi, runId: string): Promise<{ runId: string; final: Record<string, number> }> {
  const run = await store.getRun(runId);
  if (!run) throw new CliError(`--baseline ${runId}: no such run in the store`, EXIT.badInput);
  if (run.status !== 'finished') throw new CliError(`--baseline ${runId}: the run is ${run.status}, not finished`, EXIT.badInput);
  const final = Object.fromEntries(Object.entries(run.final ?? {}).filter(([, value]) => typeof value === 'number'));
  if (Object.keys(final).length === 0) throw new CliError(`--baseline ${runId}: the run has no final metrics`, EXIT.badInput);
  return { runId, final };
}
