// The fusion preparations of a results or tuning script, one per pipeline setup: the predictor
// and request batches depend on the data, the objectives and every hyper but the policy's.
import { MemoryRunSink, type Spec } from '../src/index';
import { type PreparedFusion, prepareFusion } from '../src/trainers/fusion/train';

const prepared = new Map<string, Promise<PreparedFusion>>();

export function preparedFusion(spec: Spec): Promise<PreparedFusion> {
  const key = JSON.stringify({ dataset: spec.dataset, objectives: spec.objectives, hyper: { ...spec.hyper, policy: undefined } });
  let entry = prepared.get(key);
  if (!entry) {
    entry = prepareFusion(spec, new MemoryRunSink(), {});
    prepared.set(key, entry);
  }
  return entry;
}

/** The first setup prepared (the script's main one), if any. */
export async function firstPreparedFusion(): Promise<PreparedFusion | undefined> {
  const first = prepared.values().next().value;
  return first ? await first : undefined;
}
