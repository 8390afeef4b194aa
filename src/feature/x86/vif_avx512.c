/*
 * Integer VIF: AVX-512 kernels of the statistics passes (contracts in
 * feature/vif_dsp.h). The arithmetic is that of vif_avx2.c on 16 lanes:
 * 32-bit sums modulo 2^32, with a second sum of the high 16-bit halves
 * recovering the bits above 32 of the filtered squares. Columns that do not
 * fill a vector go through the AVX2 kernel.
 */
#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "feature/vif_dsp.h"

/* See vif_split_round() in vif_avx2.c; here with shift 16 only. */
static inline __m512i vif_round16_512(__m512i s, __m512i h)
{
    const __m512i lo16 = _mm512_set1_epi32(0xffff);
    s = _mm512_add_epi32(s, _mm512_set1_epi32(32768));
    const __m512i carry = _mm512_and_si512(_mm512_sub_epi32(_mm512_srli_epi32(s, 16), h), lo16);
    return _mm512_add_epi32(h, carry);
}

/* (a * b + 2^31) >> 32 per unsigned 32-bit lane, truncated to 32 bits. */
static inline __m512i vif_mul_round_hi_512(__m512i a, __m512i b)
{
    const __m512i rnd = _mm512_set1_epi64(0x80000000);
    const __m512i even = _mm512_srli_epi64(_mm512_add_epi64(_mm512_mul_epu32(a, b), rnd), 32);
    const __m512i odd = _mm512_add_epi64(
        _mm512_mul_epu32(_mm512_srli_epi64(a, 32), _mm512_srli_epi64(b, 32)), rnd);
    return _mm512_mask_blend_epi32(0xaaaa, even, odd);
}

static inline __m512i vif_load_u32x16(const uint32_t *p, ptrdiff_t j)
{
    return _mm512_loadu_si512((const void *)(p + j));
}

void vmafx_vif_hori_stats_avx512(const VifStatRow *v, const uint16_t *filt, unsigned taps,
                                 unsigned w, int32_t *s1, int32_t *s2, int32_t *s12)
{
    const unsigned r = taps / 2;
    unsigned j = 0;

    for (; j + 16 <= w; j += 16) {
        const __m512i fr = _mm512_set1_epi32(filt[r]);
        __m512i m1 = _mm512_mullo_epi32(vif_load_u32x16(v->mu1, j), fr);
        __m512i m2 = _mm512_mullo_epi32(vif_load_u32x16(v->mu2, j), fr);
        __m512i c = vif_load_u32x16(v->xx, j);
        __m512i sxx = _mm512_mullo_epi32(c, fr);
        __m512i hxx = _mm512_mullo_epi32(_mm512_srli_epi32(c, 16), fr);
        c = vif_load_u32x16(v->yy, j);
        __m512i syy = _mm512_mullo_epi32(c, fr);
        __m512i hyy = _mm512_mullo_epi32(_mm512_srli_epi32(c, 16), fr);
        c = vif_load_u32x16(v->xy, j);
        __m512i sxy = _mm512_mullo_epi32(c, fr);
        __m512i hxy = _mm512_mullo_epi32(_mm512_srli_epi32(c, 16), fr);

        for (unsigned k = 0; k < r; k++) {
            const ptrdiff_t a = (ptrdiff_t)j + (ptrdiff_t)k - (ptrdiff_t)r;
            const ptrdiff_t b = (ptrdiff_t)j + (ptrdiff_t)r - (ptrdiff_t)k;
            const __m512i f = _mm512_set1_epi32(filt[k]);
            m1 = _mm512_add_epi32(m1, _mm512_mullo_epi32(
                _mm512_add_epi32(vif_load_u32x16(v->mu1, a), vif_load_u32x16(v->mu1, b)), f));
            m2 = _mm512_add_epi32(m2, _mm512_mullo_epi32(
                _mm512_add_epi32(vif_load_u32x16(v->mu2, a), vif_load_u32x16(v->mu2, b)), f));
#define VIF_SQ_TAP(arr, s, h)                                                              \
    do {                                                                                   \
        const __m512i va_ = vif_load_u32x16(arr, a), vb_ = vif_load_u32x16(arr, b);        \
        s = _mm512_add_epi32(s, _mm512_mullo_epi32(_mm512_add_epi32(va_, vb_), f));        \
        h = _mm512_add_epi32(h, _mm512_mullo_epi32(_mm512_add_epi32(                       \
            _mm512_srli_epi32(va_, 16), _mm512_srli_epi32(vb_, 16)), f));                  \
    } while (0)
            VIF_SQ_TAP(v->xx, sxx, hxx);
            VIF_SQ_TAP(v->yy, syy, hyy);
            VIF_SQ_TAP(v->xy, sxy, hxy);
#undef VIF_SQ_TAP
        }

        const __m512i xx = vif_round16_512(sxx, hxx);
        const __m512i yy = vif_round16_512(syy, hyy);
        const __m512i xy = vif_round16_512(sxy, hxy);
        _mm512_storeu_si512((void *)(s1 + j), _mm512_sub_epi32(xx, vif_mul_round_hi_512(m1, m1)));
        _mm512_storeu_si512((void *)(s2 + j), _mm512_sub_epi32(yy, vif_mul_round_hi_512(m2, m2)));
        _mm512_storeu_si512((void *)(s12 + j), _mm512_sub_epi32(xy, vif_mul_round_hi_512(m1, m2)));
    }
    if (j < w) {
        VifStatRow o = { v->mu1 + j, v->mu2 + j, v->xx + j, v->yy + j, v->xy + j };
        vmafx_vif_hori_stats_avx2(&o, filt, taps, w - j, s1 + j, s2 + j, s12 + j);
    }
}

