import * as tf from '@tensorflow/tfjs';
import { Adam } from './adam';
import { multiTaskBce } from './loss';
import { decodeTensors, encodeTensors, type ModelFiles } from './model-files';
import type { MMoE } from './mmoe';

export interface MultiTaskTrainerOptions {
  learningRate: number;
  /** Loss weight per task (default 1 each). */
  taskWeights?: readonly number[];
}

/** Adam on the weighted multi-task BCE of an MMoE, fed with plain row-major Float32Arrays. */
export class MultiTaskTrainer {
  private readonly variables: tf.Variable[];
  private readonly optimizer: Adam;
  private readonly taskWeights: number[];

  constructor(
    readonly model: MMoE,
    options: MultiTaskTrainerOptions,
  ) {
    const tasks = model.tasks.length;
    this.taskWeights = [...(options.taskWeights ?? Array<number>(tasks).fill(1))];
    if (this.taskWeights.length !== tasks) {
      throw new Error(`taskWeights has ${this.taskWeights.length} entries for ${tasks} tasks`);
    }
    this.variables = model.trainableVariables();
    this.optimizer = new Adam(this.variables, { learningRate: options.learningRate });
  }

  /** Optimizer updates applied so far. */
  get step(): number {
    return this.optimizer.step;
  }

  /**
   * One gradient step on `rows` examples: `x` is rows x inputDim, `y` rows x tasks (0/1).
   * Returns the batch loss before the update.
   */
  trainBatch(x: Float32Array, y: Float32Array, rows: number): number {
    const { inputDim, tasks } = this.model.config;
    return tf.tidy(() => {
      const xs = tf.tensor2d(x, [rows, inputDim]);
      const ys = tf.tensor2d(y, [rows, tasks.length]);
      const { value, grads } = tf.variableGrads(() => multiTaskBce(this.model.logits(xs), ys, this.taskWeights), this.variables);
      this.optimizer.apply(this.variables.map((v) => grads[v.name]!));
      return value.dataSync()[0]!;
    });
  }

  /** `optimizer.json` + `optimizer.bin`: Adam's step and moments. */
  async saveState(): Promise<ModelFiles> {
    const { step, tensors } = this.optimizer.getState();
    return encodeTensors('optimizer', tensors, { step });
  }

  loadState(files: ModelFiles): void {
    const { meta, tensors } = decodeTensors<{ step: number }>('optimizer', files);
    this.optimizer.setState(meta.step, tensors);
    tf.dispose(Object.values(tensors));
  }

  dispose(): void {
    this.optimizer.dispose();
  }
}
