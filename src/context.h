/*
 * The scoring context (struct VmafContext) shared by the libvmaf.c entry points.
 */
#ifndef VMAFX_SRC_CONTEXT_H
#define VMAFX_SRC_CONTEXT_H

#include <pthread.h>
#include <stdbool.h>

#include "fex_instance.h"
#include "feature_store.h"
#include "libvmaf/libvmaf.h"
#include "log.h"
#include "picture.h"
#include "thread_pool.h"

struct VmafContext {
    VmafConfiguration cfg;
    VmafxLogger log;
    unsigned cpu_flags;
    VmafxFeatureStore *store;

    VmafxFexInstance **fex; /* registration order */
    unsigned n_fex, cap_fex;

    VmafxThreadPool *workers;  /* NULL when n_threads == 0 */
    VmafxPicturePool *pic_pool;

    bool have_geometry; /* latched from the first submitted reference picture */
    enum VmafPixelFormat pix_fmt;
    unsigned bpc, w, h;

    unsigned pic_cnt;  /* pairs submitted, failed validation included */
    unsigned n_read;   /* pairs accepted */
    bool flushed;

    double *percentiles;  /* extra pooled report entries (vmafx extension) */
    unsigned n_percentiles;

    pthread_mutex_t error_lock;
    int worker_error;  /* first error from a worker job */
};

#endif /* VMAFX_SRC_CONTEXT_H */
