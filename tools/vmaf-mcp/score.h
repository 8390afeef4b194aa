/*
 * One scoring run with the public libvmaf API: models and extra features in
 * the CLI's --model/--feature syntax, picture pairs pushed one at a time,
 * then pooled scores and the JSON report as a json-c object.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#ifndef VMAFX_MCP_SCORE_H
#define VMAFX_MCP_SCORE_H

#include <limits.h>
#include <stddef.h>

#include <json-c/json.h>

#include "libvmaf/libvmaf.h"

#include "config.h"
#include "input.h"
#include "jobs.h"
#include "model_spec.h"

#define SCORE_MAX_MODELS 8
#define SCORE_MAX_FEATURES 16
#define SCORE_MAX_THREADS 64u

typedef struct ScoreOptions {
    const char *model_args[SCORE_MAX_MODELS];     /* borrowed; none: vmaf_v0.6.1 */
    unsigned n_models;
    const char *feature_args[SCORE_MAX_FEATURES]; /* borrowed */
    unsigned n_features;
    unsigned threads, subsample;
    int per_frame;                                /* keep "frames" in the report */
} ScoreOptions;

/* Progress and stop checks during a run. All fields may be NULL. */
typedef struct ScoreHooks {
    McpJob *job;
    void (*progress)(void *ctx, unsigned done, unsigned total);
    void *ctx;
} ScoreHooks;

typedef struct Scorer {
    VmafContext *vmaf;
    ModelSpec models[SCORE_MAX_MODELS];
    LoadedModel loaded[SCORE_MAX_MODELS];
    char *model_paths[SCORE_MAX_MODELS];          /* owned, allowlisted path= values */
    unsigned n_models;
    FeatureSpec features[SCORE_MAX_FEATURES];
    unsigned n_features;
    unsigned n_frames;
    int per_frame;
    double start_s;
} Scorer;

/*
 * Parses the specs (a model path= must pass the allowlist of cfg), creates the
 * context and registers every extractor. Returns 0 or a negative errno with
 * one line in err; scorer_close() is needed in both cases.
 */
int scorer_open(Scorer *s, const ScoreOptions *opt, const McpConfig *cfg, char *err,
                size_t err_size);
/* Hands a picture pair to the library; both pictures are consumed in every case. */
int scorer_push(Scorer *s, VmafPicture *ref, VmafPicture *dist, char *err, size_t err_size);
/* Flushes, pools and builds the result object (*out, owned by the caller). */
int scorer_finish(Scorer *s, json_object **out, char *err, size_t err_size);
void scorer_close(Scorer *s);

/* Maps a stop reason to -ECANCELED / -ETIMEDOUT / -ESHUTDOWN with a message. */
int score_stop_error(McpStopReason why, char *err, size_t err_size);

/* A double as JSON; NaN and infinities become null (strict RFC 8259). */
json_object *score_json_number(double v);

typedef struct ScoreFiles {
    char ref_path[PATH_MAX], dist_path[PATH_MAX]; /* resolved by the allowlist */
    InputGeometry raw;                            /* for raw .yuv */
    int raw_given;
    unsigned frame_cnt;                           /* 0: all frames */
    ScoreOptions opt;
} ScoreFiles;

/* Scores two files. Returns 0 with *out set, or a negative errno and err. */
int score_files(const ScoreFiles *req, const McpConfig *cfg, const ScoreHooks *hooks,
                json_object **out, char *err, size_t err_size);

#endif /* VMAFX_MCP_SCORE_H */
