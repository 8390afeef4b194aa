/*
 * Integer PSNR ("psnr"): per-plane PSNR from the exact sum of squared errors,
 * optional MSE, and the run-level APSNR aggregate (spec integer-vif-psnr.md
 * part 2).
 *
 * The extractor is temporal: APSNR needs the SSE totals of every frame of the
 * run on one instance.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common.h"
#include "feature/extractor.h"
#include "feature/extractors.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#define PSNR_PLANES 3

/* 8-bit rows are summed in uint32_t chunks: 65536 * 255^2 < 2^32. */
#define PSNR_CHUNK_8 65536u

typedef struct PsnrState {
    /* options (parsed by the core before init) */
    bool enable_chroma;
    bool enable_mse;
    bool enable_apsnr;
    bool reduced_hbd_peak;
    double min_sse;

    /* stream properties */
    enum VmafPixelFormat pix_fmt;
    unsigned bpc;
    unsigned w, h;
    bool bpc_supported;
    unsigned planes;                /* 1 (luma only) or 3 */
    double peak_sq;                 /* P^2 */
    uint64_t peak_sq_int;
    double psnr_max[PSNR_PLANES];   /* per-frame cap */

    /* APSNR totals over the run */
    uint64_t sse_total[PSNR_PLANES];
    uint64_t count_total[PSNR_PLANES];
} PsnrState;

static uint64_t psnr_sse_8(const uint8_t *a, ptrdiff_t a_stride, const uint8_t *b,
                           ptrdiff_t b_stride, unsigned w, unsigned h)
{
    uint64_t sse = 0;
    for (unsigned i = 0; i < h; i++) {
        const uint8_t *ra = a + (ptrdiff_t)i * a_stride;
        const uint8_t *rb = b + (ptrdiff_t)i * b_stride;
        for (unsigned j0 = 0; j0 < w; j0 += PSNR_CHUNK_8) {
            const unsigned end = w - j0 > PSNR_CHUNK_8 ? j0 + PSNR_CHUNK_8 : w;
            uint32_t part = 0;
            for (unsigned j = j0; j < end; j++) {
                const int d = ra[j] - rb[j];
                part += (uint32_t)(d * d);
            }
            sse += part;
        }
    }
    return sse;
}

static uint64_t psnr_sse_16(const uint16_t *a, ptrdiff_t a_stride, const uint16_t *b,
                            ptrdiff_t b_stride, unsigned w, unsigned h)
{
    uint64_t sse = 0;
    for (unsigned i = 0; i < h; i++) {
        const uint16_t *ra = (const uint16_t *)((const uint8_t *)a + (ptrdiff_t)i * a_stride);
        const uint16_t *rb = (const uint16_t *)((const uint8_t *)b + (ptrdiff_t)i * b_stride);
        for (unsigned j = 0; j < w; j++) {
            const int32_t d = (int32_t)ra[j] - (int32_t)rb[j];
            const uint32_t ad = (uint32_t)(d < 0 ? -d : d);
            sse += ad * ad; /* < 2^32 */
        }
    }
    return sse;
}

/* Plane sizes of spec 2.1 (chroma rounded down). */
static void psnr_plane_size(enum VmafPixelFormat pix_fmt, unsigned w, unsigned h,
                            unsigned plane, unsigned *pw, unsigned *ph)
{
    unsigned sh = 0, sv = 0;
    if (plane > 0) {
        sh = pix_fmt == VMAF_PIX_FMT_YUV420P || pix_fmt == VMAF_PIX_FMT_YUV422P;
        sv = pix_fmt == VMAF_PIX_FMT_YUV420P;
    }
    *pw = w >> sh;
    *ph = h >> sv;
}

static int psnr_init(VmafxFexCtx *ctx, void *priv, enum VmafPixelFormat pix_fmt,
                     unsigned bpc, unsigned w, unsigned h)
{
    (void)ctx;
    PsnrState *st = priv;

    if (pix_fmt < VMAF_PIX_FMT_YUV420P || pix_fmt > VMAF_PIX_FMT_YUV400P)
        return -EINVAL;
    if (bpc < 8 || bpc > 16 || !w || !h)
        return -EINVAL;
    if (!(st->min_sse >= 0.0 && st->min_sse <= DBL_MAX))
        return -EINVAL;

    st->pix_fmt = pix_fmt;
    st->bpc = bpc;
    st->w = w;
    st->h = h;
    /* other depths are accepted here but every extraction fails (spec 2.1) */
    st->bpc_supported = bpc == 8 || bpc == 10 || bpc == 12 || bpc == 16;
    st->planes = st->enable_chroma && pix_fmt != VMAF_PIX_FMT_YUV400P ? 3 : 1;

    st->peak_sq_int = st->reduced_hbd_peak ? 255ull << (bpc - 8) : (1ull << bpc) - 1;
    st->peak_sq_int *= st->peak_sq_int;
    st->peak_sq = (double)st->peak_sq_int;

    for (unsigned p = 0; p < PSNR_PLANES; p++) {
        if (st->min_sse > 0.0) {
            unsigned pw, ph;
            psnr_plane_size(pix_fmt, w, h, p, &pw, &ph);
            const uint32_t n = (uint32_t)pw * (uint32_t)ph;
            st->psnr_max[p] = ceil(10.0 * log10(st->peak_sq / (st->min_sse / (double)n)));
        } else {
            st->psnr_max[p] = (double)(6 * bpc + 12);
        }
        st->sse_total[p] = 0;
        st->count_total[p] = 0;
    }
    return 0;
}

