/*
 * The MCP tools. Arguments are checked here (type, range, unknown names) and
 * every failure becomes a tool error (isError) with a clear message; only an
 * unknown tool name is a JSON-RPC error.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

#include "libvmaf/version.h"
#include "libvmaf/vmafx.h"

#include "mcp.h"
#include "paths.h"
#include "score.h"
#include "synthetic.h"
#include "tool_schemas.h"

#define DEFAULT_MODEL_NAME "vmaf_v0.6.1"
#define ERR_SIZE 1024

json_object *mcp_tools_build_list(void)
{
    json_object *tools = json_object_new_array();
    for (size_t i = 0; tools && i < sizeof(tool_schema_json) / sizeof(tool_schema_json[0]); i++) {
        json_object *t = json_tokener_parse(tool_schema_json[i]);
        if (!t) {
            json_object_put(tools);
            return NULL;
        }
        json_object_array_add(tools, t);
    }
    json_object *result = json_object_new_object();
    if (!result) {
        json_object_put(tools);
        return NULL;
    }
    json_object_object_add(result, "tools", tools);
    return result;
}

int mcp_tool_is_job(const char *name)
{
    return !strcmp(name, "vmaf_score") || !strcmp(name, "run_benchmark") ||
           !strcmp(name, "describe_model");
}

/* ---- results ---- */

static json_object *text_content(const char *text)
{
    json_object *content = json_object_new_array();
    json_object *item = json_object_new_object();
    json_object_object_add(item, "type", json_object_new_string("text"));
    json_object_object_add(item, "text", json_object_new_string(text));
    json_object_array_add(content, item);
    return content;
}

static json_object *tool_ok(json_object *structured)
{
    json_object *result = json_object_new_object();
    json_object_object_add(result, "content",
                           text_content(json_object_to_json_string_ext(
                               structured, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)));
    json_object_object_add(result, "structuredContent", structured);
    json_object_object_add(result, "isError", json_object_new_boolean(0));
    return result;
}

