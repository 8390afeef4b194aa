/*
 * vmaf: scores a distorted video against a reference with the libvmaf API.
 *
 * Flow (api-abi.md 6.2): parse flags, check the report target, open both
 * inputs, create the context, load models and extractors, read picture pairs,
 * flush, pool each model and collection, write the report, print the summary.
 * Every failure prints one line "vmaf: ..." on stderr and exits with a
 * CliExit status.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libvmaf/libvmaf.h"
#include "libvmaf/version.h"
#include "libvmaf/vmafx.h"

#include "cli_args.h"
#include "input.h"
#include "model_spec.h"
#include "progress.h"
#include "report_file.h"

#define DEFAULT_MODEL "version=vmaf_v0.6.1"

typedef struct Run {
    CliSettings cli;
    ModelSpec models[CLI_MAX_MODELS];
    unsigned n_models;
    FeatureSpec features[CLI_MAX_FEATURES];
    unsigned n_features;
    LoadedModel loaded[CLI_MAX_MODELS];
    double scores[CLI_MAX_MODELS];
    VmafModelCollectionScore collection_scores[CLI_MAX_MODELS];
    Input ref, dist;
    ReportFile report;
    VmafContext *vmaf;
    Progress progress;
    unsigned n_frames;
    char err[1024];
} Run;

__attribute__((format(printf, 2, 3)))
static int fail(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("vmaf: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return status;
}

static int parse_specs(Run *run)
{
    const CliSettings *cli = &run->cli;
    const char *default_arg = DEFAULT_MODEL;
    const char *const *args = cli->model_args;
    unsigned n = cli->n_models;
    if (!n && !cli->no_prediction) {
        args = &default_arg;
        n = 1;
    }
    for (unsigned i = 0; i < n; i++) {
        run->n_models = i + 1; /* counted before parsing: cleanup frees a half-parsed spec */
        if (model_spec_parse(&run->models[i], args[i], run->err, sizeof(run->err)))
            return fail(CLI_EXIT_USAGE, "%s", run->err);
        for (unsigned j = 0; j < i; j++) {
            if (!strcmp(model_spec_name(&run->models[i]), model_spec_name(&run->models[j])))
                return fail(CLI_EXIT_USAGE,
                            "two models are named '%s'; give one of them :name=OTHER",
                            model_spec_name(&run->models[i]));
        }
    }
    for (unsigned i = 0; i < cli->n_features; i++) {
        run->n_features = i + 1;
        if (feature_spec_parse(&run->features[i], cli->feature_args[i], run->err,
                               sizeof(run->err)))
            return fail(CLI_EXIT_USAGE, "%s", run->err);
    }
    return CLI_EXIT_OK;
}

static int open_inputs(Run *run)
{
    const CliSettings *cli = &run->cli;
    const InputGeometry *raw = cli->raw_given ? &cli->raw : NULL;
    if (input_open(&run->ref, cli->ref_path, raw))
        return fail(CLI_EXIT_IO, "%s", run->ref.err);
    if (input_open(&run->dist, cli->dist_path, raw))
        return fail(CLI_EXIT_IO, "%s", run->dist.err);
    const InputGeometry *a = &run->ref.geo, *b = &run->dist.geo;
    if (a->w != b->w || a->h != b->h || a->pix_fmt != b->pix_fmt ||
        (a->bpc != b->bpc && !cli->common_bitdepth)) {
        return fail(CLI_EXIT_IO, "reference %s is %ux%u %s %u-bit but distorted %s is %ux%u %s %u-bit",
                    run->ref.name, a->w, a->h, input_pix_fmt_name(a->pix_fmt), a->bpc,
                    run->dist.name, b->w, b->h, input_pix_fmt_name(b->pix_fmt), b->bpc);
    }
    return CLI_EXIT_OK;
}

