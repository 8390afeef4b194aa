/*
 * Integer VIF: AVX-512 kernels of the statistics passes (contracts in
 * feature/vif_dsp.h). The arithmetic is that of the AVX2 kernels in
 * vif_avx2.c on twice the lanes. Columns that do not fill a vector go through
 * the AVX2 kernel.
 */
#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "feature/vif_dsp.h"

/* (a * b + 2^31) >> 32 per unsigned 32-bit lane, truncated to 32 bits. */
static inline __m512i vif_mul_round_hi_512(__m512i a, __m512i b)
{
    const __m512i rnd = _mm512_set1_epi64(0x80000000);
    const __m512i even = _mm512_srli_epi64(_mm512_add_epi64(_mm512_mul_epu32(a, b), rnd), 32);
    const __m512i odd = _mm512_add_epi64(
        _mm512_mul_epu32(_mm512_srli_epi64(a, 32), _mm512_srli_epi64(b, 32)), rnd);
    return _mm512_mask_blend_epi32(0xaaaa, even, odd);
}

/*
 * Horizontal statistics with pmaddwd on biased 16-bit halves, as
 * vmafx_vif_hori_stats_avx2() (see there for the arithmetic), 32 outputs per
 * step. Taps that do not qualify and the last w % 32 columns go through the
 * AVX2 kernel.
 */
#define VIF_HS_STRIP 256
#define VIF_HS_SPAN (VIF_HS_STRIP + VMAFX_VIF_MAX_TAPS + 1)

/* Biased 16-bit halves of n entries of src; returns whether any high half is nonzero. */
static int vif_split_halves_512(const uint32_t *src, unsigned n, uint16_t *lo, uint16_t *hi)
{
    __m512i any = _mm512_setzero_si512();
    uint32_t any_tail = 0;
    const __m512i mask = _mm512_set1_epi32(0xffff);
    const __m512i bias = _mm512_set1_epi16((short)0x8000);
    /* the in-lane pack interleaves 64-bit quarters of a and b */
    const __m512i order = _mm512_setr_epi64(0, 2, 4, 6, 1, 3, 5, 7);
    unsigned i = 0;
    for (; i + 32 <= n; i += 32) {
        const __m512i a = _mm512_loadu_si512((const void *)(src + i));
        const __m512i b = _mm512_loadu_si512((const void *)(src + i + 16));
        const __m512i l = _mm512_packus_epi32(_mm512_and_si512(a, mask), _mm512_and_si512(b, mask));
        const __m512i h = _mm512_packus_epi32(_mm512_srli_epi32(a, 16), _mm512_srli_epi32(b, 16));
        any = _mm512_or_si512(any, h);
        _mm512_storeu_si512((void *)(lo + i),
                            _mm512_xor_si512(_mm512_permutexvar_epi64(order, l), bias));
        _mm512_storeu_si512((void *)(hi + i),
                            _mm512_xor_si512(_mm512_permutexvar_epi64(order, h), bias));
    }
    for (; i < n; i++) {
        lo[i] = (uint16_t)((src[i] & 0xffff) ^ 0x8000);
        hi[i] = (uint16_t)((src[i] >> 16) ^ 0x8000);
        any_tail |= src[i] >> 16;
    }
    lo[n] = hi[n] = 0; /* read with a zero coefficient */
    return any_tail || _mm512_test_epi32_mask(any, any);
}

static inline __attribute__((always_inline)) void
vif_pair_sums_512(const uint16_t *buf, const __m512i *coef, unsigned pairs, __m512i *even,
                  __m512i *odd)
{
    __m512i e = _mm512_setzero_si512(), o = _mm512_setzero_si512();
    for (unsigned p = 0; p < pairs; p++) {
        e = _mm512_add_epi32(e, _mm512_madd_epi16(
            _mm512_loadu_si512((const void *)(buf + 2 * p)), coef[p]));
        o = _mm512_add_epi32(o, _mm512_madd_epi16(
            _mm512_loadu_si512((const void *)(buf + 2 * p + 1)), coef[p]));
        /* keeps the compiler from hoisting all products (and spilling them) */
        __asm__("" : "+v"(e), "+v"(o));
    }
    *even = e;
    *odd = o;
}

