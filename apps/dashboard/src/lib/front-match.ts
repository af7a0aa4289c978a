/**
 * Which of a front's objectives a final metric is: the same name, or a metric named after it
 * (`test/ndcg@10/click` is objective `click`). -1 when none.
 */
export function frontObjectiveIndex(metric: string, objectives: readonly string[]): number {
  const exact = objectives.indexOf(metric);
  if (exact >= 0) return exact;
  return objectives.findIndex((objective) => metric.endsWith(`/${objective}`));
}
