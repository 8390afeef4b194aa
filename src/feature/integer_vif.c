/*
 * Integer VIF ("vif"): Visual Information Fidelity on a 4-scale luma pyramid in
 * fixed-point arithmetic, bit-exact with the reference (spec integer-vif-psnr.md
 * part 1).
 *
 * Per frame: the statistics of scale 0 are taken from the input luma planes; the
 * pyramid planes of scales 1..3 (uint16_t, 8-bit x 256 scale) are produced by
 * filtering and decimating the previous scale. Every pass works row by row on
 * scratch rows padded with the mirrored border, so the inner loops have no
 * border branches. There is no state across frames.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "feature/extractor.h"
#include "feature/extractors.h"
#include "feature/integer_vif_log2.h"
#include "feature/vif_dsp.h"

/* The double expressions of spec 1.6/1.7 must not be fused into FMAs. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#define VIF_SCALES 4
#define VIF_MAX_R 8
/* Smallest frame whose every scale is wide enough for the mirror border (1.9). */
#define VIF_MIN_DIM 16u
/* Largest luma dimension accepted; keeps every index and size product small. */
#define VIF_MAX_DIM (1u << 16)


static const uint16_t vif_filter0[17] = {
    489, 935, 1640, 2640, 3896, 5274, 6547, 7455, 7784,
    7455, 6547, 5274, 3896, 2640, 1640, 935, 489,
};
static const uint16_t vif_filter1[9] = {
    1244, 3663, 7925, 12590, 14692, 12590, 7925, 3663, 1244,
};
static const uint16_t vif_filter2[5] = { 3571, 16004, 26386, 16004, 3571 };
static const uint16_t vif_filter3[3] = { 10904, 43728, 10904 };

static const uint16_t *const vif_filters[VIF_SCALES] = {
    vif_filter0, vif_filter1, vif_filter2, vif_filter3,
};
static const unsigned vif_taps[VIF_SCALES] = { 17, 9, 5, 3 };

typedef struct VifState {
    /* options (parsed by the core before init) */
    double enhn_gain_limit;
    bool skip_scale0;
    bool debug;

    VifDsp dsp; /* kernels chosen in init from the context's CPU flags */

    /* geometry of the stream */
    unsigned bpc;
    unsigned w[VIF_SCALES], h[VIF_SCALES];

    /* scratch, one allocation owned by the instance (freed in close) */
    void *scratch;
    uint16_t *log2_table;                            /* VMAFX_VIF_LOG2_SIZE entries */
    uint16_t *pyr_ref[VIF_SCALES], *pyr_dis[VIF_SCALES]; /* [1..3], w[s] x h[s] */
    VifStatRow stat; /* each row padded by VIF_MAX_R entries on both sides */
    uint16_t *ds_row; /* padded vertically filtered row of the down-sampling */
    int32_t *s1, *s2, *s12;
} VifState;

/* Whole-sample symmetric mirror (edge not repeated); valid for -n < i < 2n - 1. */
static inline unsigned vif_mirror(long i, unsigned n)
{
    if (i < 0)
        return (unsigned)-i;
    if (i > (long)n - 1)
        return (unsigned)(2 * ((long)n - 1) - i);
    return (unsigned)i;
}

/* Pointers to the taps' rows around row `center` of a plane (mirrored at h). */
static void vif_tap_rows(const void **rows, const void *base, ptrdiff_t stride,
                         unsigned h, long center, unsigned taps)
{
    const long r = (long)(taps / 2);
    for (unsigned k = 0; k < taps; k++)
        rows[k] = (const uint8_t *)base + stride * (ptrdiff_t)vif_mirror(center - r + (long)k, h);
}

static void vif_pad_u32(uint32_t *row, unsigned w, unsigned r)
{
    for (unsigned d = 1; d <= r; d++) {
        row[-(ptrdiff_t)d] = row[d];
        row[w - 1 + d] = row[w - 1 - d];
    }
}

static void vif_pad_u16(uint16_t *row, unsigned w, unsigned r)
{
    for (unsigned d = 1; d <= r; d++) {
        row[-(ptrdiff_t)d] = row[d];
        row[w - 1 + d] = row[w - 1 - d];
    }
}

