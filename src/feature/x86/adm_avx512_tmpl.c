/*
 * Integer ADM: AVX-512 helpers and the transform kernels whose tap sums are
 * pmaddwd dot products, compiled twice (contracts in feature/adm_dsp.h):
 * adm_avx512.c adds the products (F, BW, DQ, VL), adm_avx512icl.c accumulates
 * them with VNNI's vpdpwssd. Included with
 *   ADM_FN(name)        the kernel name for the level
 *   ADM_DOT(acc, a, b)  acc + pmaddwd(a, b), modulo 2^32
 * Compiled on its own (a build that globs *.c) it is an empty unit.
 */
#ifdef ADM_FN
#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "feature/adm_dsp.h"

#define ADM_PAIR16(a, b) \
    _mm512_set1_epi32((int)(((uint32_t)(uint16_t)(b) << 16) | (uint16_t)(a)))

#define ADM_INLINE static inline __attribute__((always_inline))

/* Lanes [0, n) of a 16-lane mask, n may exceed 16. */
static inline __mmask16 adm_mask16(int n)
{
    return n >= 16 ? (__mmask16)0xffff : (__mmask16)((1u << n) - 1);
}

static inline __mmask32 adm_mask32(int n)
{
    return n >= 32 ? (__mmask32)0xffffffffu : (__mmask32)((1u << n) - 1);
}

/* Loads and stores of lanes m. Full steps pass a constant all-ones m and get
 * plain loads and stores (a masked load costs one more uop); only a row's
 * last step is masked. */
ADM_INLINE __m512i adm_ld32(__mmask16 m, const int32_t *p)
{
    return m == 0xffff ? _mm512_loadu_si512((const void *)p) : _mm512_maskz_loadu_epi32(m, p);
}

/* 16 int16, sign-extended to 32-bit lanes */
ADM_INLINE __m512i adm_ld16w(__mmask16 m, const int16_t *p)
{
    return _mm512_cvtepi16_epi32(m == 0xffff ? _mm256_loadu_si256((const __m256i *)p)
                                             : _mm256_maskz_loadu_epi16(m, p));
}

ADM_INLINE void adm_st32(int32_t *p, __mmask16 m, __m512i v)
{
    if (m == 0xffff)
        _mm512_storeu_si512((void *)p, v);
    else
        _mm512_mask_storeu_epi32(p, m, v);
}

/* the low 16 bits of 16 lanes (the reference's int16 casts) */
ADM_INLINE void adm_st32to16(int16_t *p, __mmask16 m, __m512i v)
{
    if (m == 0xffff)
        _mm256_storeu_si256((__m256i *)p, _mm512_cvtepi32_epi16(v));
    else
        _mm512_mask_cvtepi32_storeu_epi16(p, m, v);
}

/* ---- scale-0 transform ---- */

ADM_INLINE void ADM_FN(dwt0_vert_u8_32)(const uint8_t *r0, const uint8_t *r1, const uint8_t *r2,
                                    const uint8_t *r3, int x, __mmask32 m, int16_t *l,
                                    int16_t *g)
{
    const __m512i l01 = ADM_PAIR16(ADM_DWT_L0, ADM_DWT_L1), l23 = ADM_PAIR16(ADM_DWT_L2, ADM_DWT_L3);
    const __m512i g01 = ADM_PAIR16(ADM_DWT_G0, ADM_DWT_G1), g23 = ADM_PAIR16(ADM_DWT_G2, ADM_DWT_G3);
    /* the low band is centred by -46342 * 2^7; both get the rounding half */
    const __m512i off_l = _mm512_set1_epi32(128 - 46342 * 128), off_g = _mm512_set1_epi32(128);
#define ADM_LD(r) _mm512_cvtepu8_epi16(m == 0xffffffffu                                   \
                                           ? _mm256_loadu_si256((const __m256i *)((r) + x)) \
                                           : _mm256_maskz_loadu_epi8(m, (r) + x))
    const __m512i p0 = ADM_LD(r0), p1 = ADM_LD(r1), p2 = ADM_LD(r2), p3 = ADM_LD(r3);
