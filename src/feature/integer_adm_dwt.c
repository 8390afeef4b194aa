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

void vmafx_adm_dwt0_row(const AdmDsp *dsp, const VmafxAdmPlane *src, int i, int32_t *oa,
                        int16_t *oh, int16_t *ov, int16_t *od, int16_t *tmp)
{
    const int w = src->w, h = src->h, bw = (w + 1) / 2;
    const size_t bytes = src->bpc > 8 ? 2 : 1;
    const AdmDwt0VertFn vert = dsp->dwt0_vert[src->bpc == 8 ? 0 : src->bpc <= 12 ? 1 : 2];
    const uint8_t *base = src->data;
    const ptrdiff_t pitch = src->stride * (ptrdiff_t)bytes;
    int16_t *l = tmp, *g = tmp + (w + 3);

    vert(base + mirror(2 * i - 1, h) * pitch, base + mirror(2 * i, h) * pitch,
         base + mirror(2 * i + 1, h) * pitch, base + mirror(2 * i + 2, h) * pitch, w, src->bpc,
         l, g);
    ADM_PAD_ROW(l, w);
    if (oh) {
        ADM_PAD_ROW(g, w);
        dsp->dwt0_horiz(l, g, bw, oa, oh, ov, od);
    } else {
        dsp->dwt0_horiz(l, NULL, bw, oa, NULL, NULL, NULL);
    }
}

/* Shifts of scales 1-3 (spec 4.7): vertical, horizontal; rounding 2^(s-1). */
static const int8_t scale_shift[VMAFX_ADM_SCALES][2] = {
    { 0, 0 }, /* scale 0 has its own path */
    { 0, 15 },
    { 16, 16 },
    { 16, 15 },
};

void vmafx_adm_dwt_s_row(const AdmDsp *dsp, const int32_t *src, int w, int h, int scale, int i,
                         int32_t *oa, int32_t *oh, int32_t *ov, int32_t *od, int32_t *tmp)
{
    const int sv = scale_shift[scale][0], sh = scale_shift[scale][1];
    int32_t *l = tmp, *g = tmp + (w + 3);

    dsp->dwt_s_vert(src + (ptrdiff_t)mirror(2 * i - 1, h) * w,
                    src + (ptrdiff_t)mirror(2 * i, h) * w,
                    src + (ptrdiff_t)mirror(2 * i + 1, h) * w,
                    src + (ptrdiff_t)mirror(2 * i + 2, h) * w, w, sv, l, g);
    ADM_PAD_ROW(l, w);
    ADM_PAD_ROW(g, w);
    dsp->dwt_s_horiz(l, g, w, (w + 1) / 2, sh, oa, oh, ov, od);
}
