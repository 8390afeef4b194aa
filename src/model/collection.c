/*
 * Bootstrap model collections (motion-model-reports.md B.7): loading members
 * "0".."K", overloads, per-frame member scores and statistics, and the public
 * vmaf_model_collection_* entry points (api-abi.md 4.22-4.25).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "dict.h"
#include "log.h"
#include "model/model_priv.h"

struct VmafModelCollection {
    char *name;         /* base name, that of the main model */
    size_t n;
    VmafModel **member; /* members "1".."K", named "<base>_%04d" */
};

static void collection_free(VmafModelCollection *c)
{
    if (!c)
        return;
    for (size_t j = 0; j < c->n; j++)
        vmaf_model_destroy(c->member[j]);
    free(c->member);
    free(c->name);
    free(c);
}

/*
 * Members are taken in document order while their key equals the next expected
 * number ("0", "1", ...); keys out of order are skipped (quirk).
 */
static int collect_members(const VmafxJson *root, const VmafxJson ***taken, size_t *count)
{
    *taken = NULL;
    *count = 0;
    if (root->type != VMAFX_JSON_OBJECT)
        return -EINVAL;
    const VmafxJson **t = malloc((root->n ? root->n : 1) * sizeof(*t));
    if (!t)
        return -ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < root->n; i++) {
        char expected[32];
        snprintf(expected, sizeof(expected), "%zu", n);
        if (!strcmp(root->key[i], expected))
            t[n++] = &root->child[i];
    }
    if (n < 2) {
        free(t);
        return -EINVAL;
    }
    *taken = t;
    *count = n;
    return 0;
}

static int build_collection(VmafModel **model, VmafModelCollection **out,
                            const VmafxJson *root, const char *base, uint64_t flags)
{
    const VmafxJson **taken;
    size_t n;
    int err = collect_members(root, &taken, &n);
    if (err)
        return err;

    VmafModelCollection *c = calloc(1, sizeof(*c));
    size_t name_size = strlen(base) + 32;
    char *name = malloc(name_size);
    if (!c || !name || !(c->name = malloc(strlen(base) + 1)) ||
        !(c->member = calloc(n - 1, sizeof(*c->member)))) {
        err = -ENOMEM;
        goto fail;
    }
    memcpy(c->name, base, strlen(base) + 1);

    if ((err = vmafx_model_from_json(model, taken[0], base, flags)))
        goto fail;
    for (size_t j = 1; j < n; j++) {
        snprintf(name, name_size, "%s_%04zu", base, j);
        if ((err = vmafx_model_from_json(&c->member[j - 1], taken[j], name, flags)))
            goto fail;
        c->n = j;
    }
    free(name);
    free(taken);
    *out = c;
    return 0;

fail:
    vmaf_model_destroy(*model);
    *model = NULL;
    collection_free(c);
    free(name);
    free(taken);
    return err;
}

int vmafx_collection_load_buffer(VmafModel **model, VmafModelCollection **collection,
                                 const VmafModelConfig *cfg, const char *buf, size_t size)
{
    if (model)
        *model = NULL;
    if (collection)
        *collection = NULL;
    if (!model || !collection || !cfg || !buf)
        return -EINVAL;
    VmafxJson *root;
    int err = vmafx_json_parse(buf, size, &root);
    if (err)
        return err;
    err = build_collection(model, collection, root, cfg->name ? cfg->name : "vmaf",
                           cfg->flags);
    vmafx_json_free(root);
    return err;
}

/* ---- accessors ---- */

size_t vmafx_collection_size(const VmafModelCollection *c)
{
    return c ? c->n : 0;
}

VmafModel *vmafx_collection_member(const VmafModelCollection *c, size_t j)
{
    return c && j < c->n ? c->member[j] : NULL;
}

const char *vmafx_collection_name(const VmafModelCollection *c)
{
    return c ? c->name : NULL;
}

/* ---- bootstrap statistics ---- */

/* Total order for qsort; NaNs sort last so the comparison stays consistent. */
static int compare_doubles(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    if (x < y)
        return -1;
    if (x > y)
        return 1;
    if (x == y)
        return 0;
    return (isnan(x) != 0) - (isnan(y) != 0);
}

/* Linear-interpolated percentile of sorted q[0..n) (B.7 step 5). */
static double percentile(const double *q, size_t n, double perc)
{
    const double p = (perc * (double)(n - 1)) / 100.0;
    const double l = floor(p), u = ceil(p);
    const size_t li = (size_t)l, ui = (size_t)u;
    if (l == u)
        return q[li];
    return q[li] * (u - p) + q[ui] * (p - l);
}

