// Runs the three dialogue examples (dialogue-sl, fixed-mix, more) for seeds 0-2 on the shared
// MultiWOZ dev dialogues and writes the table, the reward-oscillation figures and two SVG charts
// into docs/ (results.md between the dialogue markers; the rest of the file is kept).
// Usage: pnpm --filter @tradeoff/experiments exec tsx scripts/write-dialogue-results.ts [--seeds=0,1,2]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LINGUISTIC_REWARDS, REASONING_CHECKS } from '@tradeoff/core';
import { evaluateMultiwoz, goldOutputs, loadVenueDb, readBookedDomains, readConvlabDialogues } from '@tradeoff/data';
import * as echarts from 'echarts';
import { DEFAULT_THRESHOLDS, moreHyperSchema } from '../src/algorithms/dialogue';
import { MONITOR_TURNS, MONITORED_REWARDS } from '../src/trainers/dialogue/reward-monitor';
import { experimentsEnv } from '../src/env';
import { loadSpecFile, MemoryRunSink, runExperiment } from '../src/index';
import { mean, repoRoot, seedsArg, std, writeSection } from './results-file';

const ALGORITHMS = [
  ['dialogue-sl', 'Supervised ranking (`dialogue-sl`)'],
  ['fixed-mix', 'RL, fixed equal mix (`fixed-mix`)'],
  ['more', 'MORE (`more`)'],
] as const;
type Algorithm = (typeof ALGORITHMS)[number][0];
/** Steps in the sliding window of the oscillation measure. */
const WINDOW = 20;

interface Outcome {
  final: Record<string, number>;
  seconds: number;
  /** Per RL step, the batch mean of each linguistic reward. */
  rewards: Record<string, number[]>;
  /** Per RL step, each monitored reward's expectation under the policy on the fixed monitor turns. */
  expected: Record<string, number[]>;
}

async function run(algorithm: Algorithm, seed: number): Promise<Outcome> {
  const spec = await loadSpecFile(join(repoRoot, 'examples', `multiwoz-${algorithm}.json`), [`seed=${seed}`]);
  const sink = new MemoryRunSink();
  const started = performance.now();
  const result = await runExperiment(spec, sink);
  const seconds = (performance.now() - started) / 1000;
  const series = (key: string) => sink.emitted.filter((p) => p.key === key).map((p) => p.value);
  const rewards = Object.fromEntries(LINGUISTIC_REWARDS.map((r) => [r, series(`train/reward/${r}`)]));
  const expected = Object.fromEntries(MONITORED_REWARDS.map((r) => [r, series(`train/expected_reward/${r}`)]));
  console.log(`${algorithm} seed ${seed}: combined ${result.final['test/combined']?.toFixed(2)} in ${seconds.toFixed(0)} s`);
  return { final: result.final, seconds, rewards, expected };
}


/** Standard deviation over each full window of `WINDOW` steps. */
function slidingStd(series: number[]): number[] {
  const out: number[] = [];
  for (let end = WINDOW; end <= series.length; end++) out.push(std(series.slice(end - WINDOW, end)));
  return out;
}

/** Mean sliding-window std of a run's sampled-batch linguistic rewards (averaged over rewards and windows). */
function oscillation(outcome: Outcome): number {
  return mean(LINGUISTIC_REWARDS.map((r) => mean(slidingStd(outcome.rewards[r] ?? []))));
}

/** The same on the expected rewards of the fixed monitor turns, free of sampling noise. */
function expectedOscillation(outcome: Outcome): number {
  return mean(MONITORED_REWARDS.map((r) => mean(slidingStd(outcome.expected[r] ?? []))));
}

/** The per-step mean of the four linguistic rewards, averaged over seeds. */
function meanCurve(outcomes: Outcome[]): number[] {
  const length = Math.min(...outcomes.map((o) => o.rewards.fluency?.length ?? 0));
  return Array.from({ length }, (_, step) => mean(outcomes.flatMap((o) => LINGUISTIC_REWARDS.map((r) => o.rewards[r]?.[step] ?? 0))));
}

