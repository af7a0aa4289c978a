// `npm start [-- --port N]`: install if needed, build the dashboard (cached by turbo), start the platform.
import { ensureInstall, runBin } from './ensure-install.mjs';

ensureInstall();
const buildStatus = runBin('turbo', ['run', 'build', '--filter=@tradeoff/dashboard', '--output-logs=errors-only']);
if (buildStatus !== 0) process.exit(buildStatus);
process.exit(runBin('tsx', ['apps/cli/src/main.ts', 'start', ...process.argv.slice(2)]));
