import { DEEPPRL_DEFAULTS as d } from '@tradeoff/core/pure';
import { z } from 'zod';

const rate = z.number().positive().max(1);

/** DeepPRL's settings; the ablations are `timeGates: false` and `useContext: false`. */
export const deepprlHyperSchema = z
  .object({
    /** Time gates in the LSTM cell; false gives a plain LSTM that ignores the gaps. */
    timeGates: z.boolean().default(d.timeGates),
    /** Context features (user/request context and the candidates' prediction summary) in the state. */
    useContext: z.boolean().default(d.useContext),
    reward: z.enum(['composite', 'posterior']).default(d.reward),
    priorCoef: z.number().min(0).max(10).default(d.priorCoef),
    /** Cut-off of the prior reward (mean predicted signals of the top priorK). */
    priorK: z.number().int().min(1).max(100).default(d.priorK),
    penaltyCoef: z.number().min(0).max(100).default(d.penaltyCoef),
    weightFloor: z.number().min(0).max(0.5).default(d.weightFloor),
    embeddingDim: z.number().int().min(1).max(256).default(d.embeddingDim),
    lstmUnits: z.number().int().min(1).max(256).default(d.lstmUnits),
    /** Hidden widths of the actor and the critic. */
    hidden: z.array(z.number().int().min(1).max(512)).max(4).default(d.hidden),
    /** Discount over a user's consecutive requests. */
    gamma: z.number().min(0).max(0.999).default(d.gamma),
    actionSamples: z.number().int().min(1).max(64).default(d.actionSamples),
    explorationStd: z.number().min(0).max(10).default(d.explorationStd),
    uniformShare: z.number().min(0).max(1).default(d.uniformShare),
    batchRequests: z.number().int().min(1).max(8192).default(d.batchRequests),
    steps: z.number().int().min(0).max(100_000).default(d.steps),
    criticWarmup: z.number().int().min(0).max(100_000).default(d.criticWarmup),
    actorLearningRate: rate.default(d.actorLearningRate),
    criticLearningRate: rate.default(d.criticLearningRate),
    /** Soft update rate of the target networks. */
    tau: z.number().positive().max(1).default(d.tau),
    preferenceMix: z.number().min(0).max(1).default(d.preferenceMix),
    evalEvery: z.number().int().min(1).max(100_000).default(d.evalEvery),
  })
  .strict();

/** Assignable to fitDeepPrl's DeepPrlHyper. */
export type DeepPrlSpecHyper = z.infer<typeof deepprlHyperSchema>;
