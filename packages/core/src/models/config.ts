/** How the model reads a row: numeric features and categorical features through one embedding table. */
export interface ModelInputConfig {
  /** Number of numeric features (already standardised). */
  numeric: number;
  /** Number of categorical features; each row holds their indices into the shared embedding table. */
  categorical: number;
  /** Rows of the shared embedding table. */
  vocabSize: number;
  embeddingDim: number;
  /**
   * The leading numeric / categorical features that describe the user and context: MoHN's state.
   * When both are 0 the state is the whole input.
   */
  stateNumeric: number;
  stateCategorical: number;
}

/** Binary heads output a logit (cross-entropy); regression heads a value (squared error). */
export interface TaskHead {
  name: string;
  type: 'binary' | 'regression';
}

interface BaseConfig {
  input: ModelInputConfig;
  /** One output per task, in this order. */
  tasks: TaskHead[];
  /** Hidden units of each task's tower (one ReLU layer before the output). */
  towerUnits: number;
  /** Seeds the weight initialisers: the same config gives the same initial model. */
  seed: number;
}

/** One shared MLP, one tower per task. */
export interface SharedBottomConfig extends BaseConfig {
  architecture: 'shared-bottom';
  bottomUnits: number[];
}

/** Shared experts, one softmax gate per task (Ma et al., KDD 2018). */
export interface MMoEConfig extends BaseConfig {
  architecture: 'mmoe';
  experts: number;
  expertUnits: number;
  /** ReLU layers per expert, each expertUnits wide (default 1). */
  expertLayers?: number;
}

/** Progressive Layered Extraction (Tang et al., RecSys 2020). */
export interface PLEConfig extends BaseConfig {
  architecture: 'ple';
  levels: number;
  /** Experts owned by each task, per level. */
  taskExperts: number;
  /** Experts shared by all tasks, per level. */
  sharedExperts: number;
  expertUnits: number;
  /** ReLU layers per expert, each expertUnits wide (default 1). */
  expertLayers?: number;
}

/** Mixture of HyperNetworks (DeepPRL). */
export interface MoHNConfig extends BaseConfig {
  architecture: 'mohn';
  /** Shared MLP whose output every generated tower reads. */
  bottomUnits: number[];
  /** Width of the state vector the hypernetworks read. */
  stateUnits: number;
  /** Width of the attention keys and queries of the mixture layer. */
  attentionUnits: number;
}

export type MultiTaskModelConfig = SharedBottomConfig | MMoEConfig | PLEConfig | MoHNConfig;
export type Architecture = MultiTaskModelConfig['architecture'];

export const ARCHITECTURES: readonly Architecture[] = ['shared-bottom', 'mmoe', 'ple', 'mohn'];

/** Throws on counts that are not positive integers, or inputs the architecture cannot use. */
export function validateConfig(config: MultiTaskModelConfig): void {
  const { input } = config;
  const positive: Record<string, number> = { towerUnits: config.towerUnits, embeddingDim: input.embeddingDim };
  const nonNegative: Record<string, number> = {
    'input.numeric': input.numeric,
    'input.categorical': input.categorical,
    'input.stateNumeric': input.stateNumeric,
    'input.stateCategorical': input.stateCategorical,
  };
  switch (config.architecture) {
    case 'shared-bottom':
      config.bottomUnits.forEach((u, i) => {
        positive[`bottomUnits[${i}]`] = u;
      });
      break;
    case 'mmoe':
      Object.assign(positive, { experts: config.experts, expertUnits: config.expertUnits, expertLayers: config.expertLayers ?? 1 });
      break;
    case 'ple':
      Object.assign(positive, {
        levels: config.levels,
        taskExperts: config.taskExperts,
        sharedExperts: config.sharedExperts,
        expertUnits: config.expertUnits,
        expertLayers: config.expertLayers ?? 1,
      });
      break;
    case 'mohn':
      config.bottomUnits.forEach((u, i) => {
        positive[`bottomUnits[${i}]`] = u;
      });
      Object.assign(positive, { stateUnits: config.stateUnits, attentionUnits: config.attentionUnits });
      break;
    default:
      throw new Error(`unknown architecture ${(config as { architecture: string }).architecture} (known: ${ARCHITECTURES.join(', ')})`);
  }
  const fail = (problem: string) => new Error(`${config.architecture} config: ${problem}`);
  for (const [name, value] of Object.entries(positive)) {
    if (!Number.isInteger(value) || value < 1) throw fail(`${name} must be a positive integer, got ${value}`);
  }
  for (const [name, value] of Object.entries(nonNegative)) {
    if (!Number.isInteger(value) || value < 0) throw fail(`${name} must be a non-negative integer, got ${value}`);
  }
  if (input.numeric + input.categorical === 0) throw fail('no input features');
  if (input.categorical > 0 && input.vocabSize < 1) throw fail('categorical features need a vocabSize');
  if (input.stateNumeric > input.numeric || input.stateCategorical > input.categorical) throw fail('more state features than features');
  if (config.tasks.length === 0) throw fail('at least one task');
  if (new Set(config.tasks.map((t) => t.name)).size !== config.tasks.length) throw fail('task names must be unique');
}
