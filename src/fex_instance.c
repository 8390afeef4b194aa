/*
 * Extractor instances: option parsing, key naming and the per-worker private
 * states that run frames.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "fex_instance.h"
#include "report.h"

#define MAX_KEY_LEN 255

static int parse_one(const VmafxOption *o, const char *text, void *parsed)
{
    char *field = (char *)parsed + o->offset;
    switch (o->type) {
    case VMAFX_OPT_BOOL:
        if (!strcmp(text, "true"))
            *(bool *)field = true;
        else if (!strcmp(text, "false"))
            *(bool *)field = false;
        else
            return -EINVAL;
        return 0;
    case VMAFX_OPT_INT: {
        int v = atoi(text);
        if ((v == 0 && text[0] != '0') || v < o->min || v > o->max)
            return -EINVAL;
        *(int *)field = v;
        return 0;
    }
    case VMAFX_OPT_DOUBLE: {
        double v = atof(text);
        if ((v == 0.0 && text[0] != '0') || !(v >= o->min && v <= o->max))
            return -EINVAL;
        *(double *)field = v;
        return 0;
    }
    case VMAFX_OPT_STRING:
        *(const char **)field = text;
        return 0;
    }
    return -EINVAL;
}

static void set_default(const VmafxOption *o, void *parsed)
{
    char *field = (char *)parsed + o->offset;
    switch (o->type) {
    case VMAFX_OPT_BOOL: *(bool *)field = o->def.b; break;
    case VMAFX_OPT_INT: *(int *)field = o->def.i; break;
    case VMAFX_OPT_DOUBLE: *(double *)field = o->def.d; break;
    case VMAFX_OPT_STRING: *(const char **)field = o->def.s; break;
    }
}

int vmafx_fex_parse_options(const VmafxFeatureExtractor *fex,
                            const VmafFeatureDictionary *opts, void **out)
{
    void *parsed = calloc(1, fex->priv_size ? fex->priv_size : 1);
    if (!parsed)
        return -ENOMEM;
    for (const VmafxOption *o = fex->options; o && o->name; o++) {
        set_default(o, parsed);
        const char *text = vmafx_dict_get(opts, o->name);
        if (text && parse_one(o, text, parsed)) {
            free(parsed);
            return -EINVAL;
        }
    }
    *out = parsed;
    return 0;
}

static bool differs_from_default(const VmafxOption *o, const void *parsed)
{
    const char *field = (const char *)parsed + o->offset;
    switch (o->type) {
    case VMAFX_OPT_BOOL: return *(const bool *)field != o->def.b;
    case VMAFX_OPT_INT: return *(const int *)field != o->def.i;
    case VMAFX_OPT_DOUBLE: return *(const double *)field != o->def.d;
    case VMAFX_OPT_STRING: {
        const char *v = *(const char *const *)field;
        const char *d = o->def.s;
        if (!v || !d)
            return v != d;
        return strcmp(v, d) != 0;
    }
    }
    return false;
}

static int compare_option_names(const void *a, const void *b)
{
    const VmafxOption *const *oa = a;
    const VmafxOption *const *ob = b;
    return strcmp((*oa)->name, (*ob)->name);
}

char *vmafx_fex_suffix(const VmafxFeatureExtractor *fex, const void *parsed)
{
    const VmafxOption *changed[64];
    size_t n = 0;
    for (const VmafxOption *o = fex->options; o && o->name && n < 64; o++)
        if (o->feature_param && differs_from_default(o, parsed))
            changed[n++] = o;
    qsort(changed, n, sizeof(changed[0]), compare_option_names);

    char buf[MAX_KEY_LEN + 1] = "";
    size_t len = 0;
    for (size_t i = 0; i < n && len < MAX_KEY_LEN; i++) {
        const VmafxOption *o = changed[i];
        const char *alias = o->alias ? o->alias : o->name;
        const char *field = (const char *)parsed + o->offset;
        int w = 0;
        switch (o->type) {
        case VMAFX_OPT_BOOL:
            w = snprintf(buf + len, sizeof(buf) - len, "_%s", alias);
            break;
        case VMAFX_OPT_INT:
            w = snprintf(buf + len, sizeof(buf) - len, "_%s_%d", alias, *(const int *)field);
            break;
        case VMAFX_OPT_DOUBLE:
            w = snprintf(buf + len, sizeof(buf) - len, "_%s_%g", alias,
                         *(const double *)field);
            break;
        case VMAFX_OPT_STRING:
            w = snprintf(buf + len, sizeof(buf) - len, "_%s_%s", alias,
                         *(const char *const *)field ? *(const char *const *)field : "");
            break;
        }
        if (w < 0)
            break;
        len += (size_t)w;
        if (len > MAX_KEY_LEN)
            len = MAX_KEY_LEN;
    }
    buf[len] = '\0';
    return strdup(buf);
}

void vmafx_fex_make_key(char *buf, size_t size, const char *name, const char *suffix)
{
    const char *base = (suffix && *suffix) ? vmafx_key_alias(name) : name;
    size_t limit = size - 1 < MAX_KEY_LEN ? size - 1 : MAX_KEY_LEN;
    size_t n = strlen(base);
    if (n > limit)
        n = limit;
    memcpy(buf, base, n);
    size_t m = suffix ? strlen(suffix) : 0;
    if (m > limit - n)
        m = limit - n;
    if (m)
        memcpy(buf + n, suffix, m);
    buf[n + m] = '\0';
}

int vmafx_fex_instance_create(VmafxFexInstance **out, const VmafxFeatureExtractor *fex,
                              VmafFeatureDictionary **opts, VmafxFeatureStore *store,
                              const VmafxLogger *log, unsigned cpu_flags)
{
    VmafxFexInstance *inst = calloc(1, sizeof(*inst));
    if (!inst)
        return -ENOMEM;
    inst->fex = fex;
    inst->store = store;
    inst->log = log;
    inst->cpu_flags = cpu_flags;
    inst->opts = *opts;
    *opts = NULL;
    pthread_mutex_init(&inst->lock, NULL);

    int err = vmafx_fex_parse_options(fex, inst->opts, &inst->parsed);
    if (!err && fex->check_options && fex->check_options(inst->parsed))
        err = -EINVAL;
    if (err)
        goto fail;
    inst->suffix = vmafx_fex_suffix(fex, inst->parsed);
    if (!inst->suffix) {
        err = -ENOMEM;
        goto fail;
    }
    size_t n = strlen(fex->name) + strlen(inst->suffix) + 1;
    inst->identity = malloc(n);
    if (!inst->identity) {
        err = -ENOMEM;
        goto fail;
    }
    snprintf(inst->identity, n, "%s%s", fex->name, inst->suffix);
    *out = inst;
    return 0;
fail:
    vmafx_fex_instance_destroy(inst);
    return err;
}

static void drop_staged(VmafxFexInstance *inst);

void vmafx_fex_instance_destroy(VmafxFexInstance *inst)
{
    if (!inst)
        return;
    drop_staged(inst);
    VmafxFexWorker *w = inst->all;
    while (w) {
        VmafxFexWorker *next = w->next_all;
        if (inst->fex->close)
            inst->fex->close(w->priv);
        free(w->priv);
        free(w);
        w = next;
    }
    free(inst->parsed);
    free(inst->suffix);
    free(inst->identity);
    vmafx_dict_free(&inst->opts);
    pthread_mutex_destroy(&inst->lock);
    free(inst);
}

void vmafx_fex_instance_set_geometry(VmafxFexInstance *inst, enum VmafPixelFormat fmt,
                                     unsigned bpc, unsigned w, unsigned h)
{
    if (inst->have_geometry)
        return;
    inst->pix_fmt = fmt;
    inst->bpc = bpc;
    inst->w = w;
    inst->h = h;
    inst->have_geometry = true;
}

/* Takes an idle worker or makes a new one (a copy of the parsed options, then init). */
static int acquire_worker(VmafxFexInstance *inst, VmafxFexWorker **out)
{
    pthread_mutex_lock(&inst->lock);
    VmafxFexWorker *w = inst->idle;
    if (w)
        inst->idle = w->next_idle;
    int init_error = inst->init_error;
    pthread_mutex_unlock(&inst->lock);
    if (w) {
        *out = w;
        return 0;
    }
    if (init_error)
        return init_error; /* same geometry, same options: it would fail again */

    w = calloc(1, sizeof(*w));
    if (!w)
        return -ENOMEM;
    size_t size = inst->fex->priv_size ? inst->fex->priv_size : 1;
    w->priv = malloc(size);
    if (!w->priv) {
        free(w);
        return -ENOMEM;
    }
    memcpy(w->priv, inst->parsed, size);
    w->ctx.inst = inst;
    int err = 0;
    if (inst->fex->init)
        err = inst->fex->init(&w->ctx, w->priv, inst->pix_fmt, inst->bpc, inst->w, inst->h);
    w->initialized = !err;
    pthread_mutex_lock(&inst->lock);
    w->next_all = inst->all;
    inst->all = w;
    if (err && !inst->init_error)
        inst->init_error = err;
    pthread_mutex_unlock(&inst->lock);
    if (err) {
        /* keep it listed (close() frees it) but never hand it out */
        return err;
    }
    *out = w;
    return 0;
}

