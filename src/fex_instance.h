/*
 * Extractor instances: an extractor descriptor plus its parsed options, the key
 * suffix those options imply, and the private state copies that run frames.
 */
#ifndef VMAFX_SRC_FEX_INSTANCE_H
#define VMAFX_SRC_FEX_INSTANCE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "feature/extractor.h"
#include "feature_store.h"
#include "libvmaf/feature.h"
#include "log.h"

struct VmafxFexCtx {
    struct VmafxFexInstance *inst;
};

/* One private state (priv) able to run frames; non-temporal extractors get one per worker. */
typedef struct VmafxFexWorker {
    void *priv;
    VmafxFexCtx ctx;
    bool initialized;
    struct VmafxFexWorker *next_all;  /* every worker of the instance */
    struct VmafxFexWorker *next_idle; /* workers ready to run */
} VmafxFexWorker;

typedef struct VmafxFexInstance {
    const VmafxFeatureExtractor *fex;
    VmafFeatureDictionary *opts; /* owned; string options point into it */
    void *parsed;                /* options parsed into a priv-sized block (template) */
    char *suffix;                /* "" or e.g. "_mmxv_18" */
    char *identity;              /* name + suffix */
    VmafxFeatureStore *store;
    const VmafxLogger *log;
    unsigned cpu_flags;
    /* geometry of the stream, for lazy init */
    enum VmafPixelFormat pix_fmt;
    unsigned bpc, w, h;
    bool have_geometry;

    pthread_mutex_t lock;     /* guards the worker lists */
    VmafxFexWorker *idle;     /* workers ready to run */
    VmafxFexWorker *all;      /* every worker, for close/flush */
    int init_error;           /* first init() failure, returned from then on */

    /* While `staging` is set (the first frame of a threaded context), writes are
     * kept here instead of going to the store, and vmafx_fex_instance_commit()
     * stores them later in registration order: the key order of the reports then
     * does not depend on which worker finishes first. One writer at a time. */
    bool staging;
    struct VmafxStagedWrite *staged;
    unsigned n_staged, cap_staged;
} VmafxFexInstance;

/*
 * Parses `opts` with the option table into a zeroed priv-sized block. Unknown keys
 * are ignored. Returns 0 or -EINVAL (bad value), -ENOMEM.
 */
int vmafx_fex_parse_options(const VmafxFeatureExtractor *fex,
                            const VmafFeatureDictionary *opts, void **parsed);

/* Builds the key suffix of parsed options ("" when all at default). Caller frees. */
char *vmafx_fex_suffix(const VmafxFeatureExtractor *fex, const void *parsed);

/*
 * Store key of output `name` for an extractor with `suffix`:
 * name itself when suffix is empty, else alias(name) + suffix (cut to 255 chars).
 */
void vmafx_fex_make_key(char *buf, size_t size, const char *name, const char *suffix);

/*
 * Creates an instance. Takes ownership of *opts (set to NULL) on success and on
 * -EINVAL from option parsing; returns 0, -EINVAL, -ENOMEM.
 */
int vmafx_fex_instance_create(VmafxFexInstance **inst, const VmafxFeatureExtractor *fex,
                              VmafFeatureDictionary **opts, VmafxFeatureStore *store,
                              const VmafxLogger *log, unsigned cpu_flags);

void vmafx_fex_instance_destroy(VmafxFexInstance *inst);

/* Runs one frame (acquires a worker, initialising it on first use). */
int vmafx_fex_instance_extract(VmafxFexInstance *inst, const VmafPicture *ref,
                               const VmafPicture *dist, unsigned index);

/* Stores the staged writes in the order they were made and ends staging.
 * Returns 0, or the first store error (-EINVAL: value exists, -ENOMEM). */
int vmafx_fex_instance_commit(VmafxFexInstance *inst);

/* Runs the end-of-stream step of every initialised worker. */
int vmafx_fex_instance_flush(VmafxFexInstance *inst);

/* Sets stream geometry (before the first extract). */
void vmafx_fex_instance_set_geometry(VmafxFexInstance *inst, enum VmafPixelFormat fmt,
                                     unsigned bpc, unsigned w, unsigned h);

#endif /* VMAFX_SRC_FEX_INSTANCE_H */
