/*
 * Scoring with the public API (call order as in the vmaf CLI: models, then
 * extra features, pictures, flush, pool, report).
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libvmaf/vmafx.h"

#include "cli_args.h"
#include "paths.h"
#include "score.h"

#define DEFAULT_MODEL "version=vmaf_v0.6.1"

json_object *score_json_number(double v)
{
    return isfinite(v) ? json_object_new_double(v) : NULL;
}

int score_stop_error(McpStopReason why, char *err, size_t err_size)
{
    switch (why) {
    case MCP_STOP_TIMEOUT:
        snprintf(err, err_size, "the job ran past its time limit and was stopped");
        return -ETIMEDOUT;
    case MCP_STOP_SHUTDOWN:
        snprintf(err, err_size, "the server is shutting down; the job was stopped");
        return -ESHUTDOWN;
    default:
        snprintf(err, err_size, "the job was cancelled");
        return -ECANCELED;
    }
}

static int errno_of_status(int cli_status)
{
    return cli_status == CLI_EXIT_USAGE ? -EINVAL : -EIO;
}

int scorer_open(Scorer *s, const ScoreOptions *opt, const McpConfig *cfg, char *err,
                size_t err_size)
{
    memset(s, 0, sizeof(*s));
    s->start_s = mcp_now();
    s->per_frame = opt->per_frame;
    const char *default_arg = DEFAULT_MODEL;
    const char *const *args = opt->n_models ? opt->model_args : &default_arg;
    const unsigned n = opt->n_models ? opt->n_models : 1;
    if (n > SCORE_MAX_MODELS || opt->n_features > SCORE_MAX_FEATURES) {
        snprintf(err, err_size, "at most %d models and %d features", SCORE_MAX_MODELS,
                 SCORE_MAX_FEATURES);
        return -EINVAL;
    }
    if (opt->threads > SCORE_MAX_THREADS) {
        snprintf(err, err_size, "threads must be at most %u", SCORE_MAX_THREADS);
        return -EINVAL;
    }
    for (unsigned i = 0; i < n; i++) {
        s->n_models = i + 1; /* counted first: scorer_close frees a half-parsed spec */
        if (model_spec_parse(&s->models[i], args[i], err, err_size))
            return -EINVAL;
        ModelSpec *spec = &s->models[i];
        if (spec->path) {
            char resolved[PATH_MAX];
            const int r = mcp_path_resolve(cfg, spec->path, strlen(spec->path), resolved, err,
                                           err_size);
            if (r)
                return r;
            if (!(s->model_paths[i] = strdup(resolved)))
                return -ENOMEM;
            spec->path = s->model_paths[i];
        }
        for (unsigned j = 0; j < i; j++) {
            if (!strcmp(model_spec_name(spec), model_spec_name(&s->models[j]))) {
                snprintf(err, err_size, "two models are named '%.64s'; give one :name=OTHER",
                         model_spec_name(spec));
                return -EINVAL;
            }
        }
    }
    for (unsigned i = 0; i < opt->n_features; i++) {
        s->n_features = i + 1;
        if (feature_spec_parse(&s->features[i], opt->feature_args[i], err, err_size))
            return -EINVAL;
    }
    const VmafConfiguration vcfg = {
        .log_level = VMAF_LOG_LEVEL_ERROR,
        .n_threads = opt->threads,
        .n_subsample = opt->subsample,
    };
    if (vmaf_init(&s->vmaf, vcfg)) {
        snprintf(err, err_size, "cannot create the VMAF context (out of memory?)");
        return -ENOMEM;
    }
    for (unsigned i = 0; i < s->n_models; i++) {
        const int status = model_spec_load(&s->models[i], s->vmaf, &s->loaded[i], err, err_size);
        if (status)
            return errno_of_status(status);
    }
    for (unsigned i = 0; i < s->n_features; i++) {
        const int status = feature_spec_use(&s->features[i], s->vmaf, err, err_size);
        if (status)
            return errno_of_status(status);
    }
    return 0;
}

int scorer_push(Scorer *s, VmafPicture *ref, VmafPicture *dist, char *err, size_t err_size)
{
    if (vmaf_read_pictures(s->vmaf, ref, dist, s->n_frames)) {
        vmaf_picture_unref(ref);
        vmaf_picture_unref(dist);
        snprintf(err, err_size, "frame %u: the library rejected the picture pair", s->n_frames);
        return -EIO;
    }
    s->n_frames++;
    return 0;
}

/* Replaces non-finite numbers by null, recursively, so the output stays strict JSON. */
static void sanitize(json_object *obj)
{
    if (json_object_is_type(obj, json_type_object)) {
        json_object_object_foreach(obj, key, val) {
            if (json_object_is_type(val, json_type_double) &&
                !isfinite(json_object_get_double(val)))
                json_object_object_add(obj, key, NULL);
            else
                sanitize(val);
        }
    } else if (json_object_is_type(obj, json_type_array)) {
        const size_t n = json_object_array_length(obj);
        for (size_t i = 0; i < n; i++) {
            json_object *val = json_object_array_get_idx(obj, i);
            if (json_object_is_type(val, json_type_double) &&
                !isfinite(json_object_get_double(val)))
                json_object_array_put_idx(obj, i, NULL);
            else
                sanitize(val);
        }
    }
}

