/*
 * Float ADM ("float_adm"): additive detail metric on luma in binary32
 * arithmetic (spec float-vif-adm-motion.md section 3): a 4-level Daubechies-2
 * wavelet pyramid of both pictures, decoupling of the distorted details into a
 * restored and an additive part, CSF weighting, contrast masking and
 * cube-root pooling over the central region of every band.
 *
 * No state across frames. All bands of one scale are kept in full; the largest
 * (scale 0) is a quarter of the picture.
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feature/extractor.h"
#include "feature/extractors.h"
#include "feature/float_adm_rcp.h"
#include "feature/float_common.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#define ADM_SCALES 4

enum { BAND_A, BAND_H, BAND_V, BAND_D, BAND_COUNT };
enum { DIR_H, DIR_V, DIR_D, DIR_COUNT }; /* detail orientations */

typedef struct FloatAdmPriv {
    /* options (filled by the core through the option table) */
    double egl;
    double norm_view_dist;
    int ref_display_height;
    double noise_weight;
    int csf_mode;
    double csf_scale, csf_diag_scale; /* Barten mode only: no effect here */
    double f1[ADM_SCALES], f2[ADM_SCALES];
    int bypass_cm;
    double p_norm;
    double dlm_weight;
    bool adm3_apply_hm;
    double min_val;
    int skip_aim_scale;
    bool skip_scale0;
    bool debug;

    /* state (init) */
    unsigned w, h;
    unsigned bw[ADM_SCALES], bh[ADM_SCALES];
    float csf[ADM_SCALES][DIR_COUNT]; /* f1, f1, f2 per scale */
    VmafxFloatPlane ref_in, dist_in;
    /* bands of the current scale; the A bands alternate between two slots so
     * that scale s+1 can read scale s's approximation */
    float *o[BAND_COUNT + 1], *t[BAND_COUNT + 1]; /* [BAND_COUNT]: second A slot */
    float *rst[DIR_COUNT], *add[DIR_COUNT];       /* decoupled: restored, additive */
    float *k_add[DIR_COUNT], *k_rst[DIR_COUNT];   /* masking helpers */
    float *lo_row, *hi_row;
} FloatAdmPriv;

#define OPT_D(nm, al, field, dv, lo, hi)                                               \
    { .name = nm, .alias = al, .type = VMAFX_OPT_DOUBLE,                               \
      .offset = offsetof(FloatAdmPriv, field), .def.d = dv, .min = lo, .max = hi,       \
      .feature_param = true }
#define OPT_I(nm, al, field, dv, lo, hi)                                               \
    { .name = nm, .alias = al, .type = VMAFX_OPT_INT,                                  \
      .offset = offsetof(FloatAdmPriv, field), .def.i = dv, .min = lo, .max = hi,       \
      .feature_param = true }
#define OPT_B(nm, al, field)                                                           \
    { .name = nm, .alias = al, .type = VMAFX_OPT_BOOL,                                 \
      .offset = offsetof(FloatAdmPriv, field), .def.b = false, .feature_param = true }

static const VmafxOption float_adm_options[] = {
    OPT_D("adm_enhn_gain_limit", "egl", egl, 100.0, 1.0, 100.0),
    OPT_D("adm_norm_view_dist", "nvd", norm_view_dist, 3.0, 0.75, 24.0),
    OPT_I("adm_ref_display_height", "rdf", ref_display_height, 1080, 1, 4320),
    OPT_D("adm_noise_weight", "nw", noise_weight, 0.03125, 0.0, 1500.0),
    OPT_I("adm_csf_mode", "csf", csf_mode, 0, 0, 9),
    OPT_D("adm_csf_scale", "scf", csf_scale, 1.0, 0.0, 50.0),
    OPT_D("adm_csf_diag_scale", "scfd", csf_diag_scale, 1.0, 0.0, 50.0),
    OPT_D("adm_f1s0", "f1s0", f1[0], -1.0, -1.0, 10.0),
    OPT_D("adm_f1s1", "f1s1", f1[1], -1.0, -1.0, 10.0),
    OPT_D("adm_f1s2", "f1s2", f1[2], -1.0, -1.0, 10.0),
    OPT_D("adm_f1s3", "f1s3", f1[3], -1.0, -1.0, 10.0),
    OPT_D("adm_f2s0", "f2s0", f2[0], -1.0, -1.0, 10.0),
    OPT_D("adm_f2s1", "f2s1", f2[1], -1.0, -1.0, 10.0),
    OPT_D("adm_f2s2", "f2s2", f2[2], -1.0, -1.0, 10.0),
    OPT_D("adm_f2s3", "f2s3", f2[3], -1.0, -1.0, 10.0),
    OPT_I("adm_bypass_cm", "bcm", bypass_cm, 0, 0, 1),
    OPT_D("adm_p_norm", "apn", p_norm, 3.0, 1.0, 20.0),
    OPT_D("adm_dlm_weight", "dlmw", dlm_weight, 0.5, 0.0, 1.0),
    OPT_B("adm_adm3_apply_hm", "aah", adm3_apply_hm),
    OPT_D("adm_min_val", "min", min_val, 0.0, 0.0, 1.0),
    OPT_I("adm_skip_aim_scale", "sasc", skip_aim_scale, -1, 0, 3),
    OPT_B("adm_skip_scale0", "ssz", skip_scale0),
    { .name = "debug", .alias = NULL, .type = VMAFX_OPT_BOOL,
      .offset = offsetof(FloatAdmPriv, debug), .def.b = false, .feature_param = false },
    { .name = NULL },
};

