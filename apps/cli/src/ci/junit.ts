import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

import junit from 'junit-report-builder';

import type { Check } from './check.ts';

/** JUnit XML with one testcase per check, as CI systems (GitHub, GitLab, Jenkins) display it. */
export function junitXml(suiteName: string, checks: Check[], seconds: number): string {
  const builder = junit.newBuilder();
  const suite = builder.testSuite().name(suiteName).time(seconds);
  for (const check of checks) {
    const testCase = suite.testCase().className(`tradeoff.ci.${check.kind}`).name(check.name);
    if (check.actual !== undefined) testCase.standardOutput(`${check.metric} = ${check.actual}${check.expected ? `; expected ${check.expected}` : ''}`);
    if (!check.passed) testCase.failure(check.message ?? 'failed', check.kind);
  }
  return builder.build();
}

export async function writeJunit(file: string, suiteName: string, checks: Check[], seconds: number): Promise<void> {
  const path = resolve(file);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, junitXml(suiteName, checks, seconds));
}
