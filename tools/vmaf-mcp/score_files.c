/*
 * vmaf_score: reads two y4m or raw files frame by frame into a Scorer,
 * checking for cancellation and the time limit before every frame.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "score.h"

typedef struct FileRun {
    Input ref, dist;
    Scorer scorer;
} FileRun;

static int open_inputs(FileRun *run, const ScoreFiles *req, char *err, size_t err_size)
{
    const InputGeometry *raw = req->raw_given ? &req->raw : NULL;
    int r = input_open(&run->ref, req->ref_path, raw);
    if (r) {
        snprintf(err, err_size, "reference: %s", run->ref.err);
        return r == -ENOMEM ? r : -EINVAL;
    }
    r = input_open(&run->dist, req->dist_path, raw);
    if (r) {
        snprintf(err, err_size, "distorted: %s", run->dist.err);
        return r == -ENOMEM ? r : -EINVAL;
    }
    const InputGeometry *a = &run->ref.geo, *b = &run->dist.geo;
    if (a->w != b->w || a->h != b->h || a->pix_fmt != b->pix_fmt || a->bpc != b->bpc) {
        snprintf(err, err_size, "reference is %ux%u %s %u-bit but distorted is %ux%u %s %u-bit",
                 a->w, a->h, input_pix_fmt_name(a->pix_fmt), a->bpc, b->w, b->h,
                 input_pix_fmt_name(b->pix_fmt), b->bpc);
        return -EINVAL;
    }
    return 0;
}

static const char *short_pix_fmt(enum VmafPixelFormat f)
{
    return f == VMAF_PIX_FMT_YUV420P ? "420" : f == VMAF_PIX_FMT_YUV422P ? "422"
         : f == VMAF_PIX_FMT_YUV444P ? "444" : "400";
}

/* Frames in a raw file (for progress totals); 0 when unknown (y4m). */
static unsigned expected_frames(const Input *in, const char *path, unsigned frame_cnt)
{
    struct stat st;
    unsigned n = 0;
    if (!in->is_y4m && in->frame_bytes && !stat(path, &st) && st.st_size > 0)
        n = (unsigned)((unsigned long long)st.st_size / in->frame_bytes);
    if (frame_cnt && (!n || frame_cnt < n))
        n = frame_cnt;
    return n;
}

static int read_pair(FileRun *run, char *err, size_t err_size)
{
    const InputGeometry *g = &run->ref.geo;
    VmafPicture ref, dist;
    if (vmaf_picture_alloc(&ref, g->pix_fmt, g->bpc, g->w, g->h))
        return -ENOMEM;
    if (vmaf_picture_alloc(&dist, g->pix_fmt, g->bpc, g->w, g->h)) {
        vmaf_picture_unref(&ref);
        return -ENOMEM;
    }
    int r = input_frame_read(&run->ref, &ref);
    if (r)
        snprintf(err, err_size, "reference: %s", run->ref.err);
    else if ((r = input_frame_read(&run->dist, &dist)))
        snprintf(err, err_size, "distorted: %s", run->dist.err);
    if (r) {
        vmaf_picture_unref(&ref);
        vmaf_picture_unref(&dist);
        return -EINVAL;
    }
    return scorer_push(&run->scorer, &ref, &dist, err, err_size);
}

static int score_loop(FileRun *run, const ScoreFiles *req, const ScoreHooks *hooks,
                      char *err, size_t err_size)
{
    const unsigned total = expected_frames(&run->ref, req->ref_path, req->frame_cnt);
    double last_report = 0;
    for (;;) {
        const McpStopReason why = mcp_job_should_stop(hooks->job);
        if (why)
            return score_stop_error(why, err, err_size);
        if (req->frame_cnt && run->scorer.n_frames >= req->frame_cnt)
            break;
        const int a = input_frame_begin(&run->ref);
        const int b = a < 0 ? a : input_frame_begin(&run->dist);
        if (a < 0 || b < 0) {
            snprintf(err, err_size, "%s", a < 0 ? run->ref.err : run->dist.err);
            return -EINVAL;
        }
        if (!a && !b)
            break;
        if (!a || !b) {
            snprintf(err, err_size, "the %s input ends after %u frames but the other goes on; "
                     "give frame_cnt to score fewer", a ? "distorted" : "reference",
                     run->scorer.n_frames);
            return -EINVAL;
        }
        const int r = read_pair(run, err, err_size);
        if (r)
            return r;
        const double now = mcp_now();
        if (hooks->progress && (run->scorer.n_frames == 1 || now - last_report >= 0.1 ||
                                run->scorer.n_frames == total)) {
            hooks->progress(hooks->ctx, run->scorer.n_frames, total);
            last_report = now;
        }
    }
    return 0;
}

int score_files(const ScoreFiles *req, const McpConfig *cfg, const ScoreHooks *hooks,
                json_object **out, char *err, size_t err_size)
{
    FileRun run;
    memset(&run, 0, sizeof(run));
    *out = NULL;
    int r = open_inputs(&run, req, err, err_size);
    if (!r)
        r = scorer_open(&run.scorer, &req->opt, cfg, err, err_size);
    if (!r)
        r = score_loop(&run, req, hooks, err, err_size);
    if (!r)
        r = scorer_finish(&run.scorer, out, err, err_size);
    if (!r) {
        const InputGeometry *g = &run.ref.geo;
        json_object *geo = json_object_new_object();
        json_object_object_add(geo, "width", json_object_new_int((int)g->w));
        json_object_object_add(geo, "height", json_object_new_int((int)g->h));
        json_object_object_add(geo, "pixfmt", json_object_new_string(short_pix_fmt(g->pix_fmt)));
        json_object_object_add(geo, "bitdepth", json_object_new_int((int)g->bpc));
        json_object_object_add(geo, "format", json_object_new_string(run.ref.is_y4m ? "y4m" : "raw"));
        json_object_object_add(*out, "input", geo);
        json_object_object_add(*out, "reference", json_object_new_string(req->ref_path));
        json_object_object_add(*out, "distorted", json_object_new_string(req->dist_path));
    }
    scorer_close(&run.scorer);
    input_close(&run.ref);
    input_close(&run.dist);
    return r;
}
