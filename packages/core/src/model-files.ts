import * as tf from '@tensorflow/tfjs';

/** Named binary files of a saved model or checkpoint (e.g. `model.json`, `weights.bin`). */
export type ModelFiles = Record<string, Uint8Array>;

export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function jsonFile(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value, null, 1));
}

export function readJsonFile<T>(files: ModelFiles, name: string): T {
  return JSON.parse(decoder.decode(requireFile(files, name))) as T;
}

export function requireFile(files: ModelFiles, name: string): Uint8Array {
  const file = files[name];
  if (!file) throw new Error(`missing file ${name} (have: ${Object.keys(files).join(', ') || 'none'})`);
  return file;
}

/** An ArrayBuffer holding exactly the bytes of `bytes` (a Uint8Array may view a larger buffer). */
export function exactBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Tensors -> `<name>.json` (weight specs) + `<name>.bin` (TensorFlow.js weight encoding). */
export async function encodeTensors(name: string, tensors: NamedTensor[], meta: unknown): Promise<ModelFiles> {
  const { data, specs } = await tf.io.encodeWeights(tensors);
  return {
    [`${name}.json`]: jsonFile({ meta, weights: specs }),
    [`${name}.bin`]: new Uint8Array(data),
  };
}

export function decodeTensors<M>(name: string, files: ModelFiles): { meta: M; tensors: tf.NamedTensorMap } {
  const { meta, weights } = readJsonFile<{ meta: M; weights: tf.io.WeightsManifestEntry[] }>(files, `${name}.json`);
  return { meta, tensors: tf.io.decodeWeights(exactBuffer(requireFile(files, `${name}.bin`)), weights) };
}
