/*
 * Integer ADM ("adm"): additive detail metric on luma (detail loss adm2,
 * additive impairment aim, their blend adm3 and the per-scale ratios).
 *
 * Spec: docs/spec/integer-adm.md. Each frame is independent; all scratch lives
 * in the instance (allocated in init), so instances may run in parallel.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "feature/extractor.h"
#include "feature/extractors.h"
#include "feature/integer_adm_internal.h"

/* Every float/double operation must round on its own (spec 0): no fused
 * multiply-add. GCC keeps contraction off in ISO C mode (-std=c11). */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#define ADM2_NAME "VMAF_integer_feature_adm2_score"
#define AIM_NAME  "VMAF_integer_feature_aim_score"
#define ADM3_NAME "VMAF_integer_feature_adm3_score"

typedef struct AdmPriv {
    /* options (filled by the core through the option table) */
    double csf_scale;
    double csf_diag_scale;
    double dlm_weight;
    double enhn_gain_limit;
    double norm_view_dist;
    int ref_display_height;
    int csf_mode;
    double noise_weight;
    bool skip_aim;
    bool skip_scale0;
    double min_val;
    bool debug;

    /* set by init */
    AdmDsp dsp; /* kernels chosen from the context's CPU flags */
    unsigned w, h, bpc;
    VmafxAdmGeom geom[VMAFX_ADM_SCALES];
    VmafxAdmCsf csf;
    void *mem;                    /* one block holding everything below */
    uint32_t *rcp;                /* Rcp(q) = 2^30 / q */
    int32_t *ref_a[2], *dis_a[2]; /* approximation bands, alternating by scale */
    VmafxAdmRows rows;            /* work rows of one scale's pipeline */
} AdmPriv;

static const VmafxOption adm_options[] = {
    { .name = "adm_csf_scale", .alias = "scf", .type = VMAFX_OPT_DOUBLE,
      .offset = offsetof(AdmPriv, csf_scale), .def.d = 1.0,
      .min = 0.0, .max = 50.0, .feature_param = true },
    { .name = "adm_csf_diag_scale", .alias = "scfd", .type = VMAFX_OPT_DOUBLE,
      .offset = offsetof(AdmPriv, csf_diag_scale), .def.d = 1.0,
      .min = 0.0, .max = 50.0, .feature_param = true },
    { .name = "adm_dlm_weight", .alias = "dlmw", .type = VMAFX_OPT_DOUBLE,
      .offset = offsetof(AdmPriv, dlm_weight), .def.d = 0.5,
      .min = 0.0, .max = 1.0, .feature_param = true },
    { .name = "adm_enhn_gain_limit", .alias = "egl", .type = VMAFX_OPT_DOUBLE,
      .offset = offsetof(AdmPriv, enhn_gain_limit), .def.d = 100.0,
      .min = 1.0, .max = 100.0, .feature_param = true },
    { .name = "adm_norm_view_dist", .alias = "nvd", .type = VMAFX_OPT_DOUBLE,
      .offset = offsetof(AdmPriv, norm_view_dist), .def.d = 3.0,
      .min = 0.75, .max = 24.0, .feature_param = true },
    { .name = "adm_ref_display_height", .alias = "rdh", .type = VMAFX_OPT_INT,
      .offset = offsetof(AdmPriv, ref_display_height), .def.i = 1080,
      .min = 1, .max = 4320, .feature_param = true },
    { .name = "adm_csf_mode", .alias = "csf", .type = VMAFX_OPT_INT,
      .offset = offsetof(AdmPriv, csf_mode), .def.i = 0,
      .min = 0, .max = 3, .feature_param = true },
    { .name = "adm_noise_weight", .alias = "nw", .type = VMAFX_OPT_DOUBLE,
      .offset = offsetof(AdmPriv, noise_weight), .def.d = 0.03125,
      .min = 0.0, .max = 1500.0, .feature_param = true },
    { .name = "adm_skip_aim", .alias = NULL, .type = VMAFX_OPT_BOOL,
      .offset = offsetof(AdmPriv, skip_aim), .def.b = false,
      .feature_param = false },
    { .name = "adm_skip_scale0", .alias = "ssz", .type = VMAFX_OPT_BOOL,
      .offset = offsetof(AdmPriv, skip_scale0), .def.b = false,
      .feature_param = true },
    { .name = "adm_min_val", .alias = "min", .type = VMAFX_OPT_DOUBLE,
      .offset = offsetof(AdmPriv, min_val), .def.d = 0.0,
      .min = 0.0, .max = 1.0, .feature_param = true },
    { .name = "debug", .alias = NULL, .type = VMAFX_OPT_BOOL,
      .offset = offsetof(AdmPriv, debug), .def.b = false,
      .feature_param = false },
    { .name = NULL },
};