static int setup_context(Run *run)
{
    const CliSettings *cli = &run->cli;
    VmafConfiguration cfg = {
        .log_level = cli->quiet ? VMAF_LOG_LEVEL_ERROR : VMAF_LOG_LEVEL_WARNING,
        .n_threads = cli->threads,
        .n_subsample = cli->subsample,
        .cpumask = cli->cpumask,
        .gpumask = cli->gpumask,
    };
    if (vmaf_init(&run->vmaf, cfg))
        return fail(CLI_EXIT_SCORE, "cannot create the VMAF context (out of memory?)");
    if (cli->n_percentiles &&
        vmafx_set_report_percentiles(run->vmaf, cli->percentiles, cli->n_percentiles))
        return fail(CLI_EXIT_USAGE, "invalid --percentiles");
    for (unsigned i = 0; i < run->n_models; i++) {
        const int status = model_spec_load(&run->models[i], run->vmaf, &run->loaded[i],
                                           run->err, sizeof(run->err));
        if (status)
            return fail(status, "%s", run->err);
    }
    for (unsigned i = 0; i < run->n_features; i++) {
        const int status = feature_spec_use(&run->features[i], run->vmaf, run->err,
                                            sizeof(run->err));
        if (status)
            return fail(status, "%s", run->err);
    }
    return CLI_EXIT_OK;
}

/* Skips the first `count` frames of `in`. */
static int skip_frames(Input *in, unsigned count, const char *flag)
{
    for (unsigned i = 0; i < count; i++) {
        const int r = input_frame_begin(in);
        if (r < 0)
            return fail(CLI_EXIT_IO, "%s", in->err);
        if (!r)
            return fail(CLI_EXIT_IO, "%s %u: %s has only %u frames", flag, count, in->name, i);
        if (input_frame_read(in, NULL))
            return fail(CLI_EXIT_IO, "%s", in->err);
    }
    return CLI_EXIT_OK;
}

/* Counts the frames of `in` to its end (the current begun frame included). */
static int count_to_end(Input *in, unsigned *total)
{
    int r = 1;
    while (r == 1) {
        if (input_frame_read(in, NULL))
            return -1;
        r = input_frame_begin(in);
    }
    *total = in->frames_begun;
    return r;
}

static int length_mismatch(Run *run, int ref_has_frame)
{
    Input *longer = ref_has_frame ? &run->ref : &run->dist;
    Input *shorter = ref_has_frame ? &run->dist : &run->ref;
    unsigned total;
    if (count_to_end(longer, &total))
        return fail(CLI_EXIT_IO, "%s", longer->err);
    const unsigned short_total = shorter->frames_begun;
    char skips[96] = "";
    if (run->cli.frame_skip_ref || run->cli.frame_skip_dist)
        snprintf(skips, sizeof(skips), " (after --frame_skip_ref %u / --frame_skip_dist %u)",
                 run->cli.frame_skip_ref, run->cli.frame_skip_dist);
    return fail(CLI_EXIT_IO,
                "%s %s has %u frame%s but %s %s has %u%s; use --frame_cnt to score fewer",
                ref_has_frame ? "distorted" : "reference", shorter->name, short_total,
                short_total == 1 ? "" : "s", ref_has_frame ? "reference" : "distorted",
                longer->name, total, skips);
}

/*
 * Pictures come from a pool of one pair per worker plus the pair being read:
 * memory stays flat however long the input, the allocator never sees
 * multi-megabyte blocks come and go every frame (glibc then keeps the freed
 * blocks and the heap grows), and reading waits while every worker is busy.
 */
static int create_picture_pool(Run *run)
{
    const InputGeometry *g = &run->ref.geo;
    const VmafPictureConfiguration cfg = {
        .pic_params = {
            .w = g->w,
            .h = g->h,
            .bpc = g->bpc > run->dist.geo.bpc ? g->bpc : run->dist.geo.bpc,
            .pix_fmt = g->pix_fmt,
        },
        .pic_cnt = 2 * (run->cli.threads + 1),
    };
    if (vmaf_preallocate_pictures(run->vmaf, cfg))
        return fail(CLI_EXIT_SCORE, "cannot allocate %u pictures of %ux%u (out of memory?)",
                    cfg.pic_cnt, g->w, g->h);
    return CLI_EXIT_OK;
}

