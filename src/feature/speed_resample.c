/*
 * SpEED prescale (spec cambi-speed.md 2.4): nearest, bilinear, bicubic (Keys,
 * a = -0.75) and Lanczos-4 resampling of a binary32 plane with mirrored borders.
 */
#include <math.h>
#include <stddef.h>

#include "feature/speed_internal.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

/* Mirror of an integer index into [0, n-1]; clamped for indices beyond one mirror. */
static long mirror_index(long u, long n)
{
    if (u < 0)
        u = -u;
    else if (u > n - 1)
        u = 2 * (n - 1) - u;
    if (u < 0)
        u = 0;
    if (u > n - 1)
        u = n - 1;
    return u;
}

static long clamp_index(long u, long n)
{
    return u < 0 ? 0 : u > n - 1 ? n - 1 : u;
}

static void resample_nearest(const float *src, unsigned w0, unsigned h0, float *dst,
                             unsigned w1, unsigned h1, float rx, float ry)
{
    for (unsigned y = 0; y < h1; y++) {
        const long sy = clamp_index((long)((float)y * ry), h0);
        const float *row = src + (size_t)sy * w0;
        for (unsigned x = 0; x < w1; x++)
            dst[(size_t)y * w1 + x] = row[clamp_index((long)((float)x * rx), w0)];
    }
}

/* Bilinear source position of output index i: the two taps and the weight. */
static void bilinear_pos(unsigned i, float r, unsigned n, long *i1, long *i2, float *frac)
{
    const float xx = (float)(((double)i + 0.5) * (double)r - 0.5);
    double lo = floor((double)xx), hi = ceil((double)xx);
    const double top = (double)n - 1.0;
    lo = lo < 0 ? -lo : lo > top ? 2.0 * top - lo : lo;
    hi = hi < 0 ? -hi : hi > top ? 2.0 * top - hi : hi;
    *i1 = clamp_index((long)(float)lo, n);
    *i2 = clamp_index((long)(float)hi, n);
    *frac = xx - (float)(long)(float)lo;
}

static void resample_bilinear(const float *src, unsigned w0, unsigned h0, float *dst,
                              unsigned w1, unsigned h1, float rx, float ry)
{
    for (unsigned y = 0; y < h1; y++) {
        long y1, y2;
        float dy;
        bilinear_pos(y, ry, h0, &y1, &y2, &dy);
        const float *r1 = src + (size_t)y1 * w0, *r2 = src + (size_t)y2 * w0;
        for (unsigned x = 0; x < w1; x++) {
            long x1, x2;
            float dx;
            bilinear_pos(x, rx, w0, &x1, &x2, &dx);
            const float v = ((1.0f - dy) * (1.0f - dx)) * r1[x1]
                          + ((1.0f - dy) * dx) * r1[x2]
                          + (dy * (1.0f - dx)) * r2[x1]
                          + (dy * dx) * r2[x2];
            dst[(size_t)y * w1 + x] = v;
        }
    }
}

static float cubic_weight(float t)
{
    const float a = -0.75f;
    const float u = fabsf(t);
    if (u < 1.0f)
        return ((a + 2.0f) * u - (a + 3.0f)) * u * u + 1.0f;
    if (u < 2.0f)
        return (((u - 5.0f) * u + 8.0f) * u - 4.0f) * a;
    return 0.0f;
}

static float lanczos_weight(float u)
{
    if (u == 0.0f)
        return 1.0f;
    if (u > -4.0f && u < 4.0f) {
        const double pu = M_PI * (double)u;
        return (float)(((4.0 * sin(pu)) * sin(pu / 4.0)) / (((M_PI * M_PI) * u) * u));
    }
    return 0.0f;
}

/* Base index and fraction of output index i for the kernel methods. */
static long kernel_pos(unsigned i, float r, float *frac)
{
    const float xx = (float)(((double)i + 0.5) * (double)r - 0.5);
    const float base = floorf(xx);
    *frac = xx - base;
    return (long)base;
}

static void resample_kernel(bool lanczos, const float *src, unsigned w0, unsigned h0,
                            float *dst, unsigned w1, unsigned h1, float rx, float ry)
{
    const int lo = lanczos ? -4 : -1, hi = lanczos ? 4 : 2;
    float wx[9], wy[9];
    for (unsigned y = 0; y < h1; y++) {
        float dy;
        const long y0 = kernel_pos(y, ry, &dy);
        for (int j = lo; j <= hi; j++)
            wy[j - lo] = lanczos ? lanczos_weight((float)j - dy) : cubic_weight((float)j - dy);
        for (unsigned x = 0; x < w1; x++) {
            float dx;
            const long x0 = kernel_pos(x, rx, &dx);
            for (int i = lo; i <= hi; i++)
                wx[i - lo] = lanczos ? lanczos_weight((float)i - dx)
                                     : cubic_weight((float)i - dx);
            float acc = 0.0f, wsum = 0.0f;
            for (int j = lo; j <= hi; j++) {
                const float *row = src + (size_t)mirror_index(y0 + j, h0) * w0;
                for (int i = lo; i <= hi; i++) {
                    const float wt = wx[i - lo] * wy[j - lo];
                    const float s = row[mirror_index(x0 + i, w0)];
                    if (lanczos) {
                        wsum = wsum + wt;
                        acc = acc + s * wt;
                    } else {
                        acc = acc + s * wt;
                    }
                }
            }
            dst[(size_t)y * w1 + x] = lanczos ? acc / wsum : acc;
        }
    }
}

void vmafx_speed_resample(enum SpeedResample method, const float *src, unsigned w0,
                          unsigned h0, float *dst, unsigned w1, unsigned h1)
{
    if (w1 == w0 && h1 == h0) {
        for (size_t i = 0; i < (size_t)w0 * h0; i++)
            dst[i] = src[i];
        return;
    }
    const float rx = (float)w0 / (float)w1, ry = (float)h0 / (float)h1;
    switch (method) {
    case SPEED_RESAMPLE_NEAREST:
        resample_nearest(src, w0, h0, dst, w1, h1, rx, ry);
        break;
    case SPEED_RESAMPLE_BILINEAR:
        resample_bilinear(src, w0, h0, dst, w1, h1, rx, ry);
        break;
    case SPEED_RESAMPLE_BICUBIC:
        resample_kernel(false, src, w0, h0, dst, w1, h1, rx, ry);
        break;
    case SPEED_RESAMPLE_LANCZOS4:
        resample_kernel(true, src, w0, h0, dst, w1, h1, rx, ry);
        break;
    }
}
