/*
 * Float motion ("float_motion"): mean absolute difference between the blurred
 * luma of consecutive reference frames, in binary32 arithmetic, and the motion2 /
 * motion3 series derived from it (spec float-vif-adm-motion.md section 4).
 *
 * Temporal: frames arrive in order on one instance. Frame i's SAD S_i compares
 * the blurred frames i-1 and i; motion2/motion3 of frame i need S_{i+1}, so they
 * are written one frame late, and those of the last frame at the end of stream.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "feature/extractor.h"
#include "feature/extractors.h"
#include "feature/float_common.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#define MOTION_NAME  "VMAF_feature_motion_score"
#define MOTION2_NAME "VMAF_feature_motion2_score"
#define MOTION3_NAME "VMAF_feature_motion3_score"

#define MAX_PLANES 3

typedef struct FloatMotionPriv {
    /* options (filled by the core through the option table) */
    bool debug;
    bool force_zero;
    double fps_weight;
    double blend_factor;
    double blend_offset;
    double max_val;
    int filter_size;
    bool add_scale1;
    bool add_uv;

    /* state */
    unsigned n_planes;
    unsigned pw[MAX_PLANES], ph[MAX_PLANES];
    const float *taps;
    unsigned n_taps;
    VmafxFloatPlane conv[MAX_PLANES];       /* converted input */
    VmafxFloatPlane blur[2][MAX_PLANES];    /* [frame parity]: blurred planes */
    VmafxFloatPlane half[2][MAX_PLANES];    /* bilinear half-size copies (add_scale1) */
    VmafxFloatFilterScratch scratch;
    unsigned frames;                        /* frames seen */
    double last_sad;                        /* S of the latest frame (frames >= 2) */
    bool flushed;
} FloatMotionPriv;

static const VmafxOption float_motion_options[] = {
    { .name = "debug", .alias = NULL, .type = VMAFX_OPT_BOOL,
      .offset = offsetof(FloatMotionPriv, debug), .def.b = true,
      .feature_param = false },
    { .name = "motion_force_zero", .alias = "force_0", .type = VMAFX_OPT_BOOL,
      .offset = offsetof(FloatMotionPriv, force_zero), .def.b = false,
      .feature_param = true },
    { .name = "motion_fps_weight", .alias = "mfw", .type = VMAFX_OPT_DOUBLE,
      .offset = offsetof(FloatMotionPriv, fps_weight), .def.d = 1.0,
      .min = 0.0, .max = 5.0, .feature_param = true },
    { .name = "motion_blend_factor", .alias = "mbf", .type = VMAFX_OPT_DOUBLE,
      .offset = offsetof(FloatMotionPriv, blend_factor), .def.d = 1.0,
      .min = 0.0, .max = 1.0, .feature_param = true },
    { .name = "motion_blend_offset", .alias = "mbo", .type = VMAFX_OPT_DOUBLE,
      .offset = offsetof(FloatMotionPriv, blend_offset), .def.d = 40.0,
      .min = 0.0, .max = 1000.0, .feature_param = true },
    { .name = "motion_max_val", .alias = "mmxv", .type = VMAFX_OPT_DOUBLE,
      .offset = offsetof(FloatMotionPriv, max_val), .def.d = 10000.0,
      .min = 0.0, .max = 10000.0, .feature_param = true },
    { .name = "motion_filter_size", .alias = "mfs", .type = VMAFX_OPT_INT,
      .offset = offsetof(FloatMotionPriv, filter_size), .def.i = 5,
      .min = 0, .max = 9, .feature_param = true },
    { .name = "motion_add_scale1", .alias = "mdc", .type = VMAFX_OPT_BOOL,
      .offset = offsetof(FloatMotionPriv, add_scale1), .def.b = false,
      .feature_param = true },
    { .name = "motion_add_uv", .alias = "mau", .type = VMAFX_OPT_BOOL,
      .offset = offsetof(FloatMotionPriv, add_uv), .def.b = false,
      .feature_param = true },
    { .name = NULL },
};

static const char *const float_motion_provided[] = {
    MOTION_NAME, MOTION2_NAME, MOTION3_NAME, NULL,
};

