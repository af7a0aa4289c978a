export { ActorCritic, type ActorCriticConfig } from './actor-critic';
export { DEEPPRL_DEFAULTS, type DeepPrlHyper } from './deepprl-hyper';
export { DeepPrlPolicy, fitDeepPrl } from './fit-deepprl';
export { type HistoryTensors, type TimeLstmConfig, TimeLstmEncoder } from './time-lstm';
