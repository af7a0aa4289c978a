import type { Check } from './check.ts';

const cell = (value: number | undefined) => (value === undefined ? '-' : Number(value.toPrecision(6)).toString());

/** A plain-text table of the checks and a final verdict line. */
export function summaryTable(checks: Check[]): string {
  const rows = [
    ['result', 'check', 'actual', 'expected'],
    ...checks.map((c) => [c.passed ? 'PASS' : 'FAIL', c.name, cell(c.actual), c.expected ?? '-']),
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  const lines = rows.map((row) => row.map((text, col) => text.padEnd(widths[col]!)).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const failed = checks.filter((c) => !c.passed);
  for (const c of failed) if (c.message) lines.push(`FAIL ${c.name}: ${c.message}`);
  lines.push(failed.length === 0 ? `ci: all ${checks.length} checks passed` : `ci: ${failed.length} of ${checks.length} checks failed`);
  return lines.join('\n');
}
