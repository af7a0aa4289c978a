import { algorithmsRouter } from './routers/algorithms.ts';
import { artifactsRouter } from './routers/artifacts.ts';
import { authRouter } from './routers/auth.ts';
import { datasetsRouter } from './routers/datasets.ts';
import { experimentsRouter } from './routers/experiments.ts';
import { healthRouter } from './routers/health.ts';
import { metricsRouter } from './routers/metrics.ts';
import { projectsRouter } from './routers/projects.ts';
import { runsRouter } from './routers/runs.ts';
import { workersRouter } from './routers/workers.ts';
import { tokensRouter } from './routers/tokens.ts';
import { trackingRouter } from './routers/tracking.ts';
import { usersRouter } from './routers/users.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  health: healthRouter,
  projects: projectsRouter,
  datasets: datasetsRouter,
  experiments: experimentsRouter,
  runs: runsRouter,
  metrics: metricsRouter,
  algorithms: algorithmsRouter,
  artifacts: artifactsRouter,
  workers: workersRouter,
  auth: authRouter,
  users: usersRouter,
  tokens: tokensRouter,
  tracking: trackingRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side calls without HTTP (tests, server components): `createCaller(createContext(...))`. */
export const createCaller = createCallerFactory(appRouter);
