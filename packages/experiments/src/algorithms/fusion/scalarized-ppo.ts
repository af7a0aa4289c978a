import { z } from 'zod';
import { fusionAlgorithm, kuairandFusionExample } from './common';

export const scalarizedPpoHyperSchema = z
  .object({
    /** 'gaussian-logit': z ~ N(mu(s), sigma), weights softmax(z); 'softmax-grid': a categorical over simplex grid vectors. */
    head: z.enum(['gaussian-logit', 'softmax-grid']).default('gaussian-logit'),
    gridDivisions: z.number().int().min(1).max(20).default(4),
    /** Hidden width of the policy and value MLPs over the request context (0: linear). */
    hiddenUnits: z.number().int().min(0).max(512).default(32),
    iterations: z.number().int().min(1).max(5000).default(60),
    requestsPerIteration: z.number().int().min(8).default(1024),
    samplesPerRequest: z.number().int().min(1).max(64).default(4),
    epochs: z.number().int().min(1).max(50).default(4),
    clip: z.number().gt(0).max(1).default(0.2),
    learningRate: z.number().positive().max(1).default(0.01),
    initLogStd: z.number().min(-5).max(2).default(-0.5),
  })
  .strict();

export const scalarizedPpoAlgorithm = fusionAlgorithm({
  name: 'scalarized-ppo',
  title: 'Scalarized PPO (MORL baseline)',
  description: 'PPO on one fixed scalarization of the objectives: per request a Gaussian-in-logit (or softmax over grid vectors) policy picks the weights, reward = preference-weighted NDCG of the re-ranked request, a value baseline, clipped-ratio updates.',
  policySchema: scalarizedPpoHyperSchema,
  exampleSpec: kuairandFusionExample('scalarized-ppo', 'Scalarized PPO'),
});
