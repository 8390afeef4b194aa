/*
 * Float VIF ("float_vif"): Visual Information Fidelity on a 4-scale luma pyramid
 * in binary32 arithmetic (spec float-vif-adm-motion.md section 2).
 *
 * Per frame both luma planes are converted to binary32 (and optionally
 * resampled), the pyramid planes of scales 1..3 are made by filtering and
 * decimating the previous scale, and each scale's statistics are computed one
 * output row at a time from five filtered rows. No state across frames.
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
#include "feature/float_common.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#define VIF_SCALES 4

typedef struct FloatVifPriv {
    /* options (filled by the core through the option table) */
    double egl;
    double kernelscale;
    double prescale;
    const char *prescale_method;
    double sigma_nsq;
    double min_val[VIF_SCALES]; /* [0] unused: scale 0 has no minimum option */
    bool skip_scale0;
    bool debug;

    /* state (init) */
    unsigned in_w, in_h;
    bool resample;
    enum VmafxFloatResample method;
    float *taps[VIF_SCALES];
    unsigned n_taps[VIF_SCALES];
    VmafxFloatPlane ref_in, dist_in;            /* converted input planes */
    VmafxFloatPlane ref[VIF_SCALES], dist[VIF_SCALES]; /* [0] only when resampling */
    float *rows;                                /* 10 rows of the working width */
    VmafxFloatFilterScratch scratch;
} FloatVifPriv;

static const VmafxOption float_vif_options[] = {
    { .name = "vif_enhn_gain_limit", .alias = "egl", .type = VMAFX_OPT_DOUBLE,
      .offset = offsetof(FloatVifPriv, egl), .def.d = 100.0,
      .min = 1.0, .max = 100.0, .feature_param = true },
    { .name = "vif_kernelscale", .alias = "ks", .type = VMAFX_OPT_DOUBLE,
      .offset = offsetof(FloatVifPriv, kernelscale), .def.d = 1.0,
      .min = 0.1, .max = 4.0, .feature_param = true },
    { .name = "vif_prescale", .alias = "ps", .type = VMAFX_OPT_DOUBLE,
      .offset = offsetof(FloatVifPriv, prescale), .def.d = 1.0,
      .min = 0.1, .max = 4.0, .feature_param = true },
    { .name = "vif_prescale_method", .alias = "pm", .type = VMAFX_OPT_STRING,
      .offset = offsetof(FloatVifPriv, prescale_method), .def.s = "nearest",
      .feature_param = true },
    { .name = "vif_sigma_nsq", .alias = "snsq", .type = VMAFX_OPT_DOUBLE,
      .offset = offsetof(FloatVifPriv, sigma_nsq), .def.d = 2.0,
      .min = 0.0, .max = 5.0, .feature_param = true },
    { .name = "vif_scale1_min_val", .alias = "s1miv", .type = VMAFX_OPT_DOUBLE,
      .offset = offsetof(FloatVifPriv, min_val[1]), .def.d = 0.0,
      .min = 0.0, .max = 1.0, .feature_param = true },
    { .name = "vif_scale2_min_val", .alias = "s2miv", .type = VMAFX_OPT_DOUBLE,
      .offset = offsetof(FloatVifPriv, min_val[2]), .def.d = 0.0,
      .min = 0.0, .max = 1.0, .feature_param = true },
    { .name = "vif_scale3_min_val", .alias = "s3miv", .type = VMAFX_OPT_DOUBLE,
      .offset = offsetof(FloatVifPriv, min_val[3]), .def.d = 0.0,
      .min = 0.0, .max = 1.0, .feature_param = true },
    { .name = "vif_skip_scale0", .alias = "ssclz", .type = VMAFX_OPT_BOOL,
      .offset = offsetof(FloatVifPriv, skip_scale0), .def.b = false,
      .feature_param = true },
    { .name = "debug", .alias = NULL, .type = VMAFX_OPT_BOOL,
      .offset = offsetof(FloatVifPriv, debug), .def.b = false,
      .feature_param = false },
    { .name = NULL },
};

static const char *const scale_names[VIF_SCALES] = {
    "VMAF_feature_vif_scale0_score",
    "VMAF_feature_vif_scale1_score",
    "VMAF_feature_vif_scale2_score",
    "VMAF_feature_vif_scale3_score",
};

static const char *const float_vif_provided[] = {
    "VMAF_feature_vif_scale0_score",
    "VMAF_feature_vif_scale1_score",
    "VMAF_feature_vif_scale2_score",
    "VMAF_feature_vif_scale3_score",
    NULL,
};

/* ---- filters (2.2) --------------------------------------------------------- */

