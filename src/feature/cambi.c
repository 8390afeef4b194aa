/*
 * CAMBI, the contrast-aware multiscale banding index ("cambi", spec
 * cambi-speed.md part 1): options, derived constants (visibility thresholds,
 * window, mask threshold, reciprocal table) and the per-frame outputs. The
 * per-picture pipeline is in cambi_picture.c. Frames are independent.
 */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feature/cambi_internal.h"
#include "feature/extractor.h"
#include "feature/extractors.h"
#include "feature_store.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#define OPT(field) offsetof(CambiState, field)

static const VmafxOption cambi_options[] = {
    { "cambi_max_val", "cmxv", VMAFX_OPT_DOUBLE, OPT(max_val), { .d = 1000.0 }, 0.0, 1000.0, true },
    { "enc_width", "encw", VMAFX_OPT_INT, OPT(enc_width), { .i = 0 }, 180, 7680, true },
    { "enc_height", "ench", VMAFX_OPT_INT, OPT(enc_height), { .i = 0 }, 150, 7680, true },
    { "enc_bitdepth", "encbd", VMAFX_OPT_INT, OPT(enc_bitdepth), { .i = 0 }, 6, 16, true },
    { "src_width", "srcw", VMAFX_OPT_INT, OPT(src_width), { .i = 0 }, 320, 7680, true },
    { "src_height", "srch", VMAFX_OPT_INT, OPT(src_height), { .i = 0 }, 200, 4320, true },
    { "window_size", "ws", VMAFX_OPT_INT, OPT(window_size), { .i = 65 }, 15, 127, true },
    { "topk", "topk", VMAFX_OPT_DOUBLE, OPT(topk), { .d = 0.6 }, 0.0001, 1.0, true },
    { "cambi_topk", "ctpk", VMAFX_OPT_DOUBLE, OPT(cambi_topk), { .d = 0.6 }, 0.0001, 1.0, true },
    { "tvi_threshold", "tvit", VMAFX_OPT_DOUBLE, OPT(tvi_threshold), { .d = 0.019 }, 0.0001, 1.0,
      true },
    { "cambi_vis_lum_threshold", "vlt", VMAFX_OPT_DOUBLE, OPT(vis_lum_threshold), { .d = 0.0 },
      0.0, 300.0, true },
    { "max_log_contrast", "mlc", VMAFX_OPT_INT, OPT(max_log_contrast), { .i = 2 }, 0, 5, true },
    { "eotf", "eotf", VMAFX_OPT_STRING, OPT(eotf), { .s = "bt1886" }, 0, 0, true },
    { "cambi_eotf", "ceot", VMAFX_OPT_STRING, OPT(cambi_eotf), { .s = "bt1886" }, 0, 0, true },
    { "cambi_high_res_speedup", "hrs", VMAFX_OPT_INT, OPT(high_res_speedup), { .i = 0 }, 0, 2160,
      true },
    { "full_ref", NULL, VMAFX_OPT_BOOL, OPT(full_ref), { .b = false }, 0, 0, false },
    { "heatmaps_path", NULL, VMAFX_OPT_STRING, OPT(heatmaps_path), { .s = NULL }, 0, 0, false },
    { NULL, NULL, VMAFX_OPT_BOOL, 0, { .b = false }, 0, 0, false },
};

static const char *const cambi_provided[] = {
    "Cambi_feature_cambi_score",
    NULL,
};

/* ---- luminance model (spec 1.4.2) ------------------------------------------ */

enum CambiEotf { EOTF_BT1886, EOTF_PQ };

static double luminance(enum CambiEotf eotf, int s)
{
    const int c = s < 64 ? 64 : s > 940 ? 940 : s;
    const double v = (double)(c - 64) / 876.0;
    if (eotf == EOTF_PQ) {
        const double m1 = 0.1593017578125, m2 = 78.84375;
        const double c1 = 0.8359375, c2 = 18.8515625, c3 = 18.6875;
        const double p = pow(v, 1.0 / m2);
        const double num = p - c1 > 0.0 ? p - c1 : 0.0;
        return 10000.0 * pow(num / (c2 - c3 * p), 1.0 / m1);
    }
    const double gamma = 2.4, lw = 300.0, lb = 0.01;
    const double wr = pow(lw, 1.0 / gamma), br = pow(lb, 1.0 / gamma);
    const double a = pow(wr - br, gamma);
    const double b = br / (wr - br);
    const double t = v + b > 0.0 ? v + b : 0.0;
    return a * pow(t, gamma);
}

static bool visible(enum CambiEotf eotf, double tvi, int s, int d)
{
    const double l = luminance(eotf, s);
    return luminance(eotf, s + d) - l > tvi * l;
}