/* Stores 32 outputs given as even and odd lanes. */
static inline void vif_store_eo_512(int32_t *dst, __m512i even, __m512i odd)
{
    const __m512i a = _mm512_unpacklo_epi32(even, odd); /* 0-3 | 8-11 | 16-19 | 24-27 */
    const __m512i b = _mm512_unpackhi_epi32(even, odd); /* 4-7 | 12-15 | ... */
    const __m512i first = _mm512_setr_epi64(0, 1, 8, 9, 2, 3, 10, 11);
    const __m512i second = _mm512_setr_epi64(4, 5, 12, 13, 6, 7, 14, 15);
    _mm512_storeu_si512((void *)dst, _mm512_permutex2var_epi64(a, first, b));
    _mm512_storeu_si512((void *)(dst + 16), _mm512_permutex2var_epi64(a, second, b));
}

static inline __m512i vif_mean_sum_512(__m512i h, __m512i l, __m512i corr)
{
    return _mm512_add_epi32(_mm512_slli_epi32(_mm512_add_epi32(h, corr), 16),
                            _mm512_add_epi32(l, corr));
}

static inline __m512i vif_sq_sum_512(__m512i h, __m512i l, __m512i corr)
{
    const __m512i rnd = _mm512_set1_epi32(32768);
    return _mm512_add_epi32(_mm512_add_epi32(h, corr),
        _mm512_srli_epi32(_mm512_add_epi32(_mm512_add_epi32(l, corr), rnd), 16));
}

static inline __attribute__((always_inline)) void
vif_hori_strip_512(uint16_t (*half)[2][VIF_HS_SPAN], const __m512i *coef_in, unsigned pairs,
                   unsigned n, __m512i corr, int small_means, int32_t *s1, int32_t *s2,
                   int32_t *s12)
{
    __m512i coef[VMAFX_VIF_MAX_TAPS / 2 + 1];
    for (unsigned p = 0; p < pairs; p++)
        coef[p] = coef_in[p];
    for (unsigned jj = 0; jj < n; jj += 32) {
        __m512i le, lo, he, ho, m1e, m1o, m2e, m2o;
        if (small_means) { /* H = 0 */
            vif_pair_sums_512(half[0][0] + jj, coef, pairs, &le, &lo);
            m1e = _mm512_add_epi32(le, corr);
            m1o = _mm512_add_epi32(lo, corr);
            vif_pair_sums_512(half[1][0] + jj, coef, pairs, &le, &lo);
            m2e = _mm512_add_epi32(le, corr);
            m2o = _mm512_add_epi32(lo, corr);
        } else {
            vif_pair_sums_512(half[0][0] + jj, coef, pairs, &le, &lo);
            vif_pair_sums_512(half[0][1] + jj, coef, pairs, &he, &ho);
            m1e = vif_mean_sum_512(he, le, corr);
            m1o = vif_mean_sum_512(ho, lo, corr);
            vif_pair_sums_512(half[1][0] + jj, coef, pairs, &le, &lo);
            vif_pair_sums_512(half[1][1] + jj, coef, pairs, &he, &ho);
            m2e = vif_mean_sum_512(he, le, corr);
            m2o = vif_mean_sum_512(ho, lo, corr);
        }

        vif_pair_sums_512(half[2][0] + jj, coef, pairs, &le, &lo);
        vif_pair_sums_512(half[2][1] + jj, coef, pairs, &he, &ho);
        vif_store_eo_512(s1 + jj,
            _mm512_sub_epi32(vif_sq_sum_512(he, le, corr), vif_mul_round_hi_512(m1e, m1e)),
            _mm512_sub_epi32(vif_sq_sum_512(ho, lo, corr), vif_mul_round_hi_512(m1o, m1o)));
        vif_pair_sums_512(half[3][0] + jj, coef, pairs, &le, &lo);
        vif_pair_sums_512(half[3][1] + jj, coef, pairs, &he, &ho);
        vif_store_eo_512(s2 + jj,
            _mm512_sub_epi32(vif_sq_sum_512(he, le, corr), vif_mul_round_hi_512(m2e, m2e)),
            _mm512_sub_epi32(vif_sq_sum_512(ho, lo, corr), vif_mul_round_hi_512(m2o, m2o)));
        vif_pair_sums_512(half[4][0] + jj, coef, pairs, &le, &lo);
        vif_pair_sums_512(half[4][1] + jj, coef, pairs, &he, &ho);
        vif_store_eo_512(s12 + jj,
            _mm512_sub_epi32(vif_sq_sum_512(he, le, corr), vif_mul_round_hi_512(m1e, m2e)),
            _mm512_sub_epi32(vif_sq_sum_512(ho, lo, corr), vif_mul_round_hi_512(m1o, m2o)));
    }
}

