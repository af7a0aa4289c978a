import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { readJsonFile } from '../model-files';
import { Rng } from '../rng';
import { MMoE, type ModelInputs, MoHN, MultiTaskModel, PLE, SharedBottom } from './multitask-model';
import { TEST_INPUT, TEST_TASKS, testConfigs } from './test-configs';

function randomInputs(rows: number, seed: number): ModelInputs {
  const rng = new Rng(seed);
  return {
    rows,
    numeric: Float32Array.from({ length: rows * TEST_INPUT.numeric }, () => rng.normal()),
    // Field 0 uses table rows 0-4, field 1 rows 5-9.
    categorical: Int32Array.from({ length: rows * 2 }, (_, i) => (i % 2) * 5 + rng.int(5)),
  };
}

describe('multi-task models', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('build every architecture with seeded initial weights, probabilities for binary heads and values for regression', () => {
    const x = randomInputs(64, 1);
    for (const config of testConfigs()) {
      const a = MultiTaskModel.fromConfig(config);
      const b = MultiTaskModel.fromConfig(config);
      const c = MultiTaskModel.fromConfig({ ...config, seed: 2 });
      expect(a.constructor.name).toBe({ 'shared-bottom': 'SharedBottom', mmoe: 'MMoE', ple: 'PLE', mohn: 'MoHN' }[config.architecture]);
      const [clicks, playTimes] = a.predict(x);
      expect(b.predict(x)).toEqual([clicks, playTimes]);
      expect(c.predict(x)).not.toEqual([clicks, playTimes]);
      for (const p of clicks!) expect(p > 0 && p < 1).toBe(true);
      expect(playTimes!.some((v) => v < 0)).toBe(true);
      for (const m of [a, b, c]) m.dispose();
    }
  });

  it('have the layers and parameter counts of their architecture', () => {
    const [sb, mmoe, ple, mohn] = testConfigs().map((c) => MultiTaskModel.fromConfig(c)) as [SharedBottom, MMoE, PLE, MoHN];
    const names = (m: MultiTaskModel) => m.model.layers.map((l) => l.name);
    // Inputs: 3 numeric + 2 embedded fields of 4 = 11 wide; the embedding table has 10 x 4 weights.
    // Shared-Bottom: bottom 11*6+6, per task tower 6*5+5 and output 5+1.
    expect(sb.parameterCount()).toBe(40 + 72 + 2 * (35 + 6));
    // MMoE: experts 11*12+12, per task gate 11*3+3, tower 4*5+5, output 5+1.
    expect(mmoe.parameterCount()).toBe(40 + 144 + 2 * (36 + 25 + 6));
    expect(names(mmoe)).toEqual(expect.arrayContaining(['embeddings', 'experts', 'gate_0_click', 'gate_1_play_time', 'tower_1_play_time']));
    // Two-layer experts are separate MLPs: 11*4+4 and 4*4+4 each.
    const deep = MMoE.create({ ...(testConfigs()[1] as Parameters<typeof MMoE.create>[0]), expertLayers: 2 });
    expect(deep.parameterCount()).toBe(40 + 3 * (48 + 20) + 2 * (36 + 25 + 6));
    expect(names(deep)).toEqual(expect.arrayContaining(['experts_0_0', 'experts_2_1', 'experts_stack']));
    deep.dispose();
    // PLE: two levels; the shared gate only below the last level, over 2 + 2 + 1 experts.
    expect(names(ple)).toEqual(expect.arrayContaining(['l0_experts_0_click', 'l0_experts_shared', 'gate_l0_shared', 'gate_l1_1_play_time']));
    expect(names(ple)).not.toContain('gate_l1_shared');
    expect(ple.model.getLayer('gate_l0_shared').getWeights()[0]!.shape).toEqual([11, 5]);
    expect(ple.model.getLayer('gate_l1_0_click').getWeights()[0]!.shape).toEqual([4, 3]);
    // MoHN: the state is numeric feature 0 and embedded field 0 (1 + 4 values); each hypernetwork
    // generates a 6 x 5 tower kernel and 5 biases from the 3-wide state.
    expect(mohn.model.getLayer('state').getWeights()[0]!.shape).toEqual([5, 3]);
    expect(mohn.model.getLayer('hyper_0_click_kernel').getWeights()[0]!.shape).toEqual([3, 30]);
    expect(mohn.model.getLayer('hyper_1_play_time_bias').getWeights()[0]!.shape).toEqual([3, 5]);
    expect(mohn.model.getLayer('output_0_click').getWeights()[0]!.shape).toEqual([10, 1]);
    for (const m of [sb, mmoe, ple, mohn]) m.dispose();
  });

  it('round-trip through model.json + weights.bin, also with plain tf.loadLayersModel', async () => {
    const x = randomInputs(9, 2);
    for (const config of testConfigs()) {
      const model = MultiTaskModel.fromConfig(config);
      const files = await model.save();
      expect(Object.keys(files).sort()).toEqual(['model.json', 'weights.bin']);
      expect(files['weights.bin']!.byteLength).toBe(model.parameterCount() * 4);
      const loaded = await MultiTaskModel.load(files);
      expect(loaded.config).toEqual(config);
      expect(loaded.constructor).toBe(model.constructor);
      expect(loaded.predict(x)).toEqual(model.predict(x));

      const json = readJsonFile<tf.io.ModelJSON>(files, 'model.json');
      expect(json.format).toBe('layers-model');
      const weights = files['weights.bin']!;
      const plain = await tf.loadLayersModel(
        tf.io.fromMemory({
          modelTopology: json.modelTopology,
          weightSpecs: json.weightsManifest[0]!.weights,
          weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
        }),
      );
      const outputs = plain.predict(model.inputTensors(x)) as tf.Tensor2D;
      expect(outputs.dataSync()[1]).toBeCloseTo(model.predict(x)[1]![0]!, 5);
      for (const m of [model, loaded, plain]) m.dispose();
    }
  }, 30_000);

  it('reject bad configs and a model.json without one', async () => {
    const [sb] = testConfigs();
    expect(() => MMoE.create({ input: TEST_INPUT, tasks: TEST_TASKS, towerUnits: 5, seed: 0, experts: 0, expertUnits: 4 })).toThrow(/mmoe config: experts must be a positive integer/);
    expect(() => MultiTaskModel.fromConfig({ ...sb!, input: { ...TEST_INPUT, stateCategorical: 3 } })).toThrow(/more state features than features/);
    expect(() => MultiTaskModel.fromConfig({ ...sb!, tasks: [TEST_TASKS[0]!, TEST_TASKS[0]!] })).toThrow(/unique/);
    const model = SharedBottom.create({ input: TEST_INPUT, tasks: TEST_TASKS, towerUnits: 5, seed: 0, bottomUnits: [4] });
    const files = await model.save();
    const json = readJsonFile<Record<string, unknown>>(files, 'model.json');
    delete json.userDefinedMetadata;
    files['model.json'] = new TextEncoder().encode(JSON.stringify(json));
    await expect(MultiTaskModel.load(files)).rejects.toThrow(/not a multi-task model/);
    model.dispose();
  });

  it('read numeric-only and categorical-only inputs', () => {
    const numericOnly = PLE.create({ ...testConfigs()[2]!, input: { ...TEST_INPUT, categorical: 0, vocabSize: 0, stateCategorical: 0 } } as Parameters<typeof PLE.create>[0]);
    expect(numericOnly.predict({ rows: 2, numeric: new Float32Array(6), categorical: new Int32Array(0) })[0]).toHaveLength(2);
    const categoricalOnly = MoHN.create({ ...testConfigs()[3]!, input: { ...TEST_INPUT, numeric: 0, stateNumeric: 0 } } as Parameters<typeof MoHN.create>[0]);
    expect(categoricalOnly.predict({ rows: 1, numeric: new Float32Array(0), categorical: Int32Array.from([1, 6]) })[1]).toHaveLength(1);
    numericOnly.dispose();
    categoricalOnly.dispose();
  });
});
