// `npm test`: install if needed, make sure the real services the tests use are there (Postgres when
// this machine has it, Debian Chromium for browser tests), run typecheck, lint and every package's
// tests through turbo, and print one summary line counted from vitest's JSON reports.
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInstall, repoRoot, runBin } from './ensure-install.mjs';
import { ensureChromium, ensurePostgres } from './services.mjs';

const REPORT = '.vitest-report.json';

ensureInstall();
ensurePostgres();
ensureChromium();

const reportFiles = packageDirs().map((dir) => join(dir, REPORT));
for (const file of reportFiles) rmSync(file, { force: true });

const checkStatus = runBin('turbo', ['run', 'typecheck', 'lint', '--continue', '--output-logs=errors-only']);
// One package's tests at a time: each suite trains models or runs servers, and on 2 cores several at
// once only trade speed for time-outs.
const testStatus = runBin('turbo', [
  'run', 'test', '--continue', '--concurrency=1', '--output-logs=full',
  '--', '--reporter=default', '--reporter=json', `--outputFile.json=${REPORT}`,
]);

let passed = 0, failed = 0, skipped = 0;
for (const file of reportFiles.filter(existsSync)) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (checkStatus !== 0) console.error('typecheck or lint failed (see above)');
process.exit(checkStatus !== 0 || testStatus !== 0 || failed > 0 ? 1 : 0);

function packageDirs() {
  const dirs = [join(repoRoot, 'test')];
  for (const group of ['packages', 'apps']) {
    for (const name of readdirSync(join(repoRoot, group))) dirs.push(join(repoRoot, group, name));
  }
  return dirs;
}