/* Blur filters (4.2). The 5-tap one is not VIF's scale-2 filter bit for bit. */
static const float blur5[5] = {
    0x1.be5f0ep-5f, 0x1.f41fd6p-3f, 0x1.9c4868p-2f, 0x1.f41fd6p-3f, 0x1.be5f0ep-5f,
};
static const float blur3[3] = { 0x1.54be40p-3f, 0x1.55a0e0p-1f, 0x1.54be40p-3f };
static const float identity5[5] = { 0.0f, 0.0f, 1.0f, 0.0f, 0.0f };

/* ---- init / close -------------------------------------------------------------- */

static void float_motion_close(void *priv)
{
    FloatMotionPriv *p = priv;
    for (unsigned pl = 0; pl < MAX_PLANES; pl++) {
        vmafx_float_plane_free(&p->conv[pl]);
        for (unsigned f = 0; f < 2; f++) {
            vmafx_float_plane_free(&p->blur[f][pl]);
            vmafx_float_plane_free(&p->half[f][pl]);
        }
    }
    vmafx_float_filter_scratch_free(&p->scratch);
}

static int float_motion_init(VmafxFexCtx *ctx, void *priv, enum VmafPixelFormat pix_fmt,
                             unsigned bpc, unsigned w, unsigned h)
{
    (void)ctx;
    FloatMotionPriv *p = priv;

    if (bpc != 8 && bpc != 10 && bpc != 12 && bpc != 16)
        return -EINVAL;
    if (p->force_zero)
        return 0; /* nothing is ever computed */

    switch (p->filter_size) {
    case 1: p->taps = identity5; p->n_taps = 5; break;
    case 3: p->taps = blur3; p->n_taps = 3; break;
    default: p->taps = blur5; p->n_taps = 5; break;
    }

    p->n_planes = 1;
    p->pw[0] = w;
    p->ph[0] = h;
    if (p->add_uv) {
        if (pix_fmt == VMAF_PIX_FMT_YUV400P || pix_fmt == VMAF_PIX_FMT_UNKNOWN)
            return -EINVAL;
        const unsigned sh = pix_fmt != VMAF_PIX_FMT_YUV444P;
        const unsigned sv = pix_fmt == VMAF_PIX_FMT_YUV420P;
        p->n_planes = 3;
        p->pw[1] = p->pw[2] = w >> sh;
        p->ph[1] = p->ph[2] = h >> sv;
    }

    unsigned max_w = 0;
    int err = 0;
    for (unsigned pl = 0; pl < p->n_planes && !err; pl++) {
        const unsigned pw = p->pw[pl], ph = p->ph[pl];
        /* the mirrored 5-tap border needs 3 samples per axis */
        if (pw < 3 || ph < 3 || pw > VMAFX_FLOAT_MAX_DIM || ph > VMAFX_FLOAT_MAX_DIM)
            return -EINVAL;
        max_w = pw > max_w ? pw : max_w;
        err = vmafx_float_plane_alloc(&p->conv[pl], pw, ph);
        for (unsigned f = 0; f < 2 && !err; f++)
            err = vmafx_float_plane_alloc(&p->blur[f][pl], pw, ph);
        if (!err && p->add_scale1) {
            const unsigned hw = (unsigned)((double)pw * 0.5 + 0.5);
            const unsigned hh = (unsigned)((double)ph * 0.5 + 0.5);
            if (hw > 7680)
                return -EINVAL;
            for (unsigned f = 0; f < 2 && !err; f++)
                err = vmafx_float_plane_alloc(&p->half[f][pl], hw, hh);
        }
    }
    if (err)
        return err;
    return vmafx_float_filter_scratch_alloc(&p->scratch, max_w, 2);
}

/* ---- per frame ----------------------------------------------------------------- */

/* Mean absolute difference of two planes of one size (4.3). */
static float plane_sad(const VmafxFloatPlane *a, const VmafxFloatPlane *b)
{
    float total = 0.0f;
    for (unsigned i = 0; i < a->h; i++) {
        const float *ra = a->data + (ptrdiff_t)i * a->stride;
        const float *rb = b->data + (ptrdiff_t)i * b->stride;
        float row = 0.0f;
        for (unsigned j = 0; j < a->w; j++) {
            const float d = ra[j] - rb[j];
            row = row + (d < 0.0f ? -d : d);
        }
        total = total + row;
    }
    return total / (float)((uint64_t)a->w * a->h);
}

