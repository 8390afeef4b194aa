/*
 * Integer motion ("motion"): mean absolute difference between the low-pass
 * filtered luma of the reference frame and of an earlier reference frame, plus
 * the end-of-stream motion2/motion3 series derived from it.
 *
 * Spec: docs/spec/motion-model-reports.md, section A.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feature/extractor.h"
#include "feature/extractors.h"
#include "feature/motion_dsp.h"

#define SAD_NAME     "VMAF_integer_feature_motion_sad_score"
#define DEBUG_NAME   "VMAF_integer_feature_motion_score"
#define MOTION2_NAME "VMAF_integer_feature_motion2_score"
#define MOTION3_NAME "VMAF_integer_feature_motion3_score"

/* The window reaches back at most two frames, so three planes are enough. */
#define PLANE_SLOTS 3

typedef struct MotionPriv {
    /* options (filled by the core through the option table) */
    bool force_zero;
    double blend_factor;
    double blend_offset;
    double fps_weight;
    double max_val;
    bool five_frame_window;
    bool moving_average;
    bool debug;

    /* state */
    MotionDsp dsp; /* kernels chosen in init from the context's CPU flags */
    unsigned w, h;
    uint16_t *plane[PLANE_SLOTS]; /* luma copies; frame k lives in slot k % 3 */
    void *scratch;                /* VMAFX_MOTION_SCRATCH(w) bytes for the kernel */
    unsigned frames_seen;         /* pictures accepted so far */

    double *sad;                  /* own per-index SAD scores */
    bool *sad_set;
    size_t sad_cap;
    bool flushed;
} MotionPriv;

static const VmafxOption motion_options[] = {
    { .name = "motion_force_zero", .alias = "force_0", .type = VMAFX_OPT_BOOL,
      .offset = offsetof(MotionPriv, force_zero), .def.b = false,
      .feature_param = true },
    { .name = "motion_blend_factor", .alias = "mbf", .type = VMAFX_OPT_DOUBLE,
      .offset = offsetof(MotionPriv, blend_factor), .def.d = 1.0,
      .min = 0.0, .max = 1.0, .feature_param = true },
    { .name = "motion_blend_offset", .alias = "mbo", .type = VMAFX_OPT_DOUBLE,
      .offset = offsetof(MotionPriv, blend_offset), .def.d = 40.0,
      .min = 0.0, .max = 1000.0, .feature_param = true },
    { .name = "motion_fps_weight", .alias = "mfw", .type = VMAFX_OPT_DOUBLE,
      .offset = offsetof(MotionPriv, fps_weight), .def.d = 1.0,
      .min = 0.0, .max = 5.0, .feature_param = true },
    { .name = "motion_max_val", .alias = "mmxv", .type = VMAFX_OPT_DOUBLE,
      .offset = offsetof(MotionPriv, max_val), .def.d = 10000.0,
      .min = 0.0, .max = 10000.0, .feature_param = true },
    { .name = "motion_five_frame_window", .alias = "mffw", .type = VMAFX_OPT_BOOL,
      .offset = offsetof(MotionPriv, five_frame_window), .def.b = false,
      .feature_param = true },
    { .name = "motion_moving_average", .alias = "mma", .type = VMAFX_OPT_BOOL,
      .offset = offsetof(MotionPriv, moving_average), .def.b = false,
      .feature_param = true },
    { .name = "debug", .alias = NULL, .type = VMAFX_OPT_BOOL,
      .offset = offsetof(MotionPriv, debug), .def.b = false,
      .feature_param = false },
    { .name = NULL },
};

static const char *const motion_provided[] = {
    SAD_NAME, DEBUG_NAME, MOTION2_NAME, MOTION3_NAME, NULL,
};

static unsigned window_of(const MotionPriv *p)
{
    return p->five_frame_window ? 2 : 1;
}

static int motion_init(VmafxFexCtx *ctx, void *priv, enum VmafPixelFormat pix_fmt,
                       unsigned bpc, unsigned w, unsigned h)
{
    (void)pix_fmt;
    MotionPriv *p = priv;

    /* The 5-tap mirror border is defined for at least 3 samples per axis. */
    if (w < 3 || h < 3 || bpc < 8 || bpc > 16)
        return -EINVAL;
    vmafx_motion_dsp_init(&p->dsp, vmafx_fex_cpu_flags(ctx));
    p->w = w;
    p->h = h;

    const size_t samples = (size_t)w * h;
    if (samples > SIZE_MAX / sizeof(uint16_t))
        return -ENOMEM;
    for (unsigned k = 0; k < PLANE_SLOTS; k++) {
        p->plane[k] = malloc(samples * sizeof(uint16_t));
        if (!p->plane[k])
            return -ENOMEM;
    }
    p->scratch = aligned_alloc(64, (VMAFX_MOTION_SCRATCH(w) + 63) & ~(size_t)63);
    if (!p->scratch)
        return -ENOMEM;
    return 0;
}

static void motion_close(void *priv)
{
    MotionPriv *p = priv;
    for (unsigned k = 0; k < PLANE_SLOTS; k++) {
        free(p->plane[k]);
        p->plane[k] = NULL;
    }
    free(p->scratch);
    free(p->sad);
    free(p->sad_set);
    p->scratch = NULL;
    p->sad = NULL;
    p->sad_set = NULL;
    p->sad_cap = 0;
}

