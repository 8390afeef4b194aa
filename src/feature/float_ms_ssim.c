/*
 * "float_ms_ssim": five-scale SSIM of the luma plane (spec
 * ssim-msssim-ciede-psnrhvs.md 2.7, 2.8). Each scale is the 9x9 low-pass
 * decimation of the previous one; the per-scale luminance, contrast and
 * structure means are combined with fixed exponents.
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "feature/extractor.h"
#include "feature/extractors.h"
#include "feature/float_ssim_core.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#define MS_SCALES 5
#define MS_TAPS 9
#define MS_MIN_SIZE 176 /* every floor-halved level keeps at least 11 samples */

/*
 * 2-D 9/7 analysis low-pass; the entries are individually rounded, so this table
 * (not an outer product) is what reproduces upstream.
 */
static const float ms_lowpass[MS_TAPS][MS_TAPS] = {
    { 0.000714f, -0.000450f, -0.002090f, 0.007132f, 0.016114f, 0.007132f, -0.002090f, -0.000450f, 0.000714f },
    { -0.000450f, 0.000283f, 0.001316f, -0.004490f, -0.010146f, -0.004490f, 0.001316f, 0.000283f, -0.000450f },
    { -0.002090f, 0.001316f, 0.006115f, -0.020867f, -0.047149f, -0.020867f, 0.006115f, 0.001316f, -0.002090f },
    { 0.007132f, -0.004490f, -0.020867f, 0.071207f, 0.160885f, 0.071207f, -0.020867f, -0.004490f, 0.007132f },
    { 0.016114f, -0.010146f, -0.047149f, 0.160885f, 0.363505f, 0.160885f, -0.047149f, -0.010146f, 0.016114f },
    { 0.007132f, -0.004490f, -0.020867f, 0.071207f, 0.160885f, 0.071207f, -0.020867f, -0.004490f, 0.007132f },
    { -0.002090f, 0.001316f, 0.006115f, -0.020867f, -0.047149f, -0.020867f, 0.006115f, 0.001316f, -0.002090f },
    { -0.000450f, 0.000283f, 0.001316f, -0.004490f, -0.010146f, -0.004490f, 0.001316f, 0.000283f, -0.000450f },
    { 0.000714f, -0.000450f, -0.002090f, 0.007132f, 0.016114f, 0.007132f, -0.002090f, -0.000450f, 0.000714f },
};

/* Exponents per scale; luminance only counts at the coarsest scale. */
static const float ms_alpha[MS_SCALES] = { 0.0f, 0.0f, 0.0f, 0.0f, 0.1333f };
static const float ms_beta[MS_SCALES] = { 0.0448f, 0.2856f, 0.3001f, 0.2363f, 0.1333f };
static const float ms_gamma[MS_SCALES] = { 0.0448f, 0.2856f, 0.3001f, 0.2363f, 0.1333f };

typedef struct FloatMsSsimState {
    /* options */
    bool enable_lcs;
    bool enable_db;
    bool clip_db;

    /* stream */
    enum VmafPixelFormat pix_fmt;
    unsigned bpc;
    unsigned w[MS_SCALES], h[MS_SCALES]; /* pyramid sizes, ceil halving */
    double max_db;

    /* buffers (owned; freed by close) */
    float *ref[MS_SCALES], *dist[MS_SCALES];
    int *col_index[MS_SCALES]; /* levels 1..4: w[k] * 9 reflected source columns */
    int *row_index[MS_SCALES]; /* levels 1..4: h[k] * 9 reflected source rows */
    float *scratch;
} FloatMsSsimState;

/* Down2 of spec 2.7: 9x9 window centred on even positions, binary64 sum. */
static void ms_downsample(const FloatMsSsimState *st, unsigned level, const float *src,
                          float *dst)
{
    const unsigned sw = st->w[level - 1];
    const unsigned dw = st->w[level], dh = st->h[level];
    const int *cols_all = st->col_index[level], *rows_all = st->row_index[level];

    for (unsigned y = 0; y < dh; y++) {
        const int *rows = rows_all + (size_t)y * MS_TAPS;
        for (unsigned x = 0; x < dw; x++) {
            const int *cols = cols_all + (size_t)x * MS_TAPS;
            double sum = 0.0;
            for (unsigned dy = 0; dy < MS_TAPS; dy++) {
                const float *line = src + (size_t)rows[dy] * sw;
                for (unsigned dx = 0; dx < MS_TAPS; dx++)
                    sum += (double)(line[cols[dx]] * ms_lowpass[dy][dx]);
            }
            dst[(size_t)y * dw + x] = (float)sum;
        }
    }
}

static int *ms_index_table(unsigned out_n, unsigned in_n)
{
    int *t = malloc((size_t)out_n * MS_TAPS * sizeof(int));
    if (!t)
        return NULL;
    for (unsigned i = 0; i < out_n; i++)
        for (int k = 0; k < MS_TAPS; k++)
            t[(size_t)i * MS_TAPS + k] = vmafx_ssim_reflect((int)(2 * i) + k - 4, (int)in_n);
    return t;
}

static void float_ms_ssim_close(void *priv)
{
    FloatMsSsimState *st = priv;
    for (unsigned k = 0; k < MS_SCALES; k++) {
        free(st->ref[k]);
        free(st->dist[k]);
        free(st->col_index[k]);
        free(st->row_index[k]);
        st->ref[k] = st->dist[k] = NULL;
        st->col_index[k] = st->row_index[k] = NULL;
    }
    free(st->scratch);
    st->scratch = NULL;
}

