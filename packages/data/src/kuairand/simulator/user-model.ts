/**
 * The simulated user's behaviour fitted on logs: after each impression the user leaves with
 * probability sigmoid(leave.bias + leave.coef . s), s the impression's feedback signals (0/1), and
 * watches a share clamp(watch.bias + watch.coef . s, 0, maxWatchRatio) of the video's length.
 */
export interface UserModel {
  signals: string[];
  leave: { bias: number; coef: number[] };
  watch: { bias: number; coef: number[] };
  maxWatchRatio: number;
}

export interface UserModelLog {
  /** Signal names, in the column order of `signals`. */
  names: string[];
  /** Logged 0/1 feedback per impression, [rows x names.length]. */
  signals: Float32Array;
  /** Request id of each impression, and its time: the latest impression of a request ended the session. */
  requests: ArrayLike<number>;
  times: ArrayLike<number>;
  playMs: ArrayLike<number>;
  durationMs: ArrayLike<number>;
}

/** Play time over video length is capped here: a few loops of a short clip, not an idle screen. */
const MAX_WATCH_RATIO = 3;

/**
 * Fits the leave model (logistic regression of "last impression of its request" on the signals,
 * by Newton's method) and the watch model (least squares of the capped watch ratio on the signals).
 */
export function fitUserModel(log: UserModelLog): UserModel {
  const s = log.names.length;
  const rows = log.requests.length;
  if (log.signals.length !== rows * s) throw new Error(`fitUserModel: signals has ${log.signals.length} values, expected ${rows} rows x ${s}`);
  const lastTime = new Map<number, number>();
  for (let i = 0; i < rows; i++) lastTime.set(log.requests[i]!, Math.max(lastTime.get(log.requests[i]!) ?? Number.NEGATIVE_INFINITY, log.times[i]!));
  const features = (i: number) => [1, ...log.signals.subarray(i * s, (i + 1) * s)];
  const ended = Float64Array.from({ length: rows }, (_, i) => (log.times[i] === lastTime.get(log.requests[i]!) ? 1 : 0));
  const leave = logisticRegression(rows, s + 1, features, ended);
  const ratio = Float64Array.from({ length: rows }, (_, i) => (log.durationMs[i]! > 0 ? Math.min(MAX_WATCH_RATIO, log.playMs[i]! / log.durationMs[i]!) : 0));
  const watch = leastSquares(rows, s + 1, features, ratio);
  return {
    signals: [...log.names],
    leave: { bias: leave[0]!, coef: leave.slice(1) },
    watch: { bias: watch[0]!, coef: watch.slice(1) },
    maxWatchRatio: MAX_WATCH_RATIO,
  };
}

function logisticRegression(rows: number, d: number, x: (i: number) => number[], y: Float64Array): number[] {
  let beta = new Array<number>(d).fill(0);
  for (let iteration = 0; iteration < 25; iteration++) {
    const gradient = new Array<number>(d).fill(0);
    const hessian = Array.from({ length: d }, () => new Array<number>(d).fill(1e-6));
    for (let i = 0; i < rows; i++) {
      const xi = x(i);
      const p = 1 / (1 + Math.exp(-xi.reduce((sum, v, j) => sum + v * beta[j]!, 0)));
      for (let a = 0; a < d; a++) {
        gradient[a]! += (y[i]! - p) * xi[a]!;
        for (let b = 0; b < d; b++) hessian[a]![b]! += p * (1 - p) * xi[a]! * xi[b]!;
      }
    }
    const step = solve(hessian, gradient);
    beta = beta.map((v, j) => v + step[j]!);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return beta;
}

function leastSquares(rows: number, d: number, x: (i: number) => number[], y: Float64Array): number[] {
  const gram = Array.from({ length: d }, () => new Array<number>(d).fill(1e-9));
  const moment = new Array<number>(d).fill(0);
  for (let i = 0; i < rows; i++) {
    const xi = x(i);
    for (let a = 0; a < d; a++) {
      moment[a]! += xi[a]! * y[i]!;
      for (let b = 0; b < d; b++) gram[a]![b]! += xi[a]! * xi[b]!;
    }
  }
  return solve(gram, moment);
}

/** Gaussian elimination with partial pivoting (small symmetric positive systems). */
function solve(matrix: number[][], rhs: number[]): number[] {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k <= n; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  const out = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let v = a[r]![n]!;
    for (let k = r + 1; k < n; k++) v -= a[r]![k]! * out[k]!;
    out[r] = v / a[r]![r]!;
  }
  return out;
}
