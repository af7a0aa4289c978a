export { startWorker, defaultWorkerId, type RunningWorker, type WorkerOptions } from './start-worker.ts';
export { runWorkerProcess } from './worker-process.ts';
export { executeRun, type RunContext, type RunOutcome } from './execute-run.ts';
export { createPostgresSink, type PostgresSink, type PostgresSinkOptions } from './postgres-sink.ts';
export { parseWorkerEnv, workerEnvSchema, type WorkerEnv } from './env.ts';
export { createLogger, type Logger } from './logger.ts';
