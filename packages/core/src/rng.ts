/**
 * Small seeded PRNG (sfc32, seeded through splitmix32) for shuffles and synthetic data. Pure JS so
 * that data code can use it without TensorFlow.js; the state is four uint32s, easy to checkpoint.
 */
export class Rng {
  private s: Uint32Array;

  /** Mixes any number of integers (e.g. seed and epoch) into one independent stream. */
  constructor(...seed: number[]) {
    let h = 0x9e3779b9;
    for (const part of seed) h = splitmix32(h ^ (part >>> 0) ^ Math.floor(part / 2 ** 32));
    this.s = new Uint32Array(4);
    for (let i = 0; i < 4; i++) this.s[i] = h = splitmix32(h + i);
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const s = this.s;
    const a = s[0]!, b = s[1]!, c = s[2]!, d = s[3]!;
    const t = (((a + b) >>> 0) + d) >>> 0;
    s[3] = (d + 1) >>> 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) >>> 0;
    s[2] = ((c << 21) | (c >>> 11)) + t;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 2 ** 32;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
  permutation(n: number): Uint32Array {
    const p = new Uint32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i]!;
      p[i] = p[j]!;
      p[j] = t;
    }
    return p;
  }

  state(): number[] {
    return [...this.s];
  }

  static fromState(state: readonly number[]): Rng {
    const rng = new Rng();
    rng.s = Uint32Array.from(state);
    return rng;
  }
}

function splitmix32(x: number): number {
  x = (x + 0x9e3779b9) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}
