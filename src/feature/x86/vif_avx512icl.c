/*
 * Integer VIF: AVX-512 kernels of the Ice Lake level (contracts in
 * feature/vif_dsp.h). VNNI's vpdpwssd fuses the pmaddwd and the add of the
 * 16-bit filter sums (the kernels of vif_avx512_tmpl.c with it); VBMI's byte
 * permute lays out the 8-bit samples of the vertical statistics.
 */
#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "feature/vif_dsp.h"

#define VIF_DP(acc, a, b) _mm512_dpwssd_epi32(acc, a, b)
#define VIF_FN(name) vmafx_vif_##name##_avx512icl
#include "feature/x86/vif_avx512_tmpl.c"
#undef VIF_DP
#undef VIF_FN

/*
 * 8-bit vertical statistics. Each sample enters as the signed word
 * s = 256 * (x - 128): vpermb puts the byte x ^ 0x80 above a zero byte, and
 * interleaves rows k and taps-1-k so one vpdpwssd applies their shared tap
 * (the centre row pairs with itself, its tap split in halves). vpmulhw of two
 * such words is the exact centred product (x - 128)(y - 128). With xs = x - 128
 * and the taps summing to 65536, modulo 2^32 like the reference's sums:
 *   sum f x   = sum f xs + 2^23
 *   sum f x^2 = sum f xs^2 + 256 sum f xs + 2^30
 *   sum f xy  = sum f xs ys + 128 (sum f xs + sum f ys) + 2^30
 * where sum f s = 256 sum f xs lies in [-2^31, 2^31) and is exact.
 */
typedef struct VifVs8Acc {
    __m512i a, b, xx, yy, xy; /* sums of f*s_x, f*s_y and of the centred products */
} VifVs8Acc;

/* 16 columns of rows (k, k') as dwords of two words 256 * (x - 128). */
static inline __m512i vif_vs8_words(__m512i src, __m512i idx)
{
    return _mm512_maskz_permutexvar_epi8(0xaaaaaaaaaaaaaaaaull, idx, src);
}

static inline __attribute__((always_inline)) void
vif_vs8_pair(__m512i xsrc, __m512i ysrc, __m512i coef, const __m512i idx[2], VifVs8Acc acc[2])
{
    const __m512i flip = _mm512_set1_epi8((char)0x80);
    xsrc = _mm512_xor_si512(xsrc, flip);
    ysrc = _mm512_xor_si512(ysrc, flip);
    for (int h = 0; h < 2; h++) {
        const __m512i x = vif_vs8_words(xsrc, idx[h]), y = vif_vs8_words(ysrc, idx[h]);
        acc[h].a = _mm512_dpwssd_epi32(acc[h].a, x, coef);
        acc[h].b = _mm512_dpwssd_epi32(acc[h].b, y, coef);
        acc[h].xx = _mm512_dpwssd_epi32(acc[h].xx, _mm512_mulhi_epi16(x, x), coef);
        acc[h].yy = _mm512_dpwssd_epi32(acc[h].yy, _mm512_mulhi_epi16(y, y), coef);
        acc[h].xy = _mm512_dpwssd_epi32(acc[h].xy, _mm512_mulhi_epi16(x, y), coef);
    }
}

/* Rows a and b of 32 columns from j in the two halves of a vector (masked for a tail). */
static inline __m512i vif_vs8_load2(const void *a, const void *b, unsigned j, __mmask32 m)
{
    const uint8_t *pa = (const uint8_t *)a + j, *pb = (const uint8_t *)b + j;
    if (m == 0xffffffffu)
        return _mm512_inserti64x4(_mm512_castsi256_si512(_mm256_loadu_si256((const __m256i *)pa)),
                                  _mm256_loadu_si256((const __m256i *)pb), 1);
    return _mm512_inserti64x4(_mm512_castsi256_si512(_mm256_maskz_loadu_epi8(m, pa)),
                              _mm256_maskz_loadu_epi8(m, pb), 1);
}

