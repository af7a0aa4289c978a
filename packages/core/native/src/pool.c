/* A persistent pool of worker threads: creating threads per product would cost more than the
 * smaller products take. Workers sleep on a condition variable between jobs, so they take no CPU
 * from other processes when idle. */
#include "pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <unistd.h>

enum { MAX_THREADS = 256 };

static pthread_mutex_t run_lock = PTHREAD_MUTEX_INITIALIZER; /* one job at a time */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static pthread_cond_t finished = PTHREAD_COND_INITIALIZER;

static pool_task job_task;
static void *job_context;
static int job_count;
static int job_helpers; /* workers with an id below this take part */
static int pending;     /* helpers still working */
static unsigned long generation;
static atomic_int next_index;

static int started; /* workers created so far */
static int threads; /* 0: not chosen yet */

static void drain(void) {
  int i;
  while ((i = atomic_fetch_add(&next_index, 1)) < job_count) job_task(job_context, i);
}

static void *worker(void *arg) {
  int id = (int)(intptr_t)arg;
  unsigned long seen = 0;
  pthread_mutex_lock(&lock);
  for (;;) {
    while (generation == seen) pthread_cond_wait(&wake, &lock);
    seen = generation;
    if (id >= job_helpers) continue;
    pthread_mutex_unlock(&lock);
    drain();
    pthread_mutex_lock(&lock);
    if (--pending == 0) pthread_cond_signal(&finished);
  }
  return NULL;
}

int pool_threads(void) {
  if (threads == 0) {
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    pool_set_threads(cores < 1 ? 1 : (int)cores);
  }
  return threads;
}

void pool_set_threads(int n) {
  threads = n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : n;
}

/* Creates workers up to `helpers`; returns how many exist (fewer if the system refuses). */
static int ensure_workers(int helpers) {
  while (started < helpers) {
    pthread_t thread;
    if (pthread_create(&thread, NULL, worker, (void *)(intptr_t)started) != 0) break;
    pthread_detach(thread);
    started++;
  }
  return started < helpers ? started : helpers;
}

void pool_run(pool_task task, void *context, int count) {
  pthread_mutex_lock(&run_lock);
  int helpers = (pool_threads() < count ? pool_threads() : count) - 1;
  if (helpers > 0) helpers = ensure_workers(helpers);
  if (helpers <= 0) {
    for (int i = 0; i < count; i++) task(context, i);
    pthread_mutex_unlock(&run_lock);
    return;
  }
  pthread_mutex_lock(&lock);
  job_task = task;
  job_context = context;
  job_count = count;
  job_helpers = helpers;
  pending = helpers;
  atomic_store(&next_index, 0);
  generation++;
  pthread_cond_broadcast(&wake);
  pthread_mutex_unlock(&lock);

  drain();

  pthread_mutex_lock(&lock);
  while (pending > 0) pthread_cond_wait(&finished, &lock);
  pthread_mutex_unlock(&lock);
  pthread_mutex_unlock(&run_lock);
}