static int read_pair(Run *run, unsigned index)
{
    /* made once the first frame is known to be complete: a truncated input must
     * fail before gigabytes of pictures are allocated */
    if (index == 0) {
        const int status = create_picture_pool(run);
        if (status)
            return status;
    }
    VmafPicture ref, dist;
    if (vmaf_fetch_preallocated_picture(run->vmaf, &ref))
        return fail(CLI_EXIT_SCORE, "cannot take a picture from the pool");
    if (vmaf_fetch_preallocated_picture(run->vmaf, &dist)) {
        vmaf_picture_unref(&ref);
        return fail(CLI_EXIT_SCORE, "cannot take a picture from the pool");
    }
    int status = CLI_EXIT_OK;
    if (input_frame_read(&run->ref, &ref))
        status = fail(CLI_EXIT_IO, "%s", run->ref.err);
    else if (input_frame_read(&run->dist, &dist))
        status = fail(CLI_EXIT_IO, "%s", run->dist.err);
    else if (vmaf_read_pictures(run->vmaf, &ref, &dist, index))
        status = fail(CLI_EXIT_SCORE, "frame %u: the library rejected the picture pair "
                      "(a feature extractor failed)", index);
    else
        return CLI_EXIT_OK; /* the library owns both pictures now */
    vmaf_picture_unref(&ref);
    vmaf_picture_unref(&dist);
    return status;
}

static int score_frames(Run *run)
{
    const CliSettings *cli = &run->cli;
    int status = skip_frames(&run->ref, cli->frame_skip_ref, "--frame_skip_ref");
    if (!status)
        status = skip_frames(&run->dist, cli->frame_skip_dist, "--frame_skip_dist");
    if (status)
        return status;
    progress_init(&run->progress, stderr, !cli->quiet);
    for (;;) {
        if (cli->frame_cnt && run->n_frames >= cli->frame_cnt)
            break;
        const int r = input_frame_begin(&run->ref);
        if (r < 0)
            return fail(CLI_EXIT_IO, "%s", run->ref.err);
        const int d = input_frame_begin(&run->dist);
        if (d < 0)
            return fail(CLI_EXIT_IO, "%s", run->dist.err);
        if (!r && !d)
            break;
        if (!r || !d)
            return length_mismatch(run, r);
        status = read_pair(run, run->n_frames);
        if (status)
            return status;
        run->n_frames++;
        progress_update(&run->progress);
    }
    progress_finish(&run->progress);
    if (!run->n_frames)
        return fail(CLI_EXIT_IO, "no frames to score: %s has no frames%s", run->ref.name,
                    cli->frame_skip_ref || cli->frame_skip_dist ? " after skipping" : "");
    if (vmaf_read_pictures(run->vmaf, NULL, NULL, 0))
        return fail(CLI_EXIT_SCORE, "flushing the feature extractors failed");
    return CLI_EXIT_OK;
}

static int pool_scores(Run *run)
{
    if (run->cli.no_prediction)
        return CLI_EXIT_OK;
    const unsigned last = run->n_frames - 1;
    for (unsigned i = 0; i < run->n_models; i++) {
        if (vmaf_score_pooled(run->vmaf, run->loaded[i].model, VMAF_POOL_METHOD_MEAN,
                              &run->scores[i], 0, last))
            return fail(CLI_EXIT_SCORE, "pooling the scores of model '%s' failed",
                        model_spec_label(&run->models[i]));
    }
    for (unsigned i = 0; i < run->n_models; i++) {
        if (run->loaded[i].collection &&
            vmaf_score_pooled_model_collection(run->vmaf, run->loaded[i].collection,
                                               VMAF_POOL_METHOD_MEAN,
                                               &run->collection_scores[i], 0, last))
            return fail(CLI_EXIT_SCORE, "pooling the scores of model collection '%s' failed",
                        model_spec_label(&run->models[i]));
    }
    return CLI_EXIT_OK;
}