static bool psnr_picture_ok(const PsnrState *st, const VmafPicture *pic)
{
    if (!pic || pic->pix_fmt != st->pix_fmt || pic->bpc != st->bpc)
        return false;
    if (pic->w[0] != st->w || pic->h[0] != st->h)
        return false;
    for (unsigned p = 0; p < st->planes; p++) {
        const ptrdiff_t min_stride = (ptrdiff_t)pic->w[p] << (st->bpc > 8);
        if (!pic->data[p] || pic->stride[p] < min_stride)
            return false;
    }
    return true;
}

static int psnr_extract(VmafxFexCtx *ctx, void *priv, const VmafPicture *ref,
                        const VmafPicture *dist, unsigned index)
{
    static const char *const psnr_names[PSNR_PLANES] = { "psnr_y", "psnr_cb", "psnr_cr" };
    static const char *const mse_names[PSNR_PLANES] = { "mse_y", "mse_cb", "mse_cr" };
    PsnrState *st = priv;

    if (!st->bpc_supported || !psnr_picture_ok(st, ref) || !psnr_picture_ok(st, dist))
        return -EINVAL;
    for (unsigned p = 0; p < st->planes; p++) {
        if (ref->w[p] != dist->w[p] || ref->h[p] != dist->h[p])
            return -EINVAL;
    }

    int err = 0;
    for (unsigned p = 0; p < st->planes && !err; p++) {
        const unsigned w = ref->w[p], h = ref->h[p];
        const uint64_t sse = st->bpc == 8
            ? psnr_sse_8(ref->data[p], ref->stride[p], dist->data[p], dist->stride[p], w, h)
            : psnr_sse_16(ref->data[p], ref->stride[p], dist->data[p], dist->stride[p], w, h);
        const uint32_t n = (uint32_t)w * (uint32_t)h;

        st->sse_total[p] += sse;
        st->count_total[p] += n;

        const double mse = (double)sse / (double)n;
        const double psnr = 10.0 * log10(st->peak_sq / (mse > 1e-16 ? mse : 1e-16));
        err = vmafx_fex_write(ctx, psnr_names[p], psnr > st->psnr_max[p] ? st->psnr_max[p] : psnr,
                              index);
        if (!err && st->enable_mse)
            err = vmafx_fex_write(ctx, mse_names[p], mse, index);
    }
    return err;
}

static int psnr_flush(VmafxFexCtx *ctx, void *priv)
{
    static const char *const apsnr_names[PSNR_PLANES] = { "apsnr_y", "apsnr_cb", "apsnr_cr" };
    PsnrState *st = priv;

    if (!st->enable_apsnr)
        return 0;
    int err = 0;
    /* all three planes, also when chroma is off (totals 0: the cap is -inf) */
    for (unsigned p = 0; p < PSNR_PLANES && !err; p++) {
        const double a = 10.0 * ((log10(st->peak_sq) + log10((double)st->count_total[p])) -
                                 log10((double)st->sse_total[p]));
        const uint64_t cap_arg = st->peak_sq_int * st->count_total[p] * 2u; /* wraps mod 2^64 */
        const double cap = ceil(10.0 * log10((double)cap_arg));
        err = vmafx_fex_write_aggregate(ctx, apsnr_names[p], a < cap ? a : cap);
    }
    return err;
}

static const VmafxOption psnr_options[] = {
    {
        .name = "enable_chroma",
        .type = VMAFX_OPT_BOOL,
        .offset = offsetof(PsnrState, enable_chroma),
        .def.b = true,
    },
    {
        .name = "enable_mse",
        .type = VMAFX_OPT_BOOL,
        .offset = offsetof(PsnrState, enable_mse),
        .def.b = false,
    },
    {
        .name = "enable_apsnr",
        .type = VMAFX_OPT_BOOL,
        .offset = offsetof(PsnrState, enable_apsnr),
        .def.b = false,
    },
    {
        .name = "reduced_hbd_peak",
        .type = VMAFX_OPT_BOOL,
        .offset = offsetof(PsnrState, reduced_hbd_peak),
        .def.b = false,
    },
    {
        .name = "min_sse",
        .type = VMAFX_OPT_DOUBLE,
        .offset = offsetof(PsnrState, min_sse),
        .def.d = 0.0,
        .min = 0.0,
        .max = DBL_MAX,
    },
    { .name = NULL },
};

static const char *const psnr_provided[] = {
    "psnr_y", "psnr_cb", "psnr_cr", "mse_y", "mse_cb", "mse_cr", NULL,
};

const VmafxFeatureExtractor vmafx_fex_psnr = {
    .name = "psnr",
    .options = psnr_options,
    .priv_size = sizeof(PsnrState),
    .flags = VMAFX_FEX_TEMPORAL,
    .provided = psnr_provided,
    .init = psnr_init,
    .extract = psnr_extract,
    .flush = psnr_flush,
};
