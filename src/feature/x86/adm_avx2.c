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
