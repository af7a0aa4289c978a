export {
  ARCHITECTURES,
  type Architecture,
  type MMoEConfig,
  type ModelInputConfig,
  type MoHNConfig,
  type MultiTaskModelConfig,
  type PLEConfig,
  type SharedBottomConfig,
  type TaskHead,
} from './config';
export { MMoE, MoHN, type ModelInputs, MultiTaskModel, PLE, SharedBottom } from './multitask-model';
