/*
 * "ciede": mean CIEDE2000 colour difference mapped to a PSNR-like score
 * (spec ssim-msssim-ciede-psnrhvs.md section 3). Every luma position is
 * converted to CIELAB for both pictures; the binary32/binary64 rounding points of
 * the spec are reproduced, including its weights kL = 0.65, kH = 4 and the
 * hue-mean and 4:2:2 addressing quirks.
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "feature/extractor.h"
#include "feature/extractors.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

typedef struct Lab {
    float l, a, b;
} Lab;

/*
 * Direct-mapped memo of YCbCr -> Lab conversions: the conversion is a pure
 * function, so a hit returns exactly what recomputing would. Cleared per frame.
 */
#define LAB_CACHE_BITS 14
#define LAB_CACHE_SIZE (1u << LAB_CACHE_BITS)
#define LAB_CACHE_EMPTY UINT64_MAX /* keys use 48 bits */

typedef struct LabCache {
    uint64_t key[LAB_CACHE_SIZE];
    Lab lab[LAB_CACHE_SIZE];
} LabCache;

typedef struct CiedeState {
    enum VmafPixelFormat pix_fmt;
    unsigned bpc, w, h;
    /* YCbCr normalisation (spec 3.3) */
    double off_y, off_c, inv_y, inv_c;
    /* one luma row of samples per picture and component (owned) */
    int32_t *rows;
    LabCache *cache; /* owned */
} CiedeState;

/* sRGB-style transfer with upstream's 10/255 threshold (spec 3.3). */
static double ciede_linear(double c)
{
    if (c > 10.0 / 255.0)
        return pow((c + 0.055) * (1.0 / 1.055), 2.4);
    return c * (1.0 / 12.92);
}

static float ciede_lab_f(double t)
{
    if (t > 216.0 / 24389.0)
        return (float)pow(t, 1.0 / 3.0);
    return (float)(((24389.0 / 27.0) * t + 16.0) * (1.0 / 116.0));
}

static Lab ciede_to_lab(const CiedeState *st, int32_t yv, int32_t uv, int32_t vv)
{
    const double y = (yv - st->off_y) * st->inv_y;
    const double u = (uv - st->off_c) * st->inv_c;
    const double v = (vv - st->off_c) * st->inv_c;

    const double r = ciede_linear(y + 1.28033 * v);
    const double g = ciede_linear((y - 0.21482 * u) - 0.38059 * v);
    const double b = ciede_linear(y + 2.12798 * u);

    const double x = 0.4124564390896921 * r + 0.357576077643909 * g + 0.18043748326639894 * b;
    const double yy = 0.21267285140562248 * r + 0.715152155287818 * g + 0.07217499330655958 * b;
    const double z = 0.019333895582329317 * r + 0.119192025881303 * g + 0.9503040785363677 * b;

    const float fx = ciede_lab_f(x * (1.0 / 0.95047));
    const float fy = ciede_lab_f(yy);
    const float fz = ciede_lab_f(z * (1.0 / 1.08883));

    Lab lab;
    lab.l = (float)(116.0 * fy - 16.0);
    lab.a = (float)(500.0 * ((double)fx - fy));
    lab.b = (float)(200.0 * ((double)fy - fz));
    return lab;
}

static Lab ciede_to_lab_cached(const CiedeState *st, int32_t y, int32_t u, int32_t v)
{
    const uint64_t key = (uint64_t)(uint32_t)y << 32 | (uint64_t)(uint32_t)u << 16 |
                         (uint64_t)(uint32_t)v;
    const unsigned slot = (unsigned)((key * 0x9E3779B97F4A7C15ull) >> (64 - LAB_CACHE_BITS));
    LabCache *c = st->cache;
    if (c->key[slot] != key) {
        c->key[slot] = key;
        c->lab[slot] = ciede_to_lab(st, y, u, v);
    }
    return c->lab[slot];
}

/* Hue angle in [0, 2pi) of spec 3.4 (0 for the achromatic axis). */
static float ciede_hue(float b, float a_prime)
{
    if (b == 0.0f && a_prime == 0.0f)
        return 0.0f;
    float h = (float)atan2(b, a_prime);
    if (h < 0.0f)
        h = (float)(h + 2.0 * M_PI);
    return h;
}

/* Rotation term R_T of spec 3.4 from the hue mean and the mean chroma. */
static float ciede_rotation(float h_mean, float c_mean)
{
    const float deg = (float)(h_mean * (180.0 / M_PI));
    const float t = (float)((deg - 275.0) * (1.0 / 25.0));
    const float p = powf(c_mean, 7.0f);
    const float ratio = p / (p + 6103515625.0f);
    const double e = exp(-(double)(t * t));
    const float theta = (float)((double)(float)(60.0 * e) * (M_PI / 180.0));
    return (float)((-2.0 * sqrt(ratio)) * sin(theta));
}

