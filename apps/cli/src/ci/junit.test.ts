import { describe, expect, test } from 'vitest';

import { junitXml } from './junit.ts';
import { summaryTable } from './summary.ts';

const checks = [
  { kind: 'run' as const, name: 'run r1', expected: 'finished', passed: true },
  { kind: 'assert' as const, name: 'test/auc/income>=0.95', metric: 'test/auc/income', actual: 0.94, expected: '>= 0.95', passed: false, message: 'test/auc/income = 0.94, expected >= 0.95 & <not> "more"' },
];

describe('reports', () => {
  test('JUnit XML: one testcase per check, failures carry the message, special characters escaped', () => {
    const xml = junitXml('tradeoff ci: <MMoE> & "census"', checks, 12.5);
    // In attribute values `<`, `&` and `"` must be escaped (`>` may stay).
    expect(xml).toContain('name="tradeoff ci: &lt;MMoE> &amp; &quot;census&quot;"');
    expect(xml).toMatch(/<testsuites tests="2" failures="1"/);
    const cases = xml.match(/<testcase /g);
    expect(cases).toHaveLength(2);
    expect(xml).toMatch(/<testcase classname="tradeoff.ci.assert" name="test\/auc\/income>=0.95">\s*<failure message="test\/auc\/income = 0.94, expected >= 0.95 &amp; &lt;not> &quot;more&quot;" type="assert"\/>/);
  });

  test('the summary table lists each check, the failures with their reason, and a verdict', () => {
    const table = summaryTable(checks);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^result\s+check\s+actual\s+expected$/);
    expect(lines[2]).toMatch(/^PASS\s+run r1\s+-\s+finished$/);
    expect(lines[3]).toMatch(/^FAIL\s+test\/auc\/income>=0.95\s+0.94\s+>= 0.95$/);
    expect(lines.at(-1)).toBe('ci: 1 of 2 checks failed');
  });
});