/* -1: too small, 0: correct, 1: too big */
static int classify(enum CambiEotf eotf, double tvi, int s, int d)
{
    if (!visible(eotf, tvi, s, d))
        return 1;
    return visible(eotf, tvi, s + 1, d) ? -1 : 0;
}

static int visibility_threshold(enum CambiEotf eotf, double tvi, int d)
{
    int lo = 64, hi = 940 - d - 1;
    int c = classify(eotf, tvi, lo, d);
    if (c == 1)
        return 0;
    if (c == 0)
        return lo;
    c = classify(eotf, tvi, hi, d);
    if (c == -1)
        return 1023;
    if (c == 0)
        return hi;
    for (;;) {
        if (hi - lo <= 1)
            return lo; /* only reachable for a non-monotone predicate */
        const int mid = lo + ((hi - lo) >> 1);
        c = classify(eotf, tvi, mid, d);
        if (c == 0)
            return mid;
        if (c == 1)
            hi = mid;
        else
            lo = mid;
    }
}

static int vis_lum_luma(enum CambiEotf eotf, double threshold)
{
    int s = 64;
    while (s < 1023 && luminance(eotf, s) < threshold)
        s++;
    return s == 64 ? 0 : s;
}

/* ---- geometry (spec 1.3, 1.4.4, 1.4.6) ------------------------------------- */

static unsigned window_for(const CambiState *st, unsigned w, unsigned h)
{
    unsigned ws = (unsigned)(((unsigned long)st->window_size * (w + h)) / 375) >> 4;
    if (st->hrs)
        ws = (ws + 1) >> 1;
    return ws | 1;
}

static unsigned mask_threshold(unsigned w, unsigned h)
{
    const unsigned long n = (unsigned long)(w >> 6) * (h >> 6);
    unsigned cl = 0;
    while (n && (1ul << cl) < n)
        cl++;
    const int t = (49 + 3 * ((int)cl - 11) - 1) >> 1;
    return t < 0 ? 0 : (unsigned)t;
}

/* The scaled pictures must hold the window radius and the 3x3 mode filter (spec 1.12). */
static bool scales_supported(const CambiState *st, const CambiTarget *t)
{
    unsigned w = t->w, h = t->h;
    const unsigned r = t->ws >> 1;
    for (unsigned s = 0; s < CAMBI_SCALES; s++) {
        if (s > 0 || st->hrs) {
            w = (w + 1) >> 1;
            h = (h + 1) >> 1;
        }
        if (w < 3 || h < 3 || w < r || h < r)
            return false;
    }
    return true;
}

static void cambi_close(void *priv)
{
    CambiState *st = priv;
    free(st->img);
    free(st->hz);
    free(st->zero);
    free(st->mask);
    free(st->colsum);
    free(st->col_x);
    free(st->contrast);
    st->img = st->hz = st->colsum = NULL;
    st->zero = st->mask = NULL;
    st->col_x = NULL;
    st->contrast = NULL;
}

static int eotf_from_options(const CambiState *st, enum CambiEotf *eotf);

