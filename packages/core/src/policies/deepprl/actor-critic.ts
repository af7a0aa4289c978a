import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../rng';
import { SmallMlp } from '../mlp';
import { type HistoryTensors, type TimeLstmConfig, TimeLstmEncoder } from './time-lstm';

export interface ActorCriticConfig extends TimeLstmConfig {
  /** Width of the hand-made context features (0 = no context). */
  contextDim: number;
  /** Hidden widths of the actor and critic MLPs. */
  layers: number[];
}

/** Inputs of a batch of requests: history, optional context features [B, contextDim], objective preference [B, K]. */
export interface StateInput {
  history: HistoryTensors;
  context?: tf.Tensor2D;
  preference: tf.Tensor2D;
}

/**
 * DeepPRL's contextual actor-critic: state s = [TimeLstm(history); context; preference]; the actor
 * maps s to fusion weights (softmax); the critic scores Q(s, w) = V(s) + A(s, w). Off the logs the
 * next request does not depend on the weights, so the split lets V carry the discounted long-term
 * value (TD targets) and A the weights' own effect, which the actor follows.
 */
export class ActorCritic {
  readonly encoder: TimeLstmEncoder;
  readonly actor: SmallMlp;
  /** A(s, w). */
  readonly critic: SmallMlp;
  /** V(s). */
  readonly value: SmallMlp;

  constructor(readonly config: ActorCriticConfig, rng: Rng) {
    const width = config.hidden + config.contextDim + config.objectives;
    this.encoder = new TimeLstmEncoder(config, rng);
    this.actor = new SmallMlp([width, ...config.layers, config.objectives], rng, 0.1);
    this.critic = new SmallMlp([width + config.objectives, ...config.layers, 1], rng, 1);
    this.value = new SmallMlp([width, ...config.layers, 1], rng, 1);
  }

  state(input: StateInput): tf.Tensor2D {
    return tf.tidy(() => tf.concat([this.encoder.encode(input.history), ...(input.context ? [input.context] : []), input.preference], 1) as tf.Tensor2D);
  }

  weights(state: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => tf.softmax(this.actor.apply(state)));
  }

  /** A(s, w) per row, [B]. */
  advantage(state: tf.Tensor2D, weights: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => this.critic.apply(tf.concat([state, weights], 1)).reshape([-1]) as tf.Tensor1D);
  }

  /** V(s) per row, [B]. */
  stateValue(state: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => this.value.apply(state).reshape([-1]) as tf.Tensor1D);
  }

  /** Q(s, w) = V(s) + A(s, w) per row, [B]. */
  q(state: tf.Tensor2D, weights: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => this.stateValue(state).add(this.advantage(state, weights)) as tf.Tensor1D);
  }

  /** What the deterministic policy needs (encoder and actor). */
  get policyVariables(): tf.Variable[] {
    return [...this.encoder.variables, ...this.actor.variables];
  }

  get variables(): tf.Variable[] {
    return [...this.encoder.variables, ...this.actor.variables, ...this.critic.variables, ...this.value.variables];
  }

  dispose(): void {
    this.encoder.dispose();
    this.actor.dispose();
    this.critic.dispose();
    this.value.dispose();
  }
}
