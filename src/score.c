/*
 * Model scores, pooling and report output (include/libvmaf/libvmaf.h).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "context.h"
#include "feature/registry.h"
#include "libvmaf/vmafx.h"
#include "model/model.h"
#include "report.h"

#define MAX_KEY_LEN 255

typedef struct LookupState {
    VmafContext *v;
    unsigned index;
} LookupState;

/* Resolves a model feature to its store key (extractor lookup + suffix rule). */
static int model_feature_key(const char *feature_name, const VmafFeatureDictionary *opts,
                             char *key, size_t size)
{
    const VmafxFeatureExtractor *fex = vmafx_registry_find_provider(feature_name);
    if (!fex) {
        snprintf(key, size, "%s", feature_name);
        return 0; /* e.g. an imported key: looked up verbatim */
    }
    void *parsed;
    int err = vmafx_fex_parse_options(fex, opts, &parsed);
    if (err)
        return err;
    char *suffix = vmafx_fex_suffix(fex, parsed);
    free(parsed);
    if (!suffix)
        return -ENOMEM;
    vmafx_fex_make_key(key, size, feature_name, suffix);
    free(suffix);
    return 0;
}

static int lookup_feature(void *user, const char *feature_name,
                          const VmafFeatureDictionary *opts, double *value)
{
    LookupState *st = user;
    char key[MAX_KEY_LEN + 1];
    int err = model_feature_key(feature_name, opts, key, sizeof(key));
    if (!err)
        err = vmafx_store_get(st->v->store, key, st->index, value);
    if (err)
        vmafx_log(&st->v->log, VMAF_LOG_LEVEL_ERROR,
                  "vmaf_predict_score_at_index(): no feature '%s' at index %u\n", key,
                  st->index);
    return err ? -EINVAL : 0;
}

VMAFX_EXPORT int vmaf_score_at_index(VmafContext *vmaf, VmafModel *model, double *score,
                                     unsigned index)
{
    if (!vmaf || !model || !score)
        return -EINVAL;
    const char *name = vmafx_model_name(model);
    if (!vmafx_store_get(vmaf->store, name, index, score))
        return 0; /* cached (or imported) value wins */
    LookupState st = { vmaf, index };
    double s;
    int err = vmafx_model_predict(model, lookup_feature, &st, 0, &s, NULL);
    if (err)
        return err < 0 ? err : -EINVAL;
    err = vmafx_store_append(vmaf->store, name, s, index);
    if (err)
        return err;
    *score = s;
    return 0;
}

static const char *const stat_suffix[4] = { "_bagging", "_stddev", "_ci_p95_lo",
                                            "_ci_p95_hi" };

VMAFX_EXPORT int vmaf_score_at_index_model_collection(VmafContext *vmaf,
                                                      VmafModelCollection *c,
                                                      VmafModelCollectionScore *score,
                                                      unsigned index)
{
    if (!vmaf || !c || !score)
        return -EINVAL;
    size_t n = vmafx_collection_size(c);
    double *member = calloc(n ? n : 1, sizeof(*member));
    if (!member)
        return -ENOMEM;
    LookupState st = { vmaf, index };
    VmafModelCollectionScore s;
    int err = vmafx_collection_predict(c, lookup_feature, &st, member, &s, NULL);
    if (err) {
        free(member);
        return err < 0 ? err : -EINVAL;
    }
    for (size_t j = 0; j < n && !err; j++)
        err = vmaf_import_feature_score(vmaf, vmafx_model_name(vmafx_collection_member(c, j)),
                                        member[j], index);
    free(member);
    if (err)
        return err;

    const double stat[4] = { s.bootstrap.bagging_score, s.bootstrap.stddev,
                             s.bootstrap.ci.p95.lo, s.bootstrap.ci.p95.hi };
    const char *base = vmafx_collection_name(c);
    for (int i = 0; i < 4; i++) {
        char key[MAX_KEY_LEN + 1];
        snprintf(key, sizeof(key), "%s%s", base, stat_suffix[i]);
        int e = vmaf_import_feature_score(vmaf, key, stat[i], index);
        if (e && !err)
            err = e;
    }
    if (err)
        return err;
    *score = s;
    return 0;
}

VMAFX_EXPORT int vmaf_feature_score_at_index(VmafContext *vmaf, const char *feature_name,
                                             double *score, unsigned index)
{
    if (!vmaf || !feature_name || !score)
        return -EINVAL;
    return vmafx_store_get(vmaf->store, feature_name, index, score);
}

static bool index_participates(const VmafContext *v, unsigned i)
{
    return v->cfg.n_subsample <= 1 || i % v->cfg.n_subsample == 0;
}

static int pool_key_by_name(VmafContext *v, const char *name,
                            enum VmafPoolingMethod method, double *score, unsigned lo,
                            unsigned hi)
{
    const int k = vmafx_store_key_index(v->store, name);
    if (k < 0)
        return -EINVAL;
    return vmafx_pool_key(v->store, (unsigned)k, method, lo, hi, v->cfg.n_subsample, score);
}

VMAFX_EXPORT int vmaf_feature_score_pooled(VmafContext *vmaf, const char *feature_name,
                                           enum VmafPoolingMethod pool_method,
                                           double *score, unsigned index_low,
                                           unsigned index_high)
{
    if (!vmaf || !feature_name || !score || index_low > index_high ||
        pool_method <= VMAF_POOL_METHOD_UNKNOWN || pool_method >= VMAF_POOL_METHOD_NB)
        return -EINVAL;
    return pool_key_by_name(vmaf, feature_name, pool_method, score, index_low, index_high);
}

