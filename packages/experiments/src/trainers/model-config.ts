import type { ModelInputConfig, MultiTaskModelConfig } from '@tradeoff/core';
import type { FeaturizerState } from '@tradeoff/data';
import { mmoeHyperSchema } from '../algorithms/mmoe';
import { mohnHyperSchema } from '../algorithms/mohn';
import type { MultitaskHyper } from '../algorithms/multitask-common';
import { pleHyperSchema } from '../algorithms/ple';
import { sharedBottomHyperSchema } from '../algorithms/shared-bottom';
import type { Spec } from '../spec';

/** The spec's hyperparameters (defaults filled) and the model config they describe for this featurizer. */
export function modelConfig(spec: Spec, featurizer: FeaturizerState): { hyper: MultitaskHyper; config: MultiTaskModelConfig } {
  const input = (hyper: MultitaskHyper): ModelInputConfig => ({
    numeric: featurizer.numeric.length,
    categorical: featurizer.categorical.length,
    vocabSize: featurizer.vocabSize,
    embeddingDim: hyper.embeddingDim,
    stateNumeric: featurizer.stateNumeric,
    stateCategorical: featurizer.stateCategorical,
  });
  const base = (hyper: MultitaskHyper) => ({
    input: input(hyper),
    tasks: featurizer.tasks.map(({ name, type }) => ({ name, type })),
    towerUnits: hyper.towerUnits,
    seed: spec.seed,
  });
  switch (spec.algorithm) {
    case 'shared-bottom': {
      const hyper = sharedBottomHyperSchema.parse(spec.hyper);
      return { hyper, config: { ...base(hyper), architecture: 'shared-bottom', bottomUnits: hyper.bottomUnits } };
    }
    case 'mmoe': {
      const hyper = mmoeHyperSchema.parse(spec.hyper);
      const { experts, expertUnits, expertLayers } = hyper;
      return { hyper, config: { ...base(hyper), architecture: 'mmoe', experts, expertUnits, expertLayers } };
    }
    case 'ple': {
      const hyper = pleHyperSchema.parse(spec.hyper);
      const { levels, taskExperts, sharedExperts, expertUnits, expertLayers } = hyper;
      return { hyper, config: { ...base(hyper), architecture: 'ple', levels, taskExperts, sharedExperts, expertUnits, expertLayers } };
    }
    case 'mohn': {
      const hyper = mohnHyperSchema.parse(spec.hyper);
      const { bottomUnits, stateUnits, attentionUnits } = hyper;
      return { hyper, config: { ...base(hyper), architecture: 'mohn', bottomUnits, stateUnits, attentionUnits } };
    }
    default:
      throw new Error(`${spec.algorithm} is not a multi-task predictor`);
  }
}

/** Hyperparameters that shape data handling, readable before the featurizer exists. */
export function trainingHyper(spec: Spec): MultitaskHyper {
  const schemas = { 'shared-bottom': sharedBottomHyperSchema, mmoe: mmoeHyperSchema, ple: pleHyperSchema, mohn: mohnHyperSchema } as const;
  const schema = schemas[spec.algorithm as keyof typeof schemas];
  if (!schema) throw new Error(`${spec.algorithm} is not a multi-task predictor`);
  return schema.parse(spec.hyper);
}
