/**
 * All weight vectors of m non-negative components summing to 1 with components in steps of
 * 1/divisions: C(divisions + m - 1, m - 1) vectors, in lexicographic order of the first components
 * descending (so the first is (1, 0, ..., 0)).
 */
export function simplexGrid(m: number, divisions: number): number[][] {
  if (!Number.isInteger(m) || m < 1) throw new Error(`simplexGrid: m must be a positive integer, got ${m}`);
  if (!Number.isInteger(divisions) || divisions < 1) throw new Error(`simplexGrid: divisions must be a positive integer, got ${divisions}`);
  const out: number[][] = [];
  const counts = new Array<number>(m).fill(0);
  const fill = (j: number, left: number) => {
    if (j === m - 1) {
      counts[j] = left;
      out.push(counts.map((c) => c / divisions));
      return;
    }
    for (let c = left; c >= 0; c--) {
      counts[j] = c;
      fill(j + 1, left - c);
    }
  };
  fill(0, divisions);
  return out;
}
