import type { AlgorithmInfo } from '../../registry';
import { cemAlgorithm } from './cem';
import { fusionAlgorithm, kuairandFusionExample } from './common';
import { deepprlHyperSchema } from './deepprl';
import { gradeHyperSchema } from './grade';
import { scalarizedPpoAlgorithm } from './scalarized-ppo';
import { staticGridAlgorithm } from './static-grid';

const gradeAlgorithm = fusionAlgorithm({
  name: 'grade',
  title: 'GRADE (group-relative Dirichlet policy)',
  description:
    'Hong et al., WWW 2026: an MLP gives Dirichlet concentrations per request; G sampled weight vectors per request are scored by a composite reward (logged-feedback NDCG + prior top-k predictions + rule penalties), group-relative advantages drive clipped Dirichlet-ratio updates with a KL to a LambdaLoss-initialised reference.',
  policySchema: gradeHyperSchema,
  exampleSpec: kuairandFusionExample('grade', 'GRADE'),
});

const deepprlAlgorithm = fusionAlgorithm({
  name: 'deepprl',
  title: 'DeepPRL (Time-LSTM actor-critic)',
  description:
    "Li & Tuzhilin: a Self-Attentive Time-LSTM over the user's recent items and time gaps plus context gives the state; a contextual actor-critic (actor -> simplex weights, critic Q(s, w), discounted TD targets over the user's next request) on the MoHN predictor's outputs.",
  policySchema: deepprlHyperSchema,
  exampleSpec: kuairandFusionExample('deepprl', 'DeepPRL'),
});

/** Fusion policies on a trained multi-task predictor (DESIGN.md section 2, "Fusion policies"). */
export const fusionAlgorithms: AlgorithmInfo[] = [staticGridAlgorithm, cemAlgorithm, scalarizedPpoAlgorithm, gradeAlgorithm, deepprlAlgorithm];
