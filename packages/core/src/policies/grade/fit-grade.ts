import * as tf from '@tensorflow/tfjs';
import { Adam } from '../../adam';
import { evaluateBatch, sliceRequests } from '../../fusion/batch-tools';
import { clippedSurrogateLoss, groupAdvantages } from '../../fusion/group-policy-loss';
import { batchGoal, type FusionPolicy, type FusionTrainingHooks, type RequestBatch, requestCount } from '../../fusion/request-batch';
import { Rng } from '../../rng';
import type { GradeHyper } from './grade-hyper';
import { pretrainByLambdaLoss } from './reference-ltr';
import { priorScales, sampledRewards, trainingPreferences } from './request-rewards';
import { preferenceStates, requestStateFeatures, Standardizer } from './request-state';
import { BestVariables, blendVariables } from './variable-copies';
import { WeightPolicyNetwork } from './weight-distribution';

/**
 * A trained GRADE policy for one objective preference: the Dirichlet mean (or the softmax of the
 * Gaussian mean) of the distribution at each request's state. The Pareto
 * sweep tilts its weights toward other preferences, which traced a wider front on KuaiRand
 * validation than feeding them to the network.
 */
export class GradePolicy implements FusionPolicy {
  constructor(
    readonly network: WeightPolicyNetwork,
    private readonly standardizer: Standardizer,
    readonly preference: Float32Array,
  ) {}

  weights(batch: RequestBatch): Float32Array {
    const { values, dim } = requestStateFeatures(batch);
    const r = requestCount(batch);
    const input = preferenceStates(this.standardizer.apply(values), dim, Int32Array.from({ length: r }, (_, q) => q), this.preference, this.preference.length);
    return tf.tidy(() => this.network.meanWeights(tf.tensor2d(input, [r, dim + this.preference.length])).dataSync() as Float32Array);
  }

  dispose(): void {
    this.network.dispose();
  }
}

/**
 * GRADE (Hong et al., WWW 2026): a Dirichlet policy over fusion weights, conditioned on the request
 * state and the objective preference. LambdaLoss learning-to-rank, stopped early on validation,
 * starts it (and gives the frozen reference policy); then, per request, groupSize sampled weight
 * vectors re-rank the candidates, their composite rewards give group-relative advantages, and the
 * clipped ratio of log-densities plus a KL penalty to the reference is minimised. The exploration
 * scale adapts so that a target share of the groups that could tell rankings apart see different
 * rewards (no spread, no advantage). The parameters with the best validation composite are returned.
 */
