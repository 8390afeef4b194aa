/*
 * Worker pool. Jobs are kept in a ring buffer; `pending` counts queued plus
 * running jobs so that wait() knows when everything is done.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "thread_pool.h"

#define WORKER_STACK_SIZE (4u << 20)

typedef struct Job {
    VmafxJobFn fn;
    void *arg;
} Job;

struct VmafxThreadPool {
    pthread_mutex_t lock;
    pthread_cond_t job_ready, slot_free, all_done;
    Job *ring;
    unsigned cap, head, count, pending;
    bool stop;
    pthread_t *threads;
    unsigned n_threads;
};

static void *worker_main(void *arg)
{
    VmafxThreadPool *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->count && !p->stop)
            pthread_cond_wait(&p->job_ready, &p->lock);
        if (!p->count && p->stop)
            break;
        Job job = p->ring[p->head];
        p->head = (p->head + 1) % p->cap;
        p->count--;
        pthread_cond_signal(&p->slot_free);
        pthread_mutex_unlock(&p->lock);
        job.fn(job.arg);
        pthread_mutex_lock(&p->lock);
        if (--p->pending == 0)
            pthread_cond_broadcast(&p->all_done);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

int vmafx_thread_pool_create(VmafxThreadPool **out, unsigned n_threads,
                             unsigned queue_capacity)
{
    if (!out || !n_threads || !queue_capacity)
        return -EINVAL;
    VmafxThreadPool *p = calloc(1, sizeof(*p));
    if (!p)
        return -ENOMEM;
    p->ring = calloc(queue_capacity, sizeof(*p->ring));
    p->threads = calloc(n_threads, sizeof(*p->threads));
    if (!p->ring || !p->threads) {
        free(p->ring);
        free(p->threads);
        free(p);
        return -ENOMEM;
    }
    p->cap = queue_capacity;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->job_ready, NULL);
    pthread_cond_init(&p->slot_free, NULL);
    pthread_cond_init(&p->all_done, NULL);

    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, WORKER_STACK_SIZE);
    for (unsigned i = 0; i < n_threads; i++) {
        if (pthread_create(&p->threads[i], &attr, worker_main, p))
            break;
        p->n_threads++;
    }
    pthread_attr_destroy(&attr);
    if (!p->n_threads) {
        vmafx_thread_pool_destroy(p);
        return -ENOMEM;
    }
    *out = p;
    return 0;
}

int vmafx_thread_pool_submit(VmafxThreadPool *p, VmafxJobFn fn, void *arg)
{
    pthread_mutex_lock(&p->lock);
    while (p->count == p->cap)
        pthread_cond_wait(&p->slot_free, &p->lock);
    p->ring[(p->head + p->count) % p->cap] = (Job){ fn, arg };
    p->count++;
    p->pending++;
    pthread_cond_signal(&p->job_ready);
    pthread_mutex_unlock(&p->lock);
    return 0;
}

void vmafx_thread_pool_wait(VmafxThreadPool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    while (p->pending)
        pthread_cond_wait(&p->all_done, &p->lock);
    pthread_mutex_unlock(&p->lock);
}

void vmafx_thread_pool_destroy(VmafxThreadPool *p)
{
    if (!p)
        return;
    vmafx_thread_pool_wait(p);
    pthread_mutex_lock(&p->lock);
    p->stop = true;
    pthread_cond_broadcast(&p->job_ready);
    pthread_mutex_unlock(&p->lock);
    for (unsigned i = 0; i < p->n_threads; i++)
        pthread_join(p->threads[i], NULL);
    pthread_cond_destroy(&p->job_ready);
    pthread_cond_destroy(&p->slot_free);
    pthread_cond_destroy(&p->all_done);
    pthread_mutex_destroy(&p->lock);
    free(p->ring);
    free(p->threads);
    free(p);
}