static int float_ms_ssim_init(VmafxFexCtx *ctx, void *priv, enum VmafPixelFormat pix_fmt,
                              unsigned bpc, unsigned w, unsigned h)
{
    (void)ctx;
    FloatMsSsimState *st = priv;

    if (pix_fmt < VMAF_PIX_FMT_YUV420P || pix_fmt > VMAF_PIX_FMT_YUV400P)
        return -EINVAL;
    if (!vmafx_ssim_bpc_ok(bpc) || w > INT32_MAX / 4 || h > INT32_MAX / 4)
        return -EINVAL;
    /* the coarsest scale needs an 11x11 window (upstream: "scale below 1x1") */
    if (w < MS_MIN_SIZE || h < MS_MIN_SIZE)
        return -EINVAL;

    st->pix_fmt = pix_fmt;
    st->bpc = bpc;
    st->max_db = vmafx_ssim_max_db(st->clip_db, w, h, bpc);
    st->w[0] = w;
    st->h[0] = h;
    for (unsigned k = 1; k < MS_SCALES; k++) {
        st->w[k] = st->w[k - 1] / 2 + (st->w[k - 1] & 1);
        st->h[k] = st->h[k - 1] / 2 + (st->h[k - 1] & 1);
    }

    for (unsigned k = 0; k < MS_SCALES; k++) {
        const size_t pixels = (size_t)st->w[k] * st->h[k];
        st->ref[k] = malloc(pixels * sizeof(float));
        st->dist[k] = malloc(pixels * sizeof(float));
        if (!st->ref[k] || !st->dist[k])
            goto fail;
        if (k) {
            st->col_index[k] = ms_index_table(st->w[k], st->w[k - 1]);
            st->row_index[k] = ms_index_table(st->h[k], st->h[k - 1]);
            if (!st->col_index[k] || !st->row_index[k])
                goto fail;
        }
    }
    st->scratch = malloc(vmafx_ssim_scratch_floats(w) * sizeof(float));
    if (!st->scratch)
        goto fail;
    return 0;

fail:
    float_ms_ssim_close(st);
    return -ENOMEM;
}

static int ms_write_lcs(VmafxFexCtx *ctx, const VmafxSsimStats stats[MS_SCALES],
                        unsigned index)
{
    static const char *const kinds[3] = { "l", "c", "s" };
    int err = 0;
    for (unsigned t = 0; t < 3 && !err; t++) {
        for (unsigned k = 0; k < MS_SCALES && !err; k++) {
            char name[40];
            snprintf(name, sizeof(name), "float_ms_ssim_%s_scale%u", kinds[t], k);
            const float v = t == 0 ? stats[k].l : t == 1 ? stats[k].c : stats[k].s;
            err = vmafx_fex_write(ctx, name, v, index);
        }
    }
    return err;
}

static int float_ms_ssim_extract(VmafxFexCtx *ctx, void *priv, const VmafPicture *ref,
                                 const VmafPicture *dist, unsigned index)
{
    FloatMsSsimState *st = priv;

    int err = vmafx_ssim_luma_to_float(ref, st->pix_fmt, st->bpc, st->w[0], st->h[0],
                                       st->ref[0]);
    if (!err)
        err = vmafx_ssim_luma_to_float(dist, st->pix_fmt, st->bpc, st->w[0], st->h[0],
                                       st->dist[0]);
    if (err)
        return err;

    VmafxSsimStats stats[MS_SCALES];
    double product = 1.0;
    for (unsigned k = 0; k < MS_SCALES; k++) {
        if (k) {
            ms_downsample(st, k, st->ref[k - 1], st->ref[k]);
            ms_downsample(st, k, st->dist[k - 1], st->dist[k]);
        }
        vmafx_ssim_compute(st->ref[k], st->dist[k], st->w[k], st->h[k], st->scratch,
                           &stats[k]);
        product = product * ((pow(stats[k].l, ms_alpha[k]) * pow(stats[k].c, ms_beta[k])) *
                             pow(stats[k].s, ms_gamma[k]));
        if (product == INFINITY) /* upstream fails the frame ("ms_ssim is INFINITY") */
            return -EINVAL;
    }

    const double score = st->enable_db ? vmafx_ssim_to_db(product, st->max_db) : product;
    err = vmafx_fex_write(ctx, "float_ms_ssim", score, index);
    if (!err && st->enable_lcs)
        err = ms_write_lcs(ctx, stats, index);
    return err;
}

static const VmafxOption float_ms_ssim_options[] = {
    {
        .name = "enable_lcs",
        .type = VMAFX_OPT_BOOL,
        .offset = offsetof(FloatMsSsimState, enable_lcs),
        .def.b = false,
    },
    {
        .name = "enable_db",
        .type = VMAFX_OPT_BOOL,
        .offset = offsetof(FloatMsSsimState, enable_db),
        .def.b = false,
    },
    {
        .name = "clip_db",
        .type = VMAFX_OPT_BOOL,
        .offset = offsetof(FloatMsSsimState, clip_db),
        .def.b = false,
    },
    { .name = NULL },
};

static const char *const float_ms_ssim_provided[] = {
    "float_ms_ssim", NULL,
};

const VmafxFeatureExtractor vmafx_fex_float_ms_ssim = {
    .name = "float_ms_ssim",
    .options = float_ms_ssim_options,
    .priv_size = sizeof(FloatMsSsimState),
    .provided = float_ms_ssim_provided,
    .init = float_ms_ssim_init,
    .extract = float_ms_ssim_extract,
    .close = float_ms_ssim_close,
};
