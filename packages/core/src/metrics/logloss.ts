import { checkLengths } from './ranks';

/** Probabilities are clipped to [eps, 1 - eps] so one confident mistake stays finite. */
const EPS = 1e-7;

/** Mean binary cross-entropy -[y log p + (1 - y) log(1 - p)] of probabilities against 0/1 labels. */
export function logloss(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  checkLengths('logloss', probabilities, labels, 'labels', 'probabilities');
  if (probabilities.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = Math.min(1 - EPS, Math.max(EPS, probabilities[i]!));
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / probabilities.length;
}
