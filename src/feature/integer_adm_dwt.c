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

/* Shifts of scales 1-3 (spec 4.7): vertical, horizontal; rounding 2^(s-1). */
static const int8_t scale_shift[VMAFX_ADM_SCALES][2] = {
    { 0, 0 }, /* scale 0 has its own path */
    { 0, 15 },
    { 16, 16 },
    { 16, 15 },
};

void vmafx_adm_dwt_s(const AdmDsp *dsp, const int32_t *src, int w, int h, int scale,
                     int32_t *a, int32_t *bh, int32_t *bv, int32_t *bd, int32_t *tmp)
{
    const int sv = scale_shift[scale][0], sh = scale_shift[scale][1];
    int32_t *l = tmp, *g = tmp + (w + 3);
    const int bw = (w + 1) / 2, bhgt = (h + 1) / 2;

    for (int i = 0; i < bhgt; i++) {
        const int32_t *r0 = src + (ptrdiff_t)mirror(2 * i - 1, h) * w;
        const int32_t *r1 = src + (ptrdiff_t)mirror(2 * i, h) * w;
        const int32_t *r2 = src + (ptrdiff_t)mirror(2 * i + 1, h) * w;
        const int32_t *r3 = src + (ptrdiff_t)mirror(2 * i + 2, h) * w;
        dsp->dwt_s_vert(r0, r1, r2, r3, w, sv, l, g);
        ADM_PAD_ROW(l, w);
        ADM_PAD_ROW(g, w);

        const ptrdiff_t row = (ptrdiff_t)i * bw;
        dsp->dwt_s_horiz(l, g, w, bw, sh, a ? a + row : NULL, bh + row, bv + row, bd + row);
    }
}