function lineChart(title: string, yName: string, series: { name: string; data: number[] }[]): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 760, height: 340 });
  chart.setOption({
    animation: false,
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    legend: { top: 26 },
    grid: { left: 60, right: 20, top: 60, bottom: 45 },
    xAxis: { type: 'value', name: 'RL step', nameLocation: 'middle', nameGap: 28 },
    yAxis: { type: 'value', name: yName, scale: true },
    series: series.map((s) => ({ name: s.name, type: 'line', showSymbol: false, data: s.data.map((v, i) => [i + 1, v]) })),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** The evaluator on the gold responses of all 999 shared dev dialogues (the human reference). */
async function goldReference() {
  const dir = join(experimentsEnv().dataRoot, 'multiwoz22');
  const dialogues = await readConvlabDialogues(join(dir, 'multiwoz21_convlab_dev.json.gz'));
  const db = await loadVenueDb(join(dir, 'db'));
  const bookedDomains = await readBookedDomains(join(dir, 'mwzeval', 'booked_domains_train_dev.json.gz'));
  return evaluateMultiwoz({ dialogues, outputs: goldOutputs(dialogues), db, bookedDomains });
}

const gold = await goldReference();
const seeds = seedsArg(process.argv.slice(2), 'seeds', [0, 1, 2]);
const outcomes = {} as Record<Algorithm, Outcome[]>;
for (const [algorithm] of ALGORITHMS) {
  outcomes[algorithm] = [];
  for (const seed of seeds) outcomes[algorithm].push(await run(algorithm, seed));
}

const cell = (values: number[], digits: number) => `${mean(values).toFixed(digits)} ± ${std(values).toFixed(digits)}`;
const rows = ALGORITHMS.map(([algorithm, title]) => {
  const runs = outcomes[algorithm];
  const metric = (key: string, digits: number) => cell(runs.map((o) => o.final[key] ?? Number.NaN), digits);
  const osc = algorithm === 'dialogue-sl' ? 'n/a' : cell(runs.map(oscillation), 4);
  const expectedOsc = algorithm === 'dialogue-sl' ? 'n/a' : cell(runs.map(expectedOscillation), 5);
  return `| ${title} | ${metric('test/inform', 1)} | ${metric('test/success', 1)} | ${metric('test/bleu', 2)} | ${metric('test/combined', 2)} | ${REASONING_CHECKS.map((c) => metric(`test/constraint/${c}`, 3)).join(' | ')} | ${osc} | ${expectedOsc} | ${mean(runs.map((o) => o.seconds)).toFixed(0)} |`;
});

const moreRuns = outcomes.more;
const satisfied = REASONING_CHECKS.map((c) => {
  const values = moreRuns.map((o) => o.final[`test/constraint/${c}`] ?? 0);
  return { check: c, threshold: DEFAULT_THRESHOLDS[c], worst: Math.min(...values), ok: values.every((v) => v >= DEFAULT_THRESHOLDS[c]) };
});
const combined = (a: Algorithm) => mean(outcomes[a].map((o) => o.final['test/combined'] ?? 0));
const lowerOrNot = (measure: (o: Outcome) => number) => (mean(moreRuns.map(measure)) < mean(outcomes['fixed-mix'].map(measure)) ? 'lower' : 'not lower');
const moreDefaults = moreHyperSchema.parse({});
const verdicts = [
  `- \`more\` vs \`dialogue-sl\` on test/combined: ${combined('more').toFixed(2)} vs ${combined('dialogue-sl').toFixed(2)} (${combined('more') > combined('dialogue-sl') ? 'higher' : 'not higher'}).`,
  `- \`more\` vs \`fixed-mix\` on test/combined: ${combined('more').toFixed(2)} vs ${combined('fixed-mix').toFixed(2)} (${combined('more') > combined('fixed-mix') ? 'higher' : 'not higher'}).`,
  `- \`more\`'s constraints on test (every seed at or above tau): ${satisfied.map((s) => `${s.check} tau=${s.threshold} worst seed ${s.worst.toFixed(3)} ${s.ok ? 'met' : 'NOT met'}`).join('; ')}.`,
  `- Reward oscillation (mean sliding-window std, window ${WINDOW} RL steps): sampled batches, four linguistic rewards: \`more\` ${mean(moreRuns.map(oscillation)).toFixed(4)} vs \`fixed-mix\` ${mean(outcomes['fixed-mix'].map(oscillation)).toFixed(4)} (${lowerOrNot(oscillation)}); expected rewards on the monitor turns: \`more\` ${mean(moreRuns.map(expectedOscillation)).toFixed(5)} vs \`fixed-mix\` ${mean(outcomes['fixed-mix'].map(expectedOscillation)).toFixed(5)} (${lowerOrNot(expectedOscillation)}).`,
];

// Why a target can be missed, said only when it is.
if (satisfied.some((x) => !x.ok)) {
  verdicts.push(
    '- Test turns are new dialogues: the policy fails the checks there about twice as often as on the turns it was trained on, which is what `constraintSlack` aims the training batches at; a seed below tau missed that estimate.',
  );
}
// Where `more`'s oscillation stands against fixed-mix's, and why: the sampled measure is mostly batch noise.
if (lowerOrNot(oscillation) === 'not lower') {
  verdicts.push(
    "- The sampled-batch curves are dominated by the noise of drawing 64 turns and one response each; on the noise-free expected rewards both policies move smoothly (stds of a few 1e-4 over 20 steps, mostly the trend). Naturalness is a Gaussian score of the length, whose batch noise shrinks as it nears 1, so a policy held at a lower naturalness (by its constraints or by its reward weights) oscillates more on this measure.",
  );
} else if (lowerOrNot(expectedOscillation) === 'not lower') {
  verdicts.push(
    "- Where the steadiness comes from: the sampled-batch measure is mostly the noise of drawing 64 turns and one response each, and `more`'s gradient-agreement weights settle on naturalness (weight above 0.99 from about step 500), which it holds near 0.96, where the batch noise of that length score is small. On the noise-free expected rewards `more` is not steadier than `fixed-mix`. The price is BLEU and combined: with the previous defaults (constraint slack 0.35, weight step 0.01) `more` scored 85.39 ± 0.21 combined and oscillated 0.0177 ± 0.0004.",
  );
}
const curves = (['fixed-mix', 'more'] as const).map((a) => ({ name: a, data: meanCurve(outcomes[a]) }));
writeFileSync(join(repoRoot, 'docs', 'dialogue-rewards.svg'), lineChart('Mean linguistic reward per RL step (mean over seeds)', 'reward', curves));
writeFileSync(
  join(repoRoot, 'docs', 'dialogue-oscillation.svg'),
  lineChart(`Sliding-window std (${WINDOW} steps) of the mean linguistic reward`, 'std', curves.map((c) => ({ name: c.name, data: slidingStd(c.data) }))),
);

const section = `## Dialogue: MORE on MultiWOZ

### The evaluator

\`evaluateMultiwoz\` (\`packages/data/src/multiwoz/evaluate.ts\`) follows the rules of the standard evaluator (mwzeval,
\`get_dialog_success\`; the MultiWOZ repository's \`evaluate.py\` has the same structure): a venue is offered when a response names it
(\`[<domain>_name]\`, \`[train_id]\`) and the offer is the DB query of that turn's belief state; a later mention replaces the offer
unless the earlier venues are all among the new matches; Inform needs every offered venue to satisfy the goal's constraints (a subset,
as in mwzeval; \`evaluate.py\` accepts any overlap), counts a goal that names its venue as matched, needs no venue for taxi / police /
hospital, nor for a train goal that never asks for the train id when no train was offered; Success needs Inform and every goal
requestable among phone / address / postcode / reference / trainID provided, a reference only in a turn whose domain is booked
(mwzeval's booked-domains table). On the gold responses of the 999 shared dev dialogues it scores
**Inform ${gold.inform.toFixed(1)}, Success ${gold.success.toFixed(1)}, BLEU ${gold.bleu.toFixed(1)}** (the human reference mwzeval reports, on
the test set, is Inform about 94, Success about 91). Remaining deviations from mwzeval: our placeholders keep the domain for names
and train ids and credit \`[value_*]\` attributes to the turn's active domains (from the turn's acts and belief changes) where mwzeval
uses domain-less tokens and one estimated domain per turn; DB values match exactly after normalisation where mwzeval matches names,
food and train stations fuzzily (partial ratio 90); goals and belief states are MultiWOZ 2.1's (ConvLab) where mwzeval uses 2.2's; BLEU
is our corpus BLEU-4 on lower-cased tokens, not sacreBLEU on mwzeval's normalised references; and the figures are on dev, not test.

### Policies

The policy (\`RankingPolicy\`, \`packages/core/src/dialogue\`) ranks delexicalized training responses: per system turn the gold
responses of the 20 training turns with the most similar contexts (TF-IDF cosine, own dialogue left out) are the candidates, and a
log-linear model scores each over hashed (context feature x response feature) pairs (2^18 weights). Context: the user's words and
request acts, the active domain, the DB match count of the gold belief state in that domain (bucketed), the filled belief slots,
bookings made in the turn and the previous response's placeholders; response: its placeholders, their set, words and length.
All three algorithms start with ${moreDefaults.slEpochs} epochs of softmax cross-entropy on the gold response; \`fixed-mix\` and \`more\` then run ${moreDefaults.rlSteps}
REINFORCE steps of ${moreDefaults.rlBatchSize} sampled turns (per-reward batch-mean baseline and standardisation). Rewards, each in [0, 1]: fluency =
per-token probability under an interpolated Kneser-Ney trigram model of the training responses (1 - log perplexity / log 1000);
naturalness = a reference-free surface score, a Gaussian of the length under the human length distribution times the share of
non-repeated bigrams (chosen over a learned discriminator because a ranker over human responses would fool any discriminator
trained on the same pool); BLEU = smoothed sentence BLEU-4 against the gold response; diversity = the share of a response's
bigrams no other response in the batch uses (its batch mean tracks distinct-2). Reasoning checks: entity (no venue named when
the DB has no match; a venue named when matches exist and the reference offers one), request (share of the user's requested
phone / address / postcode / train id provided), booking (a reference exactly when a booking is made), count (\`[value_count]\`
only with DB matches). \`fixed-mix\` weighs the four rewards and four checks equally; \`more\` treats the checks as constraints
with thresholds ${REASONING_CHECKS.map((c) => `${c} ${DEFAULT_THRESHOLDS[c]}`).join(', ')} on new dialogues (PI-controlled multipliers, Stooke et al. 2020: from ${moreDefaults.lambdaInit}, integral step ${moreDefaults.dualStep}, proportional gain ${moreDefaults.dualProportional} on the violation averaged with weight ${moreDefaults.dualSmoothing}; plain dual ascent, an integral controller, overshot: the entity multiplier climbed to about 7 and took hundreds of steps to unwind while the check stayed above its target; the
training batches are held to ${moreDefaults.constraintSlack} x the failure rate tau allows, since the validation dialogues fail the checks about twice as often as the
training batches; 0.35 pinned the entity check near 0.975 on training turns and cost naturalness), reweights the rewards by gradient agreement (step
${moreDefaults.weightStep}; the agreement scores favour naturalness, whose weight passes 0.99 by RL step 500 on seeds 0 and 1, after which the mix holds still; at step
0.01 the weights were still moving at the last step), and divides its Lagrangian by 1 + the sum of the multipliers so that its step is as long as \`fixed-mix\`'s.

Written by \`packages/experiments/scripts/write-dialogue-results.ts\` (examples \`examples/multiwoz-{dialogue-sl,fixed-mix,more}.json\`,
seeds ${seeds.join(', ')}, mean ± std over seeds). Data: the shared MultiWOZ 2.1 dev dialogues split by id 80/10/10
(\`dialogues\` fraction ranges on the source); test = the last tenth (100 dialogues). Inform / Success / BLEU / Combined from
\`evaluateMultiwoz\` with the gold belief states and the mwzeval booked-domains table; constraint columns are the share of test
responses passing each reasoning check; oscillation = mean std of the per-step batch-mean linguistic rewards over sliding
windows of ${WINDOW} RL steps (lower is steadier); expected-reward oscillation = the same on the expectation, under the policy
after each step, of fluency, naturalness and BLEU over ${MONITOR_TURNS} fixed training turns (\`train/expected_reward/<name>\`), which only
the policy's own movement changes; time = wall seconds per run on this shared 2-core machine.

| algorithm | Inform | Success | BLEU | Combined | entity | request | booking | count | oscillation | expected-reward oscillation | s/run |
|---|---|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

${verdicts.join('\n')}

![mean linguistic reward per RL step](dialogue-rewards.svg)
![sliding-window std of the reward](dialogue-oscillation.svg)`;

writeSection('dialogue', section);