#undef ADM_LD
    const __m512i a_lo = _mm512_unpacklo_epi16(p0, p1), a_hi = _mm512_unpackhi_epi16(p0, p1);
    const __m512i b_lo = _mm512_unpacklo_epi16(p2, p3), b_hi = _mm512_unpackhi_epi16(p2, p3);
    const __m512i sl_lo = _mm512_srai_epi32(ADM_DOT(ADM_DOT(off_l, a_lo, l01), b_lo, l23), 8);
    const __m512i sl_hi = _mm512_srai_epi32(ADM_DOT(ADM_DOT(off_l, a_hi, l01), b_hi, l23), 8);
    const __m512i sg_lo = _mm512_srai_epi32(ADM_DOT(ADM_DOT(off_g, a_lo, g01), b_lo, g23), 8);
    const __m512i sg_hi = _mm512_srai_epi32(ADM_DOT(ADM_DOT(off_g, a_hi, g01), b_hi, g23), 8);
    /* in-lane pack undoes the in-lane unpack: columns come back in order */
    const __m512i vl = _mm512_packs_epi32(sl_lo, sl_hi), vg = _mm512_packs_epi32(sg_lo, sg_hi);
    if (m == 0xffffffffu) {
        _mm512_storeu_si512((void *)(l + 1 + x), vl);
        _mm512_storeu_si512((void *)(g + 1 + x), vg);
    } else {
        _mm512_mask_storeu_epi16(l + 1 + x, m, vl);
        _mm512_mask_storeu_epi16(g + 1 + x, m, vg);
    }
}

void ADM_FN(dwt0_vert_u8)(const void *v0, const void *v1, const void *v2,
                                   const void *v3, int w, int shift, int16_t *l, int16_t *g)
{
    const uint8_t *r0 = v0, *r1 = v1, *r2 = v2, *r3 = v3;
    int x = 0;
    (void)shift; /* 8 */
    for (; x + 32 <= w; x += 32)
        ADM_FN(dwt0_vert_u8_32)(r0, r1, r2, r3, x, 0xffffffffu, l, g);
    if (x < w)
        ADM_FN(dwt0_vert_u8_32)(r0, r1, r2, r3, x, adm_mask32(w - x), l, g);
}

/*
 * 32 columns of 16-bit samples, any uint16 value and 1 <= shift <= 16: as the
 * AVX2 kernel, the samples enter pmaddwd as p - 2^15 with the bias added back
 * by the offset (2^15 times the tap sum: 46342 for L, 0 for G). The reference
 * keeps bits shift .. shift + 15 of its sum, which the modular 32-bit sums
 * hold; a word permute picks the low words after >> shift (a truncation, as
 * the int16 cast, where a saturating pack would clamp).
 */
ADM_INLINE void ADM_FN(dwt0_vert_u16_32)(const uint16_t *r0, const uint16_t *r1,
                                         const uint16_t *r2, const uint16_t *r3, int x,
                                         __mmask32 m, int shift, int16_t *l, int16_t *g)
{
    const __m512i l01 = ADM_PAIR16(ADM_DWT_L0, ADM_DWT_L1), l23 = ADM_PAIR16(ADM_DWT_L2, ADM_DWT_L3);
    const __m512i g01 = ADM_PAIR16(ADM_DWT_G0, ADM_DWT_G1), g23 = ADM_PAIR16(ADM_DWT_G2, ADM_DWT_G3);
    const uint32_t half = 1u << (shift - 1);
    const __m512i off_l = _mm512_set1_epi32((int)(half - 46342u * half + 46342u * 32768u));
    const __m512i off_g = _mm512_set1_epi32((int)half);
    const __m512i bias = _mm512_set1_epi16((short)0x8000);
#define ADM_LD(r) _mm512_xor_si512(m == 0xffffffffu                                        \
                                       ? _mm512_loadu_si512((const void *)((r) + x))        \
                                       : _mm512_maskz_loadu_epi16(m, (r) + x),              \
                                   bias)
    const __m512i p0 = ADM_LD(r0), p1 = ADM_LD(r1), p2 = ADM_LD(r2), p3 = ADM_LD(r3);
