/*
 * A fixed-size worker pool with a bounded job queue (submitters block while it is
 * full, which bounds the pictures in flight).
 */
#ifndef VMAFX_SRC_THREAD_POOL_H
#define VMAFX_SRC_THREAD_POOL_H

typedef struct VmafxThreadPool VmafxThreadPool;
typedef void (*VmafxJobFn)(void *arg);

int vmafx_thread_pool_create(VmafxThreadPool **pool, unsigned n_threads,
                             unsigned queue_capacity);
/* Queues fn(arg); blocks while the queue is full. 0 or -ENOMEM. */
int vmafx_thread_pool_submit(VmafxThreadPool *pool, VmafxJobFn fn, void *arg);
/* Returns once every submitted job has finished. */
void vmafx_thread_pool_wait(VmafxThreadPool *pool);
/* Waits, stops and joins the workers, frees the pool. NULL-safe. */
void vmafx_thread_pool_destroy(VmafxThreadPool *pool);

#endif /* VMAFX_SRC_THREAD_POOL_H */