#define ADM2_NAME "VMAF_feature_adm2_score"
#define AIM_NAME  "VMAF_feature_aim_score"
#define ADM3_NAME "VMAF_feature_adm3_score"

static const char *const scale_names[ADM_SCALES] = {
    "VMAF_feature_adm_scale0_score",
    "VMAF_feature_adm_scale1_score",
    "VMAF_feature_adm_scale2_score",
    "VMAF_feature_adm_scale3_score",
};

static const char *const float_adm_provided[] = {
    ADM2_NAME, AIM_NAME, ADM3_NAME,
    "VMAF_feature_adm_scale0_score",
    "VMAF_feature_adm_scale1_score",
    "VMAF_feature_adm_scale2_score",
    "VMAF_feature_adm_scale3_score",
    NULL,
};

/* ---- CSF factors (3.5) ------------------------------------------------------- */

static float watson_factor(unsigned scale, float gain, float amplitude, double nvd, int rdf)
{
    const float a = 0.495f, k = 0.466f, f0 = 0.401f;
    const double pi = M_PI;
    const float rr = (float)(((nvd * (double)rdf) * pi) / 180.0);
    const float tmp = (float)log10(((pow(2.0, (double)(scale + 1)) * (double)f0) *
                                    (double)gain) / (double)rr);
    const float e = (k * tmp) * tmp;
    const float q = (float)(((2.0 * (double)a) * pow(10.0, (double)e)) / (double)amplitude);
    return 1.0f / q;
}

static void csf_factors(FloatAdmPriv *p)
{
    static const float amp1[ADM_SCALES] = { 0.67234f, 0.41317f, 0.22727f, 0.11792f };
    static const float amp2[ADM_SCALES] = { 0.72709f, 0.49428f, 0.28688f, 0.15214f };
    for (unsigned s = 0; s < ADM_SCALES; s++) {
        float f1 = watson_factor(s, 1.0f, amp1[s], p->norm_view_dist, p->ref_display_height);
        float f2 = watson_factor(s, 0.534f, amp2[s], p->norm_view_dist,
                                 p->ref_display_height);
        if (p->f1[s] >= 0.0)
            f1 = (float)p->f1[s];
        if (p->f2[s] >= 0.0)
            f2 = (float)p->f2[s];
        p->csf[s][DIR_H] = f1;
        p->csf[s][DIR_V] = f1;
        p->csf[s][DIR_D] = f2;
    }
}

/* ---- init / close -------------------------------------------------------------- */

static void float_adm_close(void *priv)
{
    FloatAdmPriv *p = priv;
    for (unsigned b = 0; b <= BAND_COUNT; b++) {
        free(p->o[b]);
        free(p->t[b]);
        p->o[b] = p->t[b] = NULL;
    }
    for (unsigned d = 0; d < DIR_COUNT; d++) {
        free(p->rst[d]);
        free(p->add[d]);
        free(p->k_add[d]);
        free(p->k_rst[d]);
        p->rst[d] = p->add[d] = p->k_add[d] = p->k_rst[d] = NULL;
    }
    free(p->lo_row);
    free(p->hi_row);
    p->lo_row = p->hi_row = NULL;
    vmafx_float_plane_free(&p->ref_in);
    vmafx_float_plane_free(&p->dist_in);
}

