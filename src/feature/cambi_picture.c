/*
 * CAMBI per-picture pipeline (spec cambi-speed.md 1.5-1.8): conversion to 10 bits
 * with nearest-neighbour resampling, anti-dithering, the flat-area mask, and per
 * scale decimation, 3x3 mode filter, contrast values and top-k pooling.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "feature/cambi_internal.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

/* Contrast weights g(d), index d (spec 1.4.1). */
static const unsigned char contrast_weight[CAMBI_MAX_STEPS + 1] = {
    0, 1, 2, 3, 4, 4, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7, 8,
    8, 8, 8, 8, 8, 8, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
};

static unsigned read_sample(const VmafPicture *pic, unsigned y, unsigned x)
{
    const uint8_t *row = (const uint8_t *)pic->data[0] + (ptrdiff_t)y * pic->stride[0];
    return pic->bpc > 8 ? ((const uint16_t *)row)[x] : row[x];
}

/* Input validation (spec 1.5.1): depths other than 8 and 16 must fit their range. */
static bool samples_in_range(const VmafPicture *pic)
{
    if (pic->bpc == 8 || pic->bpc == 16)
        return true;
    const unsigned top = (1u << pic->bpc) - 1;
    for (unsigned y = 0; y < pic->h[0]; y++) {
        const uint16_t *row =
            (const uint16_t *)((const uint8_t *)pic->data[0] + (ptrdiff_t)y * pic->stride[0]);
        for (unsigned x = 0; x < pic->w[0]; x++)
            if (row[x] > top)
                return false;
    }
    return true;
}

static uint16_t to_10bit(unsigned v, unsigned b)
{
    if (b <= 8)
        return (uint16_t)(v << (10 - b));
    if (b == 9)
        return (uint16_t)(v << 1);
    const unsigned round = b > 10 ? 1u << (b - 11) : 0;
    return (uint16_t)((v + round) >> (b - 10));
}

/* Conversion to 10 bits at the target size (spec 1.5.2), pitch t->w. */
static void convert(CambiState *st, const VmafPicture *pic, const CambiTarget *t)
{
    const unsigned w = pic->w[0], h = pic->h[0], b = pic->bpc;
    uint16_t *img = st->img;
    if (t->w == w && t->h == h) {
        for (unsigned i = 0; i < h; i++)
            for (unsigned j = 0; j < w; j++)
                img[(size_t)i * w + j] = to_10bit(read_sample(pic, i, j), b);
        return;
    }
    const float rx = (float)w / (float)t->w, ry = (float)h / (float)t->h;
    const float sx = rx / 2.0f - 0.5f, sy = ry / 2.0f - 0.5f;
    float x = sx;
    for (unsigned j = 0; j < t->w; j++) {
        const double pos = (double)x + 0.5;
        const long c = (long)pos;
        st->col_x[j] = c < 0 ? 0 : c >= (long)w ? w - 1 : (unsigned)c;
        x = x + rx;
    }
    float y = sy;
    for (unsigned i = 0; i < t->h; i++) {
        const long r = (long)((double)y + 0.5);
        const unsigned row = r < 0 ? 0 : r >= (long)h ? h - 1 : (unsigned)r;
        for (unsigned j = 0; j < t->w; j++)
            img[(size_t)i * t->w + j] = to_10bit(read_sample(pic, row, st->col_x[j]), b);
        y = y + ry;
    }
}

/* 2x2 averaging against 1-LSB dither (spec 1.5.3), in place in scan order. */
static void anti_dither(uint16_t *img, unsigned w, unsigned h)
{
    for (unsigned i = 0; i + 1 < h; i++) {
        uint16_t *r0 = img + (size_t)i * w, *r1 = r0 + w;
        for (unsigned j = 0; j + 1 < w; j++)
            r0[j] = (uint16_t)((r0[j] + r0[j + 1] + r1[j] + r1[j + 1]) >> 2);
        r0[w - 1] = (uint16_t)((r0[w - 1] + r1[w - 1]) >> 1);
    }
    uint16_t *last = img + (size_t)(h - 1) * w;
    for (unsigned j = 0; j + 1 < w; j++)
        last[j] = (uint16_t)((last[j] + last[j + 1]) >> 1);
}

