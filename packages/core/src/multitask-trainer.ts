import * as tf from '@tensorflow/tfjs';
import { Adam } from './adam';
import { multiTaskLoss } from './loss';
import { decodeTensors, encodeTensors, type ModelFiles } from './model-files';
import type { ModelInputs, MultiTaskModel } from './models/multitask-model';

export interface MultiTaskTrainerOptions {
  learningRate: number;
  /** Loss weight per task (default 1 each). */
  taskWeights?: readonly number[];
  /** Decoupled weight decay of every variable (default 0). */
  weightDecay?: number;
}

/** A training batch: model inputs plus labels and label masks, rows x tasks each. */
export interface MultiTaskBatch extends ModelInputs {
  labels: Float32Array;
  /** 1 where the label is present, 0 where it is missing (that cell adds no loss). */
  mask: Float32Array;
}

/** Adam on the weighted, masked multi-task loss of any multi-task model, fed with typed arrays. */
export class MultiTaskTrainer {
  private readonly variables: tf.Variable[];
  private readonly optimizer: Adam;
  private readonly taskWeights: number[];

  constructor(
    readonly model: MultiTaskModel,
    options: MultiTaskTrainerOptions,
  ) {
    const tasks = model.tasks.length;
    this.taskWeights = [...(options.taskWeights ?? Array<number>(tasks).fill(1))];
    if (this.taskWeights.length !== tasks) {
      throw new Error(`taskWeights has ${this.taskWeights.length} entries for ${tasks} tasks`);
    }
    this.variables = model.trainableVariables();
    this.optimizer = new Adam(this.variables, { learningRate: options.learningRate, weightDecay: options.weightDecay });
  }

  /** Optimizer updates applied so far. */
  get step(): number {
    return this.optimizer.step;
  }

  /** One gradient step on the batch; returns the batch loss before the update. */
  trainBatch(batch: MultiTaskBatch): number {
    const tasks = this.model.tasks;
    if (batch.labels.length !== batch.rows * tasks.length || batch.mask.length !== batch.labels.length) {
      throw new Error(`trainBatch: expected ${batch.rows} x ${tasks.length} labels and mask values`);
    }
    return tf.tidy(() => {
      const inputs = this.model.inputTensors(batch);
      const labels = tf.tensor2d(batch.labels, [batch.rows, tasks.length]);
      const mask = tf.tensor2d(batch.mask, [batch.rows, tasks.length]);
      const { value, grads } = tf.variableGrads(() => multiTaskLoss(this.model.outputs(inputs, true), labels, mask, tasks, this.taskWeights), this.variables);
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