static void release_worker(VmafxFexInstance *inst, VmafxFexWorker *w)
{
    pthread_mutex_lock(&inst->lock);
    w->next_idle = inst->idle;
    inst->idle = w;
    pthread_mutex_unlock(&inst->lock);
}

int vmafx_fex_instance_extract(VmafxFexInstance *inst, const VmafPicture *ref,
                               const VmafPicture *dist, unsigned index)
{
    VmafxFexWorker *w;
    int err = acquire_worker(inst, &w);
    if (err)
        return err;
    err = inst->fex->extract(&w->ctx, w->priv, ref, dist, index);
    release_worker(inst, w);
    return err;
}

typedef struct VmafxStagedWrite {
    char *key; /* owned */
    double value;
    unsigned index;
} VmafxStagedWrite;

static int stage_write(VmafxFexInstance *inst, const char *key, double value, unsigned index)
{
    if (inst->n_staged == inst->cap_staged) {
        const unsigned cap = inst->cap_staged ? 2 * inst->cap_staged : 16;
        VmafxStagedWrite *grown = realloc(inst->staged, cap * sizeof(*grown));
        if (!grown)
            return -ENOMEM;
        inst->staged = grown;
        inst->cap_staged = cap;
    }
    char *copy = strdup(key);
    if (!copy)
        return -ENOMEM;
    inst->staged[inst->n_staged++] = (VmafxStagedWrite){ copy, value, index };
    return 0;
}

