import { constantPolicy, evaluateBatch } from '../fusion/batch-tools';
import type { FusionPolicy, FusionTrainingHooks, RequestBatch } from '../fusion/request-batch';
import { simplexGrid } from '../pareto/simplex-grid';
import type { Rng } from '../rng';

export interface StaticGridOptions {
  /** Grid steps of 1/divisions per weight. */
  divisions: number;
}

export interface StaticGridPolicy extends FusionPolicy {
  /** The chosen weight vector. */
  chosen: Float32Array;
}

/**
 * The fixed weight vector of the simplex grid with the best composite on validation (ties go to
 * the better one on train). Every request gets the same weights.
 */
export async function fitStaticGrid(train: RequestBatch, valid: RequestBatch, options: StaticGridOptions, _rng: Rng, hooks: FusionTrainingHooks = {}): Promise<StaticGridPolicy> {
  const grid = simplexGrid(train.objectives.length, options.divisions);
  let best = { valid: Number.NEGATIVE_INFINITY, train: Number.NEGATIVE_INFINITY, weights: grid[0]! };
  for (const [step, weights] of grid.entries()) {
    if (await hooks.shouldStop?.()) break;
    const score = { valid: evaluateBatch(valid, weights).composite, train: evaluateBatch(train, weights).composite, weights };
    if (score.valid > best.valid || (score.valid === best.valid && score.train > best.train)) best = score;
    await hooks.onStep?.(step + 1, { 'train/composite': score.train, 'train/valid_composite': score.valid, 'train/best_valid_composite': best.valid });
  }
  const chosen = Float32Array.from(best.weights);
  return { ...constantPolicy(chosen), chosen };
}