static int alloc_floats(float **out, size_t n)
{
    *out = malloc(n * sizeof(float));
    return *out ? 0 : -ENOMEM;
}

static int float_adm_init(VmafxFexCtx *ctx, void *priv, enum VmafPixelFormat pix_fmt,
                          unsigned bpc, unsigned w, unsigned h)
{
    (void)ctx;
    (void)pix_fmt;
    FloatAdmPriv *p = priv;

    if (bpc != 8 && bpc != 10 && bpc != 12 && bpc != 16)
        return -EINVAL;
    if (w > VMAFX_FLOAT_MAX_DIM || h > VMAFX_FLOAT_MAX_DIM)
        return -EINVAL;
    /* Barten (1) and ADM-native (2) CSFs are not specified; refuse them. */
    if (p->csf_mode == 1 || p->csf_mode == 2)
        return -EINVAL;
    p->w = w;
    p->h = h;
    unsigned bw = w, bh = h;
    for (unsigned s = 0; s < ADM_SCALES; s++) {
        bw = (bw + 1) / 2;
        bh = (bh + 1) / 2;
        p->bw[s] = bw;
        p->bh[s] = bh;
    }
    /* Every band needs 2 x 2 samples for the borders of the transform and masking. */
    if (p->bw[ADM_SCALES - 1] < 2 || p->bh[ADM_SCALES - 1] < 2)
        return -EINVAL;
    csf_factors(p);

    const size_t band = (size_t)p->bw[0] * p->bh[0];
    int err = 0;
    for (unsigned b = 0; b <= BAND_COUNT && !err; b++) {
        if (!(err = alloc_floats(&p->o[b], band)))
            err = alloc_floats(&p->t[b], band);
    }
    for (unsigned d = 0; d < DIR_COUNT && !err; d++) {
        if (!(err = alloc_floats(&p->rst[d], band)) && !(err = alloc_floats(&p->add[d], band)) &&
            !(err = alloc_floats(&p->k_add[d], band)))
            err = alloc_floats(&p->k_rst[d], band);
    }
    if (!err && !(err = alloc_floats(&p->lo_row, w)))
        err = alloc_floats(&p->hi_row, w);
    if (!err && !(err = vmafx_float_plane_alloc(&p->ref_in, w, h)))
        err = vmafx_float_plane_alloc(&p->dist_in, w, h);
    return err;
}

/* ---- wavelet transform (3.2) ------------------------------------------------------ */

static const float dwt_lo[4] = {
    0x1.ee8dd4p-2f, 0x1.ac4bdep-1f, 0x1.cb0bf0p-3f, -0x1.0907dcp-3f,
};
static const float dwt_hi[4] = {
    -0x1.0907dcp-3f, -0x1.cb0bf0p-3f, 0x1.ac4bdep-1f, -0x1.ee8dd4p-2f,
};

/* quirk: the start reflects without repeating the edge, the end repeats it. */
static inline unsigned dwt_pos(int q, unsigned n)
{
    if (q < 0)
        return (unsigned)-q;
    if (q >= (int)n)
        return 2 * n - 1 - (unsigned)q;
    return (unsigned)q;
}

/* One transform level of z (w x h, stride in floats) into out[BAND_A..BAND_D]. */
static void dwt_level(FloatAdmPriv *p, const float *z, ptrdiff_t stride, unsigned w,
                      unsigned h, float *const out[BAND_COUNT])
{
    const unsigned w2 = (w + 1) / 2, h2 = (h + 1) / 2;
    float *lo = p->lo_row, *hi = p->hi_row;
    for (unsigned i = 0; i < h2; i++) {
        for (unsigned x = 0; x < w; x++)
            lo[x] = hi[x] = 0.0f;
        for (unsigned k = 0; k < 4; k++) {
            const float *src = z + (ptrdiff_t)dwt_pos((int)(2 * i) - 1 + (int)k, h) * stride;
            const float fl = dwt_lo[k], fh = dwt_hi[k];
            for (unsigned x = 0; x < w; x++) {
                lo[x] = lo[x] + fl * src[x];
                hi[x] = hi[x] + fh * src[x];
            }
        }
        float *a = out[BAND_A] + (size_t)i * w2, *hb = out[BAND_H] + (size_t)i * w2;
        float *v = out[BAND_V] + (size_t)i * w2, *d = out[BAND_D] + (size_t)i * w2;
        for (unsigned j = 0; j < w2; j++) {
            float sa = 0.0f, sv = 0.0f, sh = 0.0f, sd = 0.0f;
            for (unsigned k = 0; k < 4; k++) {
                const unsigned c = dwt_pos((int)(2 * j) - 1 + (int)k, w);
                sa = sa + dwt_lo[k] * lo[c];
                sv = sv + dwt_hi[k] * lo[c];
                sh = sh + dwt_lo[k] * hi[c];
                sd = sd + dwt_hi[k] * hi[c];
            }
            a[j] = sa;
            v[j] = sv;
            hb[j] = sh;
            d[j] = sd;
        }
    }
}

