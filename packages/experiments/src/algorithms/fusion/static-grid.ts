import { z } from 'zod';
import { fusionAlgorithm, kuairandFusionExample } from './common';

export const staticGridHyperSchema = z
  .object({
    /** Weights move in steps of 1/divisions (66 vectors for 3 objectives at 10). */
    divisions: z.number().int().min(1).max(50).default(10),
  })
  .strict();

export const staticGridAlgorithm = fusionAlgorithm({
  name: 'static-grid',
  title: 'Static weights (grid search)',
  description: 'One fixed weight vector for every request: the simplex grid point with the best composite on validation. The baseline every fusion paper reports.',
  policySchema: staticGridHyperSchema,
  exampleSpec: kuairandFusionExample('static-grid', 'Static-grid'),
});