static const char *const adm_provided[] = {
    ADM2_NAME,
    AIM_NAME,
    ADM3_NAME,
    "integer_adm_scale0",
    "integer_adm_scale1",
    "integer_adm_scale2",
    "integer_adm_scale3",
    NULL,
};

static const char *const scale_names[VMAFX_ADM_SCALES] = {
    "integer_adm_scale0", "integer_adm_scale1", "integer_adm_scale2",
    "integer_adm_scale3",
};
static const char *const num_scale_names[VMAFX_ADM_SCALES] = {
    "integer_adm_num_scale0", "integer_adm_num_scale1", "integer_adm_num_scale2",
    "integer_adm_num_scale3",
};
static const char *const den_scale_names[VMAFX_ADM_SCALES] = {
    "integer_adm_den_scale0", "integer_adm_den_scale1", "integer_adm_den_scale2",
    "integer_adm_den_scale3",
};

/* First pooled index along an axis of n band samples (spec 4.2). */
static int border_lo(int n)
{
    return (int)((double)n * 0.1 - 0.5);
}

static void adm_geom(VmafxAdmGeom *g, int in_w, int in_h)
{
    g->in_w = in_w;
    g->in_h = in_h;
    g->w = (in_w + 1) / 2;
    g->h = (in_h + 1) / 2;
    g->x0 = border_lo(g->w);
    g->x1 = g->w - g->x0;
    g->y0 = border_lo(g->h);
    g->y1 = g->h - g->y0;
    /* Pooling reads the masker one sample around the region. */
    g->px0 = g->x0 > 0 ? g->x0 - 1 : 0;
    g->px1 = g->x1 < g->w ? g->x1 + 1 : g->w;
    g->py0 = g->y0 > 0 ? g->y0 - 1 : 0;
    g->py1 = g->y1 < g->h ? g->y1 + 1 : g->h;
}

/* Carves aligned arrays out of one allocation: a sizing pass with base NULL,
 * then an assigning pass. */
typedef struct Carver {
    char *base;
    size_t used;
} Carver;

static void *carve(Carver *c, size_t count, size_t elem)
{
    const size_t align = 64;
    void *p = c->base ? c->base + c->used : NULL;
    c->used += (count * elem + align - 1) & ~(align - 1);
    return p;
}

static void layout(AdmPriv *p, Carver *c)
{
    const size_t n0 = (size_t)p->geom[0].w * p->geom[0].h;
    const size_t n1 = (size_t)p->geom[1].w * p->geom[1].h;
    const size_t w0 = p->geom[0].w;
    VmafxAdmRows *r = &p->rows;

    p->rcp = carve(c, VMAFX_ADM_RCP_SIZE, sizeof(uint32_t));
    p->ref_a[0] = carve(c, n0, sizeof(int32_t));
    p->dis_a[0] = carve(c, n0, sizeof(int32_t));
    p->ref_a[1] = carve(c, n1, sizeof(int32_t));
    p->dis_a[1] = carve(c, n1, sizeof(int32_t));
    for (int k = 0; k < 2; k++) {
        for (int b = 0; b < 3; b++) {
            r->det[k][b] = carve(c, w0, sizeof(int32_t));
            r->dec[k][b] = carve(c, 3 * w0, sizeof(int32_t));
        }
        r->phi[k] = carve(c, 3 * w0, sizeof(int32_t));
        r->psi[k] = carve(c, 3 * w0, sizeof(int32_t));
    }
    r->thr = carve(c, w0, sizeof(int32_t));
    r->tmp16 = carve(c, 2 * ((size_t)p->w + 3), sizeof(int16_t));
    r->tmp32 = carve(c, 2 * (w0 + 3), sizeof(int32_t));
}