/* The kernel scales upstream accepts (binary32 roundings of its values). */
static bool kernelscale_supported(float ks)
{
    const float known[] = {
        1.0f, 1.0f / 2.0f, 3.0f / 2.0f, 2.0f, 2.0f / 3.0f, 2.4f, 360.0f / 97.0f,
        4.0f / 3.0f, 3.5f / 3.0f, 3.75f / 3.0f, 4.25f / 3.0f, 5.0f / 3.0f, 3.0f,
        1.0f / 2.25f, 1.4746f, 1.54f, 1.6f, 1.06667f, 0.711111f, 0.74074f, 1.111111f,
    };
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
        if (fabsf(ks - known[i]) < 0.001f)
            return true;
    return false;
}

static unsigned filter_length(unsigned scale, float ks)
{
    const float v = (float)((1u << (4 - scale)) + 1) * ks;
    unsigned c = (unsigned)ceilf(v);
    if (!(c & 1))
        c++;
    return c < 3 ? 3 : c;
}

/* Normalised sampled Gaussian of n taps, sigma = n / 5 (binary32 as specified). */
static void gaussian_taps(float *taps, unsigned n)
{
    const float sigma = (float)n / 5.0f;
    const double sd = sigma;
    const float k = (float)(1.0 / (sd * sqrt(2.0 * M_PI)));
    float sum = 0.0f;
    for (unsigned t = 0; t < n; t++) {
        const double x = (float)((int)t - (int)(n - 1) / 2);
        const float e = (float)exp((((-0.5 * x) / sd) * x) / sd);
        taps[t] = e / k;
        sum = sum + taps[t];
    }
    for (unsigned t = 0; t < n; t++)
        taps[t] = taps[t] / sum;
}

/* ---- base-2 logarithm of the reference (2.6) ------------------------------- */

static float vif_log2(float a)
{
    static const float coef[9] = {
        -0x1.9f3962p-7f, 0x1.0996e8p-4f, -0x1.41a2d2p-3f, 0x1.0756fap-2f, -0x1.6a4ab2p-2f,
        0x1.eba792p-2f, -0x1.71501cp-1f, 0x1.715472p+0f, 0.0f,
    };
    uint32_t bits;
    memcpy(&bits, &a, sizeof(bits));
    const int e = (int)((bits >> 23) & 0xff);
    const uint32_t mant_bits = (bits & 0x7fffffu) | 0x3f800000u;
    float m;
    memcpy(&m, &mant_bits, sizeof(m));
    const float t = m - 1.0f;
    float v = 0.0f;
    for (unsigned i = 0; i < 9; i++)
        v = v * t + coef[i];
    return (float)(e - 127) + v;
}

/* ---- init / close -------------------------------------------------------------- */

static void float_vif_close(void *priv)
{
    FloatVifPriv *p = priv;
    for (unsigned s = 0; s < VIF_SCALES; s++) {
        free(p->taps[s]);
        p->taps[s] = NULL;
        vmafx_float_plane_free(&p->ref[s]);
        vmafx_float_plane_free(&p->dist[s]);
    }
    vmafx_float_plane_free(&p->ref_in);
    vmafx_float_plane_free(&p->dist_in);
    free(p->rows);
    p->rows = NULL;
    vmafx_float_filter_scratch_free(&p->scratch);
}

static int parse_method(const char *name, enum VmafxFloatResample *out)
{
    static const struct {
        const char *name;
        enum VmafxFloatResample method;
    } methods[] = {
        { "nearest", VMAFX_FLOAT_RESAMPLE_NEAREST },
        { "bilinear", VMAFX_FLOAT_RESAMPLE_BILINEAR },
        { "bicubic", VMAFX_FLOAT_RESAMPLE_BICUBIC },
        { "lanczos4", VMAFX_FLOAT_RESAMPLE_LANCZOS4 },
    };
    for (size_t i = 0; name && i < sizeof(methods) / sizeof(methods[0]); i++) {
        if (!strcmp(name, methods[i].name)) {
            *out = methods[i].method;
            return 0;
        }
    }
    return -EINVAL;
}