/*
 * Makes pyramid plane `dst` of scale s (1..3) from one plane of scale s-1
 * (spec 1.4). `eight_bit`: the source holds uint8_t samples (8-bit input, s = 1).
 */
static void vif_downsample_plane(VifState *st, unsigned s, const void *src,
                                 ptrdiff_t stride, bool eight_bit, uint16_t *dst)
{
    const uint16_t *filt = vif_filters[s];
    const unsigned taps = vif_taps[s];
    const unsigned src_w = st->w[s - 1], src_h = st->h[s - 1];
    const unsigned shift = s == 1 ? st->bpc : 16;
    const void *rows[VMAFX_VIF_MAX_TAPS];

    for (unsigned i = 0; i < st->h[s]; i++) {
        vif_tap_rows(rows, src, stride, src_h, 2 * (long)i, taps);
        st->dsp.vert_filter[!eight_bit](rows, filt, taps, src_w, shift, st->ds_row);
        vif_pad_u16(st->ds_row, src_w, taps / 2);
        st->dsp.hori_decimate(st->ds_row, filt, taps, dst + (size_t)i * st->w[s], st->w[s]);
    }
}

/* Statistics of scale s over two planes (spec 1.5, 1.6). */
static void vif_scale_sums(VifState *st, unsigned s, const void *ref, ptrdiff_t ref_stride,
                           const void *dis, ptrdiff_t dis_stride, bool eight_bit,
                           VifSums *sums)
{
    const uint16_t *filt = vif_filters[s];
    const unsigned taps = vif_taps[s];
    const unsigned w = st->w[s], h = st->h[s];
    const unsigned mean_shift = s == 0 ? st->bpc : 16;
    const unsigned sq_shift = s == 0 ? 2 * (st->bpc - 8) : 16;
    const void *ref_rows[VMAFX_VIF_MAX_TAPS], *dis_rows[VMAFX_VIF_MAX_TAPS];

    memset(sums, 0, sizeof(*sums));
    for (unsigned i = 0; i < h; i++) {
        vif_tap_rows(ref_rows, ref, ref_stride, h, (long)i, taps);
        vif_tap_rows(dis_rows, dis, dis_stride, h, (long)i, taps);
        st->dsp.vert_stats[!eight_bit](ref_rows, dis_rows, filt, taps, w, mean_shift,
                                       sq_shift, &st->stat);
        vif_pad_u32(st->stat.mu1, w, taps / 2);
        vif_pad_u32(st->stat.mu2, w, taps / 2);
        vif_pad_u32(st->stat.xx, w, taps / 2);
        vif_pad_u32(st->stat.yy, w, taps / 2);
        vif_pad_u32(st->stat.xy, w, taps / 2);
        st->dsp.hori_stats(&st->stat, filt, taps, w, st->s1, st->s2, st->s12);
        st->dsp.accumulate(st->s1, st->s2, st->s12, w, st->enhn_gain_limit, st->log2_table,
                           sums);
    }
}

/* Carves the scratch allocation; returns its size for base == NULL. */
static size_t vif_layout(VifState *st, uint8_t *base)
{
    const size_t w = st->w[0];
    const size_t padded = w + 2 * VIF_MAX_R;
    size_t off = 0;
#define VIF_CARVE(ptr, type, count)                                  \
    do {                                                             \
        if (base)                                                    \
            (ptr) = (type *)(void *)(base + off);                    \
        off += ((count) * sizeof(type) + 63) & ~(size_t)63;          \
    } while (0)

    /* one spare entry: the SIMD accumulators read 32 bits per lookup */
    VIF_CARVE(st->log2_table, uint16_t, (size_t)VMAFX_VIF_LOG2_SIZE + 1);
    for (unsigned s = 1; s < VIF_SCALES; s++) {
        const size_t n = (size_t)st->w[s] * st->h[s];
        VIF_CARVE(st->pyr_ref[s], uint16_t, n);
        VIF_CARVE(st->pyr_dis[s], uint16_t, n);
    }
    VIF_CARVE(st->stat.mu1, uint32_t, padded);
    VIF_CARVE(st->stat.mu2, uint32_t, padded);
    VIF_CARVE(st->stat.xx, uint32_t, padded);
    VIF_CARVE(st->stat.yy, uint32_t, padded);
    VIF_CARVE(st->stat.xy, uint32_t, padded);
    VIF_CARVE(st->ds_row, uint16_t, padded);
    VIF_CARVE(st->s1, int32_t, w);
    VIF_CARVE(st->s2, int32_t, w);
    VIF_CARVE(st->s12, int32_t, w);
#undef VIF_CARVE

    if (base) {
        /* padded rows point at their column 0 */
        st->stat.mu1 += VIF_MAX_R;
        st->stat.mu2 += VIF_MAX_R;
        st->stat.xx += VIF_MAX_R;
        st->stat.yy += VIF_MAX_R;
        st->stat.xy += VIF_MAX_R;
        st->ds_row += VIF_MAX_R;
    }
    return off;
}

