// `npm run bench -- NAME [args]`: installs if needed, then runs the benchmark script
// test/bench/NAME/main.ts with the workspace's tsx. Benchmarks print tables; they are not tests.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInstall, repoRoot, runBin } from './ensure-install.mjs';

const benchDir = join(repoRoot, 'test', 'bench');
const available = readdirSync(benchDir).filter((name) => existsSync(join(benchDir, name, 'main.ts')));
const [name, ...args] = process.argv.slice(2);

if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- NAME [args]; NAME is one of: ${available.join(', ')}`);
  process.exit(1);
}
ensureInstall();
process.exit(runBin('tsx', [join(benchDir, name, 'main.ts'), ...args]));