static int adm_init(VmafxFexCtx *ctx, void *priv, enum VmafPixelFormat pix_fmt,
                    unsigned bpc, unsigned w, unsigned h)
{
    (void)pix_fmt;
    AdmPriv *p = priv;

    if (bpc < 8 || bpc > 16)
        return -EINVAL;
    /* Smaller frames make some scale's transform input shorter than the
     * filter, or a cube shift zero (spec 13). */
    if (w < VMAFX_ADM_MIN_SIDE || h < VMAFX_ADM_MIN_SIDE || w > 65536 || h > 65536)
        return -EINVAL;
    /* Below 1080 lines at 3H the scale-0 fixed point overflows (spec 13). */
    if (p->norm_view_dist * (double)p->ref_display_height < 3.0 * 1080)
        return -EINVAL;

    vmafx_adm_dsp_init(&p->dsp, vmafx_fex_cpu_flags(ctx));
    p->w = w;
    p->h = h;
    p->bpc = bpc;
    int in_w = (int)w, in_h = (int)h;
    for (int s = 0; s < VMAFX_ADM_SCALES; s++) {
        adm_geom(&p->geom[s], in_w, in_h);
        in_w = p->geom[s].w;
        in_h = p->geom[s].h;
    }
    vmafx_adm_csf_setup(&p->csf, p->csf_mode, p->norm_view_dist,
                        p->ref_display_height, p->csf_scale, p->csf_diag_scale);

    Carver c = { NULL, 0 };
    layout(p, &c);
    p->mem = aligned_alloc(64, c.used);
    if (!p->mem)
        return -ENOMEM;
    c.base = p->mem;
    c.used = 0;
    layout(p, &c);

    p->rcp[0] = 0;
    for (uint32_t q = 1; q < VMAFX_ADM_RCP_SIZE; q++)
        p->rcp[q] = (uint32_t)((1u << 30) / q);
    return 0;
}

static void adm_close(void *priv)
{
    AdmPriv *p = priv;
    free(p->mem);
    p->mem = NULL;
}

static bool picture_ok(const AdmPriv *p, const VmafPicture *pic)
{
    const size_t bytes = p->bpc > 8 ? 2 : 1;
    return pic && pic->data[0] && pic->bpc == p->bpc && pic->w[0] == p->w &&
           pic->h[0] == p->h && pic->stride[0] >= (ptrdiff_t)(p->w * bytes) &&
           (bytes == 1 || pic->stride[0] % 2 == 0);
}

static VmafxAdmPlane plane_of(const AdmPriv *p, const VmafPicture *pic)
{
    VmafxAdmPlane pl;
    pl.data = pic->data[0];
    pl.stride = p->bpc > 8 ? pic->stride[0] / 2 : pic->stride[0];
    pl.w = (int)p->w;
    pl.h = (int)p->h;
    pl.bpc = (int)p->bpc;
    return pl;
}

/* First error wins. */
static void write_value(VmafxFexCtx *ctx, const char *name, double v, unsigned index,
                        int *err)
{
    const int ret = vmafx_fex_write(ctx, name, v, index);
    if (ret < 0 && *err == 0)
        *err = ret;
}