#undef ADM_LD
    const __m512i a_lo = _mm512_unpacklo_epi16(p0, p1), a_hi = _mm512_unpackhi_epi16(p0, p1);
    const __m512i b_lo = _mm512_unpacklo_epi16(p2, p3), b_hi = _mm512_unpackhi_epi16(p2, p3);
    const __m512i sl_lo = _mm512_srai_epi32(ADM_DOT(ADM_DOT(off_l, a_lo, l01), b_lo, l23), shift);
    const __m512i sl_hi = _mm512_srai_epi32(ADM_DOT(ADM_DOT(off_l, a_hi, l01), b_hi, l23), shift);
    const __m512i sg_lo = _mm512_srai_epi32(ADM_DOT(ADM_DOT(off_g, a_lo, g01), b_lo, g23), shift);
    const __m512i sg_hi = _mm512_srai_epi32(ADM_DOT(ADM_DOT(off_g, a_hi, g01), b_hi, g23), shift);
    /* the low words (the int16 casts), in column order: lane q of _lo holds
     * columns 8q .. 8q + 3, lane q of _hi columns 8q + 4 .. 8q + 7 */
    const __m512i idx = _mm512_set_epi16(62, 60, 58, 56, 30, 28, 26, 24, 54, 52, 50, 48, 22, 20,
                                         18, 16, 46, 44, 42, 40, 14, 12, 10, 8, 38, 36, 34, 32,
                                         6, 4, 2, 0);
    const __m512i vl = _mm512_permutex2var_epi16(sl_lo, idx, sl_hi);
    const __m512i vg = _mm512_permutex2var_epi16(sg_lo, idx, sg_hi);
    if (m == 0xffffffffu) {
        _mm512_storeu_si512((void *)(l + 1 + x), vl);
        _mm512_storeu_si512((void *)(g + 1 + x), vg);
    } else {
        _mm512_mask_storeu_epi16(l + 1 + x, m, vl);
        _mm512_mask_storeu_epi16(g + 1 + x, m, vg);
    }
}

ADM_INLINE void ADM_FN(dwt0_vert_u16)(const void *v0, const void *v1, const void *v2,
                                      const void *v3, int w, int shift, int16_t *l, int16_t *g)
{
    const uint16_t *r0 = v0, *r1 = v1, *r2 = v2, *r3 = v3;
    int x = 0;
    for (; x + 32 <= w; x += 32)
        ADM_FN(dwt0_vert_u16_32)(r0, r1, r2, r3, x, 0xffffffffu, shift, l, g);
    if (x < w)
        ADM_FN(dwt0_vert_u16_32)(r0, r1, r2, r3, x, adm_mask32(w - x), shift, l, g);
}

/* The contract's depths (9..16) get immediate shifts; other shifts up to 16
 * the variable one; a shift past 16 (outside both contracts) goes to the C
 * kernel `ref`, which keeps the reference's result. */
static inline void ADM_FN(dwt0_vert_u16_dispatch)(const void *v0, const void *v1,
                                                  const void *v2, const void *v3, int w,
                                                  int shift, int16_t *l, int16_t *g,
                                                  AdmDwt0VertFn ref)
{
    switch (shift) {
#define ADM_SHIFT_CASE(n) \
    case n: ADM_FN(dwt0_vert_u16)(v0, v1, v2, v3, w, n, l, g); break;
    ADM_SHIFT_CASE(9) ADM_SHIFT_CASE(10) ADM_SHIFT_CASE(11) ADM_SHIFT_CASE(12)
    ADM_SHIFT_CASE(13) ADM_SHIFT_CASE(14) ADM_SHIFT_CASE(15) ADM_SHIFT_CASE(16)
#undef ADM_SHIFT_CASE
    default:
        if (shift >= 1 && shift <= 16)
            ADM_FN(dwt0_vert_u16)(v0, v1, v2, v3, w, shift, l, g);
        else
            ref(v0, v1, v2, v3, w, shift, l, g);
    }
}

void ADM_FN(dwt0_vert_u16n)(const void *v0, const void *v1, const void *v2, const void *v3,
                            int w, int shift, int16_t *l, int16_t *g)
{
    ADM_FN(dwt0_vert_u16_dispatch)(v0, v1, v2, v3, w, shift, l, g, vmafx_adm_dwt0_vert_u16n_c);
}

void ADM_FN(dwt0_vert_u16w)(const void *v0, const void *v1, const void *v2, const void *v3,
                            int w, int shift, int16_t *l, int16_t *g)
{
    ADM_FN(dwt0_vert_u16_dispatch)(v0, v1, v2, v3, w, shift, l, g, vmafx_adm_dwt0_vert_u16w_c);
}