static int vif_init(VmafxFexCtx *ctx, void *priv, enum VmafPixelFormat pix_fmt,
                    unsigned bpc, unsigned w, unsigned h)
{
    (void)pix_fmt; /* luma only */
    VifState *st = priv;

    if (bpc < 8 || bpc > 16)
        return -EINVAL;
    if (w < VIF_MIN_DIM || h < VIF_MIN_DIM || w > VIF_MAX_DIM || h > VIF_MAX_DIM)
        return -EINVAL;
    if (!(st->enhn_gain_limit >= 1.0 && st->enhn_gain_limit <= 100.0))
        return -EINVAL;

    vmafx_vif_dsp_init(&st->dsp, vmafx_fex_cpu_flags(ctx));
    st->bpc = bpc;
    st->w[0] = w;
    st->h[0] = h;
    for (unsigned s = 1; s < VIF_SCALES; s++) {
        st->w[s] = st->w[s - 1] / 2;
        st->h[s] = st->h[s - 1] / 2;
    }

    const size_t size = vif_layout(st, NULL);
    st->scratch = aligned_alloc(64, size);
    if (!st->scratch)
        return -ENOMEM;
    vif_layout(st, st->scratch);
    vmafx_vif_log2_table_fill(st->log2_table);
    st->log2_table[VMAFX_VIF_LOG2_SIZE] = 0;
    return 0;
}

static bool vif_picture_ok(const VifState *st, const VmafPicture *pic)
{
    if (!pic || !pic->data[0] || pic->bpc != st->bpc)
        return false;
    if (pic->w[0] != st->w[0] || pic->h[0] != st->h[0])
        return false;
    const ptrdiff_t min_stride = (ptrdiff_t)st->w[0] << (st->bpc > 8);
    return pic->stride[0] >= min_stride;
}

