import { z } from 'zod';
import { fusionAlgorithm, kuairandFusionExample } from './common';

export const cemHyperSchema = z
  .object({
    /** 'fixed': one weight vector; 'linear': weights = softmax(linear map of the request's context). */
    parameterization: z.enum(['fixed', 'linear']).default('linear'),
    iterations: z.number().int().min(1).max(1000).default(30),
    population: z.number().int().min(4).max(1000).default(32),
    eliteFraction: z.number().gt(0).max(0.5).default(0.25),
    initStd: z.number().positive().default(1),
    minStd: z.number().min(0).default(0.05),
    /** Train requests scored per iteration (a fresh sample each time; 0 = all). */
    requestsPerIteration: z.number().int().min(0).default(4096),
  })
  .strict();

export const cemAlgorithm = fusionAlgorithm({
  name: 'cem',
  title: 'Cross-entropy method',
  description: 'Cross-entropy method over fusion weights (a fixed vector or a linear contextual policy): sample, keep the elite by composite on train requests, refit; the mean best on validation is kept.',
  policySchema: cemHyperSchema,
  exampleSpec: kuairandFusionExample('cem', 'CEM'),
});