/* Per-pixel CIEDE2000 with upstream's weights and precision (spec 3.4). */
static float ciede_delta_e(Lab p1, Lab p2)
{
    const float k_l = 0.65f, k_c = 1.0f, k_h = 4.0f;

    const float dl = p2.l - p1.l;
    const float l_mean = (p1.l + p2.l) / 2.0f;
    const float c1 = (float)sqrt((double)p1.a * p1.a + (double)p1.b * p1.b);
    const float c2 = (float)sqrt((double)p2.a * p2.a + (double)p2.b * p2.b);
    const float c_mean = (c1 + c2) / 2.0f;

    const double c7 = pow(c_mean, 7.0);
    const double g = 1.0 - sqrt(c7 / (c7 + 6103515625.0));
    const float a1 = (float)(p1.a + (double)(p1.a / 2.0f) * g);
    const float a2 = (float)(p2.a + (double)(p2.a / 2.0f) * g);
    const float c1p = (float)sqrt((double)a1 * a1 + (double)p1.b * p1.b);
    const float c2p = (float)sqrt((double)a2 * a2 + (double)p2.b * p2.b);
    const float cp_mean = (c1p + c2p) / 2.0f;
    const float dc = c2p - c1p;

    const float d50 = l_mean - 50.0f;
    const double d50sq = (double)d50 * d50;
    const float s_l = (float)(1.0 + (0.015 * d50sq) / sqrt(20.0 + d50sq));
    const float s_c = (float)(1.0 + 0.045 * cp_mean);

    const float h1 = ciede_hue(p1.b, a1);
    const float h2 = ciede_hue(p2.b, a2);
    const float h_diff12 = h1 - h2;

    float dh = 0.0f;
    if (c1 != 0.0f && c2 != 0.0f) {
        const float diff = h2 - h1;
        if (fabs((double)h_diff12) <= M_PI)
            dh = diff;
        else if (h2 <= h1)
            dh = (float)(diff + 2.0 * M_PI);
        else
            dh = (float)(diff - 2.0 * M_PI);
    }
    const float dh_big = (float)(2.0 * sqrt((double)(c1p * c2p)) * sin(dh / 2.0));

    /* (quirk) the wrapped mean always adds 2pi and has no zero-chroma case */
    const float h_sum = h1 + h2;
    const float h_mean = fabs((double)h_diff12) > M_PI ? (float)((h_sum + 2.0 * M_PI) / 2.0)
                                                        : (float)(h_sum / 2.0);
    const double hm = h_mean;
    const float t = (float)(1.0 - 0.17 * cos(hm - M_PI / 6.0) + 0.24 * cos(2.0 * hm) +
                            0.32 * cos(3.0 * hm + M_PI / 30.0) -
                            0.20 * cos(4.0 * hm - (7.0 * M_PI) / 20.0));
    const float s_h = (float)(1.0 + (0.015 * cp_mean) * t);
    const float r_t = ciede_rotation(h_mean, cp_mean);

    const float lightness = dl / (k_l * s_l);
    const float chroma = dc / (k_c * s_c);
    const float hue = dh_big / (k_h * s_h);
    const float cross = (r_t * chroma) * hue;
    return (float)sqrt((((double)lightness * lightness + (double)chroma * chroma) +
                        (double)hue * hue) + cross);
}

static inline int32_t ciede_sample(const VmafPicture *pic, unsigned p, unsigned row,
                                   unsigned col, bool hbd)
{
    const uint8_t *line = (const uint8_t *)pic->data[p] + (ptrdiff_t)row * pic->stride[p];
    return hbd ? ((const uint16_t *)line)[col] : line[col];
}

static bool ciede_picture_ok(const CiedeState *st, const VmafPicture *pic)
{
    if (!pic || pic->pix_fmt != st->pix_fmt || pic->bpc != st->bpc || pic->w[0] != st->w ||
        pic->h[0] != st->h)
        return false;
    for (unsigned p = 0; p < 3; p++) {
        if (!pic->data[p] || !pic->w[p] || !pic->h[p] ||
            pic->stride[p] < ((ptrdiff_t)pic->w[p] << (st->bpc > 8)))
            return false;
    }
    return true;
}

/*
 * Samples of luma row i and the chroma values mapped onto it (spec 3.2) into
 * y/u/v (w entries each).
 */
