import * as tf from '@tensorflow/tfjs';

// tfjs has no lgamma/digamma/trigamma. Each comes twice: in double precision on numbers (samplers,
// reference values) and as float32 tensor ops (policy losses). All are defined for x > 0 only,
// which is all a Dirichlet needs; they shift x up with the recurrences so one formula fits all x.

/** Lanczos coefficients (g = 5, n = 6; Numerical Recipes' gammln): |error| < 2e-10, small terms for float32. */
const LANCZOS = [76.18009172947146, -86.50532032941678, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5];
const SQRT_2PI = Math.sqrt(2 * Math.PI);
/** Digamma/trigamma use their asymptotic series from x + SHIFT on, where the truncated series errs by < 3e-12. */
const SHIFT = 6;

/** log Gamma(x) for x > 0: Lanczos at x + 1, then lgamma(x) = lgamma(x + 1) - log x keeps small x accurate. */
export function lgammaScalar(x: number): number {
  const z = x + 1;
  const t = z + 4.5;
  let series = 1.000000000190015;
  for (let i = 0; i < LANCZOS.length; i++) series += LANCZOS[i]! / (z + i);
  return (z - 0.5) * Math.log(t) - t + Math.log(SQRT_2PI * series) - Math.log(x);
}

/** psi(x) = d/dx log Gamma(x) for x > 0. */
export function digammaScalar(x: number): number {
  let shifted = 0;
  for (let i = 0; i < SHIFT; i++) shifted -= 1 / (x + i);
  const z = x + SHIFT;
  const r = 1 / (z * z);
  return shifted + Math.log(z) - 0.5 / z - r * (1 / 12 - r * (1 / 120 - r * (1 / 252 - r * (1 / 240 - r / 132))));
}

/** psi'(x) for x > 0. */
export function trigammaScalar(x: number): number {
  let shifted = 0;
  for (let i = 0; i < SHIFT; i++) shifted += 1 / ((x + i) * (x + i));
  const z = x + SHIFT;
  const r = 1 / (z * z);
  return shifted + 1 / z + r / 2 + (r / z) * (1 / 6 - r * (1 / 30 - r * (1 / 42 - r * (1 / 30 - (r * 5) / 66))));
}

function lgammaValue(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const z = x.add(1);
    const t = z.add(4.5);
    let series: tf.Tensor = tf.scalar(1.000000000190015);
    LANCZOS.forEach((c, i) => {
      series = series.add(tf.div(c, z.add(i)));
    });
    return z.sub(0.5).mul(t.log()).sub(t).add(series.mul(SQRT_2PI).log()).sub(x.log());
  });
}

function digammaValue(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    let shifted: tf.Tensor = tf.zerosLike(x);
    for (let i = 0; i < SHIFT; i++) shifted = shifted.sub(tf.reciprocal(x.add(i)));
    const z = x.add(SHIFT);
    const r = z.square().reciprocal();
    const tail = r.mul(tf.sub(1 / 12, r.mul(tf.sub(1 / 120, r.mul(tf.sub(1 / 252, r.mul(tf.sub(1 / 240, r.div(132)))))))));
    return shifted.add(z.log()).sub(z.reciprocal().mul(0.5)).sub(tail);
  });
}

/** psi'(x) elementwise (float32); no gradient of its own. */
export function trigamma(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    let shifted: tf.Tensor = tf.zerosLike(x);
    for (let i = 0; i < SHIFT; i++) shifted = shifted.add(x.add(i).square().reciprocal());
    const z = x.add(SHIFT);
    const r = z.square().reciprocal();
    const tail = r.div(z).mul(tf.sub(1 / 6, r.mul(tf.sub(1 / 30, r.mul(tf.sub(1 / 42, r.mul(tf.sub(1 / 30, r.mul(5 / 66)))))))));
    return shifted.add(z.reciprocal()).add(r.div(2)).add(tail);
  });
}

/** psi(x) elementwise (float32), differentiable: d psi = trigamma. */
export const digamma: (x: tf.Tensor) => tf.Tensor = tf.customGrad((x, save) => {
  const input = x as tf.Tensor;
  (save as tf.GradSaveFunc)([input]);
  return { value: digammaValue(input), gradFunc: (dy, saved) => dy.mul(trigamma(saved[0]!)) };
}) as (x: tf.Tensor) => tf.Tensor;

/** log Gamma(x) elementwise (float32), differentiable: d lgamma = digamma. */
export const lgamma: (x: tf.Tensor) => tf.Tensor = tf.customGrad((x, save) => {
  const input = x as tf.Tensor;
  (save as tf.GradSaveFunc)([input]);
  return { value: lgammaValue(input), gradFunc: (dy, saved) => dy.mul(digammaValue(saved[0]!)) };
}) as (x: tf.Tensor) => tf.Tensor;
