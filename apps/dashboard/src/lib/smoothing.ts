/**
 * Exponential moving average with the start-up bias removed (as TensorBoard and W&B smooth):
 * weight 0 returns the values unchanged, values near 1 smooth heavily. Non-finite values are
 * passed through and do not enter the average.
 */
export function emaSmooth(values: readonly number[], weight: number): number[] {
  if (weight <= 0) return [...values];
  let last = 0;
  let debias = 0;
  return values.map((value) => {
    if (!Number.isFinite(value)) return value;
    last = last * weight + (1 - weight) * value;
    debias = debias * weight + (1 - weight);
    return last / debias;
  });
}