/* ---- decoupling (3.4) -------------------------------------------------------------- */

/* n / d as upstream computes it: one Newton step on the reciprocal estimate. */
static inline float divs(float n, float d)
{
    const float x0 = vmafx_float_adm_rcp(d);
    const float rho = x0 + x0 * (1.0f - d * x0);
    return n * rho;
}

static void decouple(FloatAdmPriv *p, size_t n, float *const o[BAND_COUNT],
                     float *const t[BAND_COUNT])
{
    const float eps30 = 1e-30f;
    const float c1 = (float)(cos(M_PI / 180.0) * cos(M_PI / 180.0));
    const double egl = p->egl;
    const float *ob[DIR_COUNT] = { o[BAND_H], o[BAND_V], o[BAND_D] };
    const float *tb[DIR_COUNT] = { t[BAND_H], t[BAND_V], t[BAND_D] };

    for (size_t x = 0; x < n; x++) {
        const float oh = ob[DIR_H][x], ov = ob[DIR_V][x];
        const float th = tb[DIR_H][x], tv = tb[DIR_V][x];
        const float ot = oh * th + ov * tv;
        const float om = oh * oh + ov * ov;
        const float tm = th * th + tv * tv;
        const bool flag = ot >= 0.0f && ot * ot >= (c1 * om) * tm;
        for (unsigned d = 0; d < DIR_COUNT; d++) {
            const float ov_d = ob[d][x], tv_d = tb[d][x];
            float k = divs(tv_d, ov_d + eps30);
            if (k < 0.0f)
                k = 0.0f;
            else if (k > 1.0f)
                k = 1.0f;
            float r = k * ov_d;
            if (flag) {
                if (r > 0.0f) {
                    const double lim = (double)r * egl, td = tv_d;
                    r = (float)(lim < td ? lim : td);
                }
                if (r < 0.0f) {
                    const double lim = (double)r * egl, td = tv_d;
                    r = (float)(lim > td ? lim : td);
                }
            }
            p->rst[d][x] = r;
            p->add[d][x] = tv_d - r;
        }
    }
}

/* ---- pooling (3.3, 3.6-3.8) ------------------------------------------------------- */

typedef struct Region {
    unsigned top, bottom, left, right;
    double n_pool;
} Region;

static Region pool_region(unsigned w, unsigned h)
{
    Region r;
    r.left = (unsigned)(int)((double)w * 0.1 - 0.5);
    r.top = (unsigned)(int)((double)h * 0.1 - 0.5);
    r.right = w - r.left;
    r.bottom = h - r.top;
    r.n_pool = (double)((uint64_t)(r.right - r.left) * (r.bottom - r.top));
    return r;
}

static void mask_helpers(float *k, const float *band, float f, size_t n)
{
    const double c = 0x1.11111203e01fcp-5;
    for (size_t x = 0; x < n; x++)
        k[x] = (float)(c * (double)fabsf(f * band[x]));
}

static inline float cube_or_pow(float x, double p, float pf)
{
    return p == 3.0 ? (x * x) * x : powf(x, pf);
}

/*
 * Contrast-masked pooling of `target` (3 orientations) with the masker `mask`
 * (band values; helpers `k`), noise weight wn.
 */