int vmafx_collection_predict(const VmafModelCollection *c, VmafxFeatureLookup lookup,
                             void *user, double *member_scores,
                             VmafModelCollectionScore *stats, const char **missing)
{
    if (missing)
        *missing = NULL;
    if (!c || !c->n || !lookup || !member_scores || !stats)
        return -EINVAL;

    const size_t n = c->n;
    double *raw = malloc(2 * n * sizeof(*raw));
    if (!raw)
        return -ENOMEM;
    double *sorted = raw + n;

    for (size_t j = 0; j < n; j++) {
        /* Raw = transform and clip disabled; the written score applies the
         * member's own settings to the same value. */
        int err = vmafx_model_predict_raw(c->member[j], lookup, user, &raw[j], missing);
        if (err) {
            free(raw);
            return err < 0 ? err : -EINVAL; /* a member without a value */
        }
        member_scores[j] = vmafx_model_finish(c->member[j], raw[j], 0);
    }

    double sum = 0.0;
    for (size_t j = 0; j < n; j++)
        sum += raw[j];
    const double mean = sum / (double)n;
    double var = 0.0;
    for (size_t j = 0; j < n; j++)
        var += pow(raw[j] - mean, 2.0);
    const double sd = sqrt(var / (double)n);

    memcpy(sorted, raw, n * sizeof(*raw));
    qsort(sorted, n, sizeof(*sorted), compare_doubles);
    const double lo = percentile(sorted, n, 2.5);
    const double hi = percentile(sorted, n, 97.5);
    free(raw);

    const VmafModel *m1 = c->member[0];
    const double slope = (vmafx_model_finish(m1, mean + 0.01, 0) -
                          vmafx_model_finish(m1, mean - 0.01, 0)) / (2.0 * 0.01);
    stats->type = VMAF_MODEL_COLLECTION_SCORE_BOOTSTRAP;
    stats->bootstrap.bagging_score = vmafx_model_finish(m1, mean, 0);
    stats->bootstrap.stddev = sd * slope;
    stats->bootstrap.ci.p95.lo = vmafx_model_finish(m1, lo, 0);
    stats->bootstrap.ci.p95.hi = vmafx_model_finish(m1, hi, 0);
    return 0;
}

/* ---- public API ---- */

VMAFX_EXPORT int vmaf_model_collection_load(VmafModel **model,
                                            VmafModelCollection **model_collection,
                                            VmafModelConfig *cfg, const char *version)
{
    if (model)
        *model = NULL;
    if (model_collection)
        *model_collection = NULL;
    if (!model || !model_collection || !cfg || !version)
        return -EINVAL;
    const VmafxBuiltinModel *b = vmafx_builtin_model_find(version);
    if (!b) {
        vmafx_log(NULL, VMAF_LOG_LEVEL_WARNING,
                  "no such built-in model collection: \"%s\"\n", version);
        return -EINVAL;
    }
    /* A plain model is not a collection: -EINVAL without a message. */
    return vmafx_collection_load_buffer(model, model_collection, cfg,
                                        (const char *)b->json, b->size);
}

VMAFX_EXPORT int vmaf_model_collection_load_from_path(VmafModel **model,
                                                      VmafModelCollection **model_collection,
                                                      VmafModelConfig *cfg, const char *path)
{
    if (model)
        *model = NULL;
    if (model_collection)
        *model_collection = NULL;
    if (!model || !model_collection || !cfg || !path)
        return -EINVAL;
    char *buf;
    size_t size;
    int err = vmafx_read_file(path, &buf, &size);
    if (!err) {
        err = vmafx_collection_load_buffer(model, model_collection, cfg, buf, size);
        free(buf);
    }
    if (err)
        vmafx_log(NULL, VMAF_LOG_LEVEL_ERROR,
                  "could not read model collection from path: \"%s\"\n", path);
    return err;
}

VMAFX_EXPORT int vmaf_model_collection_feature_overload(VmafModel *model,
                                                        VmafModelCollection **model_collection,
                                                        const char *feature_name,
                                                        VmafFeatureDictionary *opts_dict)
{
    if (!model || !model_collection || !*model_collection || !feature_name || !opts_dict)
        return -EINVAL; /* not consumed */
    const VmafModelCollection *c = *model_collection;
    int err = 0;
    for (size_t j = 0; j < c->n && !err; j++)
        err = vmafx_model_overload(c->member[j], feature_name, opts_dict);
    if (!err)
        err = vmafx_model_overload(model, feature_name, opts_dict);
    vmafx_dict_free(&opts_dict);
    return err;
}

VMAFX_EXPORT void vmaf_model_collection_destroy(VmafModelCollection *model_collection)
{
    collection_free(model_collection);
}
