import * as tf from '@tensorflow/tfjs';
import type { ModelInputConfig, TaskHead } from './config';

type Symbolic = tf.SymbolicTensor;

/**
 * Stock tf.layers only, so a saved model.json loads with plain tf.loadLayersModel anywhere
 * TensorFlow.js runs. Every initialiser gets its own seed from one counter: the same config and
 * seed build the same initial weights.
 */
export class GraphBuilder {
  private nextSeed: number;

  constructor(seed: number) {
    this.nextSeed = seed * 1000;
  }

  dense(name: string, units: number, activation: 'relu' | 'softmax' | 'linear', input: Symbolic): Symbolic {
    return tf.layers
      .dense({ name, units, activation, kernelInitializer: tf.initializers.glorotUniform({ seed: this.nextSeed++ }) })
      .apply(input) as Symbolic;
  }

  /**
   * A hypernetwork's output layer: from the state z, the `fanIn x units` weights of a generated
   * layer. Its bias is the shared base layer, initialised like a Glorot kernel of that shape; its
   * kernel, the per-state deviation, starts small, so training starts from a shared tower and
   * learns how each state bends it.
   */
  hyperDense(name: string, fanIn: number, units: number, z: Symbolic): Symbolic {
    const limit = Math.sqrt(6 / (fanIn + units));
    return tf.layers
      .dense({
        name,
        units: fanIn * units,
        activation: 'linear',
        kernelInitializer: tf.initializers.varianceScaling({ scale: 0.01, mode: 'fanAvg', distribution: 'uniform', seed: this.nextSeed++ }),
        biasInitializer: tf.initializers.randomUniform({ minval: -limit, maxval: limit, seed: this.nextSeed++ }),
      })
      .apply(z) as Symbolic;
  }

  /** ReLU layers of the given widths. */
  mlp(name: string, units: readonly number[], input: Symbolic): Symbolic {
    return units.reduce((x, u, i) => this.dense(`${name}_${i}`, u, 'relu', x), input);
  }

  /**
   * `count` ReLU experts, each `layers` deep with `units` per layer: [B, count, units]. One-layer
   * experts are computed as a single wide layer.
   */
  experts(name: string, count: number, units: number, layers: number, input: Symbolic): Symbolic {
    if (layers === 1) return reshape(`${name}_stack`, [count, units], this.dense(name, count * units, 'relu', input));
    const experts = Array.from({ length: count }, (_, e) => {
      const out = this.mlp(`${name}_${e}`, Array<number>(layers).fill(units), input);
      return reshape(`${name}_${e}_row`, [1, units], out);
    });
    return concat(`${name}_stack`, experts, 1);
  }

  /** sum_i softmax(W x)_i expert_i: a softmax gate over the experts [B, E, U] -> [B, U]. */
  gatedMix(name: string, gateInput: Symbolic, experts: Symbolic): Symbolic {
    const count = experts.shape[1]!;
    const gate = this.dense(`gate_${name}`, count, 'softmax', gateInput);
    return weightedSum(name, gate, experts);
  }

  /** One ReLU layer and the head's output unit (a logit or a regression value). */
  tower(name: string, units: number, input: Symbolic): Symbolic {
    return this.dense(`output_${name}`, 1, 'linear', this.dense(`tower_${name}`, units, 'relu', input));
  }

  embeddings(input: ModelInputConfig, categorical: Symbolic): Symbolic {
    return tf.layers
      .embedding({
        name: 'embeddings',
        inputDim: input.vocabSize,
        outputDim: input.embeddingDim,
        embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: this.nextSeed++ }),
      })
      .apply(categorical) as Symbolic;
  }
}

/** Weights [B, E] times values [B, E, U] summed over E: [B, U]. */
export function weightedSum(name: string, weights: Symbolic, values: Symbolic): Symbolic {
  const row = reshape(`${name}_weights`, [1, weights.shape[1]!], weights);
  const mixed = tf.layers.dot({ name: `${name}_mix`, axes: [2, 1] }).apply([row, values]) as Symbolic;
  return flatten(`${name}_mixed`, mixed);
}

export function reshape(name: string, targetShape: number[], input: Symbolic): Symbolic {
  return tf.layers.reshape({ name, targetShape }).apply(input) as Symbolic;
}

export function flatten(name: string, input: Symbolic): Symbolic {
  return tf.layers.flatten({ name }).apply(input) as Symbolic;
}

export function concat(name: string, inputs: Symbolic[], axis = -1): Symbolic {
  return inputs.length === 1 ? inputs[0]! : (tf.layers.concatenate({ name, axis }).apply(inputs) as Symbolic);
}

export function dot(name: string, axes: [number, number], a: Symbolic, b: Symbolic): Symbolic {
  return tf.layers.dot({ name, axes }).apply([a, b]) as Symbolic;
}

export function add(name: string, a: Symbolic, b: Symbolic): Symbolic {
  return tf.layers.add({ name }).apply([a, b]) as Symbolic;
}

export function relu(name: string, x: Symbolic): Symbolic {
  return tf.layers.activation({ name, activation: 'relu' }).apply(x) as Symbolic;
}

export function softmax(name: string, x: Symbolic): Symbolic {
  return tf.layers.activation({ name, activation: 'softmax' }).apply(x) as Symbolic;
}

/** A layer-name-safe id for task k. */
export function taskId(task: TaskHead, k: number): string {
  return `${k}_${task.name.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** The model's inputs, and the dense feature vector and state vector built from them. */
export interface InputGraph {
  inputs: Symbolic[];
  /** All features: numeric values and flattened embeddings, [B, numeric + categorical * dim]. */
  features: Symbolic;
  /** Only the state features (or all when the config marks none), for MoHN's hypernetworks. */
  state: Symbolic;
}

export function buildInputs(builder: GraphBuilder, input: ModelInputConfig): InputGraph {
  const inputs: Symbolic[] = [];
  const features: Symbolic[] = [];
  const state: Symbolic[] = [];
  if (input.numeric > 0) {
    const numeric = tf.input({ name: 'numeric', shape: [input.numeric] });
    inputs.push(numeric);
    features.push(numeric);
    if (input.stateNumeric > 0) state.push(leading('state_numeric', reshape('numeric_column', [input.numeric, 1], numeric), input.stateNumeric));
  }
  if (input.categorical > 0) {
    const categorical = tf.input({ name: 'categorical', shape: [input.categorical], dtype: 'int32' });
    inputs.push(categorical);
    const embedded = builder.embeddings(input, categorical);
    features.push(flatten('embedded', embedded));
    if (input.stateCategorical > 0) state.push(leading('state_embedded', embedded, input.stateCategorical));
  }
  const all = concat('features', features);
  return { inputs, features: all, state: state.length ? concat('state_features', state) : all };
}

/** The first `count` rows of x [B, N, D], flattened: [B, count * D] (tfjs has no Cropping1D layer). */
function leading(name: string, x: Symbolic, count: number): Symbolic {
  const [rows, width] = [x.shape[1]!, x.shape[2]!];
  if (count === rows) return flatten(name, x);
  const image = reshape(`${name}_image`, [rows, width, 1], x);
  const kept = tf.layers.cropping2D({ name: `${name}_crop`, cropping: [[0, rows - count], [0, 0]] }).apply(image) as Symbolic;
  return flatten(name, kept);
}
