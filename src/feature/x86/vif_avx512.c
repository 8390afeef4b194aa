/*
 * Integer VIF: AVX-512 kernels (contracts in feature/vif_dsp.h). The
 * statistics passes shared with the Ice Lake level come from
 * vif_avx512_tmpl.c with pmaddwd + add as the multiply-add; the 8-bit
 * vertical statistics use the arithmetic of the AVX2 kernel on twice the lanes.
 */
#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "feature/vif_dsp.h"
#include "feature/x86/hsum_avx512.h"

/* The double expressions of spec 1.6 must not be fused into FMAs. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#define VIF_DP(acc, a, b) _mm512_add_epi32(acc, _mm512_madd_epi16(a, b))
#define VIF_FN(name) vmafx_vif_##name##_avx512
#include "feature/x86/vif_avx512_tmpl.c"
#undef VIF_DP
#undef VIF_FN

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

/*
 * Accumulation (spec 1.6) on 16 pixels per step. L(x) = T[idx] + 2048 * e is
 * read from a binary representation of x: for x < 2^32 the binary32 value of
 * x rounded toward zero, whose exponent is exact and whose top 15 stored
 * mantissa bits are the 15 bits of x below its leading one; for the larger
 * n2 the high half of the exact binary64 value. The lane sums keep the
 * biased exponents; the bias is removed once per flush with the lane counts.
 */

/* T[idx] + 2048 * biased exponent, given the high 32 bits of a float
 * (mant_shift 8, exp_shift 23) or of a double (5, 20). */
static inline __m512i vif_log2_bits(__m512i bits, const uint16_t *table, int mant_shift,
                                    int exp_shift)
{
    const __m512i idx = _mm512_and_si512(_mm512_srli_epi32(bits, (unsigned)mant_shift),
                                         _mm512_set1_epi32(0x7fff));
    /* 32-bit gather at 2-byte scale: the entry is the low half */
    const __m512i t = _mm512_and_si512(_mm512_i32gather_epi32(idx, (const void *)table, 2),
                                       _mm512_set1_epi32(0xffff));
    return _mm512_add_epi32(t, _mm512_slli_epi32(_mm512_srli_epi32(bits, (unsigned)exp_shift), 11));
}

/* Binary32 bits of unsigned x rounded toward zero. */
static inline __m512i vif_f32_bits_rz(__m512i x)
{
    return _mm512_castps_si512(_mm512_cvt_roundepu32_ps(x, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC));
}