/* Flat-area mask (spec 1.6): 7x7 count of zero-derivative pixels above theta. */
static void spatial_mask(CambiState *st, unsigned w, unsigned h, unsigned theta)
{
    const uint16_t *img = st->img;
    uint8_t *z = st->zero;
    for (unsigned i = 0; i < h; i++)
        for (unsigned j = 0; j < w; j++) {
            const size_t p = (size_t)i * w + j;
            const bool right = j == w - 1 || img[p] == img[p + 1];
            const bool below = i == h - 1 || img[p] == img[p + w];
            z[p] = right && below;
        }
    uint16_t *col = st->colsum;
    memset(col, 0, (size_t)w * sizeof(*col));
    for (unsigned i = 0; i < 3 && i < h; i++)
        for (unsigned j = 0; j < w; j++)
            col[j] = (uint16_t)(col[j] + z[(size_t)i * w + j]);
    for (unsigned i = 0; i < h; i++) {
        if (i + 3 < h)
            for (unsigned j = 0; j < w; j++)
                col[j] = (uint16_t)(col[j] + z[(size_t)(i + 3) * w + j]);
        if (i >= 4)
            for (unsigned j = 0; j < w; j++)
                col[j] = (uint16_t)(col[j] - z[(size_t)(i - 4) * w + j]);
        unsigned sum = 0;
        for (unsigned j = 0; j < 3 && j < w; j++)
            sum += col[j];
        for (unsigned j = 0; j < w; j++) {
            if (j + 3 < w)
                sum += col[j + 3];
            if (j >= 4)
                sum -= col[j - 4];
            st->mask[(size_t)i * w + j] = sum > theta;
        }
    }
}

/* Keeps even rows and columns, in place (pitch stays `pitch`). */
static void decimate(uint16_t *img, uint8_t *mask, unsigned pitch, unsigned w, unsigned h)
{
    for (unsigned i = 0; i < (h + 1) / 2; i++)
        for (unsigned j = 0; j < (w + 1) / 2; j++) {
            img[(size_t)i * pitch + j] = img[(size_t)2 * i * pitch + 2 * j];
            mask[(size_t)i * pitch + j] = mask[(size_t)2 * i * pitch + 2 * j];
        }
}

static uint16_t mode3(uint16_t a, uint16_t b, uint16_t c)
{
    if (a == b || a == c)
        return a;
    if (b == c)
        return b;
    const uint16_t m = a < b ? a : b;
    return m < c ? m : c;
}

/* Separable 3x3 mode filter; rows 0 and h-1 stay unfiltered (spec quirk). */
static void mode_filter(uint16_t *img, uint16_t *hz, unsigned pitch, unsigned w, unsigned h)
{
    for (unsigned i = 0; i < h; i++) {
        const uint16_t *r = img + (size_t)i * pitch;
        uint16_t *o = hz + (size_t)i * pitch;
        o[0] = r[0];
        o[w - 1] = r[w - 1];
        for (unsigned j = 1; j + 1 < w; j++)
            o[j] = mode3(r[j - 1], r[j], r[j + 1]);
    }
    for (unsigned i = 1; i + 1 < h; i++)
        for (unsigned j = 0; j < w; j++)
            img[(size_t)i * pitch + j] = mode3(hz[(size_t)(i - 1) * pitch + j],
                                               hz[(size_t)i * pitch + j],
                                               hz[(size_t)(i + 1) * pitch + j]);
}

static void hist_column(uint16_t *hist, const uint16_t *img, const uint8_t *mask,
                        unsigned pitch, unsigned x, unsigned y0, unsigned y1, int delta)
{
    for (unsigned y = y0; y <= y1; y++) {
        const size_t p = (size_t)y * pitch + x;
        if (mask[p])
            hist[CAMBI_HIST_OFFSET + img[p]] = (uint16_t)(hist[CAMBI_HIST_OFFSET + img[p]] + delta);
    }
}

