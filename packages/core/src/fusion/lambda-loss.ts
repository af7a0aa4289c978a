import * as tf from '@tensorflow/tfjs';

/**
 * LambdaLoss, NDCG-Loss2 (Wang et al., CIKM 2018), GRADE's supervised initialisation: for lists of
 * scores [B, L] with graded labels and a validity mask,
 *   l = -sum_{y_i > y_j} delta_ij |G_i - G_j| log2 sigmoid(sigma (s_i - s_j)),
 * G_i = (2^y_i - 1) / idealDCG, delta_ij = |1/log2(1 + d) - 1/log2(2 + d)| with d = |rank_i - rank_j|
 * under the current scores. Ranks and pair weights are constants (read from the scores' values), so
 * the gradient flows only through the score differences. Mean over lists.
 */
export function lambdaLoss(scores: tf.Tensor2D, labels: ArrayLike<number>, mask: ArrayLike<number>, sigma = 1): tf.Scalar {
  const [b, l] = scores.shape;
  if (labels.length !== b * l || mask.length !== b * l) throw new Error(`lambdaLoss: labels and mask need ${b} x ${l} values`);
  const pairWeights = lambdaPairWeights(scores.dataSync(), labels, mask, b, l);
  return tf.tidy(() => {
    const diff = scores.expandDims(2).sub(scores.expandDims(1));
    return tf.softplus(diff.mul(-sigma)).mul(tf.tensor3d(pairWeights, [b, l, l])).sum().div(b * Math.LN2) as tf.Scalar;
  });
}

/** delta_ij |G_i - G_j| for every valid pair with y_i > y_j, [B, L, L]; 0 elsewhere. */
function lambdaPairWeights(scores: ArrayLike<number>, labels: ArrayLike<number>, mask: ArrayLike<number>, b: number, l: number): Float32Array {
  const weights = new Float32Array(b * l * l);
  const ranks = new Float64Array(l);
  const gains = new Float64Array(l);
  for (let list = 0; list < b; list++) {
    const o = list * l;
    const valid = (i: number) => mask[o + i]! > 0;
    // 1-based rank among valid items by descending score, ties broken by position.
    for (let i = 0; i < l; i++) {
      ranks[i] = 1;
      for (let j = 0; j < l; j++) if (j !== i && valid(j) && (scores[o + j]! > scores[o + i]! || (scores[o + j] === scores[o + i] && j < i))) ranks[i]!++;
    }
    const sortedGains: number[] = [];
    for (let i = 0; i < l; i++) {
      gains[i] = valid(i) ? 2 ** labels[o + i]! - 1 : 0;
      if (valid(i)) sortedGains.push(gains[i]!);
    }
    sortedGains.sort((x, y) => y - x);
    const idealDcg = sortedGains.reduce((s, g, r) => s + g / Math.log2(r + 2), 0);
    if (idealDcg <= 0) continue;
    for (let i = 0; i < l; i++) {
      for (let j = 0; j < l; j++) {
        if (!valid(i) || !valid(j) || !(labels[o + i]! > labels[o + j]!)) continue;
        const d = Math.abs(ranks[i]! - ranks[j]!);
        const delta = Math.abs(1 / Math.log2(1 + d) - 1 / Math.log2(2 + d));
        weights[(o + i) * l + j] = (delta * Math.abs(gains[i]! - gains[j]!)) / idealDcg;
      }
    }
  }
  return weights;
}
