/*
 * SSIM statistics shared by "float_ssim" and "float_ms_ssim" (spec
 * ssim-msssim-ciede-psnrhvs.md 2.1-2.4, 2.8).
 *
 * The five Gaussian-filtered images (mu_r, mu_d, E[r^2], E[d^2], E[rd]) are
 * produced row by row: each input row is filtered horizontally into an 11-row
 * ring, and as soon as 11 rows are present one output row is filtered vertically
 * and pooled. Pooling therefore runs in raster order without storing the maps.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>

#include "feature/float_ssim_core.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#define SSIM_TAPS 11
#define SSIM_QUANTITIES 5 /* mu_r, mu_d, E[rr], E[dd], E[rd] */

/* Gaussian window, sigma 1.5, used separably and not re-normalised (spec 2.2). */
static const float ssim_gauss[SSIM_TAPS] = {
    0.001028f, 0.007599f, 0.036001f, 0.109361f, 0.213006f, 0.266012f,
    0.213006f, 0.109361f, 0.036001f, 0.007599f, 0.001028f,
};

bool vmafx_ssim_bpc_ok(unsigned bpc)
{
    return bpc == 8 || bpc == 10 || bpc == 12 || bpc == 16;
}

int vmafx_ssim_luma_to_float(const VmafPicture *pic, enum VmafPixelFormat pix_fmt,
                             unsigned bpc, unsigned w, unsigned h, float *dst)
{
    if (!pic || pic->pix_fmt != pix_fmt || pic->bpc != bpc || pic->w[0] != w ||
        pic->h[0] != h || !pic->data[0] || !vmafx_ssim_bpc_ok(bpc))
        return -EINVAL;
    const ptrdiff_t stride = pic->stride[0];
    if (stride < ((ptrdiff_t)w << (bpc > 8)))
        return -EINVAL;

    const uint8_t *row = pic->data[0];
    if (bpc == 8) {
        for (unsigned i = 0; i < h; i++, row += stride, dst += w)
            for (unsigned j = 0; j < w; j++)
                dst[j] = (float)row[j];
    } else {
        /* exact: a power-of-two scale onto the 8-bit range */
        const float scale = 1.0f / (float)(1u << (bpc - 8));
        for (unsigned i = 0; i < h; i++, row += stride, dst += w) {
            const uint16_t *src = (const uint16_t *)row;
            for (unsigned j = 0; j < w; j++)
                dst[j] = (float)src[j] * scale;
        }
    }
    return 0;
}

size_t vmafx_ssim_scratch_floats(unsigned w)
{
    const size_t wo = w > 10 ? w - 10 : 0;
    /* three product rows, the horizontal ring, five vertical output rows */
    return 3 * (size_t)w + (SSIM_QUANTITIES * SSIM_TAPS + SSIM_QUANTITIES) * wo;
}

/* Horizontal pass of spec 2.3: binary32 products, binary64 sum, one rounding. */
static void ssim_filter_row(const float *src, unsigned wo, float *dst)
{
    for (unsigned x = 0; x < wo; x++) {
        double sum = 0.0;
        for (unsigned k = 0; k < SSIM_TAPS; k++)
            sum += (double)(src[x + k] * ssim_gauss[k]);
        dst[x] = (float)sum;
    }
}

/* Vertical pass over the 11 ring rows in window order. */
static void ssim_filter_col(const float *const rows[SSIM_TAPS], unsigned wo, float *dst)
{
    for (unsigned x = 0; x < wo; x++) {
        double sum = 0.0;
        for (unsigned k = 0; k < SSIM_TAPS; k++)
            sum += (double)(rows[k][x] * ssim_gauss[k]);
        dst[x] = (float)sum;
    }
}

typedef struct SsimSums {
    double q, l, c, s;
} SsimSums;

