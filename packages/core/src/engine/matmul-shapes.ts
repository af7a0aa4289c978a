import type * as tfjs from '@tensorflow/tfjs';
import { sizeOf } from './kernel-registry';

/** The dimensions of op(a) x op(b) with op(a): [...outerA, m, k] and op(b): [...outerB, kB, n]. */
export interface MatMulShapes {
  m: number;
  k: number;
  /** op(b)'s inner dimension: equal to k in a valid product. */
  kB: number;
  n: number;
  outerA: number[];
  outerB: number[];
  batchA: number;
  batchB: number;
  /** Both operands have the same batch shape. */
  sameOuter: boolean;
}

/** Reads a BatchMatMul/_FusedMatMul call's dimensions from its operands (rank >= 2) and transpose flags. */
export function matMulShapes(a: tfjs.TensorInfo, b: tfjs.TensorInfo, transposeA: boolean, transposeB: boolean): MatMulShapes {
  const [m, k] = transposeA ? [a.shape.at(-1)!, a.shape.at(-2)!] : [a.shape.at(-2)!, a.shape.at(-1)!];
  const [kB, n] = transposeB ? [b.shape.at(-1)!, b.shape.at(-2)!] : [b.shape.at(-2)!, b.shape.at(-1)!];
  const outerA = a.shape.slice(0, -2);
  const outerB = b.shape.slice(0, -2);
  const sameOuter = outerA.length === outerB.length && outerA.every((d, i) => d === outerB[i]);
  return { m, k, kB, n, outerA, outerB, batchA: sizeOf(outerA), batchB: sizeOf(outerB), sameOuter };
}
