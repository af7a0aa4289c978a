import {
  batchGoal,
  composite,
  evaluateBatch,
  type FrontArtifact,
  frontArtifact,
  type RequestBatch,
  sweepFront,
  tiltWeights,
  weightSpread,
} from '@tradeoff/core';

/**
 * Re-ranking metrics of a policy's weights on a split: NDCG@k per objective, the composite, the
 * prior (mean predicted signals of the top-k, per objective and under the preference), the logged
 * order's composite for reference, and the spread of the weights across users per objective.
 */
export function rerankMetrics(split: string, weights: Float32Array, batch: RequestBatch): Record<string, number> {
  const goal = batchGoal(batch);
  const result = evaluateBatch(batch, weights);
  const spread = weightSpread(batch.users, weights, batch.objectives.length);
  const out: Record<string, number> = {
    [`${split}/composite`]: result.composite,
    [`${split}/prior`]: composite(result.prior, goal.preference),
    // Equal scores keep the logged order.
    [`${split}/logged_composite`]: evaluateBatch(batch, new Float32Array(batch.objectives.length)).composite,
  };
  batch.objectives.forEach((name, j) => {
    out[`${split}/ndcg@${goal.k}/${name}`] = result.ndcg.mean[j]!;
    out[`${split}/prior/${name}`] = result.prior[j]!;
    out[`${split}/weight_mean/${name}`] = spread.mean[j]!;
    out[`${split}/weight_std/${name}`] = spread.std[j]!;
  });
  return out;
}

/**
 * A policy's Pareto front on a split: for each preference of the simplex grid, the NDCG@k per
 * objective when the user asks for that preference, the policy's weights on the split (`base`)
 * tilted toward it. Reference point: all zeros.
 */
export async function policyFront(split: string, base: Float32Array, batch: RequestBatch, divisions: number): Promise<{ artifact: FrontArtifact; metrics: Record<string, number> }> {
  const goal = batchGoal(batch);
  const swept = await sweepFront(batch.objectives.length, divisions, (preference) => {
    const p = Float32Array.from(preference);
    const weights = tiltWeights(base, p);
    return Array.from(evaluateBatch(batch, weights, { ...goal, preference: p }).ndcg.mean);
  });
  const artifact = frontArtifact(batch.objectives, swept, new Array(batch.objectives.length).fill(0), divisions);
  return {
    artifact,
    metrics: {
      [`${split}/hypervolume`]: artifact.summary.hypervolume,
      [`${split}/expected_utility`]: artifact.summary.expectedUtility,
      [`${split}/sparsity`]: artifact.summary.sparsity,
      [`${split}/front_cardinality`]: artifact.summary.cardinality,
    },
  };
}
