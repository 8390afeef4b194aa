/*
 * Integer ADM: AVX2 kernels of the scale-0 transform (contracts in
 * feature/adm_dsp.h). Every tap sum fits in 32 bits, so pmaddwd on pairs of
 * taps gives the reference's sums exactly; the outputs fit int16 unsaturated.
 */
#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "feature/adm_dsp.h"

#define ADM_PAIR(a, b) _mm256_set1_epi32((int)(((uint32_t)(uint16_t)(b) << 16) | (uint16_t)(a)))

void vmafx_adm_dwt0_vert_u8_avx2(const void *v0, const void *v1, const void *v2,
                                 const void *v3, int w, int shift, int16_t *l, int16_t *g)
{
    const uint8_t *r0 = v0, *r1 = v1, *r2 = v2, *r3 = v3;
    const __m256i l01 = ADM_PAIR(ADM_DWT_L0, ADM_DWT_L1), l23 = ADM_PAIR(ADM_DWT_L2, ADM_DWT_L3);
    const __m256i g01 = ADM_PAIR(ADM_DWT_G0, ADM_DWT_G1), g23 = ADM_PAIR(ADM_DWT_G2, ADM_DWT_G3);
    /* the low band is centred by -46342 * 2^7; both get the rounding half */
    const __m256i off_l = _mm256_set1_epi32(128 - 46342 * 128), off_g = _mm256_set1_epi32(128);
    int x = 0;

    for (; x + 16 <= w; x += 16) {
#define ADM_LD(r) _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)((r) + x)))
        const __m256i p0 = ADM_LD(r0), p1 = ADM_LD(r1), p2 = ADM_LD(r2), p3 = ADM_LD(r3);
#undef ADM_LD
        const __m256i a_lo = _mm256_unpacklo_epi16(p0, p1), a_hi = _mm256_unpackhi_epi16(p0, p1);
        const __m256i b_lo = _mm256_unpacklo_epi16(p2, p3), b_hi = _mm256_unpackhi_epi16(p2, p3);
        __m256i sl_lo = _mm256_add_epi32(_mm256_madd_epi16(a_lo, l01), _mm256_madd_epi16(b_lo, l23));
        __m256i sl_hi = _mm256_add_epi32(_mm256_madd_epi16(a_hi, l01), _mm256_madd_epi16(b_hi, l23));
        __m256i sg_lo = _mm256_add_epi32(_mm256_madd_epi16(a_lo, g01), _mm256_madd_epi16(b_lo, g23));
        __m256i sg_hi = _mm256_add_epi32(_mm256_madd_epi16(a_hi, g01), _mm256_madd_epi16(b_hi, g23));
        sl_lo = _mm256_srai_epi32(_mm256_add_epi32(sl_lo, off_l), 8);
        sl_hi = _mm256_srai_epi32(_mm256_add_epi32(sl_hi, off_l), 8);
        sg_lo = _mm256_srai_epi32(_mm256_add_epi32(sg_lo, off_g), 8);
        sg_hi = _mm256_srai_epi32(_mm256_add_epi32(sg_hi, off_g), 8);
        /* in-lane pack undoes the in-lane unpack: columns come back in order */
        _mm256_storeu_si256((__m256i *)(l + 1 + x), _mm256_packs_epi32(sl_lo, sl_hi));
        _mm256_storeu_si256((__m256i *)(g + 1 + x), _mm256_packs_epi32(sg_lo, sg_hi));
    }
    if (x < w)
        vmafx_adm_dwt0_vert_u8_c(r0 + x, r1 + x, r2 + x, r3 + x, w - x, shift, l + x, g + x);
}

/* Eight outputs (s + 2^15) >> 16 of the taps c01, c23 at p[2j .. 2j + 3]. */
static inline __m256i adm_tap4(const int16_t *p, __m256i c01, __m256i c23)
{
    const __m256i a = _mm256_loadu_si256((const __m256i *)p);
    const __m256i b = _mm256_loadu_si256((const __m256i *)(p + 2));
    const __m256i s = _mm256_add_epi32(_mm256_madd_epi16(a, c01), _mm256_madd_epi16(b, c23));
    return _mm256_srai_epi32(_mm256_add_epi32(s, _mm256_set1_epi32(32768)), 16);
}

static inline void adm_store_i16x8(int16_t *dst, __m256i v)
{
    _mm_storeu_si128((__m128i *)dst,
                     _mm_packs_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1)));
}

void vmafx_adm_dwt0_horiz_avx2(const int16_t *l, const int16_t *g, int bw, int32_t *oa,
                               int16_t *oh, int16_t *ov, int16_t *od)
{
    const __m256i l01 = ADM_PAIR(ADM_DWT_L0, ADM_DWT_L1), l23 = ADM_PAIR(ADM_DWT_L2, ADM_DWT_L3);
    const __m256i g01 = ADM_PAIR(ADM_DWT_G0, ADM_DWT_G1), g23 = ADM_PAIR(ADM_DWT_G2, ADM_DWT_G3);
    int j = 0;

    /* a vector reads l[2j .. 2j + 17]; inside the w + 3 entries for j + 8 <= bw */
    for (; j + 8 <= bw; j += 8) {
        _mm256_storeu_si256((__m256i *)(oa + j), adm_tap4(l + 2 * j, l01, l23));
        if (oh) {
            adm_store_i16x8(ov + j, adm_tap4(l + 2 * j, g01, g23));
            adm_store_i16x8(oh + j, adm_tap4(g + 2 * j, l01, l23));
            adm_store_i16x8(od + j, adm_tap4(g + 2 * j, g01, g23));
        }
    }
    if (j < bw)
        vmafx_adm_dwt0_horiz_c(l + 2 * j, oh ? g + 2 * j : NULL, bw - j, oa + j,
                               oh ? oh + j : NULL, ov ? ov + j : NULL, od ? od + j : NULL);
}

