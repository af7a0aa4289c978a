import { createCaller, createContext } from '@tradeoff/api';
import { openRunQueue, type Store } from '@tradeoff/db';

/** The API router in this process, on `store`, as `tradeoff launch` uses it: trusted, acting as the local admin. */
export async function openApi(store: Store) {
  const queue = await openRunQueue(store.url);
  const caller = createCaller(createContext({ prisma: store.prisma, queue, trusted: true }));
  return { caller, queue, close: () => queue.stop() };
}
