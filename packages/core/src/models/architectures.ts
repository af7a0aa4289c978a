import type * as tf from '@tensorflow/tfjs';
import { add, concat, dot, flatten, type GraphBuilder, type InputGraph, relu, reshape, softmax, taskId, weightedSum } from './builder';
import type { MMoEConfig, MoHNConfig, MultiTaskModelConfig, PLEConfig, SharedBottomConfig } from './config';

type Symbolic = tf.SymbolicTensor;

/** The output units of every task (one each), from the input graph. */
type Body<C> = (builder: GraphBuilder, graph: InputGraph, config: C) => Symbolic[];

const sharedBottom: Body<SharedBottomConfig> = (b, { features }, config) => {
  const bottom = b.mlp('bottom', config.bottomUnits, features);
  return config.tasks.map((task, k) => b.tower(taskId(task, k), config.towerUnits, bottom));
};

const mmoe: Body<MMoEConfig> = (b, { features }, config) => {
  const experts = b.experts('experts', config.experts, config.expertUnits, config.expertLayers ?? 1, features);
  return config.tasks.map((task, k) => {
    const id = taskId(task, k);
    return b.tower(id, config.towerUnits, b.gatedMix(id, features, experts));
  });
};

/**
 * Each level has experts per task and shared experts. A task's gate mixes its own experts and the
 * shared ones; the shared gate (on every level but the last) mixes all experts and feeds the
 * shared experts of the next level. Towers read the tasks' outputs of the last level.
 */
const ple: Body<PLEConfig> = (b, { features }, config) => {
  const ids = config.tasks.map(taskId);
  let taskInputs = ids.map(() => features);
  let sharedInput = features;
  for (let level = 0; level < config.levels; level++) {
    const own = ids.map((id, k) => b.experts(`l${level}_experts_${id}`, config.taskExperts, config.expertUnits, config.expertLayers ?? 1, taskInputs[k]!));
    const shared = b.experts(`l${level}_experts_shared`, config.sharedExperts, config.expertUnits, config.expertLayers ?? 1, sharedInput);
    const nextTasks = ids.map((id, k) => b.gatedMix(`l${level}_${id}`, taskInputs[k]!, concat(`l${level}_pool_${id}`, [own[k]!, shared], 1)));
    if (level < config.levels - 1) sharedInput = b.gatedMix(`l${level}_shared`, sharedInput, concat(`l${level}_pool_shared`, [...own, shared], 1));
    taskInputs = nextTasks;
  }
  return ids.map((id, k) => b.tower(id, config.towerUnits, taskInputs[k]!));
};

/**
 * Per task, a hypernetwork maps the state vector z to the weights and bias of that task's tower
 * layer: h_k = relu(W_k(z)^T x + b_k(z)) over the shared bottom's output x. A mixture-attention
 * layer then lets each task read the other towers: scores = softmax(K h_j . q_k(h_k)) over j,
 * m_k = sum_j scores_j h_j, and the output unit reads [h_k, m_k].
 */
const mohn: Body<MoHNConfig> = (b, { features, state }, config) => {
  const bottom = b.mlp('bottom', config.bottomUnits, features);
  const width = bottom.shape[1]!;
  const units = config.towerUnits;
  const z = b.dense('state', config.stateUnits, 'relu', state);
  const row = reshape('bottom_row', [1, width], bottom);
  const ids = config.tasks.map(taskId);
  const hidden = ids.map((id) => {
    const weights = reshape(`hyper_${id}_weights`, [width, units], b.hyperDense(`hyper_${id}_kernel`, width, units, z));
    const bias = b.dense(`hyper_${id}_bias`, units, 'linear', z);
    const product = flatten(`tower_${id}_product`, dot(`tower_${id}_dot`, [2, 1], row, weights));
    return relu(`tower_${id}`, add(`tower_${id}_biased`, product, bias));
  });
  const stack = concat('towers', hidden.map((h, k) => reshape(`towers_${ids[k]}`, [1, units], h)), 1);
  const keys = b.dense('attention_keys', config.attentionUnits, 'linear', stack);
  return ids.map((id, k) => {
    const query = reshape(`attention_${id}_query_column`, [config.attentionUnits, 1], b.dense(`attention_${id}_query`, config.attentionUnits, 'linear', hidden[k]!));
    const scores = softmax(`attention_${id}_scores`, flatten(`attention_${id}_logits`, dot(`attention_${id}_dot`, [2, 1], keys, query)));
    const mixed = weightedSum(`attention_${id}`, scores, stack);
    return b.dense(`output_${id}`, 1, 'linear', concat(`output_${id}_input`, [hidden[k]!, mixed]));
  });
};

export function buildBody(builder: GraphBuilder, graph: InputGraph, config: MultiTaskModelConfig): Symbolic[] {
  switch (config.architecture) {
    case 'shared-bottom':
      return sharedBottom(builder, graph, config);
    case 'mmoe':
      return mmoe(builder, graph, config);
    case 'ple':
      return ple(builder, graph, config);
    case 'mohn':
      return mohn(builder, graph, config);
  }
}