static void ciede_gather_row(const CiedeState *st, const VmafPicture *pic, unsigned i,
                             int32_t *y, int32_t *u, int32_t *v)
{
    const bool hbd = st->bpc > 8;
    const unsigned cw = pic->w[1], ch = pic->h[1];

    for (unsigned j = 0; j < st->w; j++)
        y[j] = ciede_sample(pic, 0, i, j, hbd);

    switch (st->pix_fmt) {
    case VMAF_PIX_FMT_YUV444P:
        for (unsigned j = 0; j < st->w; j++) {
            u[j] = ciede_sample(pic, 1, i, j, hbd);
            v[j] = ciede_sample(pic, 2, i, j, hbd);
        }
        break;
    case VMAF_PIX_FMT_YUV420P: {
        /* nearest neighbour; the clamps only act on odd sizes (outside the spec) */
        const unsigned row = i / 2 < ch ? i / 2 : ch - 1;
        for (unsigned j = 0; j < st->w; j++) {
            const unsigned col = j / 2 < cw ? j / 2 : cw - 1;
            u[j] = ciede_sample(pic, 1, row, col, hbd);
            v[j] = ciede_sample(pic, 2, row, col, hbd);
        }
        break;
    }
    default: {
        /*
         * (quirk) 4:2:2: the row index is halved, the column is not; the plane is
         * addressed as a flat buffer of rows of `stride` samples, so columns past
         * the row run into the next row. Stride padding is read as 0 (what the
         * allocator's zero-filled padding holds) instead of being read.
         */
        const unsigned s = (unsigned)(pic->stride[1] >> hbd);
        const unsigned s2 = (unsigned)(pic->stride[2] >> hbd);
        for (unsigned j = 0; j < st->w; j++) {
            const unsigned row = i / 2 + j / s, col = j % s;
            const unsigned row2 = i / 2 + j / s2, col2 = j % s2;
            u[j] = row < ch && col < cw ? ciede_sample(pic, 1, row, col, hbd) : 0;
            v[j] = row2 < ch && col2 < cw ? ciede_sample(pic, 2, row2, col2, hbd) : 0;
        }
        break;
    }
    }
}

static int ciede_init(VmafxFexCtx *ctx, void *priv, enum VmafPixelFormat pix_fmt,
                      unsigned bpc, unsigned w, unsigned h)
{
    (void)ctx;
    CiedeState *st = priv;

    if (pix_fmt != VMAF_PIX_FMT_YUV420P && pix_fmt != VMAF_PIX_FMT_YUV422P &&
        pix_fmt != VMAF_PIX_FMT_YUV444P)
        return -EINVAL;
    if ((bpc != 8 && bpc != 10 && bpc != 12 && bpc != 16) || !w || !h)
        return -EINVAL;

    st->pix_fmt = pix_fmt;
    st->bpc = bpc;
    st->w = w;
    st->h = h;
    const double k = (double)(1u << (bpc - 8));
    st->off_y = 16.0 * k;
    st->off_c = 128.0 * k;
    st->inv_y = 1.0 / (219.0 * k);
    st->inv_c = 1.0 / (224.0 * k);

    st->rows = malloc((size_t)6 * w * sizeof(*st->rows));
    st->cache = malloc(sizeof(*st->cache));
    return st->rows && st->cache ? 0 : -ENOMEM;
}

static int ciede_extract(VmafxFexCtx *ctx, void *priv, const VmafPicture *ref,
                         const VmafPicture *dist, unsigned index)
{
    CiedeState *st = priv;

    if (!ciede_picture_ok(st, ref) || !ciede_picture_ok(st, dist))
        return -EINVAL;
    for (unsigned p = 1; p < 3; p++)
        if (ref->w[p] != dist->w[p] || ref->h[p] != dist->h[p])
            return -EINVAL;

    const size_t w = st->w;
    int32_t *ry = st->rows, *ru = ry + w, *rv = ru + w;
    int32_t *dy = rv + w, *du = dy + w, *dv = du + w;

    for (unsigned k = 0; k < LAB_CACHE_SIZE; k++)
        st->cache->key[k] = LAB_CACHE_EMPTY;

    double sum = 0.0;
    for (unsigned i = 0; i < st->h; i++) {
        ciede_gather_row(st, ref, i, ry, ru, rv);
        ciede_gather_row(st, dist, i, dy, du, dv);
        for (size_t j = 0; j < w; j++) {
            /* equal colours give exactly +0 (every term is 0 over a divisor >= 1) */
            if (ry[j] == dy[j] && ru[j] == du[j] && rv[j] == dv[j])
                continue;
            const Lab a = ciede_to_lab_cached(st, ry[j], ru[j], rv[j]);
            const Lab b = ciede_to_lab_cached(st, dy[j], du[j], dv[j]);
            sum += ciede_delta_e(a, b);
        }
    }

    const double mean = sum / (double)((uint64_t)st->w * st->h);
    return vmafx_fex_write(ctx, "ciede2000", 45.0 - 20.0 * log10(mean), index);
}

static void ciede_close(void *priv)
{
    CiedeState *st = priv;
    free(st->rows);
    free(st->cache);
    st->rows = NULL;
    st->cache = NULL;
}

static const char *const ciede_provided[] = { "ciede2000", NULL };

const VmafxFeatureExtractor vmafx_fex_ciede = {
    .name = "ciede",
    .priv_size = sizeof(CiedeState),
    .provided = ciede_provided,
    .init = ciede_init,
    .extract = ciede_extract,
    .close = ciede_close,
};
