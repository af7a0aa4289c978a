import * as tf from '@tensorflow/tfjs';
import { Adam } from '../../adam';
import { evaluateBatch, nextRequestOfUser, sliceRequests, softmaxRows } from '../../fusion/batch-tools';
import { batchGoal, type FusionPolicy, type FusionTrainingHooks, type RequestBatch, requestCount } from '../../fusion/request-batch';
import { Rng } from '../../rng';
import { priorScales, sampledRewards, trainingPreferences } from '../grade/request-rewards';
import { gatherRows, requestStateFeatures, Standardizer } from '../grade/request-state';
import { BestVariables, blendVariables } from '../grade/variable-copies';
import { ActorCritic, type StateInput } from './actor-critic';
import type { DeepPrlHyper } from './deepprl-hyper';
import { historyTensors, historyVocab } from './history-tensors';

/** Requests encoded per forward pass when scoring a whole batch. */
const CHUNK = 1024;

interface StateFeatures {
  /** Standardised context features ([R x dim]); absent without context. */
  context?: Float32Array;
  dim: number;
}

/** A trained DeepPRL actor for one objective preference: weights = softmax(actor(s)); the Pareto sweep tilts them (as GRADE's). */
export class DeepPrlPolicy implements FusionPolicy {
  constructor(
    readonly networks: ActorCritic,
    private readonly standardizer: Standardizer | undefined,
    readonly preference: Float32Array,
  ) {}

  weights(batch: RequestBatch): Float32Array {
    const r = requestCount(batch);
    const m = this.preference.length;
    const features = contextFeatures(batch, this.standardizer);
    const out = new Float32Array(r * m);
    for (let start = 0; start < r; start += CHUNK) {
      const ids = Int32Array.from({ length: Math.min(CHUNK, r - start) }, (_, i) => start + i);
      const preferences = new Float32Array(ids.length * m);
      for (let i = 0; i < ids.length; i++) preferences.set(this.preference, i * m);
      const input = stateInput(batch, features, ids, preferences, this.networks);
      out.set(tf.tidy(() => this.networks.weights(this.networks.state(input)).dataSync()), start * m);
      disposeInput(input);
    }
    return out;
  }

  dispose(): void {
    this.networks.dispose();
  }
}

/**
 * DeepPRL (Li & Tuzhilin 2024): a Self-Attentive Time-LSTM encodes the user's history, the state
 * adds the context and the objective preference; a contextual actor-critic is trained off the logs.
 * For each request, noisy versions of the actor's weights re-rank its candidates and earn the
 * composite reward; the critic Q(s, w) = V(s) + A(s, w) learns V from TD targets
 * mean_w r + gamma V'(s') where s' is the same user's next request (target networks with soft
 * updates) and A from each tried vector's reward relative to the request's mean; the actor follows
 * the critic's gradient in w (deterministic policy gradient). The best validation composite is kept.
 */