/* Sixteen (s + 2^15) >> 16 of the taps c01, c23 over a = p[2j ..], b = p[2j + 2 ..]. */
ADM_INLINE __m512i adm_tap4_16(__m512i a, __m512i b, __m512i c01, __m512i c23)
{
    return _mm512_srai_epi32(ADM_DOT(ADM_DOT(_mm512_set1_epi32(32768), a, c01), b, c23), 16);
}

/* 32 int32 (a: the first 16, b: the rest) to int16 in order. Every |tap sum|
 * is below 32768 * 54822 < 2^31, so the outputs fit int16 and the saturating
 * pack is exact. */
static inline __m512i adm_pack16(__m512i a, __m512i b)
{
    /* the in-lane pack interleaves 64-bit quarters of a and b */
    return _mm512_permutexvar_epi64(_mm512_setr_epi64(0, 2, 4, 6, 1, 3, 5, 7),
                                    _mm512_packs_epi32(a, b));
}

void ADM_FN(dwt0_horiz)(const int16_t *l, const int16_t *g, int bw, int32_t *oa,
                                 int16_t *oh, int16_t *ov, int16_t *od)
{
    const __m512i l01 = ADM_PAIR16(ADM_DWT_L0, ADM_DWT_L1), l23 = ADM_PAIR16(ADM_DWT_L2, ADM_DWT_L3);
    const __m512i g01 = ADM_PAIR16(ADM_DWT_G0, ADM_DWT_G1), g23 = ADM_PAIR16(ADM_DWT_G2, ADM_DWT_G3);
    int j = 0;

    /* outputs j .. j + 31 read p[2j .. 2j + 65], inside the w + 3 entries
     * (2 * bw + 1 <= w + 2) for j + 32 <= bw */
    for (; j + 32 <= bw; j += 32) {
#define ADM_LD(p, k) _mm512_loadu_si512((const void *)((p) + 2 * j + (k)))
        const __m512i la0 = ADM_LD(l, 0), lb0 = ADM_LD(l, 2);
        const __m512i la1 = ADM_LD(l, 32), lb1 = ADM_LD(l, 34);
        _mm512_storeu_si512((void *)(oa + j), adm_tap4_16(la0, lb0, l01, l23));
        _mm512_storeu_si512((void *)(oa + j + 16), adm_tap4_16(la1, lb1, l01, l23));
        if (oh) {
            const __m512i ga0 = ADM_LD(g, 0), gb0 = ADM_LD(g, 2);
            const __m512i ga1 = ADM_LD(g, 32), gb1 = ADM_LD(g, 34);
            _mm512_storeu_si512((void *)(ov + j), adm_pack16(adm_tap4_16(la0, lb0, g01, g23),
                                                             adm_tap4_16(la1, lb1, g01, g23)));
            _mm512_storeu_si512((void *)(oh + j), adm_pack16(adm_tap4_16(ga0, gb0, l01, l23),
                                                             adm_tap4_16(ga1, gb1, l01, l23)));
            _mm512_storeu_si512((void *)(od + j), adm_pack16(adm_tap4_16(ga0, gb0, g01, g23),
                                                             adm_tap4_16(ga1, gb1, g01, g23)));
        }
#undef ADM_LD
    }
    /* the rest by 16, with masks that keep the reads below 2 * bw + 2 */
    for (; j < bw; j += 16) {
        const __mmask32 lm = adm_mask32(2 * (bw - j));
        const __mmask16 m = adm_mask16(bw - j);
        const __m512i la = _mm512_maskz_loadu_epi16(lm, l + 2 * j);
        const __m512i lb = _mm512_maskz_loadu_epi16(lm, l + 2 * j + 2);
        _mm512_mask_storeu_epi32(oa + j, m, adm_tap4_16(la, lb, l01, l23));
        if (oh) {
            const __m512i ga = _mm512_maskz_loadu_epi16(lm, g + 2 * j);
            const __m512i gb = _mm512_maskz_loadu_epi16(lm, g + 2 * j + 2);
            _mm512_mask_cvtepi32_storeu_epi16(ov + j, m, adm_tap4_16(la, lb, g01, g23));
            _mm512_mask_cvtepi32_storeu_epi16(oh + j, m, adm_tap4_16(ga, gb, l01, l23));
            _mm512_mask_cvtepi32_storeu_epi16(od + j, m, adm_tap4_16(ga, gb, g01, g23));
        }
    }
}