/* One half (8 pixels) of the numerator terms: sv and n2 (exact doubles). */
static inline void vif_num_half(__m256i a, __m256i b, __m256i c, __m512d eps, __m512d limit,
                                __m256i *sv, __m512d *n2)
{
    const __m512d d1 = _mm512_cvtepi32_pd(a), db = _mm512_cvtepi32_pd(b);
    const __m512d dc = _mm512_cvtepi32_pd(c);
    __m512d gain = _mm512_div_pd(dc, _mm512_add_pd(d1, eps));
    const __m512d t = _mm512_sub_pd(db, _mm512_mul_pd(gain, dc));
    /* t > 0 ? (int32_t)t : 0, and 0 < t < 2^31 */
    const __mmask8 pos = _mm512_cmp_pd_mask(t, _mm512_setzero_pd(), _CMP_GT_OQ);
    const __m256i s = _mm512_maskz_cvttpd_epi32(pos, t);
    /* gain is a number here, so min() is the reference's clamp */
    gain = _mm512_min_pd(gain, limit);
    /* (gain * gain) * sigma1 < 2^45 truncated, plus n1: exact */
    const __m512d g = _mm512_roundscale_pd(_mm512_mul_pd(_mm512_mul_pd(gain, gain), d1),
                                           _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
    *sv = s;
    *n2 = _mm512_add_pd(g, _mm512_add_pd(_mm512_cvtepi32_pd(s),
                                         _mm512_set1_pd((double)VMAFX_VIF_SNSQ)));
}

/* Pixels per flush of the 32-bit lane sums: 512 terms < 2^21 per lane. */
#define VIF_ACC512_CHUNK 8192u

void vmafx_vif_accumulate_avx512(const int32_t *s1, const int32_t *s2, const int32_t *s12,
                                 unsigned w, double gain_limit, const uint16_t *log2_table,
                                 VifSums *sums)
{
    const __m512d eps = _mm512_set1_pd(65536.0 * 1.0e-10);
    const __m512d limit = _mm512_set1_pd(gain_limit);
    const __m512i snsq = _mm512_set1_epi32(VMAFX_VIF_SNSQ);
    const __m512i zero = _mm512_setzero_si512();
    /* the high dwords of 16 doubles held in two vectors */
    const __m512i odd = _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29,
                                          31);
    __m512i flat_var = zero;
    int64_t num_log = 0, den_log = 0, flat_count = 0, n_tex = 0, n_use = 0;

    for (unsigned j0 = 0; j0 < w; j0 += VIF_ACC512_CHUNK) {
        const unsigned end = w - j0 > VIF_ACC512_CHUNK ? j0 + VIF_ACC512_CHUNK : w;
        __m512i num = zero, den = zero;
        for (unsigned j = j0; j < end; j += 16) {
            const __mmask16 valid = end - j >= 16 ? 0xffff : (__mmask16)((1u << (end - j)) - 1);
            const __m512i a = _mm512_maskz_loadu_epi32(valid, s1 + j);
            const __m512i b = _mm512_max_epi32(_mm512_maskz_loadu_epi32(valid, s2 + j), zero);
            const __m512i c = _mm512_maskz_loadu_epi32(valid, s12 + j);
            const __mmask16 flat = _mm512_mask_cmplt_epi32_mask(valid, a, snsq);
            const __mmask16 tex = valid & ~flat;
            flat_count += __builtin_popcount(flat);
            /* b >= 0: zero extension is the reference's widening */
            flat_var = _mm512_add_epi64(flat_var, _mm512_maskz_cvtepu32_epi64(
                (__mmask8)flat, _mm512_castsi512_si256(b)));
            flat_var = _mm512_add_epi64(flat_var, _mm512_maskz_cvtepu32_epi64(
                (__mmask8)(flat >> 8), _mm512_extracti64x4_epi64(b, 1)));
            if (!tex)
                continue;

            /* SNSQ + sigma1 < 2^32 */
            n_tex += __builtin_popcount(tex);
            den = _mm512_mask_add_epi32(den, tex, den, vif_log2_bits(
                vif_f32_bits_rz(_mm512_add_epi32(a, snsq)), log2_table, 8, 23));

            const __mmask16 use = _mm512_mask_cmpgt_epi32_mask(
                _mm512_mask_cmpgt_epi32_mask(tex, c, zero), b, zero);
            if (!use)
                continue;
            n_use += __builtin_popcount(use);
            __m256i sv_lo, sv_hi;
            __m512d n2_lo, n2_hi;
            vif_num_half(_mm512_castsi512_si256(a), _mm512_castsi512_si256(b),
                         _mm512_castsi512_si256(c), eps, limit, &sv_lo, &n2_lo);
            vif_num_half(_mm512_extracti64x4_epi64(a, 1), _mm512_extracti64x4_epi64(b, 1),
                         _mm512_extracti64x4_epi64(c, 1), eps, limit, &sv_hi, &n2_hi);
            const __m512i n1 = _mm512_add_epi32(
                _mm512_inserti64x4(_mm512_castsi256_si512(sv_lo), sv_hi, 1), snsq);
            const __m512i l1 = vif_log2_bits(vif_f32_bits_rz(n1), log2_table, 8, 23);
            const __m512i l2 = vif_log2_bits(
                _mm512_permutex2var_epi32(_mm512_castpd_si512(n2_lo), odd,
                                          _mm512_castpd_si512(n2_hi)),
                log2_table, 5, 20);
            num = _mm512_mask_add_epi32(num, use, num, _mm512_sub_epi32(l2, l1));
        }
        num_log += (int64_t)vmafx_hsum_epi64_512(_mm512_add_epi64(
            _mm512_cvtepi32_epi64(_mm512_castsi512_si256(num)),
            _mm512_cvtepi32_epi64(_mm512_extracti64x4_epi64(num, 1))));
        den_log += (int64_t)vmafx_hsum_epi64_512(_mm512_add_epi64(
            _mm512_cvtepi32_epi64(_mm512_castsi512_si256(den)),
            _mm512_cvtepi32_epi64(_mm512_extracti64x4_epi64(den, 1))));
    }
    /* biases: L = T + 2048 * (E - 127 - 15) (binary32), T + 2048 * (E - 1023 - 15) (binary64) */
    sums->num_log += num_log - n_use * (int64_t)(2048 * (1038 - 142));
    sums->den_log += den_log - n_tex * (int64_t)(2048 * 142 + VMAFX_VIF_LOG_OFFSET);
    sums->flat_var += (int64_t)vmafx_hsum_epi64_512(flat_var);
    sums->flat_count += flat_count;
}