__attribute__((format(printf, 1, 2)))
static json_object *tool_error(const char *fmt, ...)
{
    char text[ERR_SIZE + 128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    json_object *result = json_object_new_object();
    json_object_object_add(result, "content", text_content(text));
    json_object_object_add(result, "isError", json_object_new_boolean(1));
    return result;
}

/* ---- argument access ---- */

typedef struct Args {
    json_object *obj;    /* may be NULL: no arguments */
    char err[ERR_SIZE];
} Args;

static int check_known(Args *a, const char *const *known)
{
    if (!a->obj)
        return 0;
    json_object_object_foreach(a->obj, key, val) {
        (void)val;
        unsigned i = 0;
        while (known[i] && strcmp(known[i], key))
            i++;
        if (!known[i]) {
            snprintf(a->err, sizeof(a->err), "unknown argument '%.64s'", key);
            return -EINVAL;
        }
    }
    return 0;
}

static json_object *member(Args *a, const char *key)
{
    json_object *v = NULL;
    if (!a->obj || !json_object_object_get_ex(a->obj, key, &v))
        return NULL;
    return v;
}

/* A string argument (or its alias); *len gets its length with NULs counted. */
static int get_string(Args *a, const char *key, const char *alias, const char **out, size_t *len)
{
    json_object *v = member(a, key);
    const char *used = key;
    if (!v && alias) {
        v = member(a, alias);
        used = alias;
    }
    *out = NULL;
    if (!v)
        return 0;
    if (!json_object_is_type(v, json_type_string)) {
        snprintf(a->err, sizeof(a->err), "'%s' must be a string", used);
        return -EINVAL;
    }
    *out = json_object_get_string(v);
    if (len)
        *len = (size_t)json_object_get_string_len(v);
    return 0;
}

static int get_uint(Args *a, const char *key, unsigned lo, unsigned hi, unsigned *out)
{
    json_object *v = member(a, key);
    if (!v)
        return 0;
    if (!json_object_is_type(v, json_type_int) || json_object_get_int64(v) < lo ||
        json_object_get_int64(v) > hi) {
        snprintf(a->err, sizeof(a->err), "'%s' must be an integer in [%u, %u]", key, lo, hi);
        return -EINVAL;
    }
    *out = (unsigned)json_object_get_int64(v);
    return 0;
}

static int get_bool(Args *a, const char *key, int *out)
{
    json_object *v = member(a, key);
    if (!v)
        return 0;
    if (!json_object_is_type(v, json_type_boolean)) {
        snprintf(a->err, sizeof(a->err), "'%s' must be true or false", key);
        return -EINVAL;
    }
    *out = json_object_get_boolean(v);
    return 0;
}

/* Spec strings built from arguments; the ScoreOptions point into them. */
typedef struct SpecStore {
    char model[SCORE_MAX_MODELS][512];
} SpecStore;

static int add_model(Args *a, ScoreOptions *opt, SpecStore *st, json_object *v)
{
    if (!json_object_is_type(v, json_type_string) || !json_object_get_string_len(v) ||
        (size_t)json_object_get_string_len(v) >= sizeof(st->model[0]) - 8 ||
        strlen(json_object_get_string(v)) != (size_t)json_object_get_string_len(v)) {
        snprintf(a->err, sizeof(a->err), "a model must be a non-empty string under 500 bytes");
        return -EINVAL;
    }
    if (opt->n_models == SCORE_MAX_MODELS) {
        snprintf(a->err, sizeof(a->err), "at most %d models", SCORE_MAX_MODELS);
        return -EINVAL;
    }
    const char *s = json_object_get_string(v);
    char *dst = st->model[opt->n_models];
    /* a bare name is a built-in version, as the fork's "model" argument */
    snprintf(dst, sizeof(st->model[0]), "%s%s", strchr(s, '=') ? "" : "version=", s);
    opt->model_args[opt->n_models++] = dst;
    return 0;
}

static int get_models(Args *a, ScoreOptions *opt, SpecStore *st)
{
    json_object *one = member(a, "model"), *many = member(a, "models");
    if (one && add_model(a, opt, st, one))
        return -EINVAL;
    if (!many)
        return 0;
    if (!json_object_is_type(many, json_type_array)) {
        snprintf(a->err, sizeof(a->err), "'models' must be an array of strings");
        return -EINVAL;
    }
    for (size_t i = 0; i < json_object_array_length(many); i++) {
        if (add_model(a, opt, st, json_object_array_get_idx(many, i)))
            return -EINVAL;
    }
    return 0;
}

static int get_features(Args *a, ScoreOptions *opt)
{
    static const char *const keys[] = { "features", "feature" };
    for (unsigned k = 0; k < 2; k++) {
        json_object *list = member(a, keys[k]);
        if (!list)
            continue;
        if (!json_object_is_type(list, json_type_array)) {
            snprintf(a->err, sizeof(a->err), "'%s' must be an array of strings", keys[k]);
            return -EINVAL;
        }
        for (size_t i = 0; i < json_object_array_length(list); i++) {
            json_object *v = json_object_array_get_idx(list, i);
            if (!json_object_is_type(v, json_type_string) || !json_object_get_string_len(v) ||
                strlen(json_object_get_string(v)) != (size_t)json_object_get_string_len(v)) {
                snprintf(a->err, sizeof(a->err), "'%s' items must be non-empty strings", keys[k]);
                return -EINVAL;
            }
            if (opt->n_features == SCORE_MAX_FEATURES) {
                snprintf(a->err, sizeof(a->err), "at most %d features", SCORE_MAX_FEATURES);
                return -EINVAL;
            }
            opt->feature_args[opt->n_features++] = json_object_get_string(v);
        }
    }
    return 0;
}

static int parse_pixfmt(Args *a, enum VmafPixelFormat *out)
{
    json_object *v = member(a, "pixfmt");
    if (!v)
        return 0;
    const char *s = NULL;
    char num[16];
    if (json_object_is_type(v, json_type_int)) {
        snprintf(num, sizeof(num), "%lld", (long long)json_object_get_int64(v));
        s = num;
    } else if (json_object_is_type(v, json_type_string)) {
        s = json_object_get_string(v);
    }
    static const struct { const char *a, *b; enum VmafPixelFormat f; } names[] = {
        { "420", "yuv420p", VMAF_PIX_FMT_YUV420P },
        { "422", "yuv422p", VMAF_PIX_FMT_YUV422P },
        { "444", "yuv444p", VMAF_PIX_FMT_YUV444P },
    };
    for (unsigned i = 0; s && i < 3; i++) {
        if (!strcmp(s, names[i].a) || !strncmp(s, names[i].b, 7)) {
            *out = names[i].f;
            return 0;
        }
    }
    snprintf(a->err, sizeof(a->err), "'pixfmt' must be 420, 422 or 444");
    return -EINVAL;
}

static int resolve(Args *a, const McpConfig *cfg, const char *key, const char *alias,
                   char *out)
{
    const char *s;
    size_t len = 0;
    if (get_string(a, key, alias, &s, &len))
        return -EINVAL;
    if (!s) {
        snprintf(a->err, sizeof(a->err), "'%s' (or '%s') is required", key, alias);
        return -EINVAL;
    }
    char why[ERR_SIZE - 32];
    const int r = mcp_path_resolve(cfg, s, len, out, why, sizeof(why));
    if (r)
        snprintf(a->err, sizeof(a->err), "%s: %s", key, why);
    return r;
}

static int parse_common(Args *a, ScoreOptions *opt, SpecStore *st)
{
    if (get_models(a, opt, st) || get_uint(a, "threads", 0, SCORE_MAX_THREADS, &opt->threads))
        return -EINVAL;
    return 0;
}

static int parse_score(Args *a, const McpConfig *cfg, ScoreFiles *req, SpecStore *st)
{
    static const char *const known[] = {
        "reference", "distorted", "ref", "dis", "width", "height", "pixfmt", "bitdepth",
        "model", "models", "features", "feature", "threads", "subsample", "frame_cnt",
        "per_frame", "backend", NULL,
    };
    memset(req, 0, sizeof(*req));
    if (check_known(a, known) || parse_common(a, &req->opt, st) || get_features(a, &req->opt) ||
        get_uint(a, "subsample", 0, 100000, &req->opt.subsample) ||
        get_uint(a, "frame_cnt", 0, UINT_MAX, &req->frame_cnt) ||
        get_bool(a, "per_frame", &req->opt.per_frame))
        return -EINVAL;
    const char *backend;
    if (get_string(a, "backend", NULL, &backend, NULL))
        return -EINVAL;
    if (backend && strcmp(backend, "auto") && strcmp(backend, "cpu")) {
        snprintf(a->err, sizeof(a->err), "backend '%.32s' is not available: this server scores "
                 "on the CPU only", backend);
        return -EINVAL;
    }
    InputGeometry *g = &req->raw;
    g->pix_fmt = VMAF_PIX_FMT_UNKNOWN;
    if (get_uint(a, "width", 1, INPUT_MAX_DIM, &g->w) ||
        get_uint(a, "height", 1, INPUT_MAX_DIM, &g->h) ||
        get_uint(a, "bitdepth", 8, 16, &g->bpc) || parse_pixfmt(a, &g->pix_fmt))
        return -EINVAL;
    const int any = g->w || g->h || g->bpc || g->pix_fmt != VMAF_PIX_FMT_UNKNOWN;
    if (any) {
        if (!g->w || !g->h) {
            snprintf(a->err, sizeof(a->err), "raw geometry needs both width and height");
            return -EINVAL;
        }
        if (!g->bpc)
            g->bpc = 8;
        if (g->pix_fmt == VMAF_PIX_FMT_UNKNOWN)
            g->pix_fmt = VMAF_PIX_FMT_YUV420P;
        req->raw_given = 1;
    }
    const int r = resolve(a, cfg, "reference", "ref", req->ref_path);
    return r ? r : resolve(a, cfg, "distorted", "dis", req->dist_path);
}

/* ---- progress ---- */

typedef struct ProgressCtx {
    McpCall *call;
    json_object *token;
    const char *what;
} ProgressCtx;

static void emit_progress(void *ctx, unsigned done, unsigned total)
{
    ProgressCtx *p = ctx;
    json_object *token = NULL;
    if (json_object_deep_copy(p->token, &token, NULL))
        return;
    json_object *params = json_object_new_object();
    json_object_object_add(params, "progressToken", token);
    json_object_object_add(params, "progress", json_object_new_int64(done));
    if (total)
        json_object_object_add(params, "total", json_object_new_int64(total));
    char text[96];
    if (total)
        snprintf(text, sizeof(text), "%s: frame %u of %u", p->what, done, total);
    else
        snprintf(text, sizeof(text), "%s: frame %u", p->what, done);
    json_object_object_add(params, "message", json_object_new_string(text));
    json_object *note = jsonrpc_notification("notifications/progress", params);
    if (note)
        p->call->emit(p->call->emit_ctx, note);
}

/* ---- job tools ---- */

typedef enum JobKind { JOB_FILES, JOB_SYNTH } JobKind;

typedef struct JobRequest {
    JobKind kind;
    ScoreFiles files;
    SynthParams synth;
    ScoreOptions synth_opt;
} JobRequest;

static McpJobOutcome outcome_of(int r)
{
    switch (r) {
    case 0: return MCP_JOB_OK;
    case -ECANCELED: return MCP_JOB_CANCELLED;
    case -ETIMEDOUT: return MCP_JOB_TIMEOUT;
    default: return MCP_JOB_ERROR;
    }
}

/* Takes a job slot (or answers busy), runs the job, returns the tool result. */
static int run_job(McpCall *call, const char *tool, JobRequest *req, json_object *token,
                   json_object **result)
{
    McpServer *srv = call->srv;
    if (!call->job || mcp_jobs_acquire(&srv->jobs, call->job)) {
        mcp_metrics_job(&srv->metrics, MCP_JOB_BUSY, 0);
        call->http_status = 503;
        *result = tool_error("%s: server busy: %u scoring jobs are running (the limit is %u); "
                             "try again later", tool, mcp_jobs_running(&srv->jobs),
                             srv->cfg->max_jobs);
        return 0;
    }
    ProgressCtx pctx = { call, token, tool };
    const ScoreHooks hooks = {
        .job = call->job,
        .progress = token && call->emit ? emit_progress : NULL,
        .ctx = &pctx,
    };
    char err[ERR_SIZE];
    json_object *out = NULL;
    const double t0 = mcp_now();
    int r;
    if (req->kind == JOB_FILES)
        r = score_files(&req->files, srv->cfg, &hooks, &out, err, sizeof(err));
    else
        r = synth_score(&req->synth, &req->synth_opt, srv->cfg, &hooks, &out, err, sizeof(err));
    mcp_metrics_job(&srv->metrics, outcome_of(r), mcp_now() - t0);
    if (r == -ECANCELED)
        return -ECANCELED;
    if (r) {
        call->http_status = r == -ETIMEDOUT ? 504 : r == -ESHUTDOWN ? 503
                          : r == -EINVAL ? 400 : r == -EACCES ? 403 : 500;
        *result = tool_error("%s: %s", tool, err);
        return 0;
    }
    call->http_status = 200;
    *result = tool_ok(out);
    return 0;
}

static int tool_vmaf_score(McpCall *call, Args *a, json_object *token, json_object **result)
{
    JobRequest *req = calloc(1, sizeof(*req));
    SpecStore *st = calloc(1, sizeof(*st));
    int r = 0;
    call->http_status = 400;
    if (!req || !st) {
        call->http_status = 500;
        *result = tool_error("vmaf_score: out of memory");
    } else if ((r = parse_score(a, call->srv->cfg, &req->files, st))) {
        if (r == -EACCES)
            call->http_status = 403;
        r = 0;
        *result = tool_error("vmaf_score: %s", a->err);
    } else
        r = run_job(call, "vmaf_score", req, token, result);
    free(req);
    free(st);
    return r;
}

static int tool_run_benchmark(McpCall *call, Args *a, json_object *token, json_object **result)
{
    static const char *const known[] = {
        "width", "height", "frames", "model", "models", "threads", NULL,
    };
    JobRequest *req = calloc(1, sizeof(*req));
    SpecStore *st = calloc(1, sizeof(*st));
    int r = 0;
    if (!req || !st) {
        *result = tool_error("run_benchmark: out of memory");
    } else {
        req->kind = JOB_SYNTH;
        req->synth = (SynthParams){ .w = 576, .h = 324, .frames = 24 };
        if (check_known(a, known) || parse_common(a, &req->synth_opt, st) ||
            get_uint(a, "width", SYNTH_MIN_SIDE, SYNTH_MAX_W, &req->synth.w) ||
            get_uint(a, "height", SYNTH_MIN_SIDE, SYNTH_MAX_H, &req->synth.h) ||
            get_uint(a, "frames", 1, SYNTH_MAX_FRAMES, &req->synth.frames))
            *result = tool_error("run_benchmark: %s", a->err);
        else if ((req->synth.w | req->synth.h) & 1)
            *result = tool_error("run_benchmark: width and height must be even");
        else
            r = run_job(call, "run_benchmark", req, token, result);
    }
    if (*result && !r) {
        json_object *sc = NULL;
        if (json_object_object_get_ex(*result, "structuredContent", &sc)) {
            /* the report adds nothing to a benchmark; keep the answer short */
            json_object_object_del(sc, "report");
            json_object_object_add(*result, "content", text_content(
                json_object_to_json_string_ext(sc, JSON_C_TO_STRING_PLAIN |
                                                       JSON_C_TO_STRING_NOSLASHESCAPE)));
        }
    }
    free(req);
    free(st);
    return r;
}

static int is_builtin(const char *name)
{
    for (size_t i = 0; vmafx_builtin_model_name(i); i++) {
        if (!strcmp(vmafx_builtin_model_name(i), name))
            return 1;
    }
    return 0;
}

static int tool_describe_model(McpCall *call, Args *a, json_object **result)
{
    static const char *const known[] = { "name", NULL };
    const char *name;
    if (check_known(a, known) || get_string(a, "name", NULL, &name, NULL) || !name) {
        if (!a->err[0])
            snprintf(a->err, sizeof(a->err), "'name' (string) is required");
        *result = tool_error("describe_model: %s", a->err);
        return 0;
    }
    JobRequest *req = calloc(1, sizeof(*req));
    SpecStore *st = calloc(1, sizeof(*st));
    if (!req || !st) {
        free(req);
        free(st);
        *result = tool_error("describe_model: out of memory");
        return 0;
    }
    req->kind = JOB_SYNTH;
    req->synth = (SynthParams){ .w = 128, .h = 128, .frames = 1 };
    req->synth_opt.per_frame = 1;
    int r = 0;
    if (add_model(a, &req->synth_opt, st, member(a, "name"))) {
        *result = tool_error("describe_model: %s", a->err);
    } else if (!(r = run_job(call, "describe_model", req, NULL, result))) {
        json_object *sc = NULL, *rep = NULL, *frames = NULL, *scores = NULL, *pooled = NULL;
        if (json_object_object_get_ex(*result, "structuredContent", &sc) &&
            json_object_object_get_ex(sc, "report", &rep) &&
            json_object_object_get_ex(rep, "frames", &frames) &&
            json_object_object_get_ex(sc, "scores", &scores) &&
            json_object_object_get_ex(sc, "pooled", &pooled)) {
            json_object *desc = json_object_new_object();
            json_object *keys = json_object_new_array();
            json_object *metrics = NULL, *first = json_object_array_get_idx(frames, 0);
            if (json_object_object_get_ex(first, "metrics", &metrics)) {
                json_object_object_foreach(metrics, key, val) {
                    (void)val;
                    json_object_array_add(keys, json_object_new_string(key));
                }
            }
            const char *score_key = "vmaf";
            int collection = 0;
            json_object_object_foreach(pooled, key, val) {
                score_key = key;
                collection = json_object_object_get_ex(val, "bootstrap", NULL);
            }
            json_object_object_add(desc, "name", json_object_new_string(name));
            json_object_object_add(desc, "kind",
                                   json_object_new_string(collection ? "collection" : "model"));
            json_object_object_add(desc, "builtin", json_object_new_boolean(is_builtin(name)));
            json_object_object_add(desc, "score_key", json_object_new_string(score_key));
            json_object_object_add(desc, "report_keys", keys);
            json_object_put(*result);
            *result = tool_ok(desc);
        }
    }
    free(req);
    free(st);
    return r;
}

/* ---- instant tools ---- */

static json_object *list_models(void)
{
    json_object *out = json_object_new_object();
    json_object *models = json_object_new_array();
    for (size_t i = 0; vmafx_builtin_model_name(i); i++) {
        json_object *m = json_object_new_object();
        json_object_object_add(m, "name", json_object_new_string(vmafx_builtin_model_name(i)));
        json_object_object_add(m, "builtin", json_object_new_boolean(1));
        json_object_array_add(models, m);
    }
    json_object_object_add(out, "models", models);
    json_object_object_add(out, "default", json_object_new_string(DEFAULT_MODEL_NAME));
    return tool_ok(out);
}

static json_object *list_features(void)
{
    json_object *out = json_object_new_object();
    json_object *names = json_object_new_array();
    for (size_t i = 0; vmafx_feature_name(i); i++)
        json_object_array_add(names, json_object_new_string(vmafx_feature_name(i)));
    json_object_object_add(out, "features", names);
    return tool_ok(out);
}

static json_object *simd_info(void)
{
    json_object *simd = json_object_new_object();
    json_object *cpu = json_object_new_array();
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("sse2"))
        json_object_array_add(cpu, json_object_new_string("sse2"));
    if (__builtin_cpu_supports("ssse3"))
        json_object_array_add(cpu, json_object_new_string("ssse3"));
    if (__builtin_cpu_supports("sse4.1"))
        json_object_array_add(cpu, json_object_new_string("sse4.1"));
    if (__builtin_cpu_supports("avx2"))
        json_object_array_add(cpu, json_object_new_string("avx2"));
    if (__builtin_cpu_supports("avx512f"))
        json_object_array_add(cpu, json_object_new_string("avx512f"));
    if (__builtin_cpu_supports("avx512bw"))
        json_object_array_add(cpu, json_object_new_string("avx512bw"));
    json_object_object_add(simd, "arch", json_object_new_string("x86"));
#elif defined(__aarch64__)
    json_object_array_add(cpu, json_object_new_string("neon"));
    json_object_object_add(simd, "arch", json_object_new_string("aarch64"));
#else
    json_object_object_add(simd, "arch", json_object_new_string("other"));
#endif
    json_object_object_add(simd, "cpu", cpu);
    json_object_object_add(simd, "policy", json_object_new_string(
        "the library uses the best kernels it has for these CPU levels; "
        "scores are bit-identical across levels"));
    return simd;
}

