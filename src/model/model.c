/*
 * Plain models: loading from JSON (motion-model-reports.md B.1), feature option
 * dictionaries (B.3.2), overloads (B.6), per-frame prediction (B.4) and the
 * public vmaf_model_* entry points (api-abi.md 4.18-4.21).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "dict.h"
#include "feature/registry.h"
#include "log.h"
#include "model/model_priv.h"

static char *dup_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static void model_free(VmafModel *m)
{
    if (!m)
        return;
    for (size_t k = 0; k < m->n_features; k++) {
        free(m->feature[k].name);
        vmafx_dict_free(&m->feature[k].opts);
    }
    free(m->feature);
    vmafx_svm_free(m->svm);
    free(m->name);
    free(m);
}

/* Options of one model feature from its feature_opts_dicts object (B.1, B.3.2). */
static int parse_feature_opts(const VmafxJson *obj, VmafFeatureDictionary **opts)
{
    if (obj->type != VMAFX_JSON_OBJECT)
        return -EINVAL;
    for (size_t i = 0; i < obj->n; i++) {
        const VmafxJson *v = &obj->child[i];
        char num[64];
        const char *val;
        switch (v->type) {
        case VMAFX_JSON_NUMBER:
            val = vmafx_normalise_number(v->text, num, sizeof(num)) ? num : v->text;
            break;
        case VMAFX_JSON_TRUE:
            val = "true";
            break;
        case VMAFX_JSON_FALSE:
            val = "false";
            break;
        case VMAFX_JSON_STRING:
            val = v->text;
            break;
        default:
            return -EINVAL;
        }
        /* A repeated key is accepted only when it normalises to the same text. */
        const char *prev = vmafx_dict_get(*opts, obj->key[i]);
        if (prev) {
            if (strcmp(prev, val))
                return -EINVAL;
            continue;
        }
        int err = vmafx_dict_set(opts, obj->key[i], val, false);
        if (err)
            return err;
    }
    return 0;
}

/* Reads element k of an optional numeric array; false if absent or not a number. */
static bool number_at(const VmafxJson *arr, size_t k, double *out)
{
    if (!arr || k >= arr->n || arr->child[k].type != VMAFX_JSON_NUMBER)
        return false;
    *out = arr->child[k].number;
    return true;
}

static bool is_number_array(const VmafxJson *v)
{
    if (v->type != VMAFX_JSON_ARRAY)
        return false;
    for (size_t i = 0; i < v->n; i++)
        if (v->child[i].type != VMAFX_JSON_NUMBER)
            return false;
    return true;
}

static int parse_features(VmafModel *m, const VmafxJson *md)
{
    const VmafxJson *names = vmafx_json_get(md, "feature_names");
    const VmafxJson *opts = vmafx_json_get(md, "feature_opts_dicts");
    const VmafxJson *slopes = vmafx_json_get(md, "slopes");
    const VmafxJson *icpts = vmafx_json_get(md, "intercepts");

    if (!names || names->type != VMAFX_JSON_ARRAY || names->n > VMAFX_MODEL_MAX_FEATURES)
        return -EINVAL;
    if (opts && opts->type != VMAFX_JSON_ARRAY)
        return -EINVAL;
    if ((slopes && !is_number_array(slopes)) || (icpts && !is_number_array(icpts)))
        return -EINVAL;

    const size_t n = names->n;
    if (m->norm == VMAFX_NORM_LINEAR) {
        if (!slopes || !icpts || slopes->n < n + 1 || icpts->n < n + 1)
            return -EINVAL;
        m->slope0 = slopes->child[0].number;
        m->intercept0 = icpts->child[0].number;
    }

    m->feature = calloc(n ? n : 1, sizeof(*m->feature));
    if (!m->feature)
        return -ENOMEM;
    for (size_t k = 0; k < n; k++) {
        VmafxModelFeature *f = &m->feature[k];
        m->n_features = k + 1; /* so that model_free() sees what was built */
        if (names->child[k].type != VMAFX_JSON_STRING)
            return -EINVAL;
        if (!(f->name = dup_string(names->child[k].text)))
            return -ENOMEM;
        number_at(slopes, k + 1, &f->slope);
        number_at(icpts, k + 1, &f->intercept);
        if (opts && k < opts->n) {
            int err = parse_feature_opts(&opts->child[k], &f->opts);
            if (err)
                return err;
        }
    }
    m->n_features = n;
    return 0;
}

