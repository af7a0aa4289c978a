import { appRouter, createContext } from '@tradeoff/api';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';

import { platform } from '~/server/platform';

async function handler(req: Request) {
  const { prisma, queue } = await platform();
  const secure = new URL(req.url).protocol === 'https:' || req.headers.get('x-forwarded-proto') === 'https';
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    router: appRouter,
    req,
    // Identity comes only from the request's token or session cookie; requests are never trusted.
    createContext: ({ resHeaders }) => createContext({ prisma, queue, headers: req.headers, resHeaders, secure }),
    onError({ path, error }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? '?'}:`, error);
    },
  });
}

export const dynamic = 'force-dynamic';
export { handler as GET, handler as POST };