static void drop_staged(VmafxFexInstance *inst)
{
    for (unsigned i = 0; i < inst->n_staged; i++)
        free(inst->staged[i].key);
    free(inst->staged);
    inst->staged = NULL;
    inst->n_staged = inst->cap_staged = 0;
}

/* Appends to the store, warning about a value that exists already. */
static int store_value(VmafxFexInstance *inst, const char *key, double value, unsigned index)
{
    int err = vmafx_store_append(inst->store, key, value, index);
    if (err == -EINVAL)
        vmafx_log(inst->log, VMAF_LOG_LEVEL_WARNING,
                  "feature \"%s\" cannot be overwritten at index %u\n", key, index);
    return err;
}

/* Where an extractor's write goes: the staging list or the store. */
static int write_value(VmafxFexInstance *inst, const char *key, double value, unsigned index)
{
    return inst->staging ? stage_write(inst, key, value, index)
                         : store_value(inst, key, value, index);
}

int vmafx_fex_instance_commit(VmafxFexInstance *inst)
{
    int err = 0;
    for (unsigned i = 0; i < inst->n_staged; i++) {
        const VmafxStagedWrite *sw = &inst->staged[i];
        int e = store_value(inst, sw->key, sw->value, sw->index);
        if (e && !err)
            err = e;
    }
    drop_staged(inst);
    inst->staging = false;
    return err;
}

int vmafx_fex_instance_flush(VmafxFexInstance *inst)
{
    if (!inst->fex->flush)
        return 0;
    int err = 0;
    for (VmafxFexWorker *w = inst->all; w; w = w->next_all) {
        if (!w->initialized)
            continue;
        int e = inst->fex->flush(&w->ctx, w->priv);
        if (e && !err)
            err = e;
    }
    return err;
}

/* ---- the extractor-facing API (feature/extractor.h) ---- */

int vmafx_fex_write(VmafxFexCtx *ctx, const char *name, double value, unsigned index)
{
    char key[MAX_KEY_LEN + 1];
    vmafx_fex_make_key(key, sizeof(key), name, ctx->inst->suffix);
    return write_value(ctx->inst, key, value, index);
}

int vmafx_fex_write_unsuffixed(VmafxFexCtx *ctx, const char *name, double value,
                               unsigned index)
{
    return write_value(ctx->inst, name, value, index);
}

int vmafx_fex_read(VmafxFexCtx *ctx, const char *name, unsigned index, double *value)
{
    char key[MAX_KEY_LEN + 1];
    vmafx_fex_make_key(key, sizeof(key), name, ctx->inst->suffix);
    return vmafx_store_get(ctx->inst->store, key, index, value);
}

int vmafx_fex_write_aggregate(VmafxFexCtx *ctx, const char *name, double value)
{
    return vmafx_store_append_aggregate(ctx->inst->store, name, value);
}

unsigned vmafx_fex_cpu_flags(const VmafxFexCtx *ctx)
{
    return ctx->inst->cpu_flags;
}
