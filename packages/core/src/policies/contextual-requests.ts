import type { RequestBatch } from '../fusion/request-batch';
import { Rng } from '../rng';

export interface ContextualRequestOptions {
  users: number;
  requestsPerUser: number;
  candidates: number;
  historySteps: number;
  /** Noise on the context's copy of the user's taste (0 = exact). */
  contextNoise?: number;
}

/**
 * Test fixture (not exported from the package). Requests whose best fusion weights differ by user,
 * for testing that a policy personalises: each user has a taste u in [0, 1]; the two candidates with the highest (1 - u) p0 + u p1 are the
 * positives of both objectives, so the ideal weights are (1 - u, u) and no constant vector matches
 * them (the goal scores NDCG@2). The context holds a noisy u; the history's feedback reveals u too (objective 0 is logged
 * with probability 0.9 - 0.8 u, objective 1 with 0.1 + 0.8 u), and its gaps are random.
 */
export function contextualRequests(options: ContextualRequestOptions, rng: Rng): RequestBatch & { tastes: Float32Array } {
  const { users: userCount, requestsPerUser, candidates: n, historySteps: t } = options;
  const m = 2;
  const r = userCount * requestsPerUser;
  const predictions = new Float32Array(r * n * m);
  const labels = new Float32Array(r * n * m);
  const offsets = Int32Array.from({ length: r + 1 }, (_, q) => q * n);
  const users = new Int32Array(r);
  const times = new Float64Array(r);
  const context = new Float32Array(r);
  const tastes = new Float32Array(r);
  const items = new Int32Array(r * t);
  const gaps = new Float32Array(r * t);
  const feedback = new Float32Array(r * t * m);
  const length = new Int32Array(r);
  for (let user = 0; user < userCount; user++) {
    const u = rng.next();
    for (let s = 0; s < requestsPerUser; s++) {
      const q = user * requestsPerUser + s;
      users[q] = user;
      tastes[q] = u;
      times[q] = 1.65e12 + s * 3.6e6;
      context[q] = u + (options.contextNoise ?? 0.1) * rng.normal();
      const utility = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const p0 = rng.next();
        const p1 = rng.next();
        predictions.set([p0, p1], (q * n + i) * m);
        utility[i] = (1 - u) * p0 + u * p1;
      }
      const best = Array.from(utility.keys()).sort((a, b) => utility[b]! - utility[a]!);
      for (const i of best.slice(0, 2)) labels.fill(1, (q * n + i) * m, (q * n + i + 1) * m);
      length[q] = 1 + rng.int(t);
      for (let step = t - length[q]!; step < t; step++) {
        items[q * t + step] = 1 + rng.int(50);
        gaps[q * t + step] = 60 * (1 + rng.int(600));
        feedback[(q * t + step) * m] = rng.next() < 0.9 - 0.8 * u ? 1 : 0;
        feedback[(q * t + step) * m + 1] = rng.next() < 0.1 + 0.8 * u ? 1 : 0;
      }
    }
  }
  return {
    objectives: ['obj0', 'obj1'],
    predictions,
    labels,
    offsets,
    users,
    times,
    context,
    contextDim: 1,
    history: { steps: t, items, gaps, feedback, length },
    goal: { preference: Float32Array.of(0.5, 0.5), k: 2, form: 'sum' },
    tastes,
  };
}

/** The train, valid and test splits the personalising policies' tests share: different users in each. */
export function contextualSplits() {
  const shape = { users: 60, requestsPerUser: 5, candidates: 8, historySteps: 6 };
  return {
    train: contextualRequests(shape, new Rng(1)),
    valid: contextualRequests({ ...shape, users: 30 }, new Rng(2)),
    test: contextualRequests({ ...shape, users: 40 }, new Rng(3)),
  };
}