static int cambi_init(VmafxFexCtx *ctx, void *priv, enum VmafPixelFormat pix_fmt,
                      unsigned bpc, unsigned w, unsigned h)
{
    (void)ctx;
    CambiState *st = priv;
    if (bpc < 8 || bpc > 16 || w < 1 || h < 1 || w > 16384 || h > 16384)
        return -EINVAL;
    /* per-scale contrast maps are not written by this implementation */
    if (st->heatmaps_path)
        return -EINVAL;
    st->pix_fmt = pix_fmt;
    st->bpc = bpc;
    st->w = w;
    st->h = h;

    enum CambiEotf eotf;
    if (eotf_from_options(st, &eotf))
        return -EINVAL;

    if (!st->enc_bitdepth)
        st->enc_bitdepth = (int)bpc;
    if (!st->enc_width || !st->enc_height) {
        st->enc_width = (int)w;
        st->enc_height = (int)h;
    }
    if (!st->src_width || !st->src_height) {
        st->src_width = (int)w;
        st->src_height = (int)h;
    }
    if (st->enc_height > (int)h || st->enc_width > (int)w) {
        st->enc_width = (int)w;
        st->enc_height = (int)h;
    }
    const int ew = st->enc_width, eh = st->enc_height;
    const int sw = st->src_width, sh = st->src_height;
    if ((ew < 216 && eh < 216) || (sw < 216 && sh < 216) || (sw > ew && sh < eh) ||
        (sw < ew && sh > eh))
        return -EINVAL;

    const long area = (long)ew * eh;
    st->hrs = (st->high_res_speedup == 1080 && area >= 1920L * 1080) ||
              (st->high_res_speedup == 1440 && area >= 2560L * 1440) ||
              (st->high_res_speedup == 2160 && area >= 3840L * 2160);
    st->anti_dither = st->enc_bitdepth < 10;
    st->steps = 1u << st->max_log_contrast;
    st->pool_frac = st->topk != 0.6 ? st->topk : st->cambi_topk;

    for (unsigned d = 1; d <= st->steps; d++)
        st->thr[d] = visibility_threshold(eotf, st->tvi_threshold, (int)d);
    st->vlt_luma = vis_lum_luma(eotf, st->vis_lum_threshold);

    st->enc = (CambiTarget){ (unsigned)ew, (unsigned)eh, window_for(st, (unsigned)ew, (unsigned)eh),
                             mask_threshold((unsigned)ew, (unsigned)eh) };
    st->src = (CambiTarget){ (unsigned)sw, (unsigned)sh, window_for(st, (unsigned)sw, (unsigned)sh),
                             mask_threshold((unsigned)sw, (unsigned)sh) };
    const unsigned wmax = st->enc.ws > st->src.ws ? st->enc.ws : st->src.ws;
    if (wmax * wmax >= CAMBI_MAX_WINDOW + 1)
        return -EINVAL;
    if (!scales_supported(st, &st->enc) || (st->full_ref && !scales_supported(st, &st->src)))
        return -EINVAL;

    /* 1/i rounded to 9 significant decimal digits, then to binary32 (spec 1.4.5) */
    st->rcp[0] = 0.0f;
    for (unsigned i = 1; i <= CAMBI_MAX_WINDOW; i++) {
        char buf[32];
        snprintf(buf, sizeof(buf), "%.9g", 1.0 / i);
        st->rcp[i] = strtof(buf, NULL);
    }

    size_t px = (size_t)st->enc.w * st->enc.h;
    unsigned maxw = st->enc.w;
    if (st->full_ref) {
        const size_t spx = (size_t)st->src.w * st->src.h;
        px = spx > px ? spx : px;
        maxw = st->src.w > maxw ? st->src.w : maxw;
    }
    st->img = malloc(px * sizeof(*st->img));
    st->hz = malloc(px * sizeof(*st->hz));
    st->zero = malloc(px);
    st->mask = malloc(px);
    st->colsum = malloc((size_t)maxw * sizeof(*st->colsum));
    st->col_x = malloc((size_t)maxw * sizeof(*st->col_x));
    st->contrast = malloc(px * sizeof(*st->contrast));
    if (!st->img || !st->hz || !st->zero || !st->mask || !st->colsum || !st->col_x ||
        !st->contrast) {
        cambi_close(st);
        return -ENOMEM;
    }
    return 0;
}

/* cambi_source / cambi_full_reference never get option suffixes (spec 1.9 quirk). */
static int write_unsuffixed(VmafxFexCtx *ctx, const char *key, double value, unsigned index)
{
    return vmafx_fex_write_unsuffixed(ctx, key, value, index);
}

static int cambi_extract(VmafxFexCtx *ctx, void *priv, const VmafPicture *ref,
                         const VmafPicture *dist, unsigned index)
{
    CambiState *st = priv;
    double d;
    int err = vmafx_cambi_score_picture(st, dist, &st->enc, &d);
    if (err)
        return err;
    const double mx = st->max_val;
    err = vmafx_fex_write(ctx, cambi_provided[0], d < mx ? d : mx, index);
    if (err || !st->full_ref)
        return err;

    double s;
    err = vmafx_cambi_score_picture(st, ref, &st->src, &s);
    if (err)
        return err;
    const double diff = d - s > 0.0 ? d - s : 0.0;
    err = write_unsuffixed(ctx, "cambi_source", s < mx ? s : mx, index);
    if (!err)
        err = write_unsuffixed(ctx, "cambi_full_reference", diff < mx ? diff : mx, index);
    return err;
}

static int eotf_from_options(const CambiState *st, enum CambiEotf *eotf)
{
    /* cambi_eotf wins when it is not at its default */
    const char *name = strcmp(st->cambi_eotf, "bt1886") ? st->cambi_eotf : st->eotf;
    if (!strcmp(name, "bt1886"))
        *eotf = EOTF_BT1886;
    else if (!strcmp(name, "pq"))
        *eotf = EOTF_PQ;
    else
        return -EINVAL;
    return 0;
}

static int cambi_check_options(const void *priv)
{
    const CambiState *st = priv;
    enum CambiEotf eotf;
    /* per-scale contrast maps are not written by this implementation */
    if (st->heatmaps_path)
        return -EINVAL;
    return eotf_from_options(st, &eotf);
}

const VmafxFeatureExtractor vmafx_fex_cambi = {
    .name = "cambi",
    .options = cambi_options,
    .priv_size = sizeof(CambiState),
    .flags = 0,
    .provided = cambi_provided,
    .check_options = cambi_check_options,
    .init = cambi_init,
    .extract = cambi_extract,
    .close = cambi_close,
};
