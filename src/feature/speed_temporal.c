/*
 * SpEED-QA temporal ("speed_temporal", spec cambi-speed.md 2.11.2): entropic
 * differencing of the luma frame differences (previous minus current) of the
 * reference and the distorted clip. Keeps the previous frames: temporal.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>

#include "feature/extractor.h"
#include "feature/extractors.h"
#include "feature/speed_internal.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

typedef struct SpeedTemporalState {
    SpeedParams opt;
    enum VmafPixelFormat pix_fmt;
    unsigned bpc, w, h;
    SpeedModel model;
    float *prev_ref, *prev_dist; /* converted (prescaled) luma of the previous frame */
    float *cur_ref, *cur_dist;
    float *diff;
    float *er, *sr, *ed, *sd;
    bool have_prev;
} SpeedTemporalState;

#define OPT(field) offsetof(SpeedTemporalState, opt.field)

/* No speed_weight_var_mode (always 0); speed_max_val is keyed but never applied. */
static const VmafxOption speed_temporal_options[] = {
    { "speed_kernelscale", "ks", VMAFX_OPT_DOUBLE, OPT(kernelscale), { .d = 1.0 }, 0.1, 4.0, true },
    { "speed_prescale", "ps", VMAFX_OPT_DOUBLE, OPT(prescale), { .d = 1.0 }, 0.1, 4.0, true },
    { "speed_prescale_method", "psm", VMAFX_OPT_STRING, OPT(prescale_method), { .s = "nearest" },
      0, 0, true },
    { "speed_sigma_nn", "snn", VMAFX_OPT_DOUBLE, OPT(sigma_nn), { .d = 0.29 }, 0.1, 2.0, true },
    { "speed_nn_floor", "nnf", VMAFX_OPT_DOUBLE, OPT(nn_floor), { .d = 0.0 }, 0.0, 1.0, true },
    { "speed_max_val", "mxv", VMAFX_OPT_DOUBLE, OPT(max_val), { .d = 1000.0 }, 0.0, 1000.0, true },
    { "speed_use_ref_diff", "urd", VMAFX_OPT_BOOL, OPT(use_ref_diff), { .b = false }, 0, 0, true },
    { NULL, NULL, VMAFX_OPT_BOOL, 0, { .b = false }, 0, 0, false },
};

static const char *const speed_temporal_provided[] = {
    "Speed_temporal_feature_speed_temporal_score",
    NULL,
};

static void speed_temporal_close(void *priv)
{
    SpeedTemporalState *st = priv;
    vmafx_speed_model_close(&st->model);
    float **bufs[] = { &st->prev_ref, &st->prev_dist, &st->cur_ref, &st->cur_dist, &st->diff,
                       &st->er, &st->sr, &st->ed, &st->sd };
    for (size_t i = 0; i < sizeof(bufs) / sizeof(bufs[0]); i++) {
        free(*bufs[i]);
        *bufs[i] = NULL;
    }
}

static int speed_temporal_init(VmafxFexCtx *ctx, void *priv, enum VmafPixelFormat pix_fmt,
                               unsigned bpc, unsigned w, unsigned h)
{
    (void)ctx;
    SpeedTemporalState *st = priv;
    if (bpc != 8 && bpc != 10 && bpc != 12 && bpc != 16)
        return -EINVAL;
    /* upstream writes past its frame buffers when up-scaling: unsupported */
    if (st->opt.prescale > 1.0)
        return -EINVAL;
    st->pix_fmt = pix_fmt;
    st->bpc = bpc;
    st->w = w;
    st->h = h;
    st->have_prev = false;
    st->opt.weight_var_mode = 0;
    int err = vmafx_speed_model_init(&st->model, &st->opt, w, h);
    if (err)
        return err;
    const size_t n = (size_t)st->model.w1 * st->model.h1, nb = st->model.blocks;
    st->prev_ref = malloc(n * sizeof(float));
    st->prev_dist = malloc(n * sizeof(float));
    st->cur_ref = malloc(n * sizeof(float));
    st->cur_dist = malloc(n * sizeof(float));
    st->diff = malloc(n * sizeof(float));
    st->er = malloc(nb * sizeof(float));
    st->sr = malloc(nb * sizeof(float));
    st->ed = malloc(nb * sizeof(float));
    st->sd = malloc(nb * sizeof(float));
    if (!st->prev_ref || !st->prev_dist || !st->cur_ref || !st->cur_dist || !st->diff ||
        !st->er || !st->sr || !st->ed || !st->sd) {
        speed_temporal_close(st);
        return -ENOMEM;
    }
    return 0;
}

static bool picture_matches(const SpeedTemporalState *st, const VmafPicture *p)
{
    return p && p->pix_fmt == st->pix_fmt && p->bpc == st->bpc && p->w[0] == st->w &&
           p->h[0] == st->h;
}

static int speed_temporal_extract(VmafxFexCtx *ctx, void *priv, const VmafPicture *ref,
                                  const VmafPicture *dist, unsigned index)
{
    SpeedTemporalState *st = priv;
    if (!picture_matches(st, ref) || !picture_matches(st, dist))
        return -EINVAL;
    int err = vmafx_speed_load_plane(&st->model, ref, 0, st->cur_ref);
    if (!err)
        err = vmafx_speed_load_plane(&st->model, dist, 0, st->cur_dist);
    if (err)
        return err;

    float score = 0.0f;
    if (st->have_prev) {
        const size_t n = (size_t)st->model.w1 * st->model.h1;
        for (size_t i = 0; i < n; i++)
            st->diff[i] = st->prev_ref[i] - st->cur_ref[i];
        const bool fr = vmafx_speed_entropies(&st->model, st->diff, st->er, st->sr);
        const float *now = st->opt.use_ref_diff ? st->cur_ref : st->cur_dist;
        for (size_t i = 0; i < n; i++)
            st->diff[i] = st->prev_dist[i] - now[i];
        const bool fd = vmafx_speed_entropies(&st->model, st->diff, st->ed, st->sd);
        score = vmafx_speed_pair_score(&st->model, st->er, st->sr, fr, st->ed, st->sd, fd);
    }
    /* the current frames become the previous ones */
    float *t = st->prev_ref;
    st->prev_ref = st->cur_ref;
    st->cur_ref = t;
    t = st->prev_dist;
    st->prev_dist = st->cur_dist;
    st->cur_dist = t;
    st->have_prev = true;

    return vmafx_fex_write(ctx, speed_temporal_provided[0], score, index);
}

static int speed_temporal_check_options(const void *priv)
{
    return vmafx_speed_params_check(&((const SpeedTemporalState *)priv)->opt);
}

const VmafxFeatureExtractor vmafx_fex_speed_temporal = {
    .name = "speed_temporal",
    .options = speed_temporal_options,
    .priv_size = sizeof(SpeedTemporalState),
    .flags = VMAFX_FEX_TEMPORAL,
    .provided = speed_temporal_provided,
    .check_options = speed_temporal_check_options,
    .init = speed_temporal_init,
    .extract = speed_temporal_extract,
    .close = speed_temporal_close,
};
