import { openApi, type TradeoffApi } from '../api-access.ts';
import { checkAssertion, parseAssertion } from '../ci/assertion.ts';
import { loadBaseline } from '../ci/baseline.ts';
import type { Check } from '../ci/check.ts';
import { writeJunit } from '../ci/junit.ts';
import { checkRegressions, parseTolerance } from '../ci/regression.ts';
import { runInProcess } from '../ci/run-in-process.ts';
import { type RunOutcome, runOnStore } from '../ci/run-on-store.ts';
import { summaryTable } from '../ci/summary.ts';
import { CliError, EXIT } from '../cli-error.ts';
import { cliEnv } from '../env.ts';
import { loadSpec } from '../load-spec.ts';
import { createProgressReporter } from '../progress.ts';
import { absoluteDataPaths } from '../spec-paths.ts';

export interface CiOptions {
  assert: string[];
  baseline?: string;
  tolerance: string;
  junit?: string;
  store?: boolean;
  set: string[];
  out?: string;
  url?: string;
  token?: string;
  /** Minutes a --store run may wait in the queue for a worker. */
  startTimeout: string;
}

/**
 * `tradeoff ci SPEC`: runs the experiment (here, or on the store with --store), then checks the
 * assertions and the regressions against a baseline run. Exit 0 when every check passed, 1 when one
 * failed or the run did, 2 for bad input. Everything is validated before the run starts.
 */
export async function ci(specPath: string, opts: CiOptions): Promise<void> {
  const assertions = opts.assert.map(parseAssertion);
  const tolerance = parseTolerance(opts.tolerance);
  const startTimeoutMs = Number(opts.startTimeout) * 60_000;
  if (!(startTimeoutMs > 0)) throw new CliError(`--start-timeout "${opts.startTimeout}": expected a number of minutes > 0`, EXIT.badInput);
  if (assertions.length === 0 && !opts.baseline) throw new CliError('nothing to check: give --assert "<metric><op><value>" or --baseline RUN_ID', EXIT.badInput);
  const spec = absoluteDataPaths(await loadSpec(specPath, opts.set));
  if (spec.sweep) throw new CliError(`${specPath}: sweep: ci checks one configuration; remove the sweep`, EXIT.badInput);

  const env = cliEnv();
  const needsStore = opts.store || opts.baseline !== undefined;
  const store: TradeoffApi | null = needsStore ? await openApi({ url: opts.url ?? env.TRADEOFF_URL, token: opts.token ?? env.TRADEOFF_TOKEN }) : null;
  const started = Date.now();
  let outcome: RunOutcome;
  let baseline: Awaited<ReturnType<typeof loadBaseline>> | null = null;
  try {
    if (store && opts.baseline) baseline = await loadBaseline(store, opts.baseline);
    const reporter = createProgressReporter();
    try {
      if (store && opts.store) {
        outcome = await runOnStore(store, spec, reporter, startTimeoutMs);
      } else {
        // The baseline is read: the store (perhaps an embedded one served here) is not needed while training.
        await store?.close();
        outcome = await runInProcess(spec, reporter, opts.out);
      }
    } finally {
      reporter.stop();
    }
  } finally {
    await store?.close();
  }

  const runCheck: Check = {
    kind: 'run',
    name: `run ${outcome.runId ?? spec.name}`,
    expected: 'finished',
    passed: outcome.status === 'finished',
    message: outcome.status === 'finished' ? undefined : `the run ${outcome.status}${outcome.error ? `: ${outcome.error}` : ''}`,
  };
  const checks = [
    runCheck,
    ...assertions.map((a) => checkAssertion(a, outcome.final)),
    ...(baseline ? checkRegressions(outcome.final, baseline, tolerance) : []),
  ];
  const seconds = (Date.now() - started) / 1000;
  if (opts.junit) await writeJunit(opts.junit, `tradeoff ci: ${spec.name}`, checks, seconds);
  console.log(summaryTable(checks));
  if (opts.junit) console.log(`junit: ${opts.junit}`);
  if (checks.some((c) => !c.passed)) throw new CliError(`${checks.filter((c) => !c.passed).length} check(s) failed`, EXIT.failed);
}