/* Finds the one feature whose name contains `part` (B.4 step 2). */
static int find_unique_feature(const VmafModel *m, const char *part, size_t *index)
{
    size_t found = 0;
    for (size_t k = 0; k < m->n_features; k++) {
        if (strstr(m->feature[k].name, part)) {
            *index = k;
            found++;
        }
    }
    return found == 1 ? 0 : -EINVAL;
}

static int parse_model_dict(VmafModel *m, const VmafxJson *md, uint64_t flags)
{
    if (md->type != VMAFX_JSON_OBJECT)
        return -EINVAL;

    const VmafxJson *type = vmafx_json_get(md, "model_type");
    if (!type || type->type != VMAFX_JSON_STRING ||
        (strcmp(type->text, "LIBSVMNUSVR") && strcmp(type->text, "BOOTSTRAP_LIBSVMNUSVR") &&
         strcmp(type->text, "RESIDUEBOOTSTRAP_LIBSVMNUSVR")))
        return -EINVAL;

    const VmafxJson *norm = vmafx_json_get(md, "norm_type");
    if (!norm)
        m->norm = VMAFX_NORM_ABSENT;
    else if (norm->type == VMAFX_JSON_STRING && !strcmp(norm->text, "linear_rescale"))
        m->norm = VMAFX_NORM_LINEAR;
    else if (norm->type == VMAFX_JSON_STRING && !strcmp(norm->text, "none"))
        m->norm = VMAFX_NORM_NONE;
    else
        return -EINVAL;

    int err = parse_features(m, md);
    if (err)
        return err;

    const VmafxJson *clip = vmafx_json_get(md, "score_clip");
    if (clip) {
        if (clip->type != VMAFX_JSON_ARRAY || clip->n < 2 ||
            !number_at(clip, 0, &m->clip_lo) || !number_at(clip, 1, &m->clip_hi))
            return -EINVAL;
        m->clip = !(flags & VMAF_MODEL_FLAG_DISABLE_CLIP);
    }

    const VmafxJson *tr = vmafx_json_get(md, "score_transform");
    if (tr) {
        if ((err = vmafx_transform_parse(tr, &m->tr)))
            return err;
        m->transform = m->tr.enabled || (flags & VMAF_MODEL_FLAG_ENABLE_TRANSFORM);
    }

    const VmafxJson *chroma = vmafx_json_get(md, "chroma_correction_parameter");
    if (chroma) {
        if (chroma->type != VMAFX_JSON_NUMBER)
            return -EINVAL;
        m->chroma = true;
        m->chroma_c = chroma->number;
        /* Upstream reads out of bounds without both features; VMAFX refuses the model. */
        if (find_unique_feature(m, "adm3", &m->chroma_adm3) ||
            find_unique_feature(m, "speed_chroma", &m->chroma_speed))
            return -EINVAL;
    }

    const VmafxJson *svm = vmafx_json_get(md, "model");
    if (!svm || svm->type != VMAFX_JSON_STRING)
        return -EINVAL;
    return vmafx_svm_parse(svm->text, svm->len, &m->svm);
}