static inline __attribute__((always_inline)) void
vif_vs8_columns_icl(const void *const *ref_rows, const void *const *dis_rows,
                    const __m512i *coef, unsigned taps, unsigned j, __mmask32 m,
                    __m512i srnd, __m512i mbias, __m128i msh, __m128i ssh,
                    const VifStatRow *out)
{
    const unsigned r = taps / 2;
    /* dword i: bytes 0, src[i], 0, src[32 + i]; the second half from column 16 */
    const __m512i idx[2] = {
        _mm512_set_epi32(0x2f000f00, 0x2e000e00, 0x2d000d00, 0x2c000c00, 0x2b000b00, 0x2a000a00,
                         0x29000900, 0x28000800, 0x27000700, 0x26000600, 0x25000500, 0x24000400,
                         0x23000300, 0x22000200, 0x21000100, 0x20000000),
        _mm512_set_epi32(0x3f001f00, 0x3e001e00, 0x3d001d00, 0x3c001c00, 0x3b001b00, 0x3a001a00,
                         0x39001900, 0x38001800, 0x37001700, 0x36001600, 0x35001500, 0x34001400,
                         0x33001300, 0x32001200, 0x31001100, 0x30001000),
    };
    const __m512i zero = _mm512_setzero_si512();
    VifVs8Acc acc[2] = { { zero, zero, srnd, srnd, srnd }, { zero, zero, srnd, srnd, srnd } };
#pragma GCC unroll 9
    for (unsigned k = 0; k <= r; k++) {
        const unsigned k2 = taps - 1 - k;
        vif_vs8_pair(vif_vs8_load2(ref_rows[k], ref_rows[k2], j, m),
                     vif_vs8_load2(dis_rows[k], dis_rows[k2], j, m), coef[k], idx, acc);
    }
    for (int h = 0; h < 2; h++) {
        const __mmask16 sm = (__mmask16)(m >> (16 * h));
        const unsigned c = j + 16 * (unsigned)h;
        const __m512i a = acc[h].a, b = acc[h].b;
        const __m512i mu1 = _mm512_srl_epi32(_mm512_add_epi32(_mm512_srai_epi32(a, 8), mbias), msh);
        const __m512i mu2 = _mm512_srl_epi32(_mm512_add_epi32(_mm512_srai_epi32(b, 8), mbias), msh);
        const __m512i xx = _mm512_srl_epi32(_mm512_add_epi32(acc[h].xx, a), ssh);
        const __m512i yy = _mm512_srl_epi32(_mm512_add_epi32(acc[h].yy, b), ssh);
        const __m512i xy = _mm512_srl_epi32(_mm512_add_epi32(acc[h].xy, _mm512_add_epi32(
            _mm512_srai_epi32(a, 1), _mm512_srai_epi32(b, 1))), ssh);
        _mm512_mask_storeu_epi32(out->mu1 + c, sm, mu1);
        _mm512_mask_storeu_epi32(out->mu2 + c, sm, mu2);
        _mm512_mask_storeu_epi32(out->xx + c, sm, xx);
        _mm512_mask_storeu_epi32(out->yy + c, sm, yy);
        _mm512_mask_storeu_epi32(out->xy + c, sm, xy);
    }
}

void vmafx_vif_vert_stats_8_avx512icl(const void *const *ref_rows, const void *const *dis_rows,
                                      const uint16_t *filt, unsigned taps, unsigned w,
                                      unsigned mean_shift, unsigned sq_shift,
                                      const VifStatRow *out)
{
    const unsigned r = taps / 2;
    /* signed 16-bit taps, the centre one split in two; sum 65536 (bounds the mean sums) */
    uint32_t fsum = filt[r];
    int ok = taps <= VMAFX_VIF_MAX_TAPS && taps % 2 == 1 && mean_shift >= 1 && mean_shift <= 31 &&
             sq_shift <= 31;
    __m512i coef[VMAFX_VIF_MAX_TAPS / 2 + 1];
    for (unsigned k = 0; k < r && ok; k++) {
        ok &= filt[k] < 32768;
        fsum += 2u * filt[k];
        coef[k] = _mm512_set1_epi32((int)(filt[k] * 0x10001u));
    }
    const uint32_t c_lo = filt[r] / 2u, c_hi = filt[r] - c_lo;
    ok &= c_hi < 32768 && fsum == 65536;
    if (!ok) {
        vmafx_vif_vert_stats_8_avx512(ref_rows, dis_rows, filt, taps, w, mean_shift, sq_shift, out);
        return;
    }
    coef[r] = _mm512_set1_epi32((int)(c_lo | c_hi << 16));
    /* 2^30 + rounding of the squared sums */
    const uint32_t sq_rnd = sq_shift ? 1u << (sq_shift - 1) : 0;
    const __m512i srnd = _mm512_set1_epi32((int)((1u << 30) + sq_rnd));
    /* 2^23 + rounding of the mean sums */
    const __m512i mbias = _mm512_set1_epi32((int)((1u << 23) + (1u << (mean_shift - 1))));
    const __m128i msh = _mm_cvtsi32_si128((int)mean_shift), ssh = _mm_cvtsi32_si128((int)sq_shift);

    const __mmask32 all = 0xffffffffu;
    unsigned j = 0;
    if (taps == 17) { /* the only 8-bit tap count of the extractor: fully unrolled */
        for (; j + 32 <= w; j += 32)
            vif_vs8_columns_icl(ref_rows, dis_rows, coef, 17, j, all, srnd, mbias, msh, ssh, out);
    } else {
        for (; j + 32 <= w; j += 32)
            vif_vs8_columns_icl(ref_rows, dis_rows, coef, taps, j, all, srnd, mbias, msh, ssh, out);
    }
    if (j < w)
        vif_vs8_columns_icl(ref_rows, dis_rows, coef, taps, j, (__mmask32)((1u << (w - j)) - 1),
                            srnd, mbias, msh, ssh, out);
}
