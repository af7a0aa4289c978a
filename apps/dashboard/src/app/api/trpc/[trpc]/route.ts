import { appRouter, createContext } from '@tradeoff/api';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';

import { platform } from '~/server/platform';

async function handler(req: Request) {
  const { prisma, queue } = await platform();
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    router: appRouter,
    req,
    createContext: () => createContext({ prisma, queue, headers: req.headers }),
    onError({ path, error }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? '?'}:`, error);
    },
  });
}

export const dynamic = 'force-dynamic';
export { handler as GET, handler as POST };