static double min_of(double a, double b)
{
    return a < b ? a : b;
}

static double limited(const FloatMotionPriv *p, double x)
{
    return min_of(x * p->fps_weight, p->max_val);
}

static double blended(const FloatMotionPriv *p, double x)
{
    const double bf = p->blend_factor;
    const double v = x * p->fps_weight;
    return min_of(v * bf + (1.0 - bf) * min_of(p->blend_offset, v), p->max_val);
}

static int write2(VmafxFexCtx *ctx, const char *name, double v, unsigned index, int err)
{
    return err ? err : vmafx_fex_write(ctx, name, v, index);
}

static int float_motion_extract(VmafxFexCtx *ctx, void *priv, const VmafPicture *ref,
                                const VmafPicture *dist, unsigned index)
{
    (void)dist;
    FloatMotionPriv *p = priv;
    /* Frames must come in order from 0 (the extractor is temporal). */
    if (!ref || p->flushed || index != p->frames)
        return -EINVAL;

    int err = 0;
    if (p->force_zero) {
        err = write2(ctx, MOTION2_NAME, 0.0, index, err);
        err = write2(ctx, MOTION3_NAME, 0.0, index, err);
        if (p->debug)
            err = write2(ctx, MOTION_NAME, 0.0, index, err);
        if (!err)
            p->frames++;
        return err;
    }

    const unsigned cur = index & 1, prev = cur ^ 1;
    for (unsigned pl = 0; pl < p->n_planes; pl++) {
        if (ref->w[pl] != p->pw[pl] || ref->h[pl] != p->ph[pl])
            return -EINVAL;
        if ((err = vmafx_float_convert(&p->conv[pl], ref, pl)))
            return err;
        vmafx_float_filter_plane(&p->blur[cur][pl], &p->conv[pl], 1, p->taps, p->n_taps,
                                 &p->scratch);
        if (p->add_scale1 &&
            (err = vmafx_float_resample(&p->half[cur][pl], &p->blur[cur][pl],
                                        VMAFX_FLOAT_RESAMPLE_BILINEAR)))
            return err;
    }

    if (index == 0) {
        err = write2(ctx, MOTION2_NAME, 0.0, 0, err);
        if (p->debug)
            err = write2(ctx, MOTION_NAME, 0.0, 0, err);
        if (!err)
            p->frames = 1;
        return err;
    }

    double s = 0.0;
    for (unsigned pl = 0; pl < p->n_planes; pl++) {
        float sad = plane_sad(&p->blur[prev][pl], &p->blur[cur][pl]);
        if (p->add_scale1)
            sad = sad + plane_sad(&p->half[prev][pl], &p->half[cur][pl]);
        s = pl == 0 ? (double)sad : s + (double)sad;
    }

    if (p->debug)
        err = write2(ctx, MOTION_NAME, limited(p, s), index, err);
    if (index == 1) {
        err = write2(ctx, MOTION3_NAME, blended(p, s), 0, err); /* quirk: not 0 */
    } else {
        const double m = min_of(p->last_sad, s);
        err = write2(ctx, MOTION2_NAME, limited(p, m), index - 1, err);
        err = write2(ctx, MOTION3_NAME, blended(p, m), index - 1, err);
    }
    if (err)
        return err;
    p->last_sad = s;
    p->frames++;
    return 0;
}

static int float_motion_flush(VmafxFexCtx *ctx, void *priv)
{
    FloatMotionPriv *p = priv;
    if (p->flushed)
        return 0;
    p->flushed = true;
    if (p->force_zero || p->frames == 0)
        return 0;
    if (p->frames == 1)
        return vmafx_fex_write(ctx, MOTION3_NAME, 0.0, 0);
    const unsigned last = p->frames - 1;
    int err = write2(ctx, MOTION2_NAME, limited(p, p->last_sad), last, 0);
    return write2(ctx, MOTION3_NAME, blended(p, p->last_sad), last, err);
}

const VmafxFeatureExtractor vmafx_fex_float_motion = {
    .name = "float_motion",
    .options = float_motion_options,
    .priv_size = sizeof(FloatMotionPriv),
    .flags = VMAFX_FEX_TEMPORAL,
    .provided = float_motion_provided,
    .init = float_motion_init,
    .extract = float_motion_extract,
    .flush = float_motion_flush,
    .close = float_motion_close,
};
