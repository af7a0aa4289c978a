import * as tf from '@tensorflow/tfjs';
import { exactBuffer, jsonFile, type ModelFiles, readJsonFile, requireFile } from '../model-files';
import { buildBody } from './architectures';
import { buildInputs, concat, GraphBuilder } from './builder';
import type { MMoEConfig, MoHNConfig, MultiTaskModelConfig, PLEConfig, SharedBottomConfig, TaskHead } from './config';
import { validateConfig } from './config';

/** Rows of model input, row-major: numeric rows x input.numeric, categorical rows x input.categorical. */
export interface ModelInputs {
  rows: number;
  numeric: Float32Array;
  categorical: Int32Array;
}

/**
 * A multi-task predictor built from stock tf.layers: numeric features and categorical embeddings
 * in, one output per task (a logit for binary tasks, a value for regression). Saved as
 * model.json + weights.bin in the TensorFlow.js layers format, the config in its metadata.
 */
export class MultiTaskModel<C extends MultiTaskModelConfig = MultiTaskModelConfig> {
  protected constructor(
    readonly config: C,
    readonly model: tf.LayersModel,
  ) {}

  /** Builds the architecture the config names, with seeded initial weights. */
  static fromConfig(config: MultiTaskModelConfig): MultiTaskModel {
    validateConfig(config);
    const builder = new GraphBuilder(config.seed);
    const graph = buildInputs(builder, config.input);
    const outputs = buildBody(builder, graph, config);
    const output = concat('outputs', outputs);
    const model = tf.model({ name: config.architecture.replace('-', '_'), inputs: graph.inputs, outputs: output });
    return construct(config, model);
  }

  /** Loads any saved multi-task model, as the class of its architecture. */
  static async load(files: ModelFiles): Promise<MultiTaskModel> {
    const json = readJsonFile<tf.io.ModelJSON>(files, 'model.json');
    const config = (json.userDefinedMetadata as { multitask?: MultiTaskModelConfig } | undefined)?.multitask;
    if (!config) throw new Error('model.json: not a multi-task model (userDefinedMetadata.multitask missing)');
    validateConfig(config);
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
        weightData: exactBuffer(requireFile(files, 'weights.bin')),
      }),
    );
    return construct(config, model);
  }

  get tasks(): TaskHead[] {
    return this.config.tasks;
  }

  /** The variables training updates, in a stable order. */
  trainableVariables(): tf.Variable[] {
    return this.model.trainableWeights.map((w) => w.read() as tf.Variable);
  }

  parameterCount(): number {
    return this.model.countParams();
  }

  /** Input tensors for rows [from, from + n) of `inputs`, in the model's input order. */
  inputTensors(inputs: ModelInputs, from = 0, n = inputs.rows): tf.Tensor[] {
    const { numeric, categorical } = this.config.input;
    if (inputs.numeric.length !== inputs.rows * numeric || inputs.categorical.length !== inputs.rows * categorical) {
      throw new Error(`inputs: expected ${inputs.rows} rows of ${numeric} numeric and ${categorical} categorical values`);
    }
    const tensors: tf.Tensor[] = [];
    if (numeric > 0) tensors.push(tf.tensor2d(inputs.numeric.subarray(from * numeric, (from + n) * numeric), [n, numeric]));
    if (categorical > 0) tensors.push(tf.tensor2d(inputs.categorical.subarray(from * categorical, (from + n) * categorical), [n, categorical], 'int32'));
    return tensors;
  }

  /** Raw outputs [rows, tasks]: logits for binary tasks, values for regression tasks. */
  outputs(inputs: tf.Tensor[], training = false): tf.Tensor2D {
    return this.model.apply(inputs, { training }) as tf.Tensor2D;
  }

  /** Per task: probabilities (binary) or predicted values (regression), for every row. */
  predict(inputs: ModelInputs, batchSize = 4096): Float32Array[] {
    const tasks = this.config.tasks;
    const out = tasks.map(() => new Float32Array(inputs.rows));
    for (let start = 0; start < inputs.rows; start += batchSize) {
      const n = Math.min(batchSize, inputs.rows - start);
      const values = tf.tidy(() => this.outputs(this.inputTensors(inputs, start, n)).dataSync());
      for (let i = 0; i < n; i++) {
        tasks.forEach((task, k) => {
          const v = values[i * tasks.length + k]!;
          out[k]![start + i] = task.type === 'binary' ? 1 / (1 + Math.exp(-v)) : v;
        });
      }
    }
    return out;
  }

  /** `model.json` (layers topology + weightsManifest + the config) and `weights.bin`. */
  async save(): Promise<ModelFiles> {
    this.model.setUserDefinedMetadata({ multitask: this.config as unknown as Record<string, unknown> });
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

  dispose(): void {
    this.model.dispose();
  }
}

type Without<C> = Omit<C, 'architecture'>;

/** One shared MLP, one tower per task: the baseline every multi-task paper reports. */
export class SharedBottom extends MultiTaskModel<SharedBottomConfig> {
  static create(config: Without<SharedBottomConfig>): SharedBottom {
    return MultiTaskModel.fromConfig({ ...config, architecture: 'shared-bottom' }) as SharedBottom;
  }
}

/** Multi-gate Mixture-of-Experts (Ma et al., KDD 2018): shared experts, a softmax gate per task. */
export class MMoE extends MultiTaskModel<MMoEConfig> {
  static create(config: Without<MMoEConfig>): MMoE {
    return MultiTaskModel.fromConfig({ ...config, architecture: 'mmoe' }) as MMoE;
  }
}

/** Progressive Layered Extraction (Tang et al., RecSys 2020): task-specific and shared experts per level. */
export class PLE extends MultiTaskModel<PLEConfig> {
  static create(config: Without<PLEConfig>): PLE {
    return MultiTaskModel.fromConfig({ ...config, architecture: 'ple' }) as PLE;
  }
}

/** Mixture of HyperNetworks (DeepPRL): state-generated towers mixed by attention. */
export class MoHN extends MultiTaskModel<MoHNConfig> {
  static create(config: Without<MoHNConfig>): MoHN {
    return MultiTaskModel.fromConfig({ ...config, architecture: 'mohn' }) as MoHN;
  }
}

const CLASSES = { 'shared-bottom': SharedBottom, mmoe: MMoE, ple: PLE, mohn: MoHN } as const;

/** The architecture's class around a built or loaded layers model. */
function construct(config: MultiTaskModelConfig, model: tf.LayersModel): MultiTaskModel {
  const Class = CLASSES[config.architecture] as unknown as new (c: MultiTaskModelConfig, m: tf.LayersModel) => MultiTaskModel;
  return new Class(config, model);
}