static int vif_extract(VmafxFexCtx *ctx, void *priv, const VmafPicture *ref,
                       const VmafPicture *dist, unsigned index)
{
    VifState *st = priv;
    if (!st->scratch)
        return -EINVAL;
    if (!vif_picture_ok(st, ref) || !vif_picture_ok(st, dist))
        return -EINVAL;

    /* the planes of the current scale; scale 0 is the input luma */
    const void *x = ref->data[0], *y = dist->data[0];
    ptrdiff_t x_stride = ref->stride[0], y_stride = dist->stride[0];
    bool eight_bit = st->bpc == 8;
    float num[VIF_SCALES], den[VIF_SCALES], score[VIF_SCALES];

    for (unsigned s = 0; s < VIF_SCALES; s++) {
        if (s > 0) {
            vif_downsample_plane(st, s, x, x_stride, eight_bit, st->pyr_ref[s]);
            vif_downsample_plane(st, s, y, y_stride, eight_bit, st->pyr_dis[s]);
            x = st->pyr_ref[s];
            y = st->pyr_dis[s];
            x_stride = y_stride = (ptrdiff_t)st->w[s] * (ptrdiff_t)sizeof(uint16_t);
            eight_bit = false;
        }

        if (s == 0 && st->skip_scale0) {
            /* the pyramid is still built from the full-resolution planes */
            num[0] = 0.0f;
            den[0] = -1.0f;
            score[0] = 0.0f;
            continue;
        }

        VifSums sums;
        vif_scale_sums(st, s, x, x_stride, y, y_stride, eight_bit, &sums);
        /* spec 1.7: double expressions rounded once to binary32, ratio in binary32 */
        num[s] = (float)((double)sums.num_log / 2048.0 +
                         ((double)sums.flat_count - ((double)sums.flat_var / 16384.0) / 65025.0));
        den[s] = (float)((double)sums.den_log / 2048.0 + (double)sums.flat_count);
        score[s] = num[s] / den[s];
    }

    static const char *const score_names[VIF_SCALES] = {
        "VMAF_integer_feature_vif_scale0_score",
        "VMAF_integer_feature_vif_scale1_score",
        "VMAF_integer_feature_vif_scale2_score",
        "VMAF_integer_feature_vif_scale3_score",
    };
    int err = 0;
    for (unsigned s = 0; s < VIF_SCALES && !err; s++)
        err = vmafx_fex_write(ctx, score_names[s], score[s], index);
    if (err || !st->debug)
        return err;

    static const char *const num_names[VIF_SCALES] = {
        "integer_vif_num_scale0", "integer_vif_num_scale1",
        "integer_vif_num_scale2", "integer_vif_num_scale3",
    };
    static const char *const den_names[VIF_SCALES] = {
        "integer_vif_den_scale0", "integer_vif_den_scale1",
        "integer_vif_den_scale2", "integer_vif_den_scale3",
    };
    double num_sum = 0.0, den_sum = 0.0;
    for (unsigned s = st->skip_scale0 ? 1 : 0; s < VIF_SCALES; s++) {
        num_sum += num[s];
        den_sum += den[s];
    }
    const double vif = den_sum == 0.0 ? 1.0 : num_sum / den_sum;

    err = vmafx_fex_write(ctx, "integer_vif", vif, index);
    if (!err)
        err = vmafx_fex_write(ctx, "integer_vif_num", num_sum, index);
    if (!err)
        err = vmafx_fex_write(ctx, "integer_vif_den", den_sum, index);
    for (unsigned s = 0; s < VIF_SCALES && !err; s++) {
        err = vmafx_fex_write(ctx, num_names[s], num[s], index);
        if (!err)
            err = vmafx_fex_write(ctx, den_names[s], den[s], index);
    }
    return err;
}

static void vif_close(void *priv)
{
    VifState *st = priv;
    free(st->scratch);
    st->scratch = NULL;
}

static const VmafxOption vif_options[] = {
    {
        .name = "debug",
        .type = VMAFX_OPT_BOOL,
        .offset = offsetof(VifState, debug),
        .def.b = false,
    },
    {
        .name = "vif_enhn_gain_limit",
        .alias = "egl",
        .type = VMAFX_OPT_DOUBLE,
        .offset = offsetof(VifState, enhn_gain_limit),
        .def.d = 100.0,
        .min = 1.0,
        .max = 100.0,
        .feature_param = true,
    },
    {
        .name = "vif_skip_scale0",
        .alias = "ssclz",
        .type = VMAFX_OPT_BOOL,
        .offset = offsetof(VifState, skip_scale0),
        .def.b = false,
        .feature_param = true,
    },
    { .name = NULL },
};

static const char *const vif_provided[] = {
    "VMAF_integer_feature_vif_scale0_score",
    "VMAF_integer_feature_vif_scale1_score",
    "VMAF_integer_feature_vif_scale2_score",
    "VMAF_integer_feature_vif_scale3_score",
    "integer_vif",
    "integer_vif_num",
    "integer_vif_den",
    "integer_vif_num_scale0",
    "integer_vif_den_scale0",
    "integer_vif_num_scale1",
    "integer_vif_den_scale1",
    "integer_vif_num_scale2",
    "integer_vif_den_scale2",
    "integer_vif_num_scale3",
    "integer_vif_den_scale3",
    NULL,
};

const VmafxFeatureExtractor vmafx_fex_vif = {
    .name = "vif",
    .options = vif_options,
    .priv_size = sizeof(VifState),
    .flags = 0,
    .provided = vif_provided,
    .init = vif_init,
    .extract = vif_extract,
    .close = vif_close,
};