static int build_report(Scorer *s, json_object **report, char *err, size_t err_size)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem)
        return -ENOMEM;
    const int r = vmafx_write_output_stream(s->vmaf, mem, VMAF_OUTPUT_FORMAT_JSON);
    if (fclose(mem) || r) {
        free(text);
        snprintf(err, err_size, "writing the JSON report failed");
        return -EIO;
    }
    json_tokener *tok = json_tokener_new_ex(64);
    *report = tok ? json_tokener_parse_ex(tok, text, (int)len) : NULL;
    json_tokener_free(tok);
    free(text);
    if (!*report) {
        snprintf(err, err_size, "the library's JSON report could not be parsed");
        return -EIO;
    }
    sanitize(*report);
    if (!s->per_frame)
        json_object_object_del(*report, "frames");
    return 0;
}

static int pool_model(Scorer *s, unsigned i, json_object *scores, json_object *pooled)
{
    static const struct { const char *name; enum VmafPoolingMethod m; } methods[] = {
        { "mean", VMAF_POOL_METHOD_MEAN }, { "min", VMAF_POOL_METHOD_MIN },
        { "max", VMAF_POOL_METHOD_MAX }, { "harmonic_mean", VMAF_POOL_METHOD_HARMONIC_MEAN },
    };
    json_object *entry = json_object_new_object();
    if (!entry)
        return -ENOMEM;
    const char *name = model_spec_name(&s->models[i]);
    json_object_object_add(pooled, name, entry);
    for (unsigned k = 0; k < sizeof(methods) / sizeof(methods[0]); k++) {
        double v;
        if (vmaf_score_pooled(s->vmaf, s->loaded[i].model, methods[k].m, &v, 0,
                              s->n_frames - 1))
            return -EIO;
        json_object_object_add(entry, methods[k].name, score_json_number(v));
        if (methods[k].m == VMAF_POOL_METHOD_MEAN)
            json_object_object_add(scores, name, score_json_number(v));
    }
    if (s->loaded[i].collection) {
        VmafModelCollectionScore cs;
        if (vmaf_score_pooled_model_collection(s->vmaf, s->loaded[i].collection,
                                               VMAF_POOL_METHOD_MEAN, &cs, 0, s->n_frames - 1))
            return -EIO;
        json_object *b = json_object_new_object();
        json_object_object_add(b, "bagging_score", score_json_number(cs.bootstrap.bagging_score));
        json_object_object_add(b, "stddev", score_json_number(cs.bootstrap.stddev));
        json_object_object_add(b, "ci_p95_lo", score_json_number(cs.bootstrap.ci.p95.lo));
        json_object_object_add(b, "ci_p95_hi", score_json_number(cs.bootstrap.ci.p95.hi));
        json_object_object_add(entry, "bootstrap", b);
    }
    return 0;
}

int scorer_finish(Scorer *s, json_object **out, char *err, size_t err_size)
{
    *out = NULL;
    if (!s->n_frames) {
        snprintf(err, err_size, "no frames to score");
        return -EINVAL;
    }
    if (vmaf_read_pictures(s->vmaf, NULL, NULL, 0)) {
        snprintf(err, err_size, "flushing the feature extractors failed");
        return -EIO;
    }
    json_object *result = json_object_new_object();
    json_object *scores = json_object_new_object();
    json_object *pooled = json_object_new_object();
    if (!result || !scores || !pooled) {
        json_object_put(result);
        json_object_put(scores);
        json_object_put(pooled);
        return -ENOMEM;
    }
    json_object_object_add(result, "scores", scores);
    json_object_object_add(result, "pooled", pooled);
    for (unsigned i = 0; i < s->n_models; i++) {
        if (pool_model(s, i, scores, pooled)) {
            snprintf(err, err_size, "pooling the scores of model '%.64s' failed",
                     model_spec_label(&s->models[i]));
            json_object_put(result);
            return -EIO;
        }
    }
    json_object *report = NULL;
    const int r = build_report(s, &report, err, err_size);
    if (r) {
        json_object_put(result);
        return r;
    }
    const double elapsed = mcp_now() - s->start_s;
    json_object_object_add(result, "frames", json_object_new_int((int)s->n_frames));
    json_object_object_add(result, "elapsed_s", score_json_number(elapsed));
    json_object_object_add(result, "fps",
                           score_json_number(elapsed > 0 ? s->n_frames / elapsed : 0));
    json_object_object_add(result, "report", report);
    *out = result;
    return 0;
}

void scorer_close(Scorer *s)
{
    if (s->vmaf)
        vmaf_close(s->vmaf);
    for (unsigned i = 0; i < s->n_models; i++) {
        loaded_model_free(&s->loaded[i]);
        model_spec_free(&s->models[i]);
        free(s->model_paths[i]);
    }
    for (unsigned i = 0; i < s->n_features; i++)
        feature_spec_free(&s->features[i]);
    memset(s, 0, sizeof(*s));
}