int vmafx_model_from_json(VmafModel **model, const VmafxJson *root, const char *name,
                          uint64_t flags)
{
    *model = NULL;
    const VmafxJson *md = vmafx_json_get(root, "model_dict");
    if (!md)
        return -EINVAL;
    VmafModel *m = calloc(1, sizeof(*m));
    if (!m)
        return -ENOMEM;
    int err = (m->name = dup_string(name)) ? parse_model_dict(m, md, flags) : -ENOMEM;
    if (err) {
        model_free(m);
        return err;
    }
    *model = m;
    return 0;
}

int vmafx_model_load_buffer(VmafModel **model, const VmafModelConfig *cfg,
                            const char *buf, size_t size)
{
    if (!model)
        return -EINVAL;
    *model = NULL;
    if (!cfg || !buf)
        return -EINVAL;
    VmafxJson *root;
    int err = vmafx_json_parse(buf, size, &root);
    if (err)
        return err;
    err = vmafx_model_from_json(model, root, cfg->name ? cfg->name : "vmaf", cfg->flags);
    vmafx_json_free(root);
    return err;
}

int vmafx_read_file(const char *path, char **buf, size_t *size)
{
    *buf = NULL;
    *size = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return -EINVAL;
    size_t n = 0, cap = 0;
    char *d = NULL;
    int err = 0;
    for (;;) {
        if (n == cap) {
            if (cap > VMAFX_JSON_MAX_INPUT) {
                err = -EINVAL; /* too large to be a model */
                break;
            }
            size_t ncap = VMAFX_MIN(cap ? cap * 2 : 65536, VMAFX_JSON_MAX_INPUT + 1);
            char *nd = realloc(d, ncap);
            if (!nd) {
                err = -ENOMEM;
                break;
            }
            d = nd;
            cap = ncap;
        }
        size_t got = fread(d + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f))
                err = -EINVAL;
            break;
        }
    }
    fclose(f);
    if (err) {
        free(d);
        return err;
    }
    *buf = d;
    *size = n;
    return 0;
}

static int overload_feature(VmafxModelFeature *f, const char *extractor,
                            const VmafFeatureDictionary *opts)
{
    const VmafxFeatureExtractor *fex = vmafx_registry_find_provider(f->name);
    if (!fex || !fex->name || strcmp(fex->name, extractor))
        return 0;
    return vmafx_dict_merge(&f->opts, opts);
}

int vmafx_model_overload(VmafModel *model, const char *feature_name,
                         const VmafFeatureDictionary *opts)
{
    for (size_t k = 0; k < model->n_features; k++) {
        int err = overload_feature(&model->feature[k], feature_name, opts);
        if (err)
            return err;
    }
    return 0;
}

/* ---- prediction (B.4) ---- */

int vmafx_model_predict_raw(const VmafModel *m, VmafxFeatureLookup lookup, void *user,
                            double *score, const char **missing)
{
    if (missing)
        *missing = NULL;
    if (!m || !lookup || !score || m->norm == VMAFX_NORM_ABSENT)
        return -EINVAL;

    double x[VMAFX_MODEL_MAX_FEATURES];
    for (size_t k = 0; k < m->n_features; k++) {
        const VmafxModelFeature *f = &m->feature[k];
        double v;
        if (lookup(user, f->name, f->opts, &v)) {
            if (missing)
                *missing = f->name;
            return -EINVAL;
        }
        x[k] = m->norm == VMAFX_NORM_LINEAR ? f->slope * v + f->intercept : v;
    }

    if (m->chroma) {
        if (m->chroma_c == 0)
            return 1; /* quirk: no value at all */
        const double c = m->chroma_c;
        const VmafxModelFeature *g = &m->feature[m->chroma_adm3];
        const VmafxModelFeature *h = &m->feature[m->chroma_speed];
        double adm3 = x[m->chroma_adm3], speed = x[m->chroma_speed];
        if (m->norm == VMAFX_NORM_LINEAR) {
            adm3 = (adm3 - g->intercept) / g->slope;
            speed = (speed - h->intercept) / h->slope;
        }
        if (speed == 0.0) {
            const double corrected = (-c * adm3) + c;
            x[m->chroma_speed] = m->norm == VMAFX_NORM_LINEAR
                                     ? h->slope * corrected + h->intercept
                                     : corrected;
        }
    }

    double y = vmafx_svm_predict(m->svm, x, m->n_features);
    if (m->norm == VMAFX_NORM_LINEAR)
        y = (y - m->intercept0) / m->slope0;
    *score = y;
    return 0;
}