static int float_vif_init(VmafxFexCtx *ctx, void *priv, enum VmafPixelFormat pix_fmt,
                          unsigned bpc, unsigned w, unsigned h)
{
    (void)ctx;
    (void)pix_fmt;
    FloatVifPriv *p = priv;

    if (bpc != 8 && bpc != 10 && bpc != 12 && bpc != 16)
        return -EINVAL;
    if (w == 0 || h == 0 || w > VMAFX_FLOAT_MAX_DIM || h > VMAFX_FLOAT_MAX_DIM)
        return -EINVAL;
    if (parse_method(p->prescale_method, &p->method))
        return -EINVAL;
    const float ks = (float)p->kernelscale;
    if (!kernelscale_supported(ks))
        return -EINVAL;
    /* sigma_nsq = 0 divides by zero (spec 2.6); not supported. */
    if (!(p->sigma_nsq > 0.0))
        return -EINVAL;

    /* Working size after prescaling (2.3). */
    const double ww_d = trunc((double)w * p->prescale + 0.5);
    const double hh_d = trunc((double)h * p->prescale + 0.5);
    if (!(ww_d >= 1.0 && hh_d >= 1.0 && ww_d <= VMAFX_FLOAT_MAX_DIM &&
          hh_d <= VMAFX_FLOAT_MAX_DIM))
        return -EINVAL;
    const unsigned ww = (unsigned)ww_d, hh = (unsigned)hh_d;
    p->resample = ww != w || hh != h;
    if (p->resample && p->method == VMAFX_FLOAT_RESAMPLE_BILINEAR && ww > 7680)
        return -EINVAL;
    p->in_w = w;
    p->in_h = h;

    /* Filters, and the sizes their mirrored borders need at every scale. */
    unsigned sw = ww, sh = hh, max_r = 0;
    int err = 0;
    for (unsigned s = 0; s < VIF_SCALES; s++) {
        if (s > 0) {
            sw /= 2;
            sh /= 2;
        }
        const unsigned n = filter_length(s, ks);
        const unsigned r = n / 2;
        if ((s > 0 || !p->skip_scale0) && (sw < r + 1 || sh < r + 1))
            return -EINVAL;
        max_r = r > max_r ? r : max_r;
        p->n_taps[s] = n;
        p->taps[s] = malloc(n * sizeof(float));
        if (!p->taps[s])
            return -ENOMEM;
        gaussian_taps(p->taps[s], n);
        if (s > 0) {
            if ((err = vmafx_float_plane_alloc(&p->ref[s], sw, sh)) ||
                (err = vmafx_float_plane_alloc(&p->dist[s], sw, sh)))
                return err;
        }
    }
    if ((err = vmafx_float_plane_alloc(&p->ref_in, w, h)) ||
        (err = vmafx_float_plane_alloc(&p->dist_in, w, h)))
        return err;
    if (p->resample) {
        if ((err = vmafx_float_plane_alloc(&p->ref[0], ww, hh)) ||
            (err = vmafx_float_plane_alloc(&p->dist[0], ww, hh)))
            return err;
    }
    p->rows = malloc((size_t)10 * ww * sizeof(float));
    if (!p->rows)
        return -ENOMEM;
    return vmafx_float_filter_scratch_alloc(&p->scratch, ww, max_r);
}

/* ---- statistics of one scale (2.5) --------------------------------------------- */

typedef struct ScaleSums {
    float num, den;
} ScaleSums;

static ScaleSums scale_stats(FloatVifPriv *p, const VmafxFloatPlane *x,
                             const VmafxFloatPlane *y, unsigned s)
{
    const float *taps = p->taps[s];
    const unsigned n = p->n_taps[s], w = x->w;
    float *col[5], *out[5];
    for (unsigned k = 0; k < 5; k++) {
        col[k] = p->rows + (size_t)k * w;
        out[k] = p->rows + (size_t)(k + 5) * w;
    }
    const float eps = 1e-10f;
    const float eglf = (float)p->egl;
    const double sn = p->sigma_nsq;
    const float smi = (float)((double)powf((float)sn, 2.0f) / 65025.0);

    ScaleSums sum = { 0.0f, 0.0f };
    for (unsigned i = 0; i < x->h; i++) {
        vmafx_float_filter_col(col[0], x, NULL, 0, i, taps, n);
        vmafx_float_filter_col(col[1], y, NULL, 0, i, taps, n);
        vmafx_float_filter_col(col[2], x, NULL, 1, i, taps, n);
        vmafx_float_filter_col(col[3], y, NULL, 1, i, taps, n);
        vmafx_float_filter_col(col[4], x, y, 0, i, taps, n);
        for (unsigned k = 0; k < 5; k++)
            vmafx_float_filter_row(out[k], col[k], w, 1, w, taps, n, &p->scratch);

        float row_num = 0.0f, row_den = 0.0f;
        for (unsigned j = 0; j < w; j++) {
            const float mu1 = out[0][j], mu2 = out[1][j];
            const float m11 = mu1 * mu1, m22 = mu2 * mu2, m12 = mu1 * mu2;
            float s1 = out[2][j] - m11;
            float s2 = out[3][j] - m22;
            const float s12 = out[4][j] - m12;
            s1 = s1 > 0.0f ? s1 : 0.0f;
            s2 = s2 > 0.0f ? s2 : 0.0f;

            float g = s12 / (s1 + eps);
            float sv = s2 - g * s12;
            if (s1 < eps) {
                g = 0.0f;
                sv = s2;
                s1 = 0.0f;
            }
            if (s2 < eps) {
                g = 0.0f;
                sv = 0.0f;
            }
            if (g < 0.0f) {
                sv = s2;
                g = 0.0f;
            }
            sv = sv > eps ? sv : eps;
            g = g < eglf ? g : eglf; /* quirk: after sv used the unlimited gain */

            const float an = (float)(1.0 + (double)((g * g) * s1) / ((double)sv + sn));
            const float ad = (float)(1.0 + (double)s1 / sn);
            float num = vif_log2(an), den = vif_log2(ad);
            if (s12 < 0.0f)
                num = 0.0f;
            if ((double)s1 < sn) { /* flat pixel; may go negative (quirk) */
                num = 1.0f - s2 * smi;
                den = 1.0f;
            }
            row_num = row_num + num;
            row_den = row_den + den;
        }
        sum.num = sum.num + row_num;
        sum.den = sum.den + row_den;
    }
    return sum;
}