static json_object *version_info(const McpServer *srv)
{
    json_object *out = json_object_new_object();
    char api[32];
    snprintf(api, sizeof(api), "%d.%d.%d", VMAF_API_VERSION_MAJOR, VMAF_API_VERSION_MINOR,
             VMAF_API_VERSION_PATCH);
    json_object_object_add(out, "version", json_object_new_string(vmafx_version()));
    json_object_object_add(out, "libvmaf_api", json_object_new_string(api));
    json_object_object_add(out, "report_version", json_object_new_string(vmaf_version()));

    json_object *build = json_object_new_object();
    json_object_object_add(build, "json_library", json_object_new_string("json-c"));
    json_object_object_add(build, "json_library_version", json_object_new_string(json_c_version()));
    json_object_object_add(build, "http_library", json_object_new_string("libmicrohttpd"));
    json_object_object_add(build, "http_library_version",
                           json_object_new_string(MHD_get_version()));
#ifdef __VERSION__
    json_object_object_add(build, "compiler", json_object_new_string(__VERSION__));
#endif
#ifdef NDEBUG
    json_object_object_add(build, "assertions", json_object_new_boolean(0));
#else
    json_object_object_add(build, "assertions", json_object_new_boolean(1));
#endif
    json_object_object_add(out, "build", build);
    json_object_object_add(out, "simd", simd_info());

    json_object *server = json_object_new_object();
    json_object *versions = json_object_new_array();
    for (unsigned i = 0; mcp_protocol_versions[i]; i++)
        json_object_array_add(versions, json_object_new_string(mcp_protocol_versions[i]));
    json_object_object_add(server, "protocol_versions", versions);
    json_object_object_add(server, "transport", json_object_new_string(
        srv->cfg->transport == MCP_TRANSPORT_HTTP ? "http" : "stdio"));
    json_object_object_add(server, "max_jobs", json_object_new_int((int)srv->cfg->max_jobs));
    json_object_object_add(server, "job_timeout_s",
                           json_object_new_int((int)srv->cfg->job_timeout_s));
    json_object_object_add(out, "server", server);
    return tool_ok(out);
}

int mcp_tools_call(McpCall *call, const char *name, json_object *args,
                   json_object *progress_token, json_object **result)
{
    static const char *const none[] = { NULL };
    Args a = { .obj = args, .err = "" };
    *result = NULL;
    if (!strcmp(name, "vmaf_score"))
        return tool_vmaf_score(call, &a, progress_token, result);
    if (!strcmp(name, "run_benchmark"))
        return tool_run_benchmark(call, &a, progress_token, result);
    if (!strcmp(name, "describe_model"))
        return tool_describe_model(call, &a, result);
    const int simple = !strcmp(name, "list_models") || !strcmp(name, "list_features") ||
                       !strcmp(name, "vmaf_version");
    if (!simple)
        return -ENOENT;
    if (check_known(&a, none))
        *result = tool_error("%s: %s", name, a.err);
    else if (name[0] == 'v')
        *result = version_info(call->srv);
    else
        *result = name[5] == 'm' ? list_models() : list_features();
    return *result ? 0 : -ENOMEM;
}
