/*
 * Shared SSIM machinery of "float_ssim" and "float_ms_ssim" (spec
 * ssim-msssim-ciede-psnrhvs.md, section 2): luma conversion, the Gaussian-window
 * SSIM statistics, border reflection and the dB mapping.
 */
#ifndef VMAFX_SRC_FEATURE_FLOAT_SSIM_CORE_H
#define VMAFX_SRC_FEATURE_FLOAT_SSIM_CORE_H

#include <stdbool.h>
#include <stddef.h>

#include "libvmaf/picture.h"

/* Means over the SSIM map (each rounded to binary32, spec 2.4). */
typedef struct VmafxSsimStats {
    float mssim, l, c, s;
} VmafxSsimStats;

/*
 * Half-sample symmetric index of position k on a line of n > 0 samples
 * (-1 -> 0, n -> n-1). Beyond one reflection the pattern repeats with period 2n,
 * so any k lands inside the line.
 */
static inline int vmafx_ssim_reflect(int k, int n)
{
    const int p = 2 * n;
    k %= p;
    if (k < 0)
        k += p;
    return k < n ? k : p - 1 - k;
}

/* True for the bit depths the SSIM family supports (8, 10, 12, 16). */
bool vmafx_ssim_bpc_ok(unsigned bpc);

/*
 * Converts the luma plane of `pic` to binary32 on the 8-bit scale (spec 2.1) into
 * dst (w * h floats, rows packed). Returns -EINVAL when the picture does not match
 * pix_fmt/bpc/w/h or its luma plane is unusable.
 */
int vmafx_ssim_luma_to_float(const VmafPicture *pic, enum VmafPixelFormat pix_fmt,
                             unsigned bpc, unsigned w, unsigned h, float *dst);

/* Floats of scratch vmafx_ssim_compute() needs for images of width w. */
size_t vmafx_ssim_scratch_floats(unsigned w);

/*
 * SSIM(ref, dist) of spec 2.4 on two packed w x h binary32 images. `scratch` holds
 * vmafx_ssim_scratch_floats(w) floats. Any size is accepted (w or h below 11 give
 * the degenerate means of the spec).
 */
void vmafx_ssim_compute(const float *ref, const float *dist, unsigned w, unsigned h,
                        float *scratch, VmafxSsimStats *out);

/* Cap of the dB value (spec 2.8): finite only with clip_db. */
double vmafx_ssim_max_db(bool clip_db, unsigned w, unsigned h, unsigned bpc);

/* dB form min(-10 log10(1 - x), max_db) (spec 2.8). */
double vmafx_ssim_to_db(double x, double max_db);

#endif /* VMAFX_SRC_FEATURE_FLOAT_SSIM_CORE_H */
