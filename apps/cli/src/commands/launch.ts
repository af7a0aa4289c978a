import { openApi, type TradeoffApi } from '../api-access.ts';
import { CliError, EXIT } from '../cli-error.ts';
import { cliEnv } from '../env.ts';
import { loadSpec } from '../load-spec.ts';
import { absoluteDataPaths } from '../spec-paths.ts';

export interface LaunchOptions {
  set: string[];
  url?: string;
  token?: string;
  wait?: boolean;
}

const ENDED = new Set(['finished', 'failed', 'cancelled']);
const POLL_MS = 2_000;

/** `tradeoff launch SPEC`: creates the experiment and queues its runs; `--wait` follows them to the end. */
export async function launch(specPath: string, opts: LaunchOptions): Promise<void> {
  // Validated here first so a bad spec names this file; relative data paths are made absolute
  // because the worker that runs it has another working directory.
  const spec = absoluteDataPaths(await loadSpec(specPath, opts.set));
  const env = cliEnv();
  const api = await openApi({ url: opts.url ?? env.TRADEOFF_URL, token: opts.token ?? env.TRADEOFF_TOKEN });
  try {
    const experiment = await api.createExperiment(spec);
    console.log(`experiment ${experiment.id}`);
    for (const run of experiment.runs) console.log(`run ${run.id}`);
    if (opts.wait) await waitForRuns(api, experiment.id);
  } finally {
    await api.close();
  }
}

async function waitForRuns(api: TradeoffApi, experimentId: string): Promise<void> {
  const seen = new Map<string, string>();
  for (;;) {
    const runs = await api.listRuns(experimentId);
    for (const run of runs) {
      if (seen.get(run.id) === run.status) continue;
      seen.set(run.id, run.status);
      const detail = run.status === 'failed' ? `: ${run.error}` : run.final ? ` ${JSON.stringify(run.final)}` : '';
      console.error(`run ${run.id} ${run.status}${detail}`);
    }
    if (runs.every((run) => ENDED.has(run.status))) {
      const unfinished = runs.filter((run) => run.status !== 'finished').length;
      if (unfinished > 0) throw new CliError(`${unfinished} of ${runs.length} runs did not finish`, EXIT.failed);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
