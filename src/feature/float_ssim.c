/*
 * "float_ssim": single-scale SSIM of the luma plane, optionally on a
 * box-decimated image (spec ssim-msssim-ciede-psnrhvs.md 2.5, 2.6).
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "feature/extractor.h"
#include "feature/extractors.h"
#include "feature/float_ssim_core.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#define SSIM_MAX_SCALE 10

typedef struct FloatSsimState {
    /* options */
    bool enable_lcs;
    bool enable_db;
    bool clip_db;
    int scale; /* 0: automatic */

    /* stream */
    enum VmafPixelFormat pix_fmt;
    unsigned bpc, w, h;
    unsigned factor;       /* decimation factor s */
    unsigned dw, dh;       /* size after decimation */
    double max_db;

    /* buffers (owned; freed by close) */
    float *ref, *dist;         /* w * h converted luma */
    float *ref_dec, *dist_dec; /* dw * dh, only when factor > 1 */
    int *col_index;            /* dw * factor reflected column indices */
    float *scratch;
} FloatSsimState;

/* Spec 2.5 step 2: round(min(W, H) / 256), at least 1. */
static unsigned ssim_auto_scale(unsigned w, unsigned h)
{
    const unsigned m = w < h ? w : h;
    const unsigned s = (unsigned)(((uint64_t)m + 128) / 256);
    return s ? s : 1;
}

/*
 * Box decimation of spec 2.6: s x s window shifted by floor(s/2), weights
 * f32(1/s^2) applied before a binary64 sum, mirrored borders.
 */
static void ssim_box_decimate(const FloatSsimState *st, const float *src, float *dst)
{
    const unsigned s = st->factor;
    const int half = (int)(s / 2);
    const float weight = 1.0f / (float)(s * s);

    for (unsigned y = 0; y < st->dh; y++) {
        for (unsigned x = 0; x < st->dw; x++) {
            const int *cols = st->col_index + (size_t)x * s;
            double sum = 0.0;
            for (unsigned dy = 0; dy < s; dy++) {
                const int row = vmafx_ssim_reflect((int)(s * y + dy) - half, (int)st->h);
                const float *line = src + (size_t)row * st->w;
                for (unsigned dx = 0; dx < s; dx++)
                    sum += (double)(line[cols[dx]] * weight);
            }
            dst[(size_t)y * st->dw + x] = (float)sum;
        }
    }
}

static void float_ssim_close(void *priv)
{
    FloatSsimState *st = priv;
    free(st->ref);
    free(st->dist);
    free(st->ref_dec);
    free(st->dist_dec);
    free(st->col_index);
    free(st->scratch);
    st->ref = st->dist = st->ref_dec = st->dist_dec = st->scratch = NULL;
    st->col_index = NULL;
}

static int float_ssim_init(VmafxFexCtx *ctx, void *priv, enum VmafPixelFormat pix_fmt,
                           unsigned bpc, unsigned w, unsigned h)
{
    (void)ctx;
    FloatSsimState *st = priv;

    if (pix_fmt < VMAF_PIX_FMT_YUV420P || pix_fmt > VMAF_PIX_FMT_YUV400P)
        return -EINVAL;
    if (!vmafx_ssim_bpc_ok(bpc) || !w || !h || w > INT32_MAX / 4 || h > INT32_MAX / 4)
        return -EINVAL;
    if (st->scale < 0 || st->scale > SSIM_MAX_SCALE)
        return -EINVAL;

    st->pix_fmt = pix_fmt;
    st->bpc = bpc;
    st->w = w;
    st->h = h;
    st->max_db = vmafx_ssim_max_db(st->clip_db, w, h, bpc);
    st->factor = st->scale ? (unsigned)st->scale : ssim_auto_scale(w, h);
    /* (quirk) the parity of the input, not a ceiling, is added */
    st->dw = st->factor > 1 ? w / st->factor + (w & 1) : w;
    st->dh = st->factor > 1 ? h / st->factor + (h & 1) : h;

    const size_t pixels = (size_t)w * h;
    st->ref = malloc(pixels * sizeof(float));
    st->dist = malloc(pixels * sizeof(float));
    st->scratch = malloc(vmafx_ssim_scratch_floats(st->dw) * sizeof(float));
    if (!st->ref || !st->dist || !st->scratch)
        goto fail;

    if (st->factor > 1) {
        const size_t dec = (size_t)st->dw * st->dh;
        st->ref_dec = malloc(dec * sizeof(float));
        st->dist_dec = malloc(dec * sizeof(float));
        st->col_index = malloc((size_t)st->dw * st->factor * sizeof(int));
        if (!st->ref_dec || !st->dist_dec || !st->col_index)
            goto fail;
        const int half = (int)(st->factor / 2);
        for (unsigned x = 0; x < st->dw; x++)
            for (unsigned dx = 0; dx < st->factor; dx++)
                st->col_index[(size_t)x * st->factor + dx] =
                    vmafx_ssim_reflect((int)(st->factor * x + dx) - half, (int)w);
    }
    return 0;

fail:
    float_ssim_close(st);
    return -ENOMEM;
}

