import { z } from 'zod';
import type { AlgorithmInfo } from '../../registry';
import type { TrainerModule } from '../../run-types';
import type { SpecInput } from '../../spec';

const checks = ['entity', 'request', 'booking', 'count'] as const;

/** Hyperparameters every dialogue algorithm shares: the candidate-ranking policy and its supervised start. */
const policyShape = {
  /** log2 of the hashed weight table of the ranking policy. */
  hashBits: z.number().int().min(12).max(22).default(18),
  /** Candidate responses retrieved per turn. */
  candidates: z.number().int().min(2).max(100).default(20),
  slEpochs: z.number().int().min(0).max(100).default(4),
  slBatchSize: z.number().int().min(1).max(4096).default(32),
  slLearningRate: z.number().positive().max(1).default(0.02),
  /** Save a checkpoint every this many steps (supervised and RL steps count alike). */
  checkpointEvery: z.number().int().min(1).default(100),
};

/** RL fine-tuning shared by `fixed-mix` and `more`. */
const rlShape = {
  rlSteps: z.number().int().min(1).max(100_000).default(1000),
  rlBatchSize: z.number().int().min(2).max(4096).default(64),
  rlLearningRate: z.number().positive().max(1).default(0.005),
};

export const dialogueSlHyperSchema = z.object(policyShape).strict();
export const fixedMixHyperSchema = z.object({ ...policyShape, ...rlShape }).strict();
export const moreHyperSchema = z
  .object({
    ...policyShape,
    ...rlShape,
    /** Threshold tau_j per reasoning check: the share of responses that must pass it. */
    thresholds: z
      .object(Object.fromEntries(checks.map((c) => [c, z.number().min(0).max(1)])) as Record<(typeof checks)[number], z.ZodNumber>)
      .partial()
      .default({}),
    /**
     * The multipliers hold the training batches to a failure rate of slack x (1 - tau_j): turns the
     * policy was trained on pass the checks more often than new dialogues do, and tau_j is meant
     * for the latter (on the shared split's validation dialogues they fail about 2x as often).
     * A stricter slack pins the policy far above tau_j and costs naturalness. 1 aims at tau_j itself.
     */
    constraintSlack: z.number().gt(0).max(1).default(0.45),
    /** Integral step eta of the Lagrange multipliers (with dualProportional 0: plain dual ascent). */
    dualStep: z.number().min(0).max(100).default(0.3),
    /** Proportional gain K_p of the multipliers on the smoothed current violation (PI control; damps their overshoot). */
    dualProportional: z.number().min(0).max(1000).default(50),
    /** Weight of the previous average in the smoothed violation the proportional term sees. */
    dualSmoothing: z.number().min(0).max(0.999).default(0.9),
    lambdaInit: z.number().min(0).max(100).default(0.2),
    /**
     * Step eta_w of the gradient-agreement update of the linguistic reward weights. 0.05 lets them
     * settle in the first few hundred RL steps; at 0.01 they were still moving at the last step, so
     * the objective the policy followed kept shifting.
     */
    weightStep: z.number().min(0).max(10).default(0.05),
  })
  .strict();

export type DialogueSlHyper = z.infer<typeof dialogueSlHyperSchema>;
export type FixedMixHyper = z.infer<typeof fixedMixHyperSchema>;
export type MoreHyper = z.infer<typeof moreHyperSchema>;
export type DialogueHyper = DialogueSlHyper & Partial<Omit<MoreHyper, keyof DialogueSlHyper>>;

/**
 * Default thresholds tau_j of MORE's constraints, meant for responses to new dialogues: entity
 * above what the supervised and fixed-mix policies reach there (about 0.88 and 0.91), the others
 * close to what they reach, so that MORE may not trade them away for fluency.
 */
export const DEFAULT_THRESHOLDS: Record<(typeof checks)[number], number> = { entity: 0.93, request: 0.98, booking: 0.96, count: 0.99 };

function example(algorithm: string, title: string): SpecInput {
  const source = (range: [number, number]) => ({ path: 'data:multiwoz22/multiwoz21_convlab_dev.json.gz', dialogues: range });
  return {
    name: `${title} on MultiWOZ (shared dev split, 80/10/10 by dialogue id)`,
    task: 'dialogue',
    algorithm,
    dataset: { kind: 'multiwoz', train: source([0, 0.8]), valid: source([0.8, 0.9]), test: source([0.9, 1]) },
    hyper: {},
    seed: 0,
  };
}

function dialogueAlgorithm(info: Pick<AlgorithmInfo, 'name' | 'title' | 'description' | 'hyperSchema'>): AlgorithmInfo {
  return {
    ...info,
    task: 'dialogue',
    datasetKinds: ['multiwoz'],
    exampleSpec: example(info.name, info.title),
    loadTrainer: async () => (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ '../../trainers/dialogue/dialogue-trainer.ts')) as TrainerModule,
  };
}

/** Dialogue response policies: MORE and its baselines (DESIGN.md section 2, "Dialogue"). */
export const dialogueAlgorithms: AlgorithmInfo[] = [
  dialogueAlgorithm({
    name: 'dialogue-sl',
    title: 'Supervised response ranking',
    description:
      'A log-linear ranking policy over delexicalized training responses retrieved per turn (TF-IDF neighbours of the context), conditioned on the user turn, belief state, DB match counts and bookings; softmax cross-entropy on the gold response. Reports Inform, Success, BLEU, Combined and the reasoning checks on test.',
    hyperSchema: dialogueSlHyperSchema,
  }),
  dialogueAlgorithm({
    name: 'fixed-mix',
    title: 'RL on a fixed reward mix',
    description:
      'The supervised ranking policy fine-tuned by REINFORCE (batch-mean baseline) on an equal mix of the linguistic rewards (fluency, naturalness, BLEU, diversity) and the reasoning checks (entity, request, booking, count).',
    hyperSchema: fixedMixHyperSchema,
  }),
  dialogueAlgorithm({
    name: 'more',
    title: 'MORE (constrained reasoning, adaptive linguistic rewards)',
    description:
      'Li et al., KDD 2026: the supervised ranking policy fine-tuned with the reasoning checks as constraints (thresholds tau_j, Lagrange multipliers by dual ascent with a proportional term, PI control) and the linguistic rewards weighted on the simplex by gradient agreement (s_k = sum_j <g_k, g_j>).',
    hyperSchema: moreHyperSchema,
  }),
];
