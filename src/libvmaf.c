/*
 * Context life cycle, extractor registration and picture submission
 * (include/libvmaf/libvmaf.h). Scores, pooling and output are in score.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "context.h"
#include "cpu.h"
#include "dict.h"
#include "feature/registry.h"
#include "model/model.h"

VMAFX_EXPORT int vmaf_init(VmafContext **vmaf, VmafConfiguration cfg)
{
    if (!vmaf)
        return -EINVAL;
    *vmaf = NULL;
    VmafContext *v = calloc(1, sizeof(*v));
    if (!v)
        return -ENOMEM;
    v->cfg = cfg;
    /* the level is unsigned: anything above DEBUG is DEBUG, as upstream */
    v->log.level = (unsigned)cfg.log_level > VMAF_LOG_LEVEL_DEBUG
                       ? VMAF_LOG_LEVEL_DEBUG : cfg.log_level;
    v->log.color = isatty(STDERR_FILENO);
    v->cpu_flags = vmafx_cpu_allowed(cfg.cpumask);
    pthread_mutex_init(&v->error_lock, NULL);

    int err = vmafx_store_create(&v->store);
    if (!err && cfg.n_threads)
        err = vmafx_thread_pool_create(&v->workers, cfg.n_threads, cfg.n_threads);
    if (err) {
        vmafx_store_destroy(v->store);
        pthread_mutex_destroy(&v->error_lock);
        free(v);
        return err;
    }
    vmafx_log_set_default(&v->log);
    *vmaf = v;
    return 0;
}

VMAFX_EXPORT int vmaf_close(VmafContext *vmaf)
{
    if (!vmaf)
        return -EINVAL;
    vmafx_thread_pool_destroy(vmaf->workers);
    for (unsigned i = 0; i < vmaf->n_fex; i++)
        vmafx_fex_instance_destroy(vmaf->fex[i]);
    free(vmaf->fex);
    vmafx_pool_drop(vmaf->pic_pool);
    vmafx_store_destroy(vmaf->store);
    free(vmaf->percentiles);
    pthread_mutex_destroy(&vmaf->error_lock);
    memset(vmaf, 0, sizeof(*vmaf)); /* poison: a second close reads zeroes */
    free(vmaf);
    return 0;
}

/*
 * Creates an instance and registers it unless one with the same identity exists.
 * Takes *opts in every case except -ENOMEM before parsing.
 */
static int register_extractor(VmafContext *v, const VmafxFeatureExtractor *fex,
                              VmafFeatureDictionary **opts)
{
    VmafxFexInstance *inst;
    int err = vmafx_fex_instance_create(&inst, fex, opts, v->store, &v->log, v->cpu_flags);
    if (err)
        return err;
    for (unsigned i = 0; i < v->n_fex; i++) {
        if (!strcmp(v->fex[i]->identity, inst->identity)) {
            vmafx_fex_instance_destroy(inst); /* first registration wins */
            return 0;
        }
    }
    if (v->n_fex == v->cap_fex) {
        unsigned cap = v->cap_fex ? v->cap_fex * 2 : 8;
        VmafxFexInstance **f = realloc(v->fex, cap * sizeof(*f));
        if (!f) {
            vmafx_fex_instance_destroy(inst);
            return -ENOMEM;
        }
        v->fex = f;
        v->cap_fex = cap;
    }
    v->fex[v->n_fex++] = inst;

    if (v->log.level >= VMAF_LOG_LEVEL_DEBUG) {
        size_t n = inst->opts ? inst->opts->n : 0;
        vmafx_log(&v->log, VMAF_LOG_LEVEL_DEBUG,
                  "feature extractor \"%s\" registered with %zu opts\n", fex->name, n);
        for (size_t i = 0; i < n; i++)
            vmafx_log(&v->log, VMAF_LOG_LEVEL_DEBUG, "%s: %s\n", inst->opts->entry[i].key,
                      inst->opts->entry[i].val);
    }
    return 0;
}

VMAFX_EXPORT int vmaf_use_feature(VmafContext *vmaf, const char *feature_name,
                                  VmafFeatureDictionary *opts_dict)
{
    if (!vmaf || !feature_name)
        return -EINVAL;
    const VmafxFeatureExtractor *fex = vmafx_registry_find(feature_name);
    if (!fex)
        return -EINVAL; /* dictionary stays with the caller */
    VmafFeatureDictionary *opts = opts_dict;
    int err = register_extractor(vmaf, fex, &opts);
    vmafx_dict_free(&opts); /* consumed in every outcome from here on */
    return err ? -EINVAL : 0;
}

