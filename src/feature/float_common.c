/*
 * Sample conversion, separable low-pass filter and row sums of the float
 * extractors (spec float-vif-adm-motion.md 1.1-1.3).
 *
 * The filter accumulates every output over the taps in order k = 0..N-1 from
 * +0, one rounded binary32 product per tap. The loops run the taps in the outer
 * loop and the columns in the inner loop, which keeps that per-output order and
 * lets the compiler vectorise across columns.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feature/float_common.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

int vmafx_float_plane_alloc(VmafxFloatPlane *p, unsigned w, unsigned h)
{
    p->data = NULL;
    p->w = p->h = 0;
    p->stride = 0;
    if (!w || !h || w > VMAFX_FLOAT_MAX_DIM || h > VMAFX_FLOAT_MAX_DIM)
        return -EINVAL;
    p->data = malloc((size_t)w * h * sizeof(float));
    if (!p->data)
        return -ENOMEM;
    p->w = w;
    p->h = h;
    p->stride = w;
    return 0;
}

void vmafx_float_plane_free(VmafxFloatPlane *p)
{
    free(p->data);
    p->data = NULL;
    p->w = p->h = 0;
    p->stride = 0;
}

int vmafx_float_convert(VmafxFloatPlane *dst, const VmafPicture *pic, unsigned plane)
{
    if (plane > 2 || !pic->data[plane] || pic->w[plane] < dst->w || pic->h[plane] < dst->h)
        return -EINVAL;
    /* Division by a power of two is exact, so is the shift to 8-bit units. */
    float div;
    switch (pic->bpc) {
    case 8: div = 1.0f; break;
    case 10: div = 4.0f; break;
    case 12: div = 16.0f; break;
    case 16: div = 256.0f; break;
    default: return -EINVAL;
    }
    const uint8_t *row = pic->data[plane];
    for (unsigned i = 0; i < dst->h; i++, row += pic->stride[plane]) {
        float *out = dst->data + (ptrdiff_t)i * dst->stride;
        if (pic->bpc == 8) {
            for (unsigned j = 0; j < dst->w; j++)
                out[j] = (float)row[j] + -128.0f;
        } else {
            const uint16_t *row16 = (const uint16_t *)(const void *)row;
            for (unsigned j = 0; j < dst->w; j++)
                out[j] = (float)row16[j] / div + -128.0f;
        }
    }
    return 0;
}

int vmafx_float_filter_scratch_alloc(VmafxFloatFilterScratch *s, unsigned max_w,
                                     unsigned max_r)
{
    s->pad = s->acc = NULL;
    s->max_w = s->max_r = 0;
    if (!max_w || max_w > VMAFX_FLOAT_MAX_DIM || max_r > VMAFX_FLOAT_MAX_DIM)
        return -EINVAL;
    s->pad = malloc(((size_t)max_w + 2 * (size_t)max_r) * sizeof(float));
    s->acc = malloc((size_t)max_w * sizeof(float));
    if (!s->pad || !s->acc) {
        vmafx_float_filter_scratch_free(s);
        return -ENOMEM;
    }
    s->max_w = max_w;
    s->max_r = max_r;
    return 0;
}

void vmafx_float_filter_scratch_free(VmafxFloatFilterScratch *s)
{
    free(s->pad);
    free(s->acc);
    s->pad = s->acc = NULL;
    s->max_w = s->max_r = 0;
}

void vmafx_float_filter_col(float *out, const VmafxFloatPlane *z, const VmafxFloatPlane *z2,
                            int square, unsigned row, const float *taps, unsigned n_taps)
{
    const unsigned w = z->w;
    const int r = (int)(n_taps / 2);
    for (unsigned j = 0; j < w; j++)
        out[j] = 0.0f;
    for (unsigned k = 0; k < n_taps; k++) {
        const ptrdiff_t src = (ptrdiff_t)vmafx_float_mirror((int)row - r + (int)k, z->h);
        const float *a = z->data + src * z->stride;
        const float t = taps[k];
        if (z2) {
            const float *b = z2->data + src * z2->stride;
            for (unsigned j = 0; j < w; j++) {
                const float prod = a[j] * b[j];
                out[j] = out[j] + t * prod;
            }
        } else if (square) {
            for (unsigned j = 0; j < w; j++) {
                const float prod = a[j] * a[j];
                out[j] = out[j] + t * prod;
            }
        } else {
            for (unsigned j = 0; j < w; j++)
                out[j] = out[j] + t * a[j];
        }
    }
}

void vmafx_float_filter_row(float *out, const float *in, unsigned w, unsigned step,
                            unsigned n_out, const float *taps, unsigned n_taps,
                            VmafxFloatFilterScratch *s)
{
    const unsigned r = n_taps / 2;
    float *pad = s->pad + (s->max_r - r);
    /* pad[r + c] holds column c, mirrored beyond both edges. */
    memcpy(pad + r, in, (size_t)w * sizeof(float));
    for (unsigned t = 1; t <= r; t++) {
        pad[r - t] = in[vmafx_float_mirror(-(int)t, w)];
        pad[r + w - 1 + t] = in[vmafx_float_mirror((int)(w - 1 + t), w)];
    }
    if (step == 1) {
        float *acc = s->acc;
        for (unsigned c = 0; c < n_out; c++)
            acc[c] = 0.0f;
        for (unsigned k = 0; k < n_taps; k++) {
            const float t = taps[k];
            const float *p = pad + k;
            for (unsigned c = 0; c < n_out; c++)
                acc[c] = acc[c] + t * p[c];
        }
        memcpy(out, acc, (size_t)n_out * sizeof(float));
        return;
    }
    for (unsigned c = 0; c < n_out; c++) {
        const float *p = pad + (size_t)c * step;
        float sum = 0.0f;
        for (unsigned k = 0; k < n_taps; k++)
            sum = sum + taps[k] * p[k];
        out[c] = sum;
    }
}

void vmafx_float_filter_plane(VmafxFloatPlane *dst, const VmafxFloatPlane *src,
                              unsigned step, const float *taps, unsigned n_taps,
                              VmafxFloatFilterScratch *s)
{
    for (unsigned i = 0; i < dst->h; i++) {
        /* The row pass copies its input into the pad before touching acc. */
        vmafx_float_filter_col(s->acc, src, NULL, 0, i * step, taps, n_taps);
        vmafx_float_filter_row(dst->data + (ptrdiff_t)i * dst->stride, s->acc, src->w, step,
                               dst->w, taps, n_taps, s);
    }
}

float vmafx_float_row_sum(const float *v, size_t n)
{
    float sum = 0.0f;
    for (size_t i = 0; i < n; i++)
        sum = sum + v[i];
    return sum;
}