/* ---- scales 1-3 vertical pass ---- */

/*
 * Vertical pass in 32-bit lanes. With each sample split as p = 2^16 ph + pl
 * (ph signed, pl the low 16 bits) and pl' = pl - 2^15, a tap sum is
 * 2^16 SH + SL' + 2^15 C: SH = sum c_k ph_k and SL' = sum c_k pl'_k are exact
 * int32 sums from pmaddwd (each below 2^15 * 54822 < 2^31) and C, the sum of
 * the taps, is 46342 = 2 * 23171 for L and 0 for G. For 0 <= sv <= 16,
 * (sum + rnd) >> sv = 2^(16-sv) (SH + C/2) + ((SL' + rnd) >> sv) exactly, and
 * its wrap32 is that sum modulo 2^32.
 */
ADM_INLINE __m512i adm_vert_s(__m512i h01, __m512i h23, __m512i l01, __m512i l23, __m512i c01,
                              __m512i c23, __m512i half_c, __m512i rnd, __m128i up, __m128i sv)
{
    return _mm512_add_epi32(_mm512_sll_epi32(ADM_DOT(ADM_DOT(half_c, h01, c01), h23, c23), up),
                            _mm512_sra_epi32(ADM_DOT(ADM_DOT(rnd, l01, c01), l23, c23), sv));
}

ADM_INLINE void ADM_FN(dwt_s_vert_16)(const int32_t *r0, const int32_t *r1, const int32_t *r2,
                                  const int32_t *r3, int x, __mmask16 m, int sv, int32_t *l,
                                  int32_t *g)
{
    const __m512i bias = _mm512_set1_epi32((int)0x80008000u);
    const __m512i p0 = adm_ld32(m, r0 + x), p1 = adm_ld32(m, r1 + x);
    const __m512i p2 = adm_ld32(m, r2 + x), p3 = adm_ld32(m, r3 + x);
    /* (ph0, ph1), (ph2, ph3), (pl0', pl1'), (pl2', pl3') pairs */
    const __m512i h01 = _mm512_mask_blend_epi16(0xaaaaaaaa, _mm512_srli_epi32(p0, 16), p1);
    const __m512i h23 = _mm512_mask_blend_epi16(0xaaaaaaaa, _mm512_srli_epi32(p2, 16), p3);
    const __m512i l01 = _mm512_xor_si512(
        _mm512_mask_blend_epi16(0xaaaaaaaa, p0, _mm512_slli_epi32(p1, 16)), bias);
    const __m512i l23 = _mm512_xor_si512(
        _mm512_mask_blend_epi16(0xaaaaaaaa, p2, _mm512_slli_epi32(p3, 16)), bias);
    const __m512i rnd = _mm512_set1_epi32(sv ? 1 << (sv - 1) : 0);
    const __m128i up = _mm_cvtsi32_si128(16 - sv), sh = _mm_cvtsi32_si128(sv);
    const __m512i vl = adm_vert_s(h01, h23, l01, l23, ADM_PAIR16(ADM_DWT_L0, ADM_DWT_L1),
                                  ADM_PAIR16(ADM_DWT_L2, ADM_DWT_L3), _mm512_set1_epi32(23171),
                                  rnd, up, sh);
    const __m512i vg = adm_vert_s(h01, h23, l01, l23, ADM_PAIR16(ADM_DWT_G0, ADM_DWT_G1),
                                  ADM_PAIR16(ADM_DWT_G2, ADM_DWT_G3), _mm512_setzero_si512(),
                                  rnd, up, sh);
    adm_st32(l + 1 + x, m, vl);
    adm_st32(g + 1 + x, m, vg);
}

void ADM_FN(dwt_s_vert)(const int32_t *r0, const int32_t *r1, const int32_t *r2,
                                 const int32_t *r3, int w, int sv, int32_t *l, int32_t *g)
{
    int x = 0;
    for (; x + 16 <= w; x += 16)
        ADM_FN(dwt_s_vert_16)(r0, r1, r2, r3, x, 0xffff, sv, l, g);
    if (x < w)
        ADM_FN(dwt_s_vert_16)(r0, r1, r2, r3, x, adm_mask16(w - x), sv, l, g);
}

#endif /* ADM_FN */
