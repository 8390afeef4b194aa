/*
 * Integer ADM: the four-level Daubechies-2 wavelet transform
 * (spec integer-adm.md section 4).
 *
 * Each output row runs a vertical pass over all input columns into two padded
 * line buffers (low, high), then a horizontal pass over those. The padding
 * encodes the asymmetric mirror of spec 4.4 (m(-1) = 1, m(n) = n-1,
 * m(n+1) = n-2), so the inner loops have no border branches.
 */
#include <stddef.h>
#include <stdint.h>

#include "feature/adm_dsp.h"
#include "feature/integer_adm_internal.h"


/* Input position of tap position k on a line of n samples (spec 4.4). */
static inline int mirror(int k, int n)
{
    if (k < 0)
        return -k;
    if (k >= n)
        return 2 * n - 1 - k;
    return k;
}

/* Padding of a line buffer whose sample x lives at index 1 + x. */
#define ADM_PAD_ROW(row, n)          \
    do {                             \
        (row)[0] = (row)[2];         \
        (row)[(n) + 1] = (row)[(n)]; \
        (row)[(n) + 2] = (row)[(n)-1]; \
    } while (0)

/* Drives one scale-0 transform with vertical kernel `vert` on samples of
 * `bytes` bytes. */
static void dwt0(const AdmDsp *dsp, AdmDwt0VertFn vert, const void *src, size_t bytes,
                 ptrdiff_t stride, int w, int h, int shift, int32_t *oa, int16_t *oh,
                 int16_t *ov, int16_t *od, int16_t *tmp)
{
    int16_t *l = tmp, *g = tmp + (w + 3);
    const int bw = (w + 1) / 2, bhgt = (h + 1) / 2;
    const uint8_t *base = src;
    const ptrdiff_t pitch = stride * (ptrdiff_t)bytes;
    for (int i = 0; i < bhgt; i++) {
        vert(base + mirror(2 * i - 1, h) * pitch, base + mirror(2 * i, h) * pitch,
             base + mirror(2 * i + 1, h) * pitch, base + mirror(2 * i + 2, h) * pitch, w,
             shift, l, g);
        ADM_PAD_ROW(l, w);
        if (oh) {
            ADM_PAD_ROW(g, w);
            dsp->dwt0_horiz(l, g, bw, oa + (ptrdiff_t)i * bw, oh + (ptrdiff_t)i * bw,
                            ov + (ptrdiff_t)i * bw, od + (ptrdiff_t)i * bw);
        } else {
            dsp->dwt0_horiz(l, NULL, bw, oa + (ptrdiff_t)i * bw, NULL, NULL, NULL);
        }
    }
}

void vmafx_adm_dwt0_u8(const AdmDsp *dsp, const uint8_t *src, ptrdiff_t stride, int w, int h,
                       int32_t *oa, int16_t *oh, int16_t *ov, int16_t *od, int16_t *tmp)
{
    dwt0(dsp, dsp->dwt0_vert[0], src, 1, stride, w, h, 8, oa, oh, ov, od, tmp);
}

void vmafx_adm_dwt0_u16(const AdmDsp *dsp, const uint16_t *src, ptrdiff_t stride, int w,
                        int h, int bpc, int32_t *oa, int16_t *oh, int16_t *ov, int16_t *od,
                        int16_t *tmp)
{
    dwt0(dsp, dsp->dwt0_vert[bpc <= 12 ? 1 : 2], src, 2, stride, w, h, bpc, oa, oh, ov, od,
         tmp);
}

/* Shifts and rounding offsets of scales 1-3 (spec 4.7). */
typedef struct ScaleShift {
    int sv;
    int64_t cv;
    int sh;
    int64_t ch;
} ScaleShift;

static const ScaleShift scale_shift[VMAFX_ADM_SCALES] = {
    { 0, 0, 0, 0 }, /* scale 0 has its own path */
    { 0, 0, 15, 16384 },
    { 16, 32768, 16, 32768 },
    { 16, 32768, 15, 16384 },
};

static void vert_s(const int32_t *r0, const int32_t *r1, const int32_t *r2,
                   const int32_t *r3, int w, int sv, int64_t cv, int32_t *l,
                   int32_t *g)
{
    for (int x = 0; x < w; x++) {
        const int64_t p0 = r0[x], p1 = r1[x], p2 = r2[x], p3 = r3[x];
        const int64_t sl = ADM_DWT_L0 * p0 + ADM_DWT_L1 * p1 + ADM_DWT_L2 * p2 +
                           ADM_DWT_L3 * p3;
        const int64_t sg = ADM_DWT_G0 * p0 + ADM_DWT_G1 * p1 + ADM_DWT_G2 * p2 +
                           ADM_DWT_G3 * p3;
        l[1 + x] = (int32_t)((sl + cv) >> sv);
        g[1 + x] = (int32_t)((sg + cv) >> sv);
    }
}

static inline int32_t tap_lo(const int32_t *p, int sh, int64_t ch)
{
    const int64_t s = ADM_DWT_L0 * (int64_t)p[0] + ADM_DWT_L1 * (int64_t)p[1] +
                      ADM_DWT_L2 * (int64_t)p[2] + ADM_DWT_L3 * (int64_t)p[3];
    return (int32_t)((s + ch) >> sh);
}

static inline int32_t tap_hi(const int32_t *p, int sh, int64_t ch)
{
    const int64_t s = ADM_DWT_G0 * (int64_t)p[0] + ADM_DWT_G1 * (int64_t)p[1] +
                      ADM_DWT_G2 * (int64_t)p[2] + ADM_DWT_G3 * (int64_t)p[3];
    return (int32_t)((s + ch) >> sh);
}

void vmafx_adm_dwt_s(const int32_t *src, int w, int h, int scale, int32_t *a,
                     int32_t *bh, int32_t *bv, int32_t *bd, int32_t *tmp)
{
    const ScaleShift *ss = &scale_shift[scale];
    int32_t *l = tmp, *g = tmp + (w + 3);
    const int bw = (w + 1) / 2, bhgt = (h + 1) / 2;

    for (int i = 0; i < bhgt; i++) {
        const int32_t *r0 = src + (ptrdiff_t)mirror(2 * i - 1, h) * w;
        const int32_t *r1 = src + (ptrdiff_t)mirror(2 * i, h) * w;
        const int32_t *r2 = src + (ptrdiff_t)mirror(2 * i + 1, h) * w;
        const int32_t *r3 = src + (ptrdiff_t)mirror(2 * i + 2, h) * w;
        vert_s(r0, r1, r2, r3, w, ss->sv, ss->cv, l, g);
        ADM_PAD_ROW(l, w);
        ADM_PAD_ROW(g, w);

        const ptrdiff_t row = (ptrdiff_t)i * bw;
        if (a)
            for (int j = 0; j < bw; j++)
                a[row + j] = tap_lo(l + 2 * j, ss->sh, ss->ch);
        for (int j = 0; j < bw; j++) {
            bv[row + j] = tap_hi(l + 2 * j, ss->sh, ss->ch);
            bh[row + j] = tap_lo(g + 2 * j, ss->sh, ss->ch);
            bd[row + j] = tap_hi(g + 2 * j, ss->sh, ss->ch);
        }
    }
}