/* Contrast values c (spec 1.8) with a sliding window histogram per row. */
static void contrast_map(CambiState *st, unsigned pitch, unsigned w, unsigned h, unsigned r)
{
    const uint16_t *img = st->img;
    const uint8_t *mask = st->mask;
    uint16_t *hist = st->hist;
    const int nd = (int)st->steps, vlt = st->vlt_luma;
    for (unsigned i = 0; i < h; i++) {
        const unsigned y0 = i > r ? i - r : 0, y1 = i + r < h ? i + r : h - 1;
        memset(hist, 0, sizeof(st->hist));
        for (unsigned x = 0; x <= r && x < w; x++)
            hist_column(hist, img, mask, pitch, x, y0, y1, 1);
        float *out = st->contrast + (size_t)i * w;
        for (unsigned j = 0; j < w; j++) {
            const size_t p = (size_t)i * pitch + j;
            float c = 0.0f;
            if (mask[p]) {
                const int v = img[p];
                const unsigned p0 = hist[CAMBI_HIST_OFFSET + v];
                for (int d = 1; d <= nd; d++) {
                    if (v > st->thr[d] || v + nd + d <= vlt)
                        continue;
                    const unsigned p1 = hist[CAMBI_HIST_OFFSET + v + d];
                    const unsigned p2 = hist[CAMBI_HIST_OFFSET + v - d];
                    const unsigned pm = p1 > p2 ? p1 : p2;
                    const float prod = (float)(int)(contrast_weight[d] * p0 * pm);
                    const float val = prod * st->rcp[p0 + pm];
                    if (val > c)
                        c = val;
                }
            }
            out[j] = c;
            if (j >= r)
                hist_column(hist, img, mask, pitch, j - r, y0, y1, -1);
            if (j + r + 1 < w)
                hist_column(hist, img, mask, pitch, j + r + 1, y0, y1, 1);
        }
    }
}

static void swap_f(float *a, float *b)
{
    const float t = *a;
    *a = *b;
    *b = t;
}

/* Mean of the k largest of a[0..n-1] (reorders a): three-way quickselect. */
static double top_k_mean(float *a, size_t n, size_t k)
{
    size_t lo = 0, hi = n;
    while (hi - lo > 1) {
        const float x = a[lo], y = a[lo + (hi - lo) / 2], z = a[hi - 1];
        const float pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
        size_t lt = lo, i = lo, gt = hi; /* [lo,lt) > pivot, [lt,i) == pivot, [gt,hi) < pivot */
        while (i < gt) {
            if (a[i] > pivot)
                swap_f(&a[lt++], &a[i++]);
            else if (a[i] < pivot)
                swap_f(&a[i], &a[--gt]);
            else
                i++;
        }
        if (k <= lt)
            hi = lt;
        else if (k <= gt)
            break;
        else
            lo = gt;
    }
    double sum = 0.0;
    for (size_t i = 0; i < k; i++)
        sum += a[i];
    return sum / (double)k;
}

int vmafx_cambi_score_picture(CambiState *st, const VmafPicture *pic, const CambiTarget *t,
                              double *score)
{
    if (!pic || !pic->data[0] || pic->bpc != st->bpc || pic->w[0] != st->w ||
        pic->h[0] != st->h || pic->stride[0] < (ptrdiff_t)((size_t)st->w << (st->bpc > 8)))
        return -EINVAL;
    if (!samples_in_range(pic))
        return -EINVAL;

    const unsigned pitch = t->w;
    convert(st, pic, t);
    if (st->anti_dither)
        anti_dither(st->img, t->w, t->h);
    spatial_mask(st, t->w, t->h, t->theta);

    static const double scale_weight[CAMBI_SCALES] = { 16.0, 8.0, 4.0, 2.0, 1.0 };
    unsigned w = t->w, h = t->h;
    double acc = 0.0;
    for (unsigned s = 0; s < CAMBI_SCALES; s++) {
        if (s > 0 || st->hrs) {
            decimate(st->img, st->mask, pitch, w, h);
            w = (w + 1) >> 1;
            h = (h + 1) >> 1;
        }
        mode_filter(st->img, st->hz, pitch, w, h);
        contrast_map(st, pitch, w, h, t->ws >> 1);
        const size_t n = (size_t)w * h;
        const double kd = st->pool_frac * (double)n;
        size_t k = kd < 1.0 ? 1 : (size_t)kd;
        if (k > n)
            k = n;
        const double p = top_k_mean(st->contrast, n, k);
        acc = s ? acc + scale_weight[s] * p : scale_weight[s] * p;
    }
    *score = acc / (double)(t->ws * t->ws);
    return 0;
}
