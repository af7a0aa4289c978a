import { type AlgorithmInfo, algorithms, getAlgorithm } from '@tradeoff/experiments';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';

import { publicProcedure, router } from '../trpc.ts';

/** What a client needs to build a form: the hyper schema as JSON Schema (input side, with defaults). */
function describe(algorithm: AlgorithmInfo) {
  return {
    name: algorithm.name,
    task: algorithm.task,
    title: algorithm.title,
    description: algorithm.description,
    /** `dataset.kind` values the algorithm trains on. */
    datasetKinds: [...algorithm.datasetKinds],
    hyperJsonSchema: z.toJSONSchema(algorithm.hyperSchema, { io: 'input', unrepresentable: 'any' }),
    exampleSpec: algorithm.exampleSpec,
  };
}

export type AlgorithmView = ReturnType<typeof describe>;

export const algorithmsRouter = router({
  list: publicProcedure.query(() => algorithms.map(describe)),
  get: publicProcedure.input(z.object({ name: z.string().min(1) })).query(({ input }) => {
    const algorithm = getAlgorithm(input.name);
    if (!algorithm) {
      const known = algorithms.map((a) => a.name).join(', ');
      throw new TRPCError({ code: 'NOT_FOUND', message: `unknown algorithm "${input.name}" (known: ${known})` });
    }
    return describe(algorithm);
  }),
});