static int adm_extract(VmafxFexCtx *ctx, void *priv, const VmafPicture *ref,
                       const VmafPicture *dist, unsigned index)
{
    AdmPriv *p = priv;
    if (!p->mem || !picture_ok(p, ref) || !picture_ok(p, dist))
        return -EINVAL;

    const VmafxAdmParams par = { p->rcp, p->enhn_gain_limit, p->noise_weight, p->skip_aim,
                                 &p->csf };
    const VmafxAdmPlane rp = plane_of(p, ref), dp = plane_of(p, dist);
    float num[VMAFX_ADM_SCALES], den[VMAFX_ADM_SCALES], aim[VMAFX_ADM_SCALES];

    /* Scale 0 */
    if (p->skip_scale0) {
        /* only the approximation bands, for scale 1 */
        for (int k = 0; k < p->geom[0].h; k++) {
            const ptrdiff_t row = (ptrdiff_t)k * p->geom[0].w;
            vmafx_adm_dwt0_row(&p->dsp, &rp, k, p->ref_a[0] + row, NULL, NULL, NULL,
                               p->rows.tmp16);
            vmafx_adm_dwt0_row(&p->dsp, &dp, k, p->dis_a[0] + row, NULL, NULL, NULL,
                               p->rows.tmp16);
        }
        num[0] = 0.0f;
        aim[0] = 0.0f;
        den[0] = 1e-10f;
    } else {
        const VmafxAdmScore sc = vmafx_adm_scale0(&p->dsp, &p->geom[0], &rp, &dp, p->ref_a[0],
                                                  p->dis_a[0], &par, &p->rows);
        num[0] = sc.num;
        aim[0] = sc.aim;
        den[0] = sc.den;
    }

    /* Scales 1-3, each from the previous approximation band. */
    for (int s = 1; s < VMAFX_ADM_SCALES; s++) {
        const int in = (s - 1) & 1, out = s & 1;
        const bool last = s == VMAFX_ADM_SCALES - 1;
        const VmafxAdmScore sc =
            vmafx_adm_scale_s(&p->dsp, &p->geom[s], s, p->ref_a[in], p->dis_a[in],
                              last ? NULL : p->ref_a[out], last ? NULL : p->dis_a[out], &par,
                              &p->rows);
        num[s] = sc.num;
        aim[s] = sc.aim;
        den[s] = sc.den;
    }

    /* Combine (spec 10). */
    double num_sum = 0.0, den_sum = 0.0, aim_sum = 0.0;
    for (int s = 0; s < VMAFX_ADM_SCALES; s++) {
        num_sum += (double)num[s];
        den_sum += (double)den[s];
        aim_sum += (double)aim[s];
    }
    const double limit = 1e-10 * (double)((uint64_t)p->w * p->h) / (1920.0 * 1080.0);
    num_sum = num_sum < limit ? 0.0 : num_sum;
    den_sum = den_sum < limit ? 0.0 : den_sum;

    double adm2, aim_score;
    if (den_sum == 0.0) {
        adm2 = 1.0;
        aim_score = 0.0;
    } else {
        adm2 = num_sum / den_sum;
        aim_score = aim_sum / den_sum;
    }
    const double blend = adm2 * p->dlm_weight + (1.0 - aim_score) * (1.0 - p->dlm_weight);
    const double adm3 = blend > p->min_val ? blend : p->min_val;

    int err = 0;
    write_value(ctx, ADM2_NAME, adm2, index, &err);
    write_value(ctx, AIM_NAME, aim_score, index, &err);
    write_value(ctx, ADM3_NAME, adm3, index, &err);
    for (int s = 0; s < VMAFX_ADM_SCALES; s++)
        write_value(ctx, scale_names[s], (double)num[s] / (double)den[s], index, &err);
    if (p->debug) {
        write_value(ctx, "integer_adm", adm2, index, &err);
        write_value(ctx, "integer_adm_num", num_sum, index, &err);
        write_value(ctx, "integer_adm_den", den_sum, index, &err);
        for (int s = 0; s < VMAFX_ADM_SCALES; s++) {
            write_value(ctx, num_scale_names[s], (double)num[s], index, &err);
            write_value(ctx, den_scale_names[s], (double)den[s], index, &err);
        }
    }
    return err;
}

const VmafxFeatureExtractor vmafx_fex_adm = {
    .name = "adm",
    .options = adm_options,
    .priv_size = sizeof(AdmPriv),
    .flags = 0,
    .provided = adm_provided,
    .init = adm_init,
    .extract = adm_extract,
    .close = adm_close,
};