export async function fitDeepPrl(train: RequestBatch, valid: RequestBatch, hyper: DeepPrlHyper, rng: Rng, hooks: FusionTrainingHooks = {}): Promise<DeepPrlPolicy> {
  const m = train.objectives.length;
  if (valid.objectives.join() !== train.objectives.join()) throw new Error(`deepprl: validation objectives ${valid.objectives} differ from training ${train.objectives}`);
  const goal = batchGoal(train);
  const standardizer = hyper.useContext ? fitStandardizer(train) : undefined;
  const features = contextFeatures(train, standardizer);
  const config = {
    vocab: historyVocab(train.history),
    embeddingDim: hyper.embeddingDim,
    hidden: hyper.lstmUnits,
    objectives: m,
    timeGates: hyper.timeGates,
    contextDim: features.dim,
    layers: hyper.hidden,
  };
  const seed = rng.nextUint32();
  const online = new ActorCritic(config, new Rng(seed));
  const target = new ActorCritic(config, new Rng(seed));
  const actorOptimizer = new Adam(online.actor.variables, { learningRate: hyper.actorLearningRate });
  const criticVariables = [...online.encoder.variables, ...online.critic.variables, ...online.value.variables];
  const criticOptimizer = new Adam(criticVariables, { learningRate: hyper.criticLearningRate });
  const next = nextRequestOfUser(train.users);
  const scales = priorScales(train);
  const requests = requestCount(train);
  const samples = hyper.actionSamples;

  const final = new DeepPrlPolicy(online, standardizer, goal.preference);
  const validate = () => evaluateBatch(valid, final.weights(valid), goal).composite;
  const best = new BestVariables(online.policyVariables, validate());
  await hooks.onStep?.(0, { 'valid/composite': best.score });

  for (let step = 1; step <= hyper.steps; step++) {
    if (await hooks.shouldStop?.()) break;
    const ids = Int32Array.from({ length: Math.min(hyper.batchRequests, requests) }, () => rng.int(requests));
    const preferences = trainingPreferences(ids.length, goal.preference, hyper.preferenceMix, rng);
    const nextIds = ids.map((q) => (next[q]! >= 0 ? next[q]! : q));
    const notDone = tf.tensor1d(Float32Array.from(ids, (q) => (next[q]! >= 0 ? 1 : 0)));
    const input = stateInput(train, features, ids, preferences, online);
    const nextInput = stateInput(train, features, nextIds, preferences, online);

    // Exploration around the actor's weights, scored by re-ranking the logged candidates.
    const mean = tf.tidy(() => online.weights(online.state(input)).dataSync());
    const logits = new Float32Array(ids.length * samples * m);
    for (let i = 0; i < ids.length; i++) {
      for (let s = 0; s < samples; s++) {
        // A uniform point of the simplex is the softmax of log-Exponential(1) draws.
        const uniform = rng.next() < hyper.uniformShare;
        for (let j = 0; j < m; j++) {
          logits[(i * samples + s) * m + j] = uniform ? Math.log(-Math.log(1 - rng.next())) : Math.log(Math.max(1e-6, mean[i * m + j]!)) + hyper.explorationStd * rng.normal();
        }
      }
    }
    const actions = softmaxRows(logits, m);
    const { rewards } = sampledRewards(sliceRequests(train, ids), actions, samples, preferences, goal, hyper, scales);
    const meanRewards = new Float32Array(ids.length);
    const relative = new Float32Array(rewards.length);
    for (let i = 0; i < ids.length; i++) {
      for (let s = 0; s < samples; s++) meanRewards[i]! += rewards[i * samples + s]! / samples;
      for (let s = 0; s < samples; s++) relative[i * samples + s] = rewards[i * samples + s]! - meanRewards[i]!;
    }
    const valueTargets = tf.tidy(() => tf.tensor1d(meanRewards).add(target.stateValue(target.state(nextInput)).mul(notDone).mul(hyper.gamma)) as tf.Tensor1D);
    const advantageTargets = tf.tensor1d(relative);
    const actionTensor = tf.tensor2d(actions, [ids.length * samples, m]);
    let tdLoss = 0;
    const critic = tf.variableGrads(() => {
      const state = online.state(input);
      const td = online.stateValue(state).sub(valueTargets).square().mean();
      tdLoss = td.dataSync()[0]!;
      return td.add(online.advantage(repeat(state, samples), actionTensor).sub(advantageTargets).square().mean()) as tf.Scalar;
    }, criticVariables);
    criticOptimizer.apply(criticVariables.map((v) => critic.grads[v.name]!));
    const criticLoss = critic.value.dataSync()[0]!;
    tf.dispose([critic.value, critic.grads]);

    let actorAdvantage = Number.NaN;
    if (step > hyper.criticWarmup) {
      const state = tf.tidy(() => online.state(input));
      const actor = tf.variableGrads(() => online.advantage(state, online.weights(state)).mean().neg() as tf.Scalar, online.actor.variables);
      actorOptimizer.apply(online.actor.variables.map((v) => actor.grads[v.name]!));
      actorAdvantage = -actor.value.dataSync()[0]!;
      tf.dispose([state, actor.value, actor.grads]);
    }
    blendVariables(target.variables, online.variables, hyper.tau);
    disposeInput(input);
    disposeInput(nextInput);
    tf.dispose([notDone, valueTargets, advantageTargets, actionTensor]);

    const metrics: Record<string, number> = {
      'train/reward': rewards.reduce((s, r) => s + r, 0) / rewards.length,
      'train/critic_loss': tdLoss,
      'train/loss': criticLoss,
    };
    if (!Number.isNaN(actorAdvantage)) metrics['train/actor_advantage'] = actorAdvantage;
    if (step % hyper.evalEvery === 0 || step === hyper.steps) {
      const composite = validate();
      metrics['valid/composite'] = composite;
      best.offer(composite, step);
    }
    await hooks.onStep?.(step, metrics);
  }
  best.restore();
  actorOptimizer.dispose();
  criticOptimizer.dispose();
  target.dispose();
  return final;
}

function fitStandardizer(batch: RequestBatch): Standardizer {
  const { values, dim } = requestStateFeatures(batch, { history: false });
  return new Standardizer(values, dim);
}

function contextFeatures(batch: RequestBatch, standardizer: Standardizer | undefined): StateFeatures {
  if (!standardizer) return { dim: 0 };
  const { values, dim } = requestStateFeatures(batch, { history: false });
  return { context: standardizer.apply(values), dim };
}

function stateInput(batch: RequestBatch, features: StateFeatures, ids: ArrayLike<number>, preferences: Float32Array, networks: ActorCritic): StateInput {
  const m = batch.objectives.length;
  return {
    history: historyTensors(batch.history, ids, networks.config.vocab, m),
    context: features.context ? tf.tensor2d(gatherRows(features.context, features.dim, ids), [ids.length, features.dim]) : undefined,
    preference: tf.tensor2d(preferences, [ids.length, m]),
  };
}

function disposeInput(input: StateInput): void {
  tf.dispose([input.history.items, input.history.logGaps, input.history.feedback, input.history.mask, input.preference]);
  input.context?.dispose();
}

/** [B, D] -> [B * times, D], each row repeated in place. */
function repeat(x: tf.Tensor2D, times: number): tf.Tensor2D {
  const [rows, d] = x.shape;
  return x.expandDims(1).tile([1, times, 1]).reshape([rows * times, d]);
}