/* Sign-extends the low 16 bits of every 32-bit lane: the reference's int16 casts. */
static inline __m256i adm_wrap16(__m256i v)
{
    return _mm256_srai_epi32(_mm256_slli_epi32(v, 16), 16);
}

void vmafx_adm_cm0_masker_avx2(const int16_t *zh, const int16_t *zv, const int16_t *zd, int n,
                               int rho_hv, int rho_d, int32_t *phi, int32_t *psi)
{
    const __m256i r_hv = _mm256_set1_epi32(rho_hv), r_d = _mm256_set1_epi32(rho_d);
    const __m256i rnd_hv = _mm256_set1_epi32(16384), rnd_d = _mm256_set1_epi32(65535);
    const __m256i k_phi = _mm256_set1_epi32(4369), k_psi = _mm256_set1_epi32(8738);
    const __m256i rnd12 = _mm256_set1_epi32(2048);
    int j = 0;

    for (; j + 8 <= n; j += 8) {
#define ADM_C(z, rho, rnd, sh) _mm256_abs_epi32(adm_wrap16(_mm256_srai_epi32(_mm256_add_epi32(   \
        _mm256_mullo_epi32(_mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *)((z) + j))), \
                           rho), rnd), sh)))
#define ADM_TERM(ac, k) adm_wrap16(_mm256_srai_epi32(_mm256_add_epi32(_mm256_mullo_epi32(ac, k), \
                                                                      rnd12), 12))
        const __m256i ah = ADM_C(zh, r_hv, rnd_hv, 15);
        const __m256i av = ADM_C(zv, r_hv, rnd_hv, 15);
        const __m256i ad = ADM_C(zd, r_d, rnd_d, 17);
        const __m256i p = _mm256_add_epi32(_mm256_add_epi32(ADM_TERM(ah, k_phi), ADM_TERM(av, k_phi)),
                                           ADM_TERM(ad, k_phi));
        const __m256i s = _mm256_add_epi32(_mm256_add_epi32(ADM_TERM(ah, k_psi), ADM_TERM(av, k_psi)),
                                           ADM_TERM(ad, k_psi));
#undef ADM_C
#undef ADM_TERM
        _mm256_storeu_si256((__m256i *)(phi + j), p);
        _mm256_storeu_si256((__m256i *)(psi + j), s);
    }
    if (j < n)
        vmafx_adm_cm0_masker_c(zh + j, zv + j, zd + j, n - j, rho_hv, rho_d, phi + j, psi + j);
}

/*
 * zsq * zz for the 64-bit lanes whose low halves hold zz (0 <= zz < 2^31),
 * shifted as the reference does, with 2^63 added before the logical shift so
 * that it acts as the arithmetic one (the caller removes 2^(63 - e) per term).
 */
static inline __m256i adm_pool_half(__m256i zz, __m256i q_round, __m128i q, __m256i e_add,
                                    __m128i e)
{
    __m256i zsq = _mm256_srl_epi64(_mm256_add_epi64(_mm256_mul_epu32(zz, zz), q_round), q);
    /* mul_epi32 reads the low 32 bits as signed: the wrap32 of zsq */
    const __m256i cube = _mm256_mul_epi32(zsq, zz);
    return _mm256_srl_epi64(_mm256_add_epi64(cube, e_add), e);
}

int64_t vmafx_adm_cm0_pool_avx2(const int16_t *y, const int32_t *thr, int n, int rho, int sig,
                                int q, int e)
{
    const __m256i r = _mm256_set1_epi32(rho);
    const __m128i sh = _mm_cvtsi32_si128(sig);
    const __m256i q_round = _mm256_set1_epi64x((int64_t)1 << (q - 1));
    const __m128i qs = _mm_cvtsi32_si128(q), es = _mm_cvtsi32_si128(e);
    const __m256i e_add = _mm256_set1_epi64x(
        (int64_t)(((uint64_t)1 << (e - 1)) + ((uint64_t)1 << 63)));
    const __m256i zero = _mm256_setzero_si256();
    __m256i acc = zero;
    int j = 0;

    for (; j + 8 <= n; j += 8) {
        const __m256i x = _mm256_mullo_epi32(
            _mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *)(y + j))), r);
        const __m256i t = _mm256_sll_epi32(_mm256_loadu_si256((const __m256i *)(thr + j)), sh);
        const __m256i zz = _mm256_max_epi32(_mm256_sub_epi32(_mm256_abs_epi32(x), t), zero);
        acc = _mm256_add_epi64(acc, adm_pool_half(zz, q_round, qs, e_add, es));
        acc = _mm256_add_epi64(acc, adm_pool_half(_mm256_srli_epi64(zz, 32), q_round, qs,
                                                  e_add, es));
    }
    uint64_t lanes[4];
    _mm256_storeu_si256((__m256i *)(void *)lanes, acc);
    uint64_t sum = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
    sum -= (uint64_t)j << (63 - e);
    if (j < n)
        sum += (uint64_t)vmafx_adm_cm0_pool_c(y + j, thr + j, n - j, rho, sig, q, e);
    return (int64_t)sum;
}