static int float_ssim_extract(VmafxFexCtx *ctx, void *priv, const VmafPicture *ref,
                              const VmafPicture *dist, unsigned index)
{
    FloatSsimState *st = priv;

    int err = vmafx_ssim_luma_to_float(ref, st->pix_fmt, st->bpc, st->w, st->h, st->ref);
    if (!err)
        err = vmafx_ssim_luma_to_float(dist, st->pix_fmt, st->bpc, st->w, st->h, st->dist);
    if (err)
        return err;

    const float *r = st->ref, *d = st->dist;
    if (st->factor > 1) {
        ssim_box_decimate(st, st->ref, st->ref_dec);
        ssim_box_decimate(st, st->dist, st->dist_dec);
        r = st->ref_dec;
        d = st->dist_dec;
    }

    VmafxSsimStats stats;
    vmafx_ssim_compute(r, d, st->dw, st->dh, st->scratch, &stats);

    const double score = st->enable_db ? vmafx_ssim_to_db(stats.mssim, st->max_db)
                                       : (double)stats.mssim;
    err = vmafx_fex_write(ctx, "float_ssim", score, index);
    if (!err && st->enable_lcs) {
        err = vmafx_fex_write(ctx, "float_ssim_l", stats.l, index);
        if (!err)
            err = vmafx_fex_write(ctx, "float_ssim_c", stats.c, index);
        if (!err)
            err = vmafx_fex_write(ctx, "float_ssim_s", stats.s, index);
    }
    return err;
}

static const VmafxOption float_ssim_options[] = {
    {
        .name = "enable_lcs",
        .type = VMAFX_OPT_BOOL,
        .offset = offsetof(FloatSsimState, enable_lcs),
        .def.b = false,
    },
    {
        .name = "enable_db",
        .type = VMAFX_OPT_BOOL,
        .offset = offsetof(FloatSsimState, enable_db),
        .def.b = false,
    },
    {
        .name = "clip_db",
        .type = VMAFX_OPT_BOOL,
        .offset = offsetof(FloatSsimState, clip_db),
        .def.b = false,
    },
    {
        .name = "scale",
        .type = VMAFX_OPT_INT,
        .offset = offsetof(FloatSsimState, scale),
        .def.i = 0,
        .min = 0,
        .max = SSIM_MAX_SCALE,
    },
    { .name = NULL },
};

static const char *const float_ssim_provided[] = {
    "float_ssim", "float_ssim_l", "float_ssim_c", "float_ssim_s", NULL,
};

const VmafxFeatureExtractor vmafx_fex_float_ssim = {
    .name = "float_ssim",
    .options = float_ssim_options,
    .priv_size = sizeof(FloatSsimState),
    .provided = float_ssim_provided,
    .init = float_ssim_init,
    .extract = float_ssim_extract,
    .close = float_ssim_close,
};
