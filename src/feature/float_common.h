/*
 * Shared building blocks of the float extractors (float_vif, float_adm,
 * float_motion): sample conversion to binary32, the separable low-pass filter,
 * the row-pooled binary32 sum and the picture resamplers.
 *
 * Spec: docs/spec/float-vif-adm-motion.md, sections 1 and 2.3. Every routine
 * keeps the spec's order of binary32 operations exactly; callers must not be
 * compiled with FMA contraction.
 */
#ifndef VMAFX_SRC_FEATURE_FLOAT_COMMON_H
#define VMAFX_SRC_FEATURE_FLOAT_COMMON_H

#include <stddef.h>

#include "libvmaf/picture.h"

/* Largest plane side the float extractors accept (keeps size products small). */
#define VMAFX_FLOAT_MAX_DIM (1u << 15)

/* A binary32 plane; `stride` counts floats. */
typedef struct VmafxFloatPlane {
    float *data;
    unsigned w, h;
    ptrdiff_t stride;
} VmafxFloatPlane;

/* Allocates a w x h plane (stride = w). Returns 0 or -ENOMEM / -EINVAL. */
int vmafx_float_plane_alloc(VmafxFloatPlane *p, unsigned w, unsigned h);
void vmafx_float_plane_free(VmafxFloatPlane *p);

/*
 * Converts plane `plane` of pic (w x h samples, bpc 8/10/12/16) into binary32
 * samples in 8-bit units centred on 0 (spec 1.1). Returns -EINVAL for another
 * depth or a plane smaller than dst.
 */
int vmafx_float_convert(VmafxFloatPlane *dst, const VmafPicture *pic, unsigned plane);

/*
 * Scratch of the separable filter: one vertically filtered row padded by the
 * largest half width on both sides, and one accumulator row.
 */
typedef struct VmafxFloatFilterScratch {
    float *pad;  /* w + 2 * max_r */
    float *acc;  /* w */
    unsigned max_w, max_r;
} VmafxFloatFilterScratch;

int vmafx_float_filter_scratch_alloc(VmafxFloatFilterScratch *s, unsigned max_w,
                                     unsigned max_r);
void vmafx_float_filter_scratch_free(VmafxFloatFilterScratch *s);

/* Reflection without edge repeat (spec M); valid for -n < i < 2n - 1. */
static inline unsigned vmafx_float_mirror(int i, unsigned n)
{
    if (i < 0)
        return (unsigned)-i;
    if (i >= (int)n)
        return 2 * n - 2 - (unsigned)i;
    return (unsigned)i;
}

/*
 * Vertical pass of G for output row `row` (spec 1.2): out[j] for all j < z->w.
 * With z2 == NULL the taps multiply z (or z*z when square is set); otherwise they
 * multiply z*z2 sample by sample. Needs z->h >= r + 1.
 */
void vmafx_float_filter_col(float *out, const VmafxFloatPlane *z, const VmafxFloatPlane *z2,
                            int square, unsigned row, const float *taps, unsigned n_taps);

/*
 * Horizontal pass of G on one row `in` of width w (spec 1.2), computed at the
 * columns 0, step, ..., (n_out - 1) * step (< w) into out[0 .. n_out-1].
 * Needs w >= r + 1 and w <= s->max_w; `in` may be s->acc.
 */
void vmafx_float_filter_row(float *out, const float *in, unsigned w, unsigned step,
                            unsigned n_out, const float *taps, unsigned n_taps,
                            VmafxFloatFilterScratch *s);

/*
 * dst(i, j) = G_F[src](i * step, j * step) for the whole of dst (step 1: the
 * plain filter; step 2: filter, then keep even rows and columns). The caller
 * sizes dst so that (dst->w - 1) * step < src->w, likewise for the height.
 */
void vmafx_float_filter_plane(VmafxFloatPlane *dst, const VmafxFloatPlane *src,
                              unsigned step, const float *taps, unsigned n_taps,
                              VmafxFloatFilterScratch *s);

/* Left-to-right binary32 sum of n values starting from +0 (one row of spec 1.3). */
float vmafx_float_row_sum(const float *v, size_t n);

enum VmafxFloatResample {
    VMAFX_FLOAT_RESAMPLE_NEAREST,
    VMAFX_FLOAT_RESAMPLE_BILINEAR,
    VMAFX_FLOAT_RESAMPLE_BICUBIC,
    VMAFX_FLOAT_RESAMPLE_LANCZOS4,
};

/* Resamples src onto dst's size with the given method (spec 2.3). 0 or -ENOMEM. */
int vmafx_float_resample(VmafxFloatPlane *dst, const VmafxFloatPlane *src,
                          enum VmafxFloatResample method);

#endif /* VMAFX_SRC_FEATURE_FLOAT_COMMON_H */
