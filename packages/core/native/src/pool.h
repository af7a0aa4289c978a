#ifndef TRADEOFF_POOL_H
#define TRADEOFF_POOL_H

typedef void (*pool_task)(void *context, int index);

/* Runs task(context, 0..count-1) on the calling thread and up to pool_threads() - 1 workers;
 * returns when all are done. Calls from several threads at once are serialised. */
void pool_run(pool_task task, void *context, int count);

/* Threads a pool_run may use (the caller included): the number of online cores unless set. */
int pool_threads(void);
void pool_set_threads(int threads);

#endif