static inline __m512i vif_load_u8x32(const void *p, unsigned j)
{
    return _mm512_cvtepu8_epi16(_mm256_loadu_si256((const __m256i *)((const uint8_t *)p + j)));
}

void vmafx_vif_vert_stats_8_avx512(const void *const *ref_rows, const void *const *dis_rows,
                                   const uint16_t *filt, unsigned taps, unsigned w,
                                   unsigned mean_shift, unsigned sq_shift, const VifStatRow *out)
{
    const unsigned r = taps / 2;
    unsigned j = 0;
    /* pmaddwd takes the taps as signed 16-bit values */
    int small_taps = 1;
    for (unsigned k = 0; k <= r; k++)
        small_taps &= filt[k] < 32768;

    if (small_taps) {
        const __m512i mrnd = _mm512_set1_epi32((int)(1u << (mean_shift - 1)));
        const __m128i msh = _mm_cvtsi32_si128((int)mean_shift);
        const __m512i srnd = _mm512_set1_epi32(sq_shift ? (int)(1u << (sq_shift - 1)) : 0);
        const __m128i ssh = _mm_cvtsi32_si128((int)sq_shift);
        const __m512i zero = _mm512_setzero_si512();
        /* lane l of "lo" holds column 8 * (l / 4) + l % 4, of "hi" that plus 4 */
        const __m512i idx_a = _mm512_setr_epi32(0, 1, 2, 3, 16, 17, 18, 19,
                                                4, 5, 6, 7, 20, 21, 22, 23);
        const __m512i idx_b = _mm512_setr_epi32(8, 9, 10, 11, 24, 25, 26, 27,
                                                12, 13, 14, 15, 28, 29, 30, 31);

        for (; j + 32 <= w; j += 32) {
            __m512i m1l = zero, m1h = zero, m2l = zero, m2h = zero;
            __m512i xxl = zero, xxh = zero, yyl = zero, yyh = zero, xyl = zero, xyh = zero;
            for (unsigned k = 0; k <= r; k++) {
                const __m512i x0 = vif_load_u8x32(ref_rows[k], j);
                const __m512i y0 = vif_load_u8x32(dis_rows[k], j);
                const __m512i x1 = k < r ? vif_load_u8x32(ref_rows[taps - 1 - k], j) : zero;
                const __m512i y1 = k < r ? vif_load_u8x32(dis_rows[taps - 1 - k], j) : zero;
                const __m512i fpair = _mm512_set1_epi32((int)(filt[k] * 0x10001u));
                const __m512i f = _mm512_set1_epi32(filt[k]);
                const __m512i xl = _mm512_unpacklo_epi16(x0, x1);
                const __m512i xh = _mm512_unpackhi_epi16(x0, x1);
                const __m512i yl = _mm512_unpacklo_epi16(y0, y1);
                const __m512i yh = _mm512_unpackhi_epi16(y0, y1);
                m1l = _mm512_add_epi32(m1l, _mm512_madd_epi16(xl, fpair));
                m1h = _mm512_add_epi32(m1h, _mm512_madd_epi16(xh, fpair));
                m2l = _mm512_add_epi32(m2l, _mm512_madd_epi16(yl, fpair));
                m2h = _mm512_add_epi32(m2h, _mm512_madd_epi16(yh, fpair));
                xxl = _mm512_add_epi32(xxl, _mm512_mullo_epi32(_mm512_madd_epi16(xl, xl), f));
                xxh = _mm512_add_epi32(xxh, _mm512_mullo_epi32(_mm512_madd_epi16(xh, xh), f));
                yyl = _mm512_add_epi32(yyl, _mm512_mullo_epi32(_mm512_madd_epi16(yl, yl), f));
                yyh = _mm512_add_epi32(yyh, _mm512_mullo_epi32(_mm512_madd_epi16(yh, yh), f));
                xyl = _mm512_add_epi32(xyl, _mm512_mullo_epi32(_mm512_madd_epi16(xl, yl), f));
                xyh = _mm512_add_epi32(xyh, _mm512_mullo_epi32(_mm512_madd_epi16(xh, yh), f));
            }
#define VIF_STORE_PAIR(dst, lo, hi, rnd, sh)                                                \
    do {                                                                                    \
        const __m512i l_ = _mm512_srl_epi32(_mm512_add_epi32(lo, rnd), sh);                 \
        const __m512i h_ = _mm512_srl_epi32(_mm512_add_epi32(hi, rnd), sh);                 \
        _mm512_storeu_si512((void *)((dst) + j), _mm512_permutex2var_epi32(l_, idx_a, h_)); \
        _mm512_storeu_si512((void *)((dst) + j + 16),                                       \
                            _mm512_permutex2var_epi32(l_, idx_b, h_));                      \
    } while (0)
            VIF_STORE_PAIR(out->mu1, m1l, m1h, mrnd, msh);
            VIF_STORE_PAIR(out->mu2, m2l, m2h, mrnd, msh);
            VIF_STORE_PAIR(out->xx, xxl, xxh, srnd, ssh);
            VIF_STORE_PAIR(out->yy, yyl, yyh, srnd, ssh);
            VIF_STORE_PAIR(out->xy, xyl, xyh, srnd, ssh);
#undef VIF_STORE_PAIR
        }
    }
    if (j < w) {
        const void *rr[VMAFX_VIF_MAX_TAPS], *dr[VMAFX_VIF_MAX_TAPS];
        for (unsigned k = 0; k < taps; k++) {
            rr[k] = (const uint8_t *)ref_rows[k] + j;
            dr[k] = (const uint8_t *)dis_rows[k] + j;
        }
        VifStatRow o = { out->mu1 + j, out->mu2 + j, out->xx + j, out->yy + j, out->xy + j };
        vmafx_vif_vert_stats_8_avx2(rr, dr, filt, taps, w - j, mean_shift, sq_shift, &o);
    }
}
