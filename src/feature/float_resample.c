/*
 * Picture resamplers of the float extractors (spec float-vif-adm-motion.md 2.3):
 * nearest, bilinear, bicubic (Keys, a = -0.75) and lanczos4, with the spec's
 * binary32 operation order and its once-reflected source indices.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "feature/float_common.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#define MAX_TAPS 9 /* lanczos4: offsets -4..4 */

/* Per destination column (or row): first source offset, weights, indices. */
typedef struct Axis {
    float pos;              /* X(x) of the spec */
    int base;               /* floor(pos) */
    float frac;             /* pos - base (bicubic, lanczos4) */
    float weight[MAX_TAPS];
    unsigned idx[MAX_TAPS]; /* reflected source indices */
} Axis;

/* Reflects once into [0, n-1] (spec Mq), then clamps as a guard for tiny planes. */
static unsigned reflect_once(long q, unsigned n)
{
    const long last = (long)n - 1;
    if (q < 0)
        q = -q;
    else if (q > last)
        q = 2 * last - q;
    if (q < 0)
        q = 0;
    if (q > last)
        q = last;
    return (unsigned)q;
}

static float keys_cubic(float t)
{
    t = fabsf(t);
    if (t < 1.0f)
        return (((1.25f * t) - 2.25f) * t) * t + 1.0f;
    if (t < 2.0f)
        return ((((t - 5.0f) * t) + 8.0f) * t - 4.0f) * -0.75f;
    return 0.0f;
}

static float lanczos4(float tf)
{
    const double t = tf;
    if (t == 0.0)
        return 1.0f;
    if (!(t > -4.0 && t < 4.0))
        return 0.0f;
    const double pi = M_PI;
    const double num = (4.0 * sin(pi * t)) * sin((pi * t) / 4.0);
    return (float)(num / (((pi * pi) * t) * t));
}

static void axis_setup(Axis *a, unsigned dst_n, unsigned src_n,
                       enum VmafxFloatResample method)
{
    const float ratio = (float)src_n / (float)dst_n;
    for (unsigned x = 0; x < dst_n; x++, a++) {
        a->pos = (float)(((double)x + 0.5) * (double)ratio - 0.5);
        a->base = (int)floorf(a->pos);
        switch (method) {
        case VMAFX_FLOAT_RESAMPLE_NEAREST: {
            long q = (long)((float)x * ratio);
            a->idx[0] = reflect_once(q, src_n); /* in range; the guard only clamps */
            break;
        }
        case VMAFX_FLOAT_RESAMPLE_BILINEAR: {
            /* quirk: the fraction is measured from the reflected lower index */
            a->idx[0] = reflect_once(a->base, src_n);
            a->idx[1] = reflect_once((long)ceilf(a->pos), src_n);
            a->frac = a->pos - (float)a->idx[0];
            break;
        }
        case VMAFX_FLOAT_RESAMPLE_BICUBIC:
            a->frac = a->pos - (float)a->base;
            for (int i = -1; i <= 2; i++) {
                a->weight[i + 1] = keys_cubic((float)i - a->frac);
                a->idx[i + 1] = reflect_once((long)a->base + i, src_n);
            }
            break;
        case VMAFX_FLOAT_RESAMPLE_LANCZOS4:
            a->frac = a->pos - (float)a->base;
            for (int i = -4; i <= 4; i++) {
                a->weight[i + 4] = lanczos4((float)i - a->frac);
                a->idx[i + 4] = reflect_once((long)a->base + i, src_n);
            }
            break;
        }
    }
}

static float sample(const VmafxFloatPlane *src, unsigned y, unsigned x)
{
    return src->data[(ptrdiff_t)y * src->stride + x];
}

static float bilinear(const VmafxFloatPlane *src, const Axis *ax, const Axis *ay)
{
    const float dx = ax->frac, dy = ay->frac;
    const float u = 1.0f - dx, v = 1.0f - dy;
    const unsigned x1 = ax->idx[0], x2 = ax->idx[1], y1 = ay->idx[0], y2 = ay->idx[1];
    float acc = (v * u) * sample(src, y1, x1);
    acc = acc + (v * dx) * sample(src, y1, x2);
    acc = acc + (dy * u) * sample(src, y2, x1);
    acc = acc + (dy * dx) * sample(src, y2, x2);
    return acc;
}

static float bicubic(const VmafxFloatPlane *src, const Axis *ax, const Axis *ay)
{
    float acc = 0.0f;
    for (unsigned j = 0; j < 4; j++) {
        for (unsigned i = 0; i < 4; i++) {
            const float w = ax->weight[i] * ay->weight[j];
            acc = acc + sample(src, ay->idx[j], ax->idx[i]) * w;
        }
    }
    return acc;
}

static float lanczos(const VmafxFloatPlane *src, const Axis *ax, const Axis *ay)
{
    float acc = 0.0f, sw = 0.0f;
    for (unsigned j = 0; j < 9; j++) {
        for (unsigned i = 0; i < 9; i++) {
            const float w = ax->weight[i] * ay->weight[j];
            sw = sw + w;
            acc = acc + sample(src, ay->idx[j], ax->idx[i]) * w;
        }
    }
    return acc / sw;
}

int vmafx_float_resample(VmafxFloatPlane *dst, const VmafxFloatPlane *src,
                         enum VmafxFloatResample method)
{
    Axis *ax = malloc(((size_t)dst->w + dst->h) * sizeof(*ax));
    if (!ax)
        return -ENOMEM;
    Axis *ay = ax + dst->w;
    axis_setup(ax, dst->w, src->w, method);
    axis_setup(ay, dst->h, src->h, method);

    for (unsigned y = 0; y < dst->h; y++) {
        float *out = dst->data + (ptrdiff_t)y * dst->stride;
        for (unsigned x = 0; x < dst->w; x++) {
            switch (method) {
            case VMAFX_FLOAT_RESAMPLE_NEAREST:
                out[x] = sample(src, ay[y].idx[0], ax[x].idx[0]);
                break;
            case VMAFX_FLOAT_RESAMPLE_BILINEAR:
                out[x] = bilinear(src, &ax[x], &ay[y]);
                break;
            case VMAFX_FLOAT_RESAMPLE_BICUBIC:
                out[x] = bicubic(src, &ax[x], &ay[y]);
                break;
            case VMAFX_FLOAT_RESAMPLE_LANCZOS4:
                out[x] = lanczos(src, &ax[x], &ay[y]);
                break;
            }
        }
    }
    free(ax);
    return 0;
}