static float cm_pool(const FloatAdmPriv *p, unsigned s, float *const target[DIR_COUNT],
                     float *const mask[DIR_COUNT], float *const k[DIR_COUNT], double wn)
{
    const unsigned w = p->bw[s], h = p->bh[s];
    const Region rg = pool_region(w, h);
    const float *f = p->csf[s];
    const double centre = 0x1.111111fd00e7dp-4;
    const float pf = (float)p->p_norm, pinv = (float)(1.0 / p->p_norm);

    float acc[DIR_COUNT] = { 0.0f, 0.0f, 0.0f };
    for (unsigned i = rg.top; i < rg.bottom; i++) {
        const unsigned up = i > 0 ? i - 1 : 1; /* quirk: mirror at the top... */
        const unsigned dn = i + 1 < h ? i + 1 : h - 1; /* ...edge repeat at the bottom */
        float row[DIR_COUNT] = { 0.0f, 0.0f, 0.0f };
        for (unsigned j = rg.left; j < rg.right; j++) {
            const unsigned lf = j > 0 ? j - 1 : 1;
            const unsigned rt = j + 1 < w ? j + 1 : w - 1;
            float thr = 0.0f;
            if (!p->bypass_cm) {
                for (unsigned d = 0; d < DIR_COUNT; d++) {
                    const float *kd = k[d];
                    const size_t ru = (size_t)up * w, ri = (size_t)i * w, rd = (size_t)dn * w;
                    float u = 0.0f;
                    u = u + kd[ru + lf];
                    u = u + kd[ru + j];
                    u = u + kd[ru + rt];
                    u = u + kd[ri + lf];
                    u = (float)((double)u + centre * (double)fabsf(f[d] * mask[d][ri + j]));
                    u = u + kd[ri + rt];
                    u = u + kd[rd + lf];
                    u = u + kd[rd + j];
                    u = u + kd[rd + rt];
                    thr = thr + u;
                }
            }
            for (unsigned d = 0; d < DIR_COUNT; d++) {
                float x = fabsf(target[d][(size_t)i * w + j] * f[d]) - thr;
                if (x < 0.0f)
                    x = 0.0f;
                row[d] = row[d] + cube_or_pow(x, p->p_norm, pf);
            }
        }
        for (unsigned d = 0; d < DIR_COUNT; d++)
            acc[d] = acc[d] + row[d];
    }
    const float noise = powf((float)(rg.n_pool * wn), pinv);
    float term[DIR_COUNT];
    for (unsigned d = 0; d < DIR_COUNT; d++)
        term[d] = powf(acc[d], pinv) + noise;
    return (term[DIR_H] + term[DIR_V]) + term[DIR_D];
}

/* Denominator from the reference detail bands (3.8). */
static float den_pool(const FloatAdmPriv *p, unsigned s, float *const o[BAND_COUNT])
{
    const unsigned w = p->bw[s], h = p->bh[s];
    const Region rg = pool_region(w, h);
    const float *f = p->csf[s];
    const float pf = (float)p->p_norm, pinv = (float)(1.0 / p->p_norm);
    const float *band[DIR_COUNT] = { o[BAND_H], o[BAND_V], o[BAND_D] };

    float acc[DIR_COUNT] = { 0.0f, 0.0f, 0.0f };
    for (unsigned i = rg.top; i < rg.bottom; i++) {
        float row[DIR_COUNT] = { 0.0f, 0.0f, 0.0f };
        for (unsigned j = rg.left; j < rg.right; j++) {
            for (unsigned d = 0; d < DIR_COUNT; d++) {
                const float v = fabsf(f[d] * band[d][(size_t)i * w + j]);
                row[d] = row[d] + cube_or_pow(v, p->p_norm, pf);
            }
        }
        for (unsigned d = 0; d < DIR_COUNT; d++)
            acc[d] = acc[d] + row[d];
    }
    const float noise = powf((float)(rg.n_pool * p->noise_weight), pinv);
    float term[DIR_COUNT];
    for (unsigned d = 0; d < DIR_COUNT; d++)
        term[d] = powf(acc[d], pinv) + noise;
    return (term[DIR_H] + term[DIR_V]) + term[DIR_D];
}

/* ---- extract ------------------------------------------------------------------------- */

typedef struct ScaleResult {
    float num, den, aim;
} ScaleResult;

static int write_value(VmafxFexCtx *ctx, const char *name, double v, unsigned index,
                       int err)
{
    return err ? err : vmafx_fex_write(ctx, name, v, index);
}

