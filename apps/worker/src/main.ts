// The worker app on its own (`tsx apps/worker/src/main.ts`); `tradeoff worker` runs the same.
import { runWorkerProcess } from './worker-process.ts';

await runWorkerProcess();
process.exit(0);
