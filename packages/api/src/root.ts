import { algorithmsRouter } from './routers/algorithms.ts';
import { datasetsRouter } from './routers/datasets.ts';
import { experimentsRouter } from './routers/experiments.ts';
import { healthRouter } from './routers/health.ts';
import { metricsRouter } from './routers/metrics.ts';
import { projectsRouter } from './routers/projects.ts';
import { runsRouter } from './routers/runs.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  health: healthRouter,
  projects: projectsRouter,
  datasets: datasetsRouter,
  experiments: experimentsRouter,
  runs: runsRouter,
  metrics: metricsRouter,
  algorithms: algorithmsRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side calls without HTTP (tests, server components): `createCaller(createContext(...))`. */
export const createCaller = createCallerFactory(appRouter);