export async function fitGrade(train: RequestBatch, valid: RequestBatch, hyper: GradeHyper, rng: Rng, hooks: FusionTrainingHooks = {}): Promise<GradePolicy> {
  const m = train.objectives.length;
  if (valid.objectives.join() !== train.objectives.join()) throw new Error(`grade: validation objectives ${valid.objectives} differ from training ${train.objectives}`);
  const goal = batchGoal(train);
  const raw = requestStateFeatures(train);
  const standardizer = new Standardizer(raw.values, raw.dim);
  const states = standardizer.apply(raw.values);
  const dim = raw.dim;
  const seed = rng.nextUint32();
  const policy = new WeightPolicyNetwork(hyper.distribution, dim + m, hyper.hidden, m, new Rng(seed), hyper.logitStd);
  const reference = new WeightPolicyNetwork(hyper.distribution, dim + m, hyper.hidden, m, new Rng(seed), hyper.logitStd);
  const final = new GradePolicy(policy, standardizer, goal.preference);
  const validate = () => evaluateBatch(valid, final.weights(valid), goal).composite;
  const ltrOptions = {
    steps: hyper.pretrainSteps,
    batchRequests: hyper.batchRequests,
    learningRate: hyper.pretrainLearningRate,
    weightDecay: hyper.weightDecay,
    sigma: hyper.lambdaSigma,
    preferenceMix: hyper.preferenceMix,
    evalEvery: hyper.evalEvery,
  };
  const ltr = pretrainByLambdaLoss(policy, train, states, dim, goal, ltrOptions, validate, rng);
  blendVariables(reference.variables, policy.variables);

  const requests = requestCount(train);
  const [minScale, maxScale] = hyper.distribution === 'dirichlet' ? hyper.concentrationRange : [0.1, 10];
  policy.scale = hyper.distribution === 'dirichlet' ? hyper.concentration : 1;
  const rankable = rankableRequests(train);
  const scales = priorScales(train);
  const best = new BestVariables(policy.variables, validate());
  await hooks.onStep?.(0, { 'train/ltr_loss_first': ltr.first, 'train/ltr_loss_last': ltr.last, 'train/ltr_kept_step': ltr.kept, 'valid/composite': best.score });

  const optimizer = new Adam(policy.variables, { learningRate: hyper.learningRate, weightDecay: hyper.weightDecay });
  for (let step = 1; step <= hyper.steps; step++) {
    if (await hooks.shouldStop?.()) break;
    const ids = Array.from({ length: Math.min(hyper.batchRequests, requests) }, () => rng.int(requests));
    const preferences = trainingPreferences(ids.length, goal.preference, hyper.preferenceMix, rng);
    const input = tf.tensor2d(preferenceStates(states, dim, ids, preferences, m), [ids.length, dim + m]);
    reference.scale = policy.scale;
    const old = policy.params(input);
    const ref = reference.params(input);
    const { actions, weights } = policy.sample(old, hyper.groupSize, rng);
    const { rewards, posterior } = sampledRewards(sliceRequests(train, ids), weights, hyper.groupSize, preferences, goal, hyper, scales);
    const actionTensor = tf.tensor2d(actions, [actions.length / m, m]);
    const oldLogProb = policy.logProb(old, actionTensor, hyper.groupSize);
    const advantages = tf.tensor1d(groupAdvantages(rewards, hyper.groupSize, hyper.advantageEps));
    let loss = 0;
    let kl = 0;
    for (let epoch = 0; epoch < hyper.epochsPerStep; epoch++) {
      const { value, grads } = tf.variableGrads(() => {
        const params = policy.params(input);
        const surrogate = clippedSurrogateLoss(policy.logProb(params, actionTensor, hyper.groupSize), oldLogProb, advantages, hyper.clip);
        const divergence = policy.kl(params, ref).mean();
        kl = divergence.dataSync()[0]!;
        return hyper.klCoef > 0 ? surrogate.add(divergence.mul(hyper.klCoef)) : surrogate;
      }, policy.variables);
      optimizer.apply(policy.variables.map((v) => grads[v.name]!));
      loss = value.dataSync()[0]!;
      tf.dispose([value, grads]);
    }
    const entropy = meanEntropy(policy, input);
    const share = informativeShare(posterior, hyper.groupSize, ids, rankable);
    if (!Number.isNaN(share)) policy.scale = Math.min(maxScale, Math.max(minScale, policy.scale * Math.exp(hyper.adaptRate * (share - hyper.informativeShare))));
    const metrics: Record<string, number> = {
      'train/reward': rewards.reduce((s, r) => s + r, 0) / rewards.length,
      'train/loss': loss,
      'train/kl': kl,
      'train/entropy': entropy,
      'train/scale': policy.scale,
      'train/informative_share': share,
    };
    if (hyper.distribution === 'dirichlet') metrics['train/alpha_sum'] = tf.tidy(() => old.main.sum(1).mean().dataSync()[0]!);
    tf.dispose([input, old.main, old.logStd, ref.main, ref.logStd, actionTensor, oldLogProb, advantages].filter((t) => t !== undefined));
    if (step % hyper.evalEvery === 0 || step === hyper.steps) {
      const composite = validate();
      metrics['valid/composite'] = composite;
      best.offer(composite, step);
    }
    await hooks.onStep?.(step, metrics);
  }
  best.restore();
  optimizer.dispose();
  reference.dispose();
  return final;
}

/** Requests where some objective's labels differ between candidates: only there can a ranking change the posterior reward. */
function rankableRequests(batch: RequestBatch): Uint8Array {
  const m = batch.objectives.length;
  return Uint8Array.from({ length: requestCount(batch) }, (_, q) => {
    for (let j = 0; j < m; j++) {
      for (let i = batch.offsets[q]! + 1; i < batch.offsets[q + 1]!; i++) if (batch.labels[i * m + j] !== batch.labels[batch.offsets[q]! * m + j]) return 1;
    }
    return 0;
  });
}

/** Among the sampled rankable requests, the share whose group's posterior rewards are not all equal (NaN when none is rankable). */
function informativeShare(rewards: Float64Array, groupSize: number, ids: ArrayLike<number>, rankable: Uint8Array): number {
  let counted = 0;
  let spread = 0;
  for (let i = 0; i < ids.length; i++) {
    if (!rankable[ids[i]!]) continue;
    counted++;
    const group = rewards.subarray(i * groupSize, (i + 1) * groupSize);
    if (Math.max(...group) - Math.min(...group) > 1e-9) spread++;
  }
  return counted > 0 ? spread / counted : Number.NaN;
}

function meanEntropy(policy: WeightPolicyNetwork, states: tf.Tensor2D): number {
  return tf.tidy(() => policy.entropy(policy.params(states)).mean().dataSync()[0]!);
}