VMAFX_EXPORT int vmaf_use_features_from_model(VmafContext *vmaf, VmafModel *model)
{
    if (!vmaf || !model)
        return -EINVAL;
    size_t n = vmafx_model_feature_count(model);
    for (size_t k = 0; k < n; k++) {
        const char *name = vmafx_model_feature_name(model, k);
        const VmafxFeatureExtractor *fex = vmafx_registry_find_provider(name);
        VmafFeatureDictionary *opts = NULL;
        int err = fex ? vmafx_dict_copy(&opts, vmafx_model_feature_opts(model, k)) : -EINVAL;
        if (!err)
            err = register_extractor(vmaf, fex, &opts);
        vmafx_dict_free(&opts);
        if (err) {
            vmafx_log(&vmaf->log, VMAF_LOG_LEVEL_ERROR,
                      "could not initialize feature extractor \"%s\"\n", name);
            return err == -ENOMEM ? -ENOMEM : -EINVAL;
        }
    }
    return 0;
}

VMAFX_EXPORT int vmaf_use_features_from_model_collection(VmafContext *vmaf,
                                                         VmafModelCollection *c)
{
    if (!vmaf || !c)
        return -EINVAL;
    int first_err = 0;
    for (size_t j = 0; j < vmafx_collection_size(c); j++) {
        int err = vmaf_use_features_from_model(vmaf, vmafx_collection_member(c, j));
        if (err && !first_err)
            first_err = err;
    }
    return first_err;
}

VMAFX_EXPORT int vmaf_import_feature_score(VmafContext *vmaf, const char *feature_name,
                                           double value, unsigned index)
{
    if (!vmaf || !feature_name)
        return -EINVAL;
    int err = vmafx_store_append(vmaf->store, feature_name, value, index);
    if (err == -EINVAL)
        vmafx_log(&vmaf->log, VMAF_LOG_LEVEL_WARNING,
                  "feature \"%s\" cannot be overwritten at index %u\n", feature_name, index);
    return err;
}

/* ---- picture submission ---- */

static bool runs_on_every_frame(const VmafxFexInstance *inst)
{
    return inst->fex->flags & (VMAFX_FEX_TEMPORAL | VMAFX_FEX_PREV_REF);
}

static bool skipped_by_subsample(const VmafContext *v, const VmafxFexInstance *inst,
                                 unsigned index)
{
    return v->cfg.n_subsample > 1 && index % v->cfg.n_subsample &&
           !runs_on_every_frame(inst);
}

static int run_extractor(VmafContext *v, VmafxFexInstance *inst, const VmafPicture *ref,
                         const VmafPicture *dist, unsigned index)
{
    vmafx_fex_instance_set_geometry(inst, v->pix_fmt, v->bpc, v->w, v->h);
    int err = vmafx_fex_instance_extract(inst, ref, dist, index);
    if (err)
        vmafx_log(&v->log, VMAF_LOG_LEVEL_WARNING,
                  "problem with feature extractor \"%s\" at index %u\n", inst->fex->name,
                  index);
    return err;
}

/* One extractor on one frame pair, run by a worker. Jobs of one frame are
 * independent (each instance keeps per-worker state), so a frame's extractors
 * spread over the workers and the last frames of a stream finish together. */
typedef struct ExtractJob {
    VmafContext *v;
    VmafPicture ref, dist; /* references held by the job */
    unsigned index;
    VmafxFexInstance *fex;
} ExtractJob;

static void extract_job_run(void *arg)
{
    ExtractJob *job = arg;
    VmafContext *v = job->v;
    int err = run_extractor(v, job->fex, &job->ref, &job->dist, job->index);
    if (err) {
        pthread_mutex_lock(&v->error_lock);
        if (!v->worker_error)
            v->worker_error = err;
        pthread_mutex_unlock(&v->error_lock);
    }
    vmaf_picture_unref(&job->ref);
    vmaf_picture_unref(&job->dist);
    free(job);
}

static int submit_extract_job(VmafContext *v, VmafxFexInstance *inst, const VmafPicture *ref,
                              const VmafPicture *dist, unsigned index)
{
    ExtractJob *job = calloc(1, sizeof(*job));
    if (!job)
        return -ENOMEM;
    job->v = v;
    job->fex = inst;
    job->index = index;
    vmafx_picture_ref(&job->ref, ref);
    vmafx_picture_ref(&job->dist, dist);
    int err = vmafx_thread_pool_submit(v->workers, extract_job_run, job);
    if (err) {
        vmaf_picture_unref(&job->ref);
        vmaf_picture_unref(&job->dist);
        free(job);
    }
    return err;
}

static int validate_pair(VmafContext *v, const VmafPicture *ref, const VmafPicture *dist)
{
    if (!v->have_geometry) {
        v->have_geometry = true;
        v->pix_fmt = ref->pix_fmt;
        v->bpc = ref->bpc;
        v->w = ref->w[0];
        v->h = ref->h[0];
    }
    if (!vmafx_picture_is_ours(ref) || !vmafx_picture_is_ours(dist))
        return -EINVAL;
    if (ref->w[0] != dist->w[0] || ref->h[0] != dist->h[0] || ref->pix_fmt != dist->pix_fmt)
        return -EINVAL;
    if (ref->w[0] != v->w || ref->h[0] != v->h || ref->pix_fmt != v->pix_fmt)
        return -EINVAL;
    /* Upstream accepts some bit-depth mismatches and then misreads samples;
     * VMAFX requires one depth for the whole stream. */
    if (ref->bpc != dist->bpc || ref->bpc != v->bpc)
        return -EINVAL;
    if (ref->pix_fmt < VMAF_PIX_FMT_YUV420P || ref->pix_fmt > VMAF_PIX_FMT_YUV400P)
        return -EINVAL;
    return 0;
}

