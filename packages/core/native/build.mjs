// `install` script of @tradeoff/core: builds the optional native kernels (build/Release/tradeoff_native.node)
// with node-gyp against the running Node's own headers. It never fails the install: without a C
// compiler, node-gyp or the headers, the engine runs on wasm alone.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// node-gyp would download headers it cannot find: they must already be installed with Node.
const nodedir = dirname(dirname(process.execPath));

function skip(reason) {
  console.warn(`@tradeoff/core: native kernels not built (${reason}); matmuls will run on wasm.`);
  process.exit(0);
}

if (!existsSync(join(nodedir, 'include', 'node', 'node_api.h'))) skip(`no Node headers in ${join(nodedir, 'include', 'node')}`);
let nodeGyp;
try {
  nodeGyp = createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
} catch {
  skip('node-gyp is not installed');
}
const build = spawnSync(process.execPath, [nodeGyp, 'rebuild', `--nodedir=${nodedir}`], { cwd: here, encoding: 'utf8' });
if (build.status !== 0) {
  const output = `${build.stdout ?? ''}\n${build.stderr ?? ''}`;
  skip(output.split('\n').find((line) => /error/i.test(line))?.trim() ?? build.error?.message ?? `node-gyp exited with ${build.status}`);
}
console.log('@tradeoff/core: built the native kernels (native/build/Release/tradeoff_native.node).');
