import { GRADE_DEFAULTS as d } from '@tradeoff/core/pure';
import { z } from 'zod';

const rate = z.number().positive().max(1);

/** GRADE's settings; the ablations are `distribution: 'gaussian'`, `reward: 'posterior'` and `klCoef: 0`. */
export const gradeHyperSchema = z
  .object({
    /** 'gaussian': softmax of Gaussian logits instead of the Dirichlet. */
    distribution: z.enum(['dirichlet', 'gaussian']).default(d.distribution),
    /** 'posterior': logged-feedback NDCG only, without the prior (top-k predictions) and the rule penalty. */
    reward: z.enum(['composite', 'posterior']).default(d.reward),
    /** Weight of the KL to the LambdaLoss reference policy (0 = no KL term). */
    klCoef: z.number().min(0).max(100).default(d.klCoef),
    priorCoef: z.number().min(0).max(10).default(d.priorCoef),
    /** Cut-off of the prior reward (mean predicted signals of the top priorK). */
    priorK: z.number().int().min(1).max(100).default(d.priorK),
    penaltyCoef: z.number().min(0).max(100).default(d.penaltyCoef),
    /** Weights under this floor are penalised (rule constraint against dropping an objective). */
    weightFloor: z.number().min(0).max(0.5).default(d.weightFloor),
    hidden: z.array(z.number().int().min(1).max(512)).max(4).default(d.hidden),
    /** Weight vectors sampled per request (G). */
    groupSize: z.number().int().min(2).max(64).default(d.groupSize),
    batchRequests: z.number().int().min(1).max(8192).default(d.batchRequests),
    steps: z.number().int().min(0).max(100_000).default(d.steps),
    epochsPerStep: z.number().int().min(1).max(16).default(d.epochsPerStep),
    learningRate: rate.default(d.learningRate),
    /** Decoupled weight decay of the policy network (toward the equal mix). */
    weightDecay: z.number().min(0).max(100).default(d.weightDecay),
    clip: z.number().positive().max(1).default(d.clip),
    /** eps of the group-relative advantage (r - mean) / (std + eps). */
    advantageEps: z.number().min(0).max(10).default(d.advantageEps),
    /** Starting sum of the Dirichlet concentrations (its precision), adapted within concentrationRange. */
    concentration: z.number().positive().max(1e4).default(d.concentration),
    concentrationRange: z.tuple([z.number().positive(), z.number().positive()]).default(d.concentrationRange),
    logitStd: z.number().positive().max(10).default(d.logitStd),
    /** Adaptive exploration's target: share of informative groups (samples with different posterior rewards). */
    informativeShare: z.number().min(0).max(1).default(d.informativeShare),
    adaptRate: z.number().min(0).max(10).default(d.adaptRate),
    /** Share of training requests ranked for a random preference instead of the spec's (the Pareto sweep tilts weights instead). */
    preferenceMix: z.number().min(0).max(1).default(d.preferenceMix),
    pretrainSteps: z.number().int().min(0).max(100_000).default(d.pretrainSteps),
    pretrainLearningRate: rate.default(d.pretrainLearningRate),
    lambdaSigma: z.number().positive().max(100).default(d.lambdaSigma),
    evalEvery: z.number().int().min(1).max(100_000).default(d.evalEvery),
  })
  .strict()
  .refine((h) => h.concentrationRange[0] <= h.concentration && h.concentration <= h.concentrationRange[1], {
    path: ['concentration'],
    message: 'must lie within concentrationRange',
  });

/** Assignable to fitGrade's GradeHyper. */
export type GradeSpecHyper = z.infer<typeof gradeHyperSchema>;
