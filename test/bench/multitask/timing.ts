export interface Timing {
  medianMs: number;
  minMs: number;
  runs: number;
}

/** Times `run` `runs` times after `warmup` untimed calls; medians keep a busy machine's spikes out. */
export function time(run: () => void, runs: number, warmup: number): Timing {
  for (let i = 0; i < warmup; i++) run();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  return { medianMs: ms[Math.floor(ms.length / 2)]!, minMs: ms[0]!, runs };
}