/* Per-pixel terms of spec 2.4 step 3 for one output row, pooled into sums. */
static void ssim_pool_row(const float *mu_r, const float *mu_d, const float *e_rr,
                          const float *e_dd, const float *e_rd, unsigned wo, SsimSums *sums)
{
    const float k1l = 0.01f * 255.0f, k2l = 0.03f * 255.0f;
    const float c1 = k1l * k1l, c2 = k2l * k2l, c3 = c2 / 2.0f;

    for (unsigned x = 0; x < wo; x++) {
        const float mr = mu_r[x], md = mu_d[x];
        const float mr2 = mr * mr, md2 = md * md, mrd = mr * md;
        float vr = e_rr[x] - mr2;
        float vd = e_dd[x] - md2;
        if (vr < 0.0f)
            vr = 0.0f;
        if (vd < 0.0f)
            vd = 0.0f;
        const float vrd = e_rd[x] - mrd;
        const float sr_sd = (float)sqrt((double)(vr * vd));

        /* binary64 numerators over binary32 denominators */
        const float den_l = (mr2 + md2) + c1;
        const float den_c = (vr + vd) + c2;
        const double l = (2.0 * mr * md + c1) / den_l;
        const double c = (2.0 * sr_sd + c2) / den_c;
        /* structure entirely in binary32; flat identical windows give 1 */
        const float cov = (vrd < 0.0f && sr_sd <= 0.0f) ? 0.0f : vrd;
        const float s = (cov + c3) / (sr_sd + c3);

        sums->q += (l * c) * s;
        sums->l += l;
        sums->c += c;
        sums->s += s;
    }
}

void vmafx_ssim_compute(const float *ref, const float *dist, unsigned w, unsigned h,
                        float *scratch, VmafxSsimStats *out)
{
    SsimSums sums = { 0.0, 0.0, 0.0, 0.0 };

    if (w >= SSIM_TAPS && h >= SSIM_TAPS) {
        const unsigned wo = w - (SSIM_TAPS - 1);
        float *rr = scratch, *dd = rr + w, *rd = dd + w;
        float *ring = rd + w;                        /* [quantity][slot][wo] */
        float *vout = ring + (size_t)SSIM_QUANTITIES * SSIM_TAPS * wo; /* [quantity][wo] */

        for (unsigned y = 0; y < h; y++) {
            const float *r = ref + (size_t)y * w, *d = dist + (size_t)y * w;
            for (unsigned x = 0; x < w; x++) {
                rr[x] = r[x] * r[x];
                dd[x] = d[x] * d[x];
                rd[x] = r[x] * d[x];
            }
            const float *const src[SSIM_QUANTITIES] = { r, d, rr, dd, rd };
            const unsigned slot = y % SSIM_TAPS;
            for (unsigned q = 0; q < SSIM_QUANTITIES; q++)
                ssim_filter_row(src[q], wo, ring + ((size_t)q * SSIM_TAPS + slot) * wo);

            if (y < SSIM_TAPS - 1)
                continue;
            const unsigned top = y - (SSIM_TAPS - 1);
            for (unsigned q = 0; q < SSIM_QUANTITIES; q++) {
                const float *rows[SSIM_TAPS];
                for (unsigned k = 0; k < SSIM_TAPS; k++)
                    rows[k] = ring + ((size_t)q * SSIM_TAPS + (top + k) % SSIM_TAPS) * wo;
                ssim_filter_col(rows, wo, vout + (size_t)q * wo);
            }
            ssim_pool_row(vout, vout + wo, vout + 2 * (size_t)wo, vout + 3 * (size_t)wo,
                          vout + 4 * (size_t)wo, wo, &sums);
        }
    }

    /* signed map size: degenerate sizes give 0/N with N <= 0 (spec 2.4) */
    const double n = (double)(((int64_t)w - 10) * ((int64_t)h - 10));
    out->mssim = (float)(sums.q / n);
    out->l = (float)(sums.l / n);
    out->c = (float)(sums.c / n);
    out->s = (float)(sums.s / n);
}

double vmafx_ssim_max_db(bool clip_db, unsigned w, unsigned h, unsigned bpc)
{
    if (!clip_db)
        return INFINITY;
    const uint64_t peak = (1ull << bpc) - 1;
    const double pixels = (double)((uint64_t)w * h);
    return ceil(10.0 * log10((double)(peak * peak) / (0.5 / pixels)));
}

double vmafx_ssim_to_db(double x, double max_db)
{
    const double db = -10.0 * log10(1.0 - x);
    return db < max_db ? db : max_db;
}
