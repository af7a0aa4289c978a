import * as tf from '@tensorflow/tfjs';
import { Adam } from '@tradeoff/core';
import type { MMoEBenchConfig } from './config';

export interface Batch {
  numeric: tf.Tensor2D;
  /** One int32 column of ids per categorical feature. */
  categorical: tf.Tensor2D;
  labels: tf.Tensor2D;
}

interface Dense {
  kernel: tf.Variable;
  bias: tf.Variable;
}

/**
 * MMoE written with plain tfjs ops, the way the PyTorch reference writes it: one embedding table
 * per categorical feature, per-expert two-layer ReLU MLPs, a softmax gate and a tower per task,
 * a summed sigmoid cross-entropy over the tasks, Adam: tf.train.adam (`tfjs`) or Tradeoff's Adam
 * (`tradeoff`: one fused pass per variable on wasm).
 */
export class BenchMMoE {
  private readonly embeddings: tf.Variable[];
  private readonly experts: Dense[][];
  private readonly gates: Dense[];
  private readonly towers: Dense[][];
  private readonly step: (loss: () => tf.Scalar) => number;
  private readonly variables: tf.Variable[];

  constructor(
    private readonly config: MMoEBenchConfig,
    optimizer: 'tfjs' | 'tradeoff' = 'tfjs',
  ) {
    const { numeric, categorical, vocab, embeddingDim, experts, expertUnits, tasks, towerUnits } = config;
    let seed = 1;
    const dense = (inputs: number, units: number): Dense => ({
      kernel: tf.variable(tf.randomUniform([inputs, units], -1, 1, 'float32', seed++).mul(Math.sqrt(6 / (inputs + units)))),
      bias: tf.variable(tf.zeros([units])),
    });
    const inputDim = numeric + categorical * embeddingDim;
    this.embeddings = Array.from({ length: categorical }, () =>
      tf.variable(tf.randomNormal([vocab, embeddingDim], 0, 0.05, 'float32', seed++)),
    );
    this.experts = Array.from({ length: experts }, () => [dense(inputDim, expertUnits[0]), dense(expertUnits[0], expertUnits[1])]);
    this.gates = Array.from({ length: tasks }, () => dense(inputDim, experts));
    this.towers = Array.from({ length: tasks }, () => [dense(expertUnits[1], towerUnits), dense(towerUnits, 1)]);
    this.variables = [
      ...this.embeddings,
      ...[...this.experts, this.gates, ...this.towers].flat().flatMap((d) => [d.kernel, d.bias]),
    ];
    this.step = optimizer === 'tfjs' ? tfjsAdamStep(this.variables, config.learningRate) : tradeoffAdamStep(this.variables, config.learningRate);
  }

  parameterCount(): number {
    return this.variables.reduce((sum, v) => sum + v.size, 0);
  }

  /** Task logits, [batch, tasks]. */
  logits(numeric: tf.Tensor2D, categorical: tf.Tensor2D): tf.Tensor2D {
    const ids = tf.unstack(categorical, 1);
    const x = tf.concat([numeric, ...this.embeddings.map((table, i) => tf.gather(table, ids[i]!))], 1) as tf.Tensor2D;
    const relu = (input: tf.Tensor2D, d: Dense): tf.Tensor2D => tf.fused.matMul({ a: input, b: d.kernel as tf.Tensor2D, bias: d.bias, activation: 'relu' }) as tf.Tensor2D;
    const expertOutputs = tf.stack(this.experts.map(([first, second]) => relu(relu(x, first!), second!)), 1); // [B, E, U]
    const perTask = this.gates.map((gate, k) => {
      const weights = tf.softmax(tf.fused.matMul({ a: x, b: gate.kernel as tf.Tensor2D, bias: gate.bias }));
      const mixed = tf.sum(tf.mul(tf.expandDims(weights, 2), expertOutputs), 1) as tf.Tensor2D;
      const [hidden, out] = this.towers[k]!;
      return tf.fused.matMul({ a: relu(mixed, hidden!), b: out!.kernel as tf.Tensor2D, bias: out!.bias });
    });
    return tf.concat(perTask, 1) as tf.Tensor2D;
  }

  /** One Adam step; returns the loss. */
  trainStep(batch: Batch): number {
    return this.step(() => tf.losses.sigmoidCrossEntropy(batch.labels, this.logits(batch.numeric, batch.categorical)).mul(this.config.tasks) as tf.Scalar);
  }

  /** Task probabilities, read back to the host like a serving call. */
  predict(numeric: tf.Tensor2D, categorical: tf.Tensor2D): Float32Array {
    return tf.tidy(() => tf.sigmoid(this.logits(numeric, categorical)).dataSync() as Float32Array);
  }
}

function tfjsAdamStep(variables: tf.Variable[], learningRate: number) {
  const optimizer = tf.train.adam(learningRate);
  return (loss: () => tf.Scalar): number => {
    const value = optimizer.minimize(loss, true, variables)!;
    const result = value.dataSync()[0]!;
    value.dispose();
    return result;
  };
}

function tradeoffAdamStep(variables: tf.Variable[], learningRate: number) {
  const optimizer = new Adam(variables, { learningRate });
  return (loss: () => tf.Scalar): number =>
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(loss, variables);
      optimizer.apply(variables.map((v) => grads[v.name]!));
      return value.dataSync()[0]!;
    });
}

/** Seeded synthetic batch: the labels depend on the features so the loss can fall. */
export function syntheticBatch(config: MMoEBenchConfig, size: number, seed: number): Batch {
  return tf.tidy(() => {
    const numeric = tf.randomNormal([size, config.numeric], 0, 1, 'float32', seed) as tf.Tensor2D;
    const categorical = tf.randomUniform([size, config.categorical], 0, config.vocab, 'int32', seed + 1) as tf.Tensor2D;
    const direction = tf.randomNormal([config.numeric, config.tasks], 0, 1, 'float32', seed + 2);
    const labels = tf.cast(tf.greater(tf.matMul(numeric, direction), 0), 'float32') as tf.Tensor2D;
    return { numeric, categorical, labels };
  });
}
