import * as tf from '@tensorflow/tfjs';
import { exactBuffer, jsonFile, readJsonFile, requireFile, type ModelFiles } from './model-files';

export interface MMoEConfig {
  /** Width of the dense feature vector. */
  inputDim: number;
  /** One binary output per task, in this order. */
  tasks: string[];
  experts: number;
  expertUnits: number;
  towerUnits: number;
  /** Seeds the weight initialisers: the same config gives the same initial model. */
  seed: number;
}

/**
 * Multi-gate Mixture-of-Experts (Ma et al., KDD 2018): shared ReLU experts f_i(x), one softmax
 * gate per task g^k(x) = softmax(W_k x), and per-task towers over sum_i g^k_i(x) f_i(x). Outputs
 * one logit per task. Built as a tf.LayersModel so the saved model.json + weights.bin load with
 * tf.loadLayersModel anywhere TensorFlow.js runs.
 */
export class MMoE {
  private constructor(
    readonly config: MMoEConfig,
    readonly model: tf.LayersModel,
  ) {}

  static create(config: MMoEConfig): MMoE {
    validate(config);
    const { inputDim, tasks, experts, expertUnits, towerUnits } = config;
    let seed = config.seed * 1000;
    const dense = (name: string, units: number, activation: 'relu' | 'softmax' | 'linear') =>
      tf.layers.dense({
        name,
        units,
        activation,
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed++ }),
      });

    const input = tf.input({ shape: [inputDim], name: 'features' });
    const expertOut = dense('experts', experts * expertUnits, 'relu').apply(input) as tf.SymbolicTensor;
    const expertStack = tf.layers
      .reshape({ name: 'expert_stack', targetShape: [experts, expertUnits] })
      .apply(expertOut) as tf.SymbolicTensor;
    const logits = tasks.map((task, k) => {
      const id = `${k}_${task.replace(/[^A-Za-z0-9_]/g, '_')}`;
      const gate = dense(`gate_${id}`, experts, 'softmax').apply(input) as tf.SymbolicTensor;
      const gateRow = tf.layers.reshape({ name: `gate_row_${id}`, targetShape: [1, experts] }).apply(gate);
      // [B,1,E] x [B,E,U] -> [B,1,U]: the gate-weighted sum of the experts.
      const mixed = tf.layers.dot({ name: `mix_${id}`, axes: [2, 1] }).apply([gateRow, expertStack] as tf.SymbolicTensor[]);
      const flat = tf.layers.flatten({ name: `mixed_${id}` }).apply(mixed);
      const hidden = dense(`tower_${id}`, towerUnits, 'relu').apply(flat);
      return dense(`logit_${id}`, 1, 'linear').apply(hidden) as tf.SymbolicTensor;
    });
    const output = logits.length === 1 ? logits[0]! : (tf.layers.concatenate({ name: 'logits' }).apply(logits) as tf.SymbolicTensor);
    return new MMoE(config, tf.model({ name: 'mmoe', inputs: input, outputs: output }));
  }

  get tasks(): string[] {
    return this.config.tasks;
  }

  /** The variables training updates, in a stable order. */
  trainableVariables(): tf.Variable[] {
    return this.model.trainableWeights.map((w) => w.read() as tf.Variable);
  }

  parameterCount(): number {
    return this.model.countParams();
  }

  /** Logits [rows, tasks] for a dense batch [rows, inputDim]. */
  logits(x: tf.Tensor2D): tf.Tensor2D {
    return this.model.apply(x, { training: true }) as tf.Tensor2D;
  }

  /** Probabilities per task for `rows` examples stored row-major in `x`. */
  predict(x: Float32Array, rows: number, batchSize = 4096): Float32Array[] {
    const { inputDim, tasks } = this.config;
    if (x.length !== rows * inputDim) throw new Error(`predict: expected ${rows}x${inputDim} values, got ${x.length}`);
    const out = tasks.map(() => new Float32Array(rows));
    for (let start = 0; start < rows; start += batchSize) {
      const n = Math.min(batchSize, rows - start);
      const probabilities = tf.tidy(() => {
        const batch = tf.tensor2d(x.subarray(start * inputDim, (start + n) * inputDim), [n, inputDim]);
        return tf.sigmoid(this.model.apply(batch) as tf.Tensor2D).dataSync();
      });
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < tasks.length; k++) out[k]![start + i] = probabilities[i * tasks.length + k]!;
      }
    }
    return out;
  }

  /** `model.json` (layers topology + weightsManifest + the MMoE config) and `weights.bin`. */
  async save(): Promise<ModelFiles> {
    this.model.setUserDefinedMetadata({ mmoe: this.config as unknown as Record<string, unknown> });
    let files: ModelFiles = {};
    await this.model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        const weights = new Uint8Array(new tf.io.CompositeArrayBuffer(artifacts.weightData).slice());
        const modelJson = {
          format: artifacts.format,
          generatedBy: artifacts.generatedBy,
          convertedBy: artifacts.convertedBy,
          modelTopology: artifacts.modelTopology,
          weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
          userDefinedMetadata: artifacts.userDefinedMetadata,
        };
        files = { 'model.json': jsonFile(modelJson), 'weights.bin': weights };
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    return files;
  }

  static async load(files: ModelFiles): Promise<MMoE> {
    const json = readJsonFile<tf.io.ModelJSON>(files, 'model.json');
    const config = (json.userDefinedMetadata as { mmoe?: MMoEConfig } | undefined)?.mmoe;
    if (!config) throw new Error('model.json: not an MMoE model (userDefinedMetadata.mmoe missing)');
    validate(config);
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
        weightData: exactBuffer(requireFile(files, 'weights.bin')),
      }),
    );
    return new MMoE(config, model);
  }

  dispose(): void {
    this.model.dispose();
  }
}

function validate(config: MMoEConfig): void {
  const counts = { inputDim: config.inputDim, experts: config.experts, expertUnits: config.expertUnits, towerUnits: config.towerUnits };
  for (const [name, value] of Object.entries(counts)) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`MMoE config: ${name} must be a positive integer, got ${value}`);
  }
  if (config.tasks.length === 0) throw new Error('MMoE config: at least one task');
}
