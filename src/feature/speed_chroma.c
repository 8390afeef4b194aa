/*
 * SpEED-QA chroma ("speed_chroma", spec cambi-speed.md 2.11.1): entropic
 * differencing of the U and V planes of each frame pair, and their combination.
 * Frames are independent.
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

typedef struct SpeedChromaState {
    SpeedParams opt;
    enum VmafPixelFormat pix_fmt;
    unsigned bpc, w, h;
    SpeedModel model;
    float *plane;        /* w1*h1 prescaled plane */
    float *er, *sr, *ed, *sd; /* per-block entropies and multipliers */
} SpeedChromaState;

#define OPT(field) offsetof(SpeedChromaState, opt.field)

static const VmafxOption speed_chroma_options[] = {
    { "speed_kernelscale", "ks", VMAFX_OPT_DOUBLE, OPT(kernelscale), { .d = 1.0 }, 0.1, 4.0, true },
    { "speed_prescale", "ps", VMAFX_OPT_DOUBLE, OPT(prescale), { .d = 1.0 }, 0.1, 4.0, true },
    { "speed_prescale_method", "psm", VMAFX_OPT_STRING, OPT(prescale_method), { .s = "nearest" },
      0, 0, true },
    { "speed_sigma_nn", "snn", VMAFX_OPT_DOUBLE, OPT(sigma_nn), { .d = 0.29 }, 0.1, 2.0, true },
    { "speed_nn_floor", "nnf", VMAFX_OPT_DOUBLE, OPT(nn_floor), { .d = 0.0 }, 0.0, 1.0, true },
    { "speed_max_val", "mxv", VMAFX_OPT_DOUBLE, OPT(max_val), { .d = 1000.0 }, 0.0, 1000.0, true },
    { "speed_weight_var_mode", "wvm", VMAFX_OPT_INT, OPT(weight_var_mode), { .i = 0 }, 0, 6, true },
    { NULL, NULL, VMAFX_OPT_BOOL, 0, { .b = false }, 0, 0, false },
};

static const char *const speed_chroma_provided[] = {
    "Speed_chroma_feature_speed_chroma_u_score",
    "Speed_chroma_feature_speed_chroma_v_score",
    "Speed_chroma_feature_speed_chroma_uv_score",
    NULL,
};

static void speed_chroma_close(void *priv)
{
    SpeedChromaState *st = priv;
    vmafx_speed_model_close(&st->model);
    free(st->plane);
    free(st->er);
    free(st->sr);
    free(st->ed);
    free(st->sd);
    st->plane = st->er = st->sr = st->ed = st->sd = NULL;
}

static int speed_chroma_init(VmafxFexCtx *ctx, void *priv, enum VmafPixelFormat pix_fmt,
                             unsigned bpc, unsigned w, unsigned h)
{
    (void)ctx;
    SpeedChromaState *st = priv;
    unsigned cw, ch;
    switch (pix_fmt) {
    case VMAF_PIX_FMT_YUV420P: cw = w / 2; ch = h / 2; break;
    case VMAF_PIX_FMT_YUV422P: cw = w / 2; ch = h; break;
    case VMAF_PIX_FMT_YUV444P: cw = w; ch = h; break;
    default: return -EINVAL; /* no chroma */
    }
    if (bpc != 8 && bpc != 10 && bpc != 12 && bpc != 16)
        return -EINVAL;
    st->pix_fmt = pix_fmt;
    st->bpc = bpc;
    st->w = w;
    st->h = h;
    int err = vmafx_speed_model_init(&st->model, &st->opt, cw, ch);
    if (err)
        return err;
    const size_t nb = st->model.blocks;
    st->plane = malloc((size_t)st->model.w1 * st->model.h1 * sizeof(float));
    st->er = malloc(nb * sizeof(float));
    st->sr = malloc(nb * sizeof(float));
    st->ed = malloc(nb * sizeof(float));
    st->sd = malloc(nb * sizeof(float));
    if (!st->plane || !st->er || !st->sr || !st->ed || !st->sd) {
        speed_chroma_close(st);
        return -ENOMEM;
    }
    return 0;
}

/* Score of one chroma plane; *failed when either picture's covariance was singular. */
static int speed_chroma_plane(SpeedChromaState *st, const VmafPicture *ref,
                              const VmafPicture *dist, unsigned plane, float *score,
                              bool *failed)
{
    int err = vmafx_speed_load_plane(&st->model, ref, plane, st->plane);
    if (err)
        return err;
    const bool fr = vmafx_speed_entropies(&st->model, st->plane, st->er, st->sr);
    err = vmafx_speed_load_plane(&st->model, dist, plane, st->plane);
    if (err)
        return err;
    const bool fd = vmafx_speed_entropies(&st->model, st->plane, st->ed, st->sd);
    *score = vmafx_speed_pair_score(&st->model, st->er, st->sr, fr, st->ed, st->sd, fd);
    *failed = fr || fd;
    return 0;
}

static bool picture_matches(const SpeedChromaState *st, const VmafPicture *p)
{
    return p && p->pix_fmt == st->pix_fmt && p->bpc == st->bpc && p->w[0] == st->w &&
           p->h[0] == st->h;
}

static int speed_chroma_extract(VmafxFexCtx *ctx, void *priv, const VmafPicture *ref,
                                const VmafPicture *dist, unsigned index)
{
    SpeedChromaState *st = priv;
    if (!picture_matches(st, ref) || !picture_matches(st, dist))
        return -EINVAL;
    float u, v;
    bool fu, fv;
    int err = speed_chroma_plane(st, ref, dist, 1, &u, &fu);
    if (!err)
        err = speed_chroma_plane(st, ref, dist, 2, &v, &fv);
    if (err)
        return err;
    float uv;
    if (fu && !fv)
        uv = v;
    else if (fv && !fu)
        uv = u;
    else
        uv = (float)((double)(u + v) / 2.0);

    const double mx = st->opt.max_val;
    const double vals[3] = { u, v, uv };
    for (unsigned i = 0; i < 3 && !err; i++)
        err = vmafx_fex_write(ctx, speed_chroma_provided[i], vals[i] < mx ? vals[i] : mx, index);
    return err;
}

static int speed_chroma_check_options(const void *priv)
{
    return vmafx_speed_params_check(&((const SpeedChromaState *)priv)->opt);
}

const VmafxFeatureExtractor vmafx_fex_speed_chroma = {
    .name = "speed_chroma",
    .options = speed_chroma_options,
    .priv_size = sizeof(SpeedChromaState),
    .flags = 0,
    .provided = speed_chroma_provided,
    .check_options = speed_chroma_check_options,
    .init = speed_chroma_init,
    .extract = speed_chroma_extract,
    .close = speed_chroma_close,
};