static int flush(VmafContext *v)
{
    if (v->flushed)
        return -EINVAL;
    if (!v->n_read && v->n_fex) {
        bool any_every_frame = false;
        for (unsigned i = 0; i < v->n_fex; i++)
            any_every_frame |= runs_on_every_frame(v->fex[i]);
        if (!v->workers || any_every_frame)
            return -EINVAL; /* upstream quirk: the context stays unflushed */
    }
    vmafx_thread_pool_wait(v->workers);
    int err = 0;
    for (unsigned i = 0; i < v->n_fex; i++) {
        int e = vmafx_fex_instance_flush(v->fex[i]);
        if (e && !err)
            err = e;
    }
    v->flushed = true;
    /* Errors of worker jobs surface here (upstream loses them). */
    pthread_mutex_lock(&v->error_lock);
    if (!err)
        err = v->worker_error;
    pthread_mutex_unlock(&v->error_lock);
    return err ? -EINVAL : 0;
}

VMAFX_EXPORT int vmaf_read_pictures(VmafContext *vmaf, VmafPicture *ref,
                                    VmafPicture *dist, unsigned index)
{
    if (!vmaf || vmaf->flushed)
        return -EINVAL;
    if (!ref && !dist)
        return flush(vmaf);
    if (!ref || !dist)
        return -EINVAL;

    vmaf->pic_cnt++;
    int err = validate_pair(vmaf, ref, dist);
    if (err)
        return err;

    /* The first pair of a threaded context runs its extractors in parallel too,
     * with their writes staged and then committed in registration order, so
     * the key order is the unthreaded one. */
    const bool first_threaded = vmaf->workers && !vmaf->n_read;
    for (unsigned i = 0; first_threaded && i < vmaf->n_fex; i++)
        vmaf->fex[i]->staging = true;

    for (unsigned i = 0; i < vmaf->n_fex && !err; i++) {
        VmafxFexInstance *inst = vmaf->fex[i];
        if (skipped_by_subsample(vmaf, inst, index))
            continue;
        if (vmaf->workers && !runs_on_every_frame(inst))
            err = submit_extract_job(vmaf, inst, ref, dist, index);
        else
            err = run_extractor(vmaf, inst, ref, dist, index) ? -EINVAL : 0;
    }

    if (first_threaded) {
        vmafx_thread_pool_wait(vmaf->workers);
        for (unsigned i = 0; i < vmaf->n_fex; i++) {
            int e = vmafx_fex_instance_commit(vmaf->fex[i]);
            if (e && !err)
                err = -EINVAL;
        }
        /* an extractor that failed on the first pair fails the call, as unthreaded */
        pthread_mutex_lock(&vmaf->error_lock);
        if (vmaf->worker_error && !err)
            err = -EINVAL;
        pthread_mutex_unlock(&vmaf->error_lock);
    }
    if (err)
        return err;

    vmaf->n_read++;
    if (ref == dist) {
        vmaf_picture_unref(ref); /* upstream quirk: released once, reported as error */
        return -EINVAL;
    }
    vmaf_picture_unref(ref);
    vmaf_picture_unref(dist);
    return 0;
}

/* ---- preallocated pictures ---- */

VMAFX_EXPORT int vmaf_preallocate_pictures(VmafContext *vmaf, VmafPictureConfiguration cfg)
{
    if (!vmaf)
        return -EINVAL;
    VmafxPicturePool *pool = NULL;
    int err = vmafx_pool_create(&pool, cfg.pic_params.pix_fmt, cfg.pic_params.bpc,
                                cfg.pic_params.w, cfg.pic_params.h, cfg.pic_cnt);
    /* the old pool is given up either way (upstream drops it on failure too) */
    vmafx_pool_drop(vmaf->pic_pool);
    vmaf->pic_pool = err ? NULL : pool;
    return err;
}

VMAFX_EXPORT int vmaf_fetch_preallocated_picture(VmafContext *vmaf, VmafPicture *pic)
{
    if (!vmaf || !pic)
        return -EINVAL;
    if (!vmaf->pic_pool && vmaf->workers && vmaf->n_read) {
        /* upstream creates a pool of 2 * n_threads + 2 pictures on the first read
         * of a threaded context; VMAFX creates it on first use */
        int err = vmafx_pool_create(&vmaf->pic_pool, vmaf->pix_fmt, vmaf->bpc, vmaf->w,
                                    vmaf->h, 2 * vmaf->cfg.n_threads + 2);
        if (err)
            return err;
    }
    if (!vmaf->pic_pool)
        return -EINVAL;
    return vmafx_pool_fetch(vmaf->pic_pool, pic);
}
