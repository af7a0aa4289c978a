import { checkLengths } from './ranks';

/** Mean squared error; NaN for no rows. */
export function mse(predictions: ArrayLike<number>, targets: ArrayLike<number>): number {
  checkLengths('mse', predictions, targets, 'targets', 'predictions');
  if (predictions.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < predictions.length; i++) sum += (predictions[i]! - targets[i]!) ** 2;
  return sum / predictions.length;
}