VMAFX_EXPORT int vmaf_score_pooled(VmafContext *vmaf, VmafModel *model,
                                   enum VmafPoolingMethod pool_method, double *score,
                                   unsigned index_low, unsigned index_high)
{
    if (!vmaf || !model || !score || index_low > index_high ||
        pool_method == VMAF_POOL_METHOD_UNKNOWN)
        return -EINVAL;
    for (unsigned i = index_low;; i++) {
        if (index_participates(vmaf, i)) {
            double s;
            int err = vmaf_score_at_index(vmaf, model, &s, i);
            if (err)
                return err;
        }
        if (i == index_high)
            break;
    }
    /* upstream rejects methods >= NB only after storing the per-frame scores */
    if (pool_method >= VMAF_POOL_METHOD_NB)
        return -EINVAL;
    return pool_key_by_name(vmaf, vmafx_model_name(model), pool_method, score, index_low,
                            index_high);
}

VMAFX_EXPORT int vmaf_score_pooled_model_collection(VmafContext *vmaf,
                                                    VmafModelCollection *c,
                                                    enum VmafPoolingMethod pool_method,
                                                    VmafModelCollectionScore *score,
                                                    unsigned index_low,
                                                    unsigned index_high)
{
    if (!vmaf || !c || !score || index_low > index_high ||
        pool_method == VMAF_POOL_METHOD_UNKNOWN)
        return -EINVAL;
    for (unsigned i = index_low;; i++) {
        if (index_participates(vmaf, i)) {
            VmafModelCollectionScore s;
            int err = vmaf_score_at_index_model_collection(vmaf, c, &s, i);
            if (err)
                return err;
        }
        if (i == index_high)
            break;
    }
    score->type = VMAF_MODEL_COLLECTION_SCORE_BOOTSTRAP;
    double *dst[4] = { &score->bootstrap.bagging_score, &score->bootstrap.stddev,
                       &score->bootstrap.ci.p95.lo, &score->bootstrap.ci.p95.hi };
    int err = 0;
    for (int i = 0; i < 4; i++) {
        char key[MAX_KEY_LEN + 1];
        snprintf(key, sizeof(key), "%s%s", vmafx_collection_name(c), stat_suffix[i]);
        int e = pool_key_by_name(vmaf, key, pool_method, dst[i], index_low, index_high);
        if (e && !err)
            err = e;
    }
    return err;
}

/* ---- percentiles (VMAFX extension) ---- */

#define MAX_PERCENTILES 16

VMAFX_EXPORT int vmafx_set_report_percentiles(VmafContext *vmaf, const double *percentiles,
                                              unsigned count)
{
    if (!vmaf || (count && !percentiles) || count > MAX_PERCENTILES)
        return -EINVAL;
    for (unsigned i = 0; i < count; i++)
        if (!(percentiles[i] >= 0.0 && percentiles[i] <= 100.0))
            return -EINVAL;
    double *copy = NULL;
    if (count) {
        copy = malloc(count * sizeof(*copy));
        if (!copy)
            return -ENOMEM;
        memcpy(copy, percentiles, count * sizeof(*copy));
    }
    free(vmaf->percentiles);
    vmaf->percentiles = copy;
    vmaf->n_percentiles = count;
    return 0;
}

VMAFX_EXPORT int vmafx_feature_score_percentile(VmafContext *vmaf, const char *feature_name,
                                                double percentile, double *score,
                                                unsigned index_low, unsigned index_high)
{
    if (!vmaf || !feature_name || !score || index_low > index_high)
        return -EINVAL;
    const int k = vmafx_store_key_index(vmaf->store, feature_name);
    if (k < 0)
        return -EINVAL;
    return vmafx_pool_key_percentile(vmaf->store, (unsigned)k, percentile, index_low,
                                     index_high, vmaf->cfg.n_subsample, score);
}

/* ---- output ---- */

static bool valid_format(enum VmafOutputFormat fmt)
{
    return fmt >= VMAF_OUTPUT_FORMAT_XML && fmt <= VMAF_OUTPUT_FORMAT_SUB;
}

VMAFX_EXPORT int vmafx_write_output_stream(VmafContext *vmaf, FILE *out,
                                           enum VmafOutputFormat fmt)
{
    if (!vmaf || !out || !valid_format(fmt))
        return -EINVAL;
    VmafxReportParams p = {
        .version = vmaf_version(),
        .width = vmaf->have_geometry ? vmaf->w : 0,
        .height = vmaf->have_geometry ? vmaf->h : 0,
        .pic_cnt = vmaf->pic_cnt,
        .n_subsample = vmaf->cfg.n_subsample,
        .percentiles = vmaf->percentiles,
        .n_percentiles = vmaf->n_percentiles,
    };
    /* a runtime division: 0 / 0 must give the CPU's NaN, as upstream prints it */
    volatile double seconds = vmafx_store_cpu_seconds(vmaf->store);
    p.fps = (double)vmaf->pic_cnt / seconds;
    int err = vmafx_report_write(out, vmaf->store, fmt, &p);
    if (!err && (fflush(out) || ferror(out)))
        err = -EIO;
    return err;
}

VMAFX_EXPORT int vmaf_write_output(VmafContext *vmaf, const char *output_path,
                                   enum VmafOutputFormat fmt)
{
    if (!vmaf || !valid_format(fmt))
        return -EINVAL;
    FILE *f = output_path ? fopen(output_path, "w") : NULL;
    if (!f) {
        fprintf(stderr, "could not open file: %s\n", output_path ? output_path : "(null)");
        return -EINVAL;
    }
    int err = vmafx_write_output_stream(vmaf, f, fmt);
    if (fclose(f) && !err)
        err = -EIO;
    return err;
}