void vmafx_vif_hori_stats_avx512(const VifStatRow *v, const uint16_t *filt, unsigned taps,
                                 unsigned w, int32_t *s1, int32_t *s2, int32_t *s12)
{
    const unsigned r = taps / 2, pairs = r + 1;
    uint32_t fsum = 0;
    int small = taps <= VMAFX_VIF_MAX_TAPS;
    for (unsigned k = 0; k < taps && small; k++) {
        small &= filt[k] < 32768;
        fsum += filt[k];
    }
    const unsigned wfull = small && fsum <= 65536 ? w & ~31u : 0;

    if (wfull) {
        __m512i coef[VMAFX_VIF_MAX_TAPS / 2 + 1];
        for (unsigned p = 0; p < pairs; p++) {
            const uint32_t c1 = 2 * p + 1 < taps ? filt[2 * p + 1] : 0;
            coef[p] = _mm512_set1_epi32((int)(filt[2 * p] | c1 << 16));
        }
        const __m512i corr = _mm512_set1_epi32((int)(fsum << 15));
        const uint32_t *src[5] = { v->mu1, v->mu2, v->xx, v->yy, v->xy };
        uint16_t half[5][2][VIF_HS_SPAN];

        for (unsigned j0 = 0; j0 < wfull; j0 += VIF_HS_STRIP) {
            const unsigned n = wfull - j0 < VIF_HS_STRIP ? wfull - j0 : VIF_HS_STRIP;
            int big_means = 0;
            for (int a = 0; a < 5; a++)
                big_means |= vif_split_halves_512(src[a] + j0 - r, n + 2 * r, half[a][0],
                                                  half[a][1]) && a < 2;
            const int sm = !big_means;
            int32_t *const d1 = s1 + j0, *const d2 = s2 + j0, *const d12 = s12 + j0;
            switch (pairs) {
            case 9: vif_hori_strip_512(half, coef, 9, n, corr, sm, d1, d2, d12); break;
            case 5: vif_hori_strip_512(half, coef, 5, n, corr, sm, d1, d2, d12); break;
            case 3: vif_hori_strip_512(half, coef, 3, n, corr, sm, d1, d2, d12); break;
            case 2: vif_hori_strip_512(half, coef, 2, n, corr, sm, d1, d2, d12); break;
            default: vif_hori_strip_512(half, coef, pairs, n, corr, sm, d1, d2, d12); break;
            }
        }
    }
    if (wfull < w) {
        VifStatRow o = { v->mu1 + wfull, v->mu2 + wfull, v->xx + wfull, v->yy + wfull,
                         v->xy + wfull };
        vmafx_vif_hori_stats_avx2(&o, filt, taps, w - wfull, s1 + wfull, s2 + wfull,
                                  s12 + wfull);
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
