/*
 * Integer ADM: the decoupling decisions shared by the scale-0 kernels
 * (adm_dsp.c) and scales 1-3 (integer_adm_mask.c), spec integer-adm.md 5.3-5.4.
 */
#ifndef VMAFX_SRC_FEATURE_INTEGER_ADM_DECOUPLE_H
#define VMAFX_SRC_FEATURE_INTEGER_ADM_DECOUPLE_H

#include <stdint.h>

/* binary32 cos^2(1 degree) (spec 5.3). */
#define VMAFX_ADM_COS2_1DEG 0x1.ffd814p-1f

/* "The distorted (H,V) vector lies within 1 degree of the reference one",
 * decided on binary32 roundings of exact integer products (spec 5.3). */
static inline int vmafx_adm_angle_flag(int64_t oh, int64_t ov, int64_t th, int64_t tv)
{
    const int64_t p = (int64_t)((uint64_t)(oh * th) + (uint64_t)(ov * tv));
    const uint64_t mo = (uint64_t)(oh * oh) + (uint64_t)(ov * ov);
    const uint64_t mt = (uint64_t)(th * th) + (uint64_t)(tv * tv);
    const double dp = (double)(float)p / 4096.0;
    const double dmo = (double)(float)mo / 4096.0;
    const double dmt = (double)(float)mt / 4096.0;
    return dp >= 0.0 && dp * dp >= ((double)VMAFX_ADM_COS2_1DEG * dmo) * dmt;
}

/* Enhancement-gain limit for a flagged position with k > 0 (spec 5.4). */
static inline int64_t vmafx_adm_gain_limit(int64_t r, int64_t o, int64_t t, double egl)
{
    const double rg = (double)r * egl, dt = (double)t;
    if (o > 0)
        return (int64_t)(rg < dt ? rg : dt);
    if (o < 0)
        return (int64_t)(rg > dt ? rg : dt);
    return r;
}

#endif /* VMAFX_SRC_FEATURE_INTEGER_ADM_DECOUPLE_H */
