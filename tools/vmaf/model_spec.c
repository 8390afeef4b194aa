/*
 * --model / --feature parsing and the library calls that act on them
 * (motion-model-reports.md B.6/B.7; call order api-abi.md 6.2).
 *
 * When the library rejects a setup, we retry the pieces one at a time in a
 * throw-away context to tell the user which feature or option is at fault.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli_args.h"
#include "model_spec.h"

/* Cuts the next ':'-separated item from *cursor in place; "\:" becomes ':'. */
static char *next_item(char **cursor)
{
    char *start = *cursor;
    if (!start)
        return NULL;
    char *r = start, *w = start;
    for (;;) {
        if (r[0] == '\\' && r[1] == ':') {
            *w++ = ':';
            r += 2;
        } else if (*r == ':' || !*r) {
            *cursor = *r ? r + 1 : NULL;
            *w = '\0';
            return start;
        } else {
            *w++ = *r++;
        }
    }
}

static int is_identifier(const char *s, size_t len)
{
    if (!len)
        return 0;
    for (size_t i = 0; i < len; i++) {
        const char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

static int parse_model_item(ModelSpec *spec, char *item, char *err, size_t err_size)
{
    char *val = strchr(item, '=');
    if (val)
        *val++ = '\0';
    if (!strcmp(item, "disable_clip") || !strcmp(item, "enable_transform")) {
        /* bare or "=true" sets the flag; any other value sets nothing (B.6) */
        if (!val || !strcmp(val, "true"))
            spec->flags |= item[0] == 'd' ? VMAF_MODEL_FLAG_DISABLE_CLIP
                                          : VMAF_MODEL_FLAG_ENABLE_TRANSFORM;
        return 0;
    }
    const int known = !strcmp(item, "version") || !strcmp(item, "path") ||
                      !strcmp(item, "name") || strchr(item, '.');
    if (!known) {
        snprintf(err, err_size,
                 "--model: unknown key '%.64s' (expected version, path, name, disable_clip, "
                 "enable_transform or EXTRACTOR.OPTION)", item);
        return -EINVAL;
    }
    if (!val || !*val) {
        snprintf(err, err_size, "--model: '%.64s' needs a value (%.64s=...)", item, item);
        return -EINVAL;
    }
    if (!strcmp(item, "version") || !strcmp(item, "path")) {
        const char **slot = item[0] == 'v' ? &spec->version : &spec->path;
        *slot = val;
        return 0;
    }
    if (!strcmp(item, "name")) {
        spec->name = val;
        return 0;
    }
    char *dot = strchr(item, '.');
    *dot = '\0';
    if (!is_identifier(item, strlen(item)) || !is_identifier(dot + 1, strlen(dot + 1))) {
        snprintf(err, err_size, "--model: bad overload '%.64s.%.64s' (expected EXTRACTOR.OPTION=VALUE)",
                 item, dot + 1);
        return -EINVAL;
    }
    if (spec->n_overloads >= SPEC_MAX_ITEMS) {
        snprintf(err, err_size, "--model: too many overloads (at most %d)", SPEC_MAX_ITEMS);
        return -EINVAL;
    }
    spec->overloads[spec->n_overloads++] = (ModelOverload) { item, dot + 1, val };
    return 0;
}

int model_spec_parse(ModelSpec *spec, const char *arg, char *err, size_t err_size)
{
    memset(spec, 0, sizeof(*spec));
    spec->buf = strdup(arg);
    if (!spec->buf) {
        snprintf(err, err_size, "out of memory");
        return -ENOMEM;
    }
    char *cursor = spec->buf;
    for (char *item; (item = next_item(&cursor));) {
        if (!*item)
            continue; /* tolerate "a=b:" and "a=b::c=d" */
        if (parse_model_item(spec, item, err, err_size))
            return -EINVAL;
    }
    if (spec->version && spec->path) {
        snprintf(err, err_size, "--model '%.64s': give version= or path=, not both", arg);
        return -EINVAL;
    }
    if (!spec->version && !spec->path) {
        snprintf(err, err_size, "--model '%.64s': needs version=NAME or path=FILE", arg);
        return -EINVAL;
    }
    return 0;
}

void model_spec_free(ModelSpec *spec)
{
    free(spec->buf);
    memset(spec, 0, sizeof(*spec));
}

const char *model_spec_name(const ModelSpec *spec)
{
    return spec->name ? spec->name : "vmaf";
}

const char *model_spec_label(const ModelSpec *spec)
{
    return spec->version ? spec->version : spec->path;
}

int feature_spec_parse(FeatureSpec *spec, const char *arg, char *err, size_t err_size)
{
    memset(spec, 0, sizeof(*spec));
    spec->buf = strdup(arg);
    if (!spec->buf) {
        snprintf(err, err_size, "out of memory");
        return -ENOMEM;
    }
    char *opts = strchr(spec->buf, '=');
    if (opts)
        *opts++ = '\0';
    spec->name = spec->buf;
    if (!is_identifier(spec->name, strlen(spec->name))) {
        snprintf(err, err_size, "--feature '%.64s': bad extractor name", arg);
        return -EINVAL;
    }
    for (char *item; (item = next_item(&opts));) {
        if (!*item)
            continue;
        char *val = strchr(item, '=');
        if (!val || val == item || !val[1]) {
            snprintf(err, err_size, "--feature %.64s: option '%.64s' is not KEY=VALUE",
                     spec->name, item);
            return -EINVAL;
        }
        *val++ = '\0';
        if (spec->n_opts >= SPEC_MAX_ITEMS) {
            snprintf(err, err_size, "--feature %.64s: too many options (at most %d)",
                     spec->name, SPEC_MAX_ITEMS);
            return -EINVAL;
        }
        spec->keys[spec->n_opts] = item;
        spec->vals[spec->n_opts++] = val;
    }
    return 0;
}

void feature_spec_free(FeatureSpec *spec)
{
    free(spec->buf);
    memset(spec, 0, sizeof(*spec));
}

void loaded_model_free(LoadedModel *m)
{
    vmaf_model_collection_destroy(m->collection);
    vmaf_model_destroy(m->model);
    m->collection = NULL;
    m->model = NULL;
}

/* Plain model first; a collection file or name fails that and loads here. */
static int load_model(const ModelSpec *spec, LoadedModel *out)
{
    VmafModelConfig cfg = { .name = spec->name, .flags = spec->flags };
    out->model = NULL;
    out->collection = NULL;
    int r = spec->version ? vmaf_model_load(&out->model, &cfg, spec->version)
                          : vmaf_model_load_from_path(&out->model, &cfg, spec->path);
    if (!r)
        return 0;
    out->model = NULL;
    r = spec->version
            ? vmaf_model_collection_load(&out->model, &out->collection, &cfg, spec->version)
            : vmaf_model_collection_load_from_path(&out->model, &out->collection, &cfg,
                                                   spec->path);
    if (r) {
        out->model = NULL;
        out->collection = NULL;
    }
    return r;
}

static int apply_overload(LoadedModel *m, const ModelOverload *o)
{
    VmafFeatureDictionary *d = NULL;
    int r = vmaf_feature_dictionary_set(&d, o->option, o->value);
    if (r) {
        vmaf_feature_dictionary_free(&d);
        return r;
    }
    /* all arguments are non-NULL, so the dictionary is consumed either way */
    return m->collection
               ? vmaf_model_collection_feature_overload(m->model, &m->collection, o->extractor, d)
               : vmaf_model_feature_overload(m->model, o->extractor, d);
}

static int register_model(VmafContext *vmaf, LoadedModel *m)
{
    int r = vmaf_use_features_from_model(vmaf, m->model);
    if (!r && m->collection)
        r = vmaf_use_features_from_model_collection(vmaf, m->collection);
    return r;
}

/* Does the model register in a fresh context with only overloads [first, first+n)? */
static int probe_model(const ModelSpec *spec, unsigned first, unsigned n)
{
    VmafConfiguration cfg = { .log_level = VMAF_LOG_LEVEL_NONE };
    VmafContext *probe = NULL;
    LoadedModel m;
    int r = load_model(spec, &m);
    if (r)
        return r;
    for (unsigned i = first; !r && i < first + n; i++)
        r = apply_overload(&m, &spec->overloads[i]);
    if (!r)
        r = vmaf_init(&probe, cfg);
    if (!r)
        r = register_model(probe, &m);
    if (probe)
        vmaf_close(probe);
    loaded_model_free(&m);
    return r;
}

static int diagnose_model(const ModelSpec *spec, char *err, size_t err_size)
{
    const char *label = model_spec_label(spec);
    if (probe_model(spec, 0, 0)) {
        snprintf(err, err_size,
                 "model '%.200s' needs a feature extractor that this build does not provide",
                 label);
        return CLI_EXIT_SCORE;
    }
    for (unsigned i = 0; i < spec->n_overloads; i++) {
        const ModelOverload *o = &spec->overloads[i];
        if (probe_model(spec, i, 1)) {
            snprintf(err, err_size, "model '%.200s': invalid overload '%.64s.%.64s=%.64s'",
                     label, o->extractor, o->option, o->value);
            return CLI_EXIT_USAGE;
        }
    }
    snprintf(err, err_size, "model '%.200s': its feature extractors could not be set up", label);
    return CLI_EXIT_SCORE;
}

static void describe_load_failure(const ModelSpec *spec, int r, char *err, size_t err_size)
{
    if (r == -ENOMEM) {
        snprintf(err, err_size, "out of memory loading model '%.200s'", model_spec_label(spec));
    } else if (spec->version) {
        snprintf(err, err_size,
                 "unknown model version '%.200s' (vmaf --list-models lists the built-in models)",
                 spec->version);
    } else {
        FILE *f = fopen(spec->path, "rb");
        if (!f) {
            snprintf(err, err_size, "cannot read model file '%.200s': %s", spec->path,
                     strerror(errno));
            return;
        }
        fclose(f);
        snprintf(err, err_size,
                 "model file '%.200s' is not a valid VMAF model or model collection",
                 spec->path);
    }
}

int model_spec_load(const ModelSpec *spec, VmafContext *vmaf, LoadedModel *out,
                    char *err, size_t err_size)
{
    int r = load_model(spec, out);
    if (r) {
        describe_load_failure(spec, r, err, err_size);
        return CLI_EXIT_SCORE;
    }
    for (unsigned i = 0; i < spec->n_overloads; i++) {
        const ModelOverload *o = &spec->overloads[i];
        if (apply_overload(out, o)) {
            snprintf(err, err_size, "model '%.200s': cannot apply overload '%.64s.%.64s=%.64s'",
                     model_spec_label(spec), o->extractor, o->option, o->value);
            loaded_model_free(out);
            return CLI_EXIT_SCORE;
        }
    }
    if (register_model(vmaf, out)) {
        loaded_model_free(out);
        return diagnose_model(spec, err, err_size);
    }
    return CLI_EXIT_OK;
}

/* Registers name with options [first, first+n) in a fresh context: 0 if accepted. */
static int probe_feature(const FeatureSpec *spec, unsigned first, unsigned n)
{
    VmafConfiguration cfg = { .log_level = VMAF_LOG_LEVEL_NONE };
    VmafContext *probe = NULL;
    VmafFeatureDictionary *d = NULL;
    int r = vmaf_init(&probe, cfg);
    for (unsigned i = first; !r && i < first + n; i++)
        r = vmaf_feature_dictionary_set(&d, spec->keys[i], spec->vals[i]);
    if (!r)
        r = vmaf_use_feature(probe, spec->name, d);
    else
        vmaf_feature_dictionary_free(&d);
    /* On -EINVAL the dictionary's owner is ambiguous (feature.h); leaving it is the safe side. */
    if (probe)
        vmaf_close(probe);
    return r;
}

int feature_spec_use(const FeatureSpec *spec, VmafContext *vmaf, char *err, size_t err_size)
{
    VmafFeatureDictionary *d = NULL;
    for (unsigned i = 0; i < spec->n_opts; i++) {
        if (vmaf_feature_dictionary_set(&d, spec->keys[i], spec->vals[i])) {
            vmaf_feature_dictionary_free(&d);
            snprintf(err, err_size, "--feature %.64s: out of memory", spec->name);
            return CLI_EXIT_SCORE;
        }
    }
    if (!vmaf_use_feature(vmaf, spec->name, d))
        return CLI_EXIT_OK;
    if (probe_feature(spec, 0, 0)) {
        snprintf(err, err_size, "feature extractor '%.64s' is not available in this build",
                 spec->name);
        return CLI_EXIT_SCORE;
    }
    for (unsigned i = 0; i < spec->n_opts; i++) {
        if (probe_feature(spec, i, 1)) {
            snprintf(err, err_size, "--feature %.64s: invalid value '%.64s' for option '%.64s'",
                     spec->name, spec->vals[i], spec->keys[i]);
            return CLI_EXIT_USAGE;
        }
    }
    snprintf(err, err_size, "--feature %.64s: the option combination was rejected", spec->name);
    return CLI_EXIT_USAGE;
}
