import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend';
import { MMoE, type MMoEConfig } from './mmoe';
import { readJsonFile } from './model-files';
import { Rng } from './rng';

const config: MMoEConfig = { inputDim: 12, tasks: ['income', 'never_married'], experts: 4, expertUnits: 6, towerUnits: 5, seed: 3 };

function randomInputs(rows: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: rows * config.inputDim }, () => rng.normal());
}

describe('MMoE', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('has experts, one softmax gate and one tower per task, and seeded initial weights', () => {
    const a = MMoE.create(config);
    const names = a.model.layers.map((l) => l.name);
    expect(names).toEqual(expect.arrayContaining(['experts', 'gate_0_income', 'gate_1_never_married', 'tower_0_income', 'logit_1_never_married']));
    // experts 12*24+24, gates 2*(12*4+4), towers 2*(6*5+5), logits 2*(5+1)
    expect(a.parameterCount()).toBe(312 + 104 + 70 + 12);
    const x = randomInputs(7, 1);
    const b = MMoE.create(config);
    const c = MMoE.create({ ...config, seed: 4 });
    expect(b.predict(x, 7)).toEqual(a.predict(x, 7));
    expect(c.predict(x, 7)).not.toEqual(a.predict(x, 7));
    for (const p of a.predict(x, 7)) for (const v of p) expect(v > 0 && v < 1).toBe(true);
    for (const m of [a, b, c]) m.dispose();
  });

  it('round-trips through model.json + weights.bin, also with plain tf.loadLayersModel', async () => {
    const model = MMoE.create(config);
    const x = randomInputs(9, 2);
    const files = await model.save();
    expect(Object.keys(files).sort()).toEqual(['model.json', 'weights.bin']);
    const json = readJsonFile<tf.io.ModelJSON>(files, 'model.json');
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest[0]?.paths).toEqual(['weights.bin']);
    expect(files['weights.bin']!.byteLength).toBe(model.parameterCount() * 4);

    const loaded = await MMoE.load(files);
    expect(loaded.config).toEqual(config);
    expect(loaded.predict(x, 9)).toEqual(model.predict(x, 9));

    const weights = files['weights.bin']!;
    const plain = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest[0]!.weights,
        weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
      }),
    );
    const logits = plain.predict(tf.tensor2d(x, [9, config.inputDim])) as tf.Tensor2D;
    const probabilities = tf.sigmoid(logits).dataSync();
    expect(probabilities[0]).toBeCloseTo(model.predict(x, 9)[0]![0]!, 6);
    for (const m of [model, loaded, plain]) m.dispose();
  });

  it('rejects a model.json without the MMoE config', async () => {
    const files = await MMoE.create(config).save();
    const json = readJsonFile<Record<string, unknown>>(files, 'model.json');
    delete json.userDefinedMetadata;
    files['model.json'] = new TextEncoder().encode(JSON.stringify(json));
    await expect(MMoE.load(files)).rejects.toThrow(/not an MMoE model/);
    expect(() => MMoE.create({ ...config, experts: 0 })).toThrow(/experts must be a positive integer/);
  });
});