double vmafx_model_finish(const VmafModel *m, double y, uint64_t flags)
{
    if (m->transform && !(flags & VMAF_MODEL_FLAG_DISABLE_TRANSFORM))
        y = vmafx_transform_apply(&m->tr, y);
    if (m->clip && !(flags & VMAF_MODEL_FLAG_DISABLE_CLIP)) {
        y = (y < m->clip_lo) ? m->clip_lo : y;
        y = (y > m->clip_hi) ? m->clip_hi : y;
    }
    return y;
}

int vmafx_model_predict(const VmafModel *model, VmafxFeatureLookup lookup, void *user,
                        uint64_t flags, double *score, const char **missing)
{
    double y;
    int err = vmafx_model_predict_raw(model, lookup, user, &y, missing);
    if (err)
        return err;
    *score = vmafx_model_finish(model, y, flags);
    return 0;
}

/* ---- accessors ---- */

const char *vmafx_model_name(const VmafModel *model)
{
    return model ? model->name : NULL;
}

size_t vmafx_model_feature_count(const VmafModel *model)
{
    return model ? model->n_features : 0;
}

const char *vmafx_model_feature_name(const VmafModel *model, size_t k)
{
    return model && k < model->n_features ? model->feature[k].name : NULL;
}

const VmafFeatureDictionary *vmafx_model_feature_opts(const VmafModel *model, size_t k)
{
    return model && k < model->n_features ? model->feature[k].opts : NULL;
}

/* ---- public API ---- */

VMAFX_EXPORT int vmaf_model_load(VmafModel **model, VmafModelConfig *cfg,
                                 const char *version)
{
    if (!model)
        return -EINVAL;
    *model = NULL;
    if (!cfg || !version)
        return -EINVAL;
    const VmafxBuiltinModel *b = vmafx_builtin_model_find(version);
    if (!b) {
        vmafx_log(NULL, VMAF_LOG_LEVEL_WARNING, "no such built-in model: \"%s\"\n", version);
        return -EINVAL;
    }
    /* A collection has no top-level model_dict: -EINVAL without a message. */
    return vmafx_model_load_buffer(model, cfg, (const char *)b->json, b->size);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

VMAFX_EXPORT int vmaf_model_load_from_path(VmafModel **model, VmafModelConfig *cfg,
                                           const char *path)
{
    if (!model)
        return -EINVAL;
    *model = NULL;
    if (!cfg || !path)
        return -EINVAL;
    char *buf;
    size_t size;
    int err = vmafx_read_file(path, &buf, &size);
    if (!err) {
        err = vmafx_model_load_buffer(model, cfg, buf, size);
        free(buf);
    }
    if (err) {
        vmafx_log(NULL, VMAF_LOG_LEVEL_ERROR, "could not read model from path: \"%s\"\n",
                  path);
        if (ends_with(path, ".pkl"))
            vmafx_log(NULL, VMAF_LOG_LEVEL_ERROR,
                      "support for pkl model files has been removed, use json\n");
    }
    return err;
}

VMAFX_EXPORT int vmaf_model_feature_overload(VmafModel *model, const char *feature_name,
                                             VmafFeatureDictionary *opts_dict)
{
    if (!model || !feature_name || !opts_dict)
        return -EINVAL; /* not consumed */
    int err = vmafx_model_overload(model, feature_name, opts_dict);
    vmafx_dict_free(&opts_dict);
    return err;
}

VMAFX_EXPORT void vmaf_model_destroy(VmafModel *model)
{
    model_free(model);
}
