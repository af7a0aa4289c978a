import { createCaller, createContext } from '@tradeoff/api';
import { openRunQueue, type Store } from '@tradeoff/db';

/** The API router in this process, on `store`, as the dashboard and `tradeoff launch` use it. */
export async function openApi(store: Store) {
  const queue = await openRunQueue(store.url);
  const caller = createCaller(createContext({ prisma: store.prisma, queue }));
  return { caller, queue, close: () => queue.stop() };
}