/* Pooled summary (motion-model-reports.md C.9), printed with or without a terminal. */
static void print_summary(const Run *run)
{
    if (run->cli.no_prediction || run->cli.quiet)
        return;
    for (unsigned i = 0; i < run->n_models; i++)
        fprintf(stderr, "%s: %f\n", model_spec_label(&run->models[i]), run->scores[i]);
    for (unsigned i = 0; i < run->n_models; i++) {
        if (!run->loaded[i].collection)
            continue;
        const VmafModelCollectionScore *s = &run->collection_scores[i];
        fprintf(stderr, "%s: %f, ci.p95: [%f, %f], stddev: %f\n",
                model_spec_label(&run->models[i]), s->bootstrap.bagging_score,
                s->bootstrap.ci.p95.lo, s->bootstrap.ci.p95.hi, s->bootstrap.stddev);
    }
}

static int run_actions(Run *run)
{
    CliSettings *cli = &run->cli;
    switch (cli->action) {
    case CLI_ACTION_HELP:
        cli_print_usage(stdout);
        return CLI_EXIT_OK;
    case CLI_ACTION_VERSION:
        printf("VMAFX %s (libvmaf %d.%d.%d API; reports carry version \"%s\")\n",
               vmafx_version(), VMAF_API_VERSION_MAJOR, VMAF_API_VERSION_MINOR,
               VMAF_API_VERSION_PATCH, vmaf_version());
        return CLI_EXIT_OK;
    case CLI_ACTION_LIST_MODELS:
        for (size_t i = 0; vmafx_builtin_model_name(i); i++)
            printf("%s\n", vmafx_builtin_model_name(i));
        return CLI_EXIT_OK;
    case CLI_ACTION_LIST_FEATURES:
        for (size_t i = 0; vmafx_feature_name(i); i++)
            printf("%s\n", vmafx_feature_name(i));
        return CLI_EXIT_OK;
    case CLI_ACTION_RUN:
        break;
    }
    int status = parse_specs(run);
    if (status)
        return status;
    if (cli->output_path) {
        const char *inputs[2] = { cli->ref_path, cli->dist_path };
        status = report_file_open(&run->report, cli->output_path, inputs, 2, run->err,
                                  sizeof(run->err));
        if (status)
            return fail(status, "%s", run->err);
    }
    status = open_inputs(run);
    if (!status)
        status = setup_context(run);
    if (status)
        return status;
    if (!cli->quiet && isatty(STDERR_FILENO))
        fprintf(stderr, "VMAF version %s\n", vmaf_version());
    status = score_frames(run);
    if (!status)
        status = pool_scores(run);
    if (status)
        return status;
    status = report_file_commit(&run->report, run->vmaf, cli->output_fmt, cli->output_path,
                                run->err, sizeof(run->err));
    if (status)
        return fail(status, "%s", run->err);
    print_summary(run);
    return CLI_EXIT_OK;
}

static int run_main(Run *run, int argc, char **argv)
{
    if (cli_parse_args(&run->cli, argc, argv, run->err, sizeof(run->err)))
        return fail(CLI_EXIT_USAGE, "%s (see vmaf --help)", run->err);
    const int status = run_actions(run);
    if (fflush(stdout) && !status)
        return fail(CLI_EXIT_IO, "cannot write to stdout: %s", strerror(errno));
    return status;
}

static void run_cleanup(Run *run)
{
    if (run->vmaf)
        vmaf_close(run->vmaf);
    for (unsigned i = 0; i < run->n_models; i++) {
        loaded_model_free(&run->loaded[i]);
        model_spec_free(&run->models[i]);
    }
    for (unsigned i = 0; i < run->n_features; i++)
        feature_spec_free(&run->features[i]);
    input_close(&run->ref);
    input_close(&run->dist);
    report_file_close(&run->report);
}

int main(int argc, char **argv)
{
    Run *run = calloc(1, sizeof(*run));
    if (!run)
        return fail(CLI_EXIT_SCORE, "out of memory");
    const int status = run_main(run, argc, argv);
    run_cleanup(run);
    free(run);
    return status;
}