/* ---- extract ----------------------------------------------------------------------- */

static int float_vif_extract(VmafxFexCtx *ctx, void *priv, const VmafPicture *ref,
                             const VmafPicture *dist, unsigned index)
{
    FloatVifPriv *p = priv;
    if (!ref || !dist || ref->w[0] != p->in_w || ref->h[0] != p->in_h ||
        dist->w[0] != p->in_w || dist->h[0] != p->in_h)
        return -EINVAL;
    int err = vmafx_float_convert(&p->ref_in, ref, 0);
    if (!err)
        err = vmafx_float_convert(&p->dist_in, dist, 0);
    if (err)
        return err;

    const VmafxFloatPlane *x = &p->ref_in, *y = &p->dist_in;
    if (p->resample) {
        if ((err = vmafx_float_resample(&p->ref[0], x, p->method)) ||
            (err = vmafx_float_resample(&p->dist[0], y, p->method)))
            return err;
        x = &p->ref[0];
        y = &p->dist[0];
    }

    ScaleSums sums[VIF_SCALES];
    for (unsigned s = 0; s < VIF_SCALES; s++) {
        if (s > 0) {
            vmafx_float_filter_plane(&p->ref[s], x, 2, p->taps[s], p->n_taps[s], &p->scratch);
            vmafx_float_filter_plane(&p->dist[s], y, 2, p->taps[s], p->n_taps[s],
                                     &p->scratch);
            x = &p->ref[s];
            y = &p->dist[s];
        }
        if (s == 0 && p->skip_scale0) {
            sums[0].num = 0.0f;
            sums[0].den = -1.0f; /* what the debug keys report */
            continue;
        }
        sums[s] = scale_stats(p, x, y, s);
    }

    for (unsigned s = 0; s < VIF_SCALES && !err; s++) {
        double v;
        if (s == 0) {
            v = p->skip_scale0 ? 0.0 : (double)sums[0].num / (double)sums[0].den;
        } else {
            v = (double)sums[s].num / (double)sums[s].den;
            v = v > p->min_val[s] ? v : p->min_val[s];
        }
        err = vmafx_fex_write(ctx, scale_names[s], v, index);
    }
    if (err || !p->debug)
        return err;

    double num = 0.0, den = 0.0;
    for (unsigned s = p->skip_scale0 ? 1 : 0; s < VIF_SCALES; s++) {
        num = num + (double)sums[s].num;
        den = den + (double)sums[s].den;
    }
    err = vmafx_fex_write(ctx, "vif", den == 0.0 ? 1.0 : num / den, index);
    if (!err)
        err = vmafx_fex_write(ctx, "vif_num", num, index);
    if (!err)
        err = vmafx_fex_write(ctx, "vif_den", den, index);
    for (unsigned s = 0; s < VIF_SCALES && !err; s++) {
        char name[32];
        snprintf(name, sizeof(name), "vif_num_scale%u", s);
        err = vmafx_fex_write(ctx, name, (double)sums[s].num, index);
        if (!err) {
            snprintf(name, sizeof(name), "vif_den_scale%u", s);
            err = vmafx_fex_write(ctx, name, (double)sums[s].den, index);
        }
    }
    return err;
}

static int float_vif_check_options(const void *priv)
{
    const FloatVifPriv *p = priv;
    enum VmafxFloatResample method;
    if (parse_method(p->prescale_method, &method) ||
        !kernelscale_supported((float)p->kernelscale) || !(p->sigma_nsq > 0.0))
        return -EINVAL;
    return 0;
}

const VmafxFeatureExtractor vmafx_fex_float_vif = {
    .name = "float_vif",
    .options = float_vif_options,
    .priv_size = sizeof(FloatVifPriv),
    .flags = 0,
    .provided = float_vif_provided,
    .check_options = float_vif_check_options,
    .init = float_vif_init,
    .extract = float_vif_extract,
    .close = float_vif_close,
};