static int float_adm_extract(VmafxFexCtx *ctx, void *priv, const VmafPicture *ref,
                             const VmafPicture *dist, unsigned index)
{
    FloatAdmPriv *p = priv;
    if (!ref || !dist || ref->w[0] != p->w || ref->h[0] != p->h || dist->w[0] != p->w ||
        dist->h[0] != p->h)
        return -EINVAL;
    int err = vmafx_float_convert(&p->ref_in, ref, 0);
    if (!err)
        err = vmafx_float_convert(&p->dist_in, dist, 0);
    if (err)
        return err;

    ScaleResult res[ADM_SCALES];
    const float *src_o = p->ref_in.data, *src_t = p->dist_in.data;
    ptrdiff_t stride = p->ref_in.stride;
    unsigned sw = p->w, sh = p->h;
    for (unsigned s = 0; s < ADM_SCALES; s++) {
        /* A of this scale goes into the slot the previous scale did not use. */
        const unsigned a_slot = (s & 1) ? BAND_COUNT : BAND_A;
        float *const ob[BAND_COUNT] = { p->o[a_slot], p->o[BAND_H], p->o[BAND_V], p->o[BAND_D] };
        float *const tb[BAND_COUNT] = { p->t[a_slot], p->t[BAND_H], p->t[BAND_V], p->t[BAND_D] };
        dwt_level(p, src_o, stride, sw, sh, ob);
        dwt_level(p, src_t, stride, sw, sh, tb);
        sw = p->bw[s];
        sh = p->bh[s];
        src_o = ob[BAND_A];
        src_t = tb[BAND_A];
        stride = sw;

        if (s == 0 && p->skip_scale0) {
            res[0].num = 0.0f;
            res[0].aim = 0.0f;
            res[0].den = 1e-10f;
            continue;
        }
        const size_t n = (size_t)sw * sh;
        decouple(p, n, ob, tb);
        for (unsigned d = 0; d < DIR_COUNT; d++) {
            mask_helpers(p->k_add[d], p->add[d], p->csf[s][d], n);
            mask_helpers(p->k_rst[d], p->rst[d], p->csf[s][d], n);
        }
        res[s].num = cm_pool(p, s, p->rst, p->add, p->k_add, p->noise_weight);
        res[s].aim = cm_pool(p, s, p->add, p->rst, p->k_rst, 0.0);
        res[s].den = den_pool(p, s, ob);
    }

    double num = 0.0, den = 0.0, aim_num = 0.0, aim_den = 0.0;
    for (unsigned s = 0; s < ADM_SCALES; s++) {
        num = num + (double)res[s].num;
        den = den + (double)res[s].den;
        if ((int)s != p->skip_aim_scale) {
            aim_num = aim_num + (double)res[s].aim;
            aim_den = aim_den + (double)res[s].den;
        }
    }
    const double lim = (1e-10 * (double)((uint64_t)p->w * p->h)) / (1920.0 * 1080.0);
    if (num < lim)
        num = 0.0;
    if (den < lim)
        den = 0.0;

    const double adm2 = den == 0.0 ? 1.0 : num / den;
    /* With den == 0 upstream's aim is undefined (3.9); this one is computed anyway. */
    double aim = aim_num / aim_den;
    aim = aim < 1.0 ? aim : 1.0;
    double adm3;
    if (p->adm3_apply_hm)
        adm3 = ((2.0 * adm2) * aim) / (adm2 + aim);
    else
        adm3 = adm2 * p->dlm_weight + (1.0 - aim) * (1.0 - p->dlm_weight);
    adm3 = adm3 > p->min_val ? adm3 : p->min_val;

    err = write_value(ctx, ADM2_NAME, adm2, index, 0);
    err = write_value(ctx, AIM_NAME, aim, index, err);
    err = write_value(ctx, ADM3_NAME, adm3, index, err);
    for (unsigned s = 0; s < ADM_SCALES; s++)
        err = write_value(ctx, scale_names[s], (double)res[s].num / (double)res[s].den,
                          index, err);
    if (!p->debug)
        return err;

    err = write_value(ctx, "adm", adm2, index, err);
    err = write_value(ctx, "adm_num", num, index, err);
    err = write_value(ctx, "adm_den", den, index, err);
    for (unsigned s = 0; s < ADM_SCALES; s++) {
        char name[32];
        snprintf(name, sizeof(name), "adm_num_scale%u", s);
        err = write_value(ctx, name, (double)res[s].num, index, err);
        snprintf(name, sizeof(name), "adm_den_scale%u", s);
        err = write_value(ctx, name, (double)res[s].den, index, err);
    }
    return err;
}

const VmafxFeatureExtractor vmafx_fex_float_adm = {
    .name = "float_adm",
    .options = float_adm_options,
    .priv_size = sizeof(FloatAdmPriv),
    .flags = 0,
    .provided = float_adm_provided,
    .init = float_adm_init,
    .extract = float_adm_extract,
    .close = float_adm_close,
};