/* Copies the luma plane of pic into dst as 16-bit samples. */
static void copy_luma(uint16_t *dst, const VmafPicture *pic, unsigned w, unsigned h)
{
    const uint8_t *row = pic->data[0];
    for (unsigned r = 0; r < h; r++, row += pic->stride[0], dst += w) {
        if (pic->bpc == 8) {
            for (unsigned c = 0; c < w; c++)
                dst[c] = row[c];
        } else {
            memcpy(dst, row, (size_t)w * sizeof(uint16_t));
        }
    }
}

/* Remembers s at index (grows the arrays geometrically). */
static int keep_sad(MotionPriv *p, unsigned index, double s)
{
    if (index >= p->sad_cap) {
        size_t cap = p->sad_cap ? p->sad_cap : 64;
        while (cap <= index) {
            if (cap > SIZE_MAX / 2 / sizeof(double))
                return -ENOMEM;
            cap *= 2;
        }
        double *sad = realloc(p->sad, cap * sizeof(*sad));
        if (!sad)
            return -ENOMEM;
        p->sad = sad;
        bool *set = realloc(p->sad_set, cap * sizeof(*set));
        if (!set)
            return -ENOMEM;
        p->sad_set = set;
        memset(set + p->sad_cap, 0, (cap - p->sad_cap) * sizeof(*set));
        p->sad_cap = cap;
    }
    p->sad[index] = s;
    p->sad_set[index] = true;
    return 0;
}

static int motion_extract(VmafxFexCtx *ctx, void *priv, const VmafPicture *ref,
                          const VmafPicture *dist, unsigned index)
{
    (void)dist;
    MotionPriv *p = priv;
    const unsigned m = window_of(p);

    if (!ref || !ref->data[0] || ref->w[0] != p->w || ref->h[0] != p->h ||
        ref->bpc < 8 || ref->bpc > 16)
        return -EINVAL;
    /* Earlier frames are the previously submitted ones: the stream must start at 0. */
    if (p->frames_seen == 0 && index != 0)
        return -EINVAL;
    if (p->flushed || (index < p->sad_cap && p->sad_set[index]))
        return -EINVAL;

    uint16_t *cur = p->plane[p->frames_seen % PLANE_SLOTS];
    copy_luma(cur, ref, p->w, p->h);

    double s = 0.0;
    /* Without m earlier pictures (index < m, or a gap in a five-frame window)
     * there is nothing to compare with. */
    if (!p->force_zero && index >= m && p->frames_seen >= m) {
        const uint16_t *prev = p->plane[(p->frames_seen - m) % PLANE_SLOTS];
        const uint64_t sad = p->dsp.blur_sad(prev, cur, p->w, p->h, ref->bpc, p->scratch);
        const double area = (double)((uint64_t)p->w * p->h);
        const double score = (((double)sad / 256.0) / area) * p->fps_weight;
        s = score < p->max_val ? score : p->max_val;
    }
    p->frames_seen++;

    int err = keep_sad(p, index, s);
    if (err)
        return err;
    err = vmafx_fex_write(ctx, SAD_NAME, s, index);
    if (!err && p->debug)
        err = vmafx_fex_write(ctx, DEBUG_NAME, s, index);
    return err;
}

static double blend(const MotionPriv *p, double x)
{
    const double f = p->blend_factor, o = p->blend_offset;
    return (x * f) + ((1.0 - f) * (o < x ? o : x));
}

static double clamp_max(const MotionPriv *p, double x)
{
    return x < p->max_val ? x : p->max_val;
}

static double min_of(double lo, double hi)
{
    return lo < hi ? lo : hi;
}

static int motion_flush(VmafxFexCtx *ctx, void *priv)
{
    MotionPriv *p = priv;
    if (p->flushed)
        return 0;
    p->flushed = true;

    /* Only the run of consecutive indices starting at 0 takes part. */
    size_t n = 0;
    while (n < p->sad_cap && p->sad_set[n])
        n++;
    if (n == 0)
        return 0;

    const unsigned m = window_of(p);
    const double *s = p->sad;
    const double stamp = n > m ? clamp_max(p, blend(p, s[m])) : 0.0;
    double q = stamp;

    for (size_t i = 0; i < n; i++) {
        double m2, m3;
        if (i < m) {
            m2 = 0.0;
            m3 = stamp;
            q = stamp;
        } else {
            if (i == n - 1)
                m2 = s[i];
            else if (m == 1)
                m2 = min_of(s[i], s[i + 1]);
            else if (i == 2)
                m2 = s[3]; /* upstream ignores the lower neighbour here */
            else
                m2 = min_of(s[i - 1], s[i + 1]);

            const double pv = clamp_max(p, blend(p, m2));
            m3 = p->moving_average ? (pv + q) / 2.0 : pv;
            q = pv;
        }
        int err = vmafx_fex_write(ctx, MOTION2_NAME, m2, (unsigned)i);
        if (!err)
            err = vmafx_fex_write(ctx, MOTION3_NAME, m3, (unsigned)i);
        if (err)
            return err;
    }
    return 0;
}

const VmafxFeatureExtractor vmafx_fex_motion = {
    .name = "motion",
    .options = motion_options,
    .priv_size = sizeof(MotionPriv),
    .flags = VMAFX_FEX_PREV_REF,
    .provided = motion_provided,
    .init = motion_init,
    .extract = motion_extract,
    .flush = motion_flush,
    .close = motion_close,
};
