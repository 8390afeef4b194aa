/*
 * Integer ADM: AVX2 kernels (contracts in feature/adm_dsp.h). In the scale-0
 * transform every tap sum fits in 32 bits, so pmaddwd on pairs of taps gives
 * the reference's sums exactly and the outputs fit int16 unsaturated (16-bit
 * samples: modulo 2^32, see adm_dwt0_vert16_16).
 */
#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "feature/adm_dsp.h"
#include "feature/integer_adm_decouple.h"

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

/*
 * 16-bit samples, any uint16 value and 1 <= shift <= 16. pmaddwd multiplies
 * signed words, so the samples go in as p - 2^15 (p ^ 0x8000) and the offset
 * adds the bias back: 2^15 times the tap sum, 46342 for L and 0 for G. The
 * reference keeps bits shift .. shift + 15 of its (32- or 64-bit) sum, which
 * the 32-bit modular sums hold exactly; they are moved to the top half
 * (<< 16 - shift) and sign-extended down (>> 16), so the saturating pack
 * gives the reference's truncation. `shift` is a constant after inlining in
 * the specialised calls.
 */
static inline __attribute__((always_inline)) void
adm_dwt0_vert16_16(const uint16_t *r0, const uint16_t *r1, const uint16_t *r2,
                   const uint16_t *r3, int x, int shift, int16_t *l, int16_t *g)
{
    const __m256i l01 = ADM_PAIR(ADM_DWT_L0, ADM_DWT_L1), l23 = ADM_PAIR(ADM_DWT_L2, ADM_DWT_L3);
    const __m256i g01 = ADM_PAIR(ADM_DWT_G0, ADM_DWT_G1), g23 = ADM_PAIR(ADM_DWT_G2, ADM_DWT_G3);
    const uint32_t half = 1u << (shift - 1);
    const __m256i off_l = _mm256_set1_epi32((int)(half - 46342u * half + 46342u * 32768u));
    const __m256i off_g = _mm256_set1_epi32((int)half);
    const __m256i bias = _mm256_set1_epi16((short)0x8000);
#define ADM_LD(r) _mm256_xor_si256(_mm256_loadu_si256((const __m256i *)((r) + x)), bias)
    const __m256i p0 = ADM_LD(r0), p1 = ADM_LD(r1), p2 = ADM_LD(r2), p3 = ADM_LD(r3);
#undef ADM_LD
    const __m256i a_lo = _mm256_unpacklo_epi16(p0, p1), a_hi = _mm256_unpackhi_epi16(p0, p1);
    const __m256i b_lo = _mm256_unpacklo_epi16(p2, p3), b_hi = _mm256_unpackhi_epi16(p2, p3);
#define ADM_SUM(a, b, c01, c23, off) \
    _mm256_add_epi32(_mm256_add_epi32(_mm256_madd_epi16(a, c01), off), _mm256_madd_epi16(b, c23))
#define ADM_TOP(s) \
    _mm256_srai_epi32(shift < 16 ? _mm256_slli_epi32(s, 16 - shift) : (s), 16)
    const __m256i sl_lo = ADM_TOP(ADM_SUM(a_lo, b_lo, l01, l23, off_l));
    const __m256i sl_hi = ADM_TOP(ADM_SUM(a_hi, b_hi, l01, l23, off_l));
    const __m256i sg_lo = ADM_TOP(ADM_SUM(a_lo, b_lo, g01, g23, off_g));
    const __m256i sg_hi = ADM_TOP(ADM_SUM(a_hi, b_hi, g01, g23, off_g));
#undef ADM_TOP
#undef ADM_SUM
    /* in-lane pack undoes the in-lane unpack: columns come back in order */
    _mm256_storeu_si256((__m256i *)(l + 1 + x), _mm256_packs_epi32(sl_lo, sl_hi));
    _mm256_storeu_si256((__m256i *)(g + 1 + x), _mm256_packs_epi32(sg_lo, sg_hi));
}

/* One row for w >= 16; a row end that does not fill a vector is redone from
 * w - 16 (the same values again). */
static inline __attribute__((always_inline)) void
adm_dwt0_vert16(const uint16_t *r0, const uint16_t *r1, const uint16_t *r2, const uint16_t *r3,
                int w, int shift, int16_t *l, int16_t *g)
{
    int x = 0;
    for (; x + 16 <= w; x += 16)
        adm_dwt0_vert16_16(r0, r1, r2, r3, x, shift, l, g);
    if (x < w)
        adm_dwt0_vert16_16(r0, r1, r2, r3, w - 16, shift, l, g);
}

void vmafx_adm_dwt0_vert_u16n_avx2(const void *v0, const void *v1, const void *v2,
                                   const void *v3, int w, int shift, int16_t *l, int16_t *g)
{
    const uint16_t *r0 = v0, *r1 = v1, *r2 = v2, *r3 = v3;
    if (w < 16 || shift < 1 || shift > 16) {
        vmafx_adm_dwt0_vert_u16n_c(v0, v1, v2, v3, w, shift, l, g);
        return;
    }
    switch (shift) { /* immediate shifts for the contract's depths */
    case 9: adm_dwt0_vert16(r0, r1, r2, r3, w, 9, l, g); break;
    case 10: adm_dwt0_vert16(r0, r1, r2, r3, w, 10, l, g); break;
    case 11: adm_dwt0_vert16(r0, r1, r2, r3, w, 11, l, g); break;
    case 12: adm_dwt0_vert16(r0, r1, r2, r3, w, 12, l, g); break;
    default: adm_dwt0_vert16(r0, r1, r2, r3, w, shift, l, g); break;
    }
}

void vmafx_adm_dwt0_vert_u16w_avx2(const void *v0, const void *v1, const void *v2,
                                   const void *v3, int w, int shift, int16_t *l, int16_t *g)
{
    const uint16_t *r0 = v0, *r1 = v1, *r2 = v2, *r3 = v3;
    if (w < 16 || shift < 1 || shift > 16) {
        vmafx_adm_dwt0_vert_u16w_c(v0, v1, v2, v3, w, shift, l, g);
        return;
    }
    switch (shift) {
    case 13: adm_dwt0_vert16(r0, r1, r2, r3, w, 13, l, g); break;
    case 14: adm_dwt0_vert16(r0, r1, r2, r3, w, 14, l, g); break;
    case 15: adm_dwt0_vert16(r0, r1, r2, r3, w, 15, l, g); break;
    case 16: adm_dwt0_vert16(r0, r1, r2, r3, w, 16, l, g); break;
    default: adm_dwt0_vert16(r0, r1, r2, r3, w, shift, l, g); break;
    }
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

/*
 * The masker in 16-bit lanes, 16 columns per step. With rho = rl + 2^15 * rh
 * (rl < 2^15): c = int16((rho * z + 2^14) >> 15) = pmulhrsw(z, rl) + rh * z
 * (mod 2^16). The D band's int16((rho * z + 65535) >> 17) is
 * (hi + (lo != 0)) >> 1 with hi, lo the halves of the 32-bit product
 * (hi <= 32766: no overflow). The terms int16((4369 |c| + 2048) >> 12)
 * = |c| + ((4368 |c| + 2^15) >> 16) and int16((8738 |c| + 2048) >> 12)
 * = 2 |c| + ((8736 |c| + 2^15) >> 16) come from unsigned high and low
 * products (|c| <= 2^15), wrapping as the casts do.
 */
static inline __m256i adm_mul_round16(__m256i ac, __m256i k)
{
    return _mm256_add_epi16(_mm256_mulhi_epu16(ac, k),
                            _mm256_srli_epi16(_mm256_mullo_epi16(ac, k), 15));
}

static inline void adm_cm0_terms(__m256i c, __m256i *phi, __m256i *psi)
{
    const __m256i ac = _mm256_abs_epi16(c); /* |-32768| reads as 32768 unsigned */
    *phi = _mm256_add_epi16(ac, adm_mul_round16(ac, _mm256_set1_epi16(4368)));
    *psi = _mm256_add_epi16(_mm256_add_epi16(ac, ac),
                            adm_mul_round16(ac, _mm256_set1_epi16((short)8736)));
}

/* Sum of three int16 lane vectors as 16 int32 at dst. */
static inline void adm_sum3_store(int32_t *dst, __m256i a, __m256i b, __m256i c)
{
#define ADM_W(v, h) _mm256_cvtepi16_epi32(_mm256_extracti128_si256(v, h))
    const __m256i lo = _mm256_add_epi32(_mm256_add_epi32(ADM_W(a, 0), ADM_W(b, 0)), ADM_W(c, 0));
    const __m256i hi = _mm256_add_epi32(_mm256_add_epi32(ADM_W(a, 1), ADM_W(b, 1)), ADM_W(c, 1));
#undef ADM_W
    _mm256_storeu_si256((__m256i *)dst, lo);
    _mm256_storeu_si256((__m256i *)(dst + 8), hi);
}

void vmafx_adm_cm0_masker_avx2(const int16_t *zh, const int16_t *zv, const int16_t *zd, int n,
                               int rho_hv, int rho_d, int32_t *phi, int32_t *psi)
{
    const __m256i rl = _mm256_set1_epi16((short)(rho_hv & 0x7fff));
    const __m256i rh = _mm256_set1_epi16((short)(rho_hv & 0x8000 ? -1 : 0));
    const __m256i rd = _mm256_set1_epi16((short)rho_d);
    const __m256i rdh = _mm256_set1_epi16((short)(rho_d & 0x8000 ? -1 : 0));
    int j = 0;

    for (; j + 16 <= n; j += 16) {
        const __m256i h = _mm256_loadu_si256((const __m256i *)(zh + j));
        const __m256i v = _mm256_loadu_si256((const __m256i *)(zv + j));
        const __m256i d = _mm256_loadu_si256((const __m256i *)(zd + j));
        const __m256i ch = _mm256_add_epi16(_mm256_mulhrs_epi16(h, rl), _mm256_and_si256(h, rh));
        const __m256i cv = _mm256_add_epi16(_mm256_mulhrs_epi16(v, rl), _mm256_and_si256(v, rh));
        /* high half of rho_d * d read unsigned: the signed one plus d for rho_d >= 2^15 */
        const __m256i dhi = _mm256_add_epi16(_mm256_mulhi_epi16(d, rd), _mm256_and_si256(d, rdh));
        const __m256i dlo = _mm256_mullo_epi16(d, rd);
        const __m256i cd = _mm256_srai_epi16(
            _mm256_add_epi16(dhi, _mm256_min_epu16(dlo, _mm256_set1_epi16(1))), 1);
        __m256i ph, sh, pv, sv, pd, sd;
        adm_cm0_terms(ch, &ph, &sh);
        adm_cm0_terms(cv, &pv, &sv);
        adm_cm0_terms(cd, &pd, &sd);
        adm_sum3_store(phi + j, ph, pv, pd);
        adm_sum3_store(psi + j, sh, sv, sd);
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

/*
 * Scales 1-3: int32 samples, int64 tap sums. _mm256_mul_epi32 multiplies the
 * even 32-bit lanes into exact 64-bit products; only the low 32 bits of the
 * shifted sum are kept, and for shifts up to 32 those bits are the same for a
 * logical and an arithmetic shift, so srli stands in for the missing srai.
 */
static inline __m256i adm_tap4_epi64(__m256i p0, __m256i p1, __m256i p2, __m256i p3,
                                     const __m256i c[4], __m256i rnd, __m128i sh)
{
    __m256i s = _mm256_add_epi64(_mm256_mul_epi32(p0, c[0]), _mm256_mul_epi32(p1, c[1]));
    s = _mm256_add_epi64(s, _mm256_mul_epi32(p2, c[2]));
    s = _mm256_add_epi64(s, _mm256_mul_epi32(p3, c[3]));
    return _mm256_srl_epi64(_mm256_add_epi64(s, rnd), sh);
}

/* Low 32 bits of four 64-bit lanes, in order, as one 128-bit vector. */
static inline __m128i adm_low32(__m256i v)
{
    const __m256i idx = _mm256_setr_epi32(0, 2, 4, 6, 0, 2, 4, 6);
    return _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(v, idx));
}

/*
 * Vertical pass in 32-bit lanes, 8 columns per step. With each sample split as
 * p = 2^16 ph + pl (ph signed, pl the low 16 bits) and pl' = pl - 2^15, a tap
 * sum is 2^16 SH + SL' + 2^15 C: SH = sum c_k ph_k and SL' = sum c_k pl'_k are
 * exact int32 sums from pmaddwd (each below 2^15 * 54822 < 2^31) and C, the
 * sum of the taps, is 46342 = 2 * 23171 for L and 0 for G. For
 * 0 <= sv <= 16, (sum + rnd) >> sv = 2^(16-sv) (SH + C/2) + ((SL' + rnd) >> sv)
 * exactly, and its wrap32 is that sum modulo 2^32.
 */
static inline __m256i adm_vert_s(__m256i h01, __m256i h23, __m256i l01, __m256i l23, __m256i c01,
                                 __m256i c23, __m256i half_c, __m256i rnd, __m128i up,
                                 __m128i sv)
{
    const __m256i sh = _mm256_add_epi32(_mm256_madd_epi16(h01, c01), _mm256_madd_epi16(h23, c23));
    const __m256i sl = _mm256_add_epi32(_mm256_madd_epi16(l01, c01), _mm256_madd_epi16(l23, c23));
    return _mm256_add_epi32(_mm256_sll_epi32(_mm256_add_epi32(sh, half_c), up),
                            _mm256_sra_epi32(_mm256_add_epi32(sl, rnd), sv));
}

void vmafx_adm_dwt_s_vert_avx2(const int32_t *r0, const int32_t *r1, const int32_t *r2,
                               const int32_t *r3, int w, int sv, int32_t *l, int32_t *g)
{
    const __m256i bias = _mm256_set1_epi32((int)0x80008000u);
    const __m256i rnd = _mm256_set1_epi32(sv ? 1 << (sv - 1) : 0);
    const __m128i up = _mm_cvtsi32_si128(16 - sv), sh = _mm_cvtsi32_si128(sv);
    const __m256i l01 = ADM_PAIR(ADM_DWT_L0, ADM_DWT_L1), l23 = ADM_PAIR(ADM_DWT_L2, ADM_DWT_L3);
    const __m256i g01 = ADM_PAIR(ADM_DWT_G0, ADM_DWT_G1), g23 = ADM_PAIR(ADM_DWT_G2, ADM_DWT_G3);
    const __m256i half_l = _mm256_set1_epi32(23171), zero = _mm256_setzero_si256();
    int x = 0;

    for (; x + 8 <= w; x += 8) {
#define ADM_LD(r) _mm256_loadu_si256((const __m256i *)((r) + x))
        const __m256i p0 = ADM_LD(r0), p1 = ADM_LD(r1), p2 = ADM_LD(r2), p3 = ADM_LD(r3);
#undef ADM_LD
        /* (ph0, ph1), (ph2, ph3), (pl0', pl1'), (pl2', pl3') pairs */
        const __m256i h01 = _mm256_blend_epi16(_mm256_srli_epi32(p0, 16), p1, 0xaa);
        const __m256i h23 = _mm256_blend_epi16(_mm256_srli_epi32(p2, 16), p3, 0xaa);
        const __m256i q01 = _mm256_xor_si256(
            _mm256_blend_epi16(p0, _mm256_slli_epi32(p1, 16), 0xaa), bias);
        const __m256i q23 = _mm256_xor_si256(
            _mm256_blend_epi16(p2, _mm256_slli_epi32(p3, 16), 0xaa), bias);
        _mm256_storeu_si256((__m256i *)(l + 1 + x),
                            adm_vert_s(h01, h23, q01, q23, l01, l23, half_l, rnd, up, sh));
        _mm256_storeu_si256((__m256i *)(g + 1 + x),
                            adm_vert_s(h01, h23, q01, q23, g01, g23, zero, rnd, up, sh));
    }
    if (x < w)
        vmafx_adm_dwt_s_vert_c(r0 + x, r1 + x, r2 + x, r3 + x, w - x, sv, l + x, g + x);
}

void vmafx_adm_dwt_s_horiz_avx2(const int32_t *l, const int32_t *g, int w, int bw, int sh,
                                int32_t *oa, int32_t *oh, int32_t *ov, int32_t *od)
{
    const __m256i cl[4] = { _mm256_set1_epi64x(ADM_DWT_L0), _mm256_set1_epi64x(ADM_DWT_L1),
                            _mm256_set1_epi64x(ADM_DWT_L2), _mm256_set1_epi64x(ADM_DWT_L3) };
    const __m256i cg[4] = { _mm256_set1_epi64x(ADM_DWT_G0), _mm256_set1_epi64x(ADM_DWT_G1),
                            _mm256_set1_epi64x(ADM_DWT_G2), _mm256_set1_epi64x(ADM_DWT_G3) };
    const __m256i rnd = _mm256_set1_epi64x(sh ? (int64_t)1 << (sh - 1) : 0);
    const __m128i shv = _mm_cvtsi32_si128(sh);
    int j = 0;

    /* Output j uses p[2j .. 2j+3]; a load of 8 lanes at 2j + k puts tap k of
     * outputs j..j+3 in the even lanes. The last load ends at 2j + 10, which
     * must stay inside the w + 3 entries. */
    for (; j + 4 <= bw && 2 * j + 10 <= w + 2; j += 4) {
#define ADM_LD(p, k) _mm256_loadu_si256((const __m256i *)((p) + 2 * j + (k)))
        const __m256i l0 = ADM_LD(l, 0), l1 = ADM_LD(l, 1), l2 = ADM_LD(l, 2), l3 = ADM_LD(l, 3);
        const __m256i g0 = ADM_LD(g, 0), g1 = ADM_LD(g, 1), g2 = ADM_LD(g, 2), g3 = ADM_LD(g, 3);
#undef ADM_LD
        if (oa)
            _mm_storeu_si128((__m128i *)(oa + j),
                             adm_low32(adm_tap4_epi64(l0, l1, l2, l3, cl, rnd, shv)));
        _mm_storeu_si128((__m128i *)(ov + j), adm_low32(adm_tap4_epi64(l0, l1, l2, l3, cg, rnd, shv)));
        _mm_storeu_si128((__m128i *)(oh + j), adm_low32(adm_tap4_epi64(g0, g1, g2, g3, cl, rnd, shv)));
        _mm_storeu_si128((__m128i *)(od + j), adm_low32(adm_tap4_epi64(g0, g1, g2, g3, cg, rnd, shv)));
    }
    if (j < bw)
        vmafx_adm_dwt_s_horiz_c(l + 2 * j, g + 2 * j, w - 2 * j, bw - j, sh, oa ? oa + j : NULL,
                                oh + j, ov + j, od + j);
}

/*
 * Scale-0 decoupling, 8 positions per step. Integer parts in 32-bit lanes
 * (k * o <= 2^30); the ratio's product rcp * t needs 64 bits, made by
 * _mm256_mul_epi32 on even and odd lanes. The angle test and the gain limit
 * run in doubles, 4 lanes at a time, in the reference's order: each integer
 * product is exact in a double, so is the sum of two, and cvtpd_ps rounds it
 * to binary32 as the reference's int64 -> float conversion does.
 */
static inline __m256d adm_lo_pd(__m256i v)
{
    return _mm256_cvtepi32_pd(_mm256_castsi256_si128(v));
}

static inline __m256d adm_hi_pd(__m256i v)
{
    return _mm256_cvtepi32_pd(_mm256_extracti128_si256(v, 1));
}

/* (a[j], b[j]) int16 pairs of 8 positions, in order. */
static inline __m256i adm_pairs(const int16_t *a, const int16_t *b)
{
    const __m128i x = _mm_loadu_si128((const __m128i *)a);
    const __m128i y = _mm_loadu_si128((const __m128i *)b);
    return _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_unpacklo_epi16(x, y)),
                                   _mm_unpackhi_epi16(x, y), 1);
}

/* binary32 rounding of a sum of two int16 products made by pmaddwd, scaled by
 * 2^-12 (exact). The sum wraps only for (-32768)^2 + (-32768)^2 = 2^31, which
 * reads as INT32_MIN; no true sum equals -2^31 (the products are > -2^30). */
static inline __m256 adm_dot_q12(__m256i s)
{
    const __m256i wrapped = _mm256_cmpeq_epi32(s, _mm256_set1_epi32(INT32_MIN));
    const __m256 f = _mm256_blendv_ps(_mm256_cvtepi32_ps(s), _mm256_set1_ps(2147483648.0f),
                                      _mm256_castsi256_ps(wrapped));
    return _mm256_mul_ps(f, _mm256_set1_ps(1.0f / 4096.0f));
}

/* The angle test on 4 positions, in double as the reference. */
static inline __m256d adm_angle4(__m128 fp, __m128 fmo, __m128 fmt)
{
    const __m256d dp = _mm256_cvtps_pd(fp), dmo = _mm256_cvtps_pd(fmo);
    const __m256d dmt = _mm256_cvtps_pd(fmt);
    const __m256d rhs =
        _mm256_mul_pd(_mm256_mul_pd(_mm256_set1_pd((double)VMAFX_ADM_COS2_1DEG), dmo), dmt);
    const __m256d pos = _mm256_cmp_pd(dp, _mm256_setzero_pd(), _CMP_GE_OQ);
    return _mm256_and_pd(pos, _mm256_cmp_pd(_mm256_mul_pd(dp, dp), rhs, _CMP_GE_OQ));
}

/* Two 4-lane double masks as one 8-lane int32 mask. */
static inline __m256i adm_mask_pd_to_epi32(__m256d lo, __m256d hi)
{
    return _mm256_inserti128_si256(_mm256_castsi128_si256(adm_low32(_mm256_castpd_si256(lo))),
                                   adm_low32(_mm256_castpd_si256(hi)), 1);
}

/* Gain limit of 4 lanes: o > 0 -> trunc(min(r * egl, t)), o < 0 -> max. */
static inline __m128i adm_gain4(__m256d r, __m256d t, __m128i opos, __m256d egl)
{
    const __m256d rg = _mm256_mul_pd(r, egl);
    const __m256d lim = _mm256_blendv_pd(_mm256_max_pd(rg, t), _mm256_min_pd(rg, t),
                                         _mm256_castsi256_pd(_mm256_cvtepi32_epi64(opos)));
    return _mm256_cvttpd_epi32(lim);
}

static inline __m256i adm_sext16(__m256i v)
{
    return _mm256_srai_epi32(_mm256_slli_epi32(v, 16), 16);
}

static inline void adm_store16(int16_t *dst, __m256i v)
{
    const __m256i p = _mm256_permute4x64_epi64(_mm256_packs_epi32(v, v), 0x08);
    _mm_storeu_si128((__m128i *)dst, _mm256_castsi256_si128(p));
}

void vmafx_adm_decouple0_avx2(const int16_t *const o[3], const int16_t *const t[3],
                              int16_t *const r[3], int16_t *const a[3], int n,
                              const uint32_t *rcp, double egl)
{
    const __m256d vegl = _mm256_set1_pd(egl);
    /* integral gains (the default 100) take an all-integer path */
    const int egl_int = egl == (double)(int)egl;
    const __m256i vegl_i = _mm256_set1_epi32((int)egl);
    const __m256i k_one = _mm256_set1_epi32(32768), half = _mm256_set1_epi32(16384);
    const __m256i zero = _mm256_setzero_si256();
    int j = 0;

    for (; j + 8 <= n; j += 8) {
#define ADM_LD(p) _mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *)((p) + j)))
        const __m256i oh = ADM_LD(o[0]), ov = ADM_LD(o[1]);
        const __m256i th = ADM_LD(t[0]), tv = ADM_LD(t[1]);
        const __m256i op = adm_pairs(o[0] + j, o[1] + j), tp = adm_pairs(t[0] + j, t[1] + j);
        const __m256 fp = adm_dot_q12(_mm256_madd_epi16(op, tp));
        const __m256 fmo = adm_dot_q12(_mm256_madd_epi16(op, op));
        const __m256 fmt = adm_dot_q12(_mm256_madd_epi16(tp, tp));
        const __m256d flo = adm_angle4(_mm256_castps256_ps128(fp), _mm256_castps256_ps128(fmo),
                                       _mm256_castps256_ps128(fmt));
        const __m256d fhi = adm_angle4(_mm256_extractf128_ps(fp, 1), _mm256_extractf128_ps(fmo, 1),
                                       _mm256_extractf128_ps(fmt, 1));
        const __m256i flag = adm_mask_pd_to_epi32(flo, fhi);

        for (int b = 0; b < 3; b++) {
            const __m256i ob = b == 0 ? oh : b == 1 ? ov : ADM_LD(o[2]);
            const __m256i tb = b == 0 ? th : b == 1 ? tv : ADM_LD(t[2]);
            /* k = clamp((sign(o) * rcp[|o|] * t + 2^14) >> 15, 0, 2^15) in 32-bit
             * lanes: with ts = sign(o) * t (|ts| <= 2^15) and rcp = 2^16 rh + rl
             * (rcp <= 2^30), (rcp * ts + 2^14) >> 15 = 2 rh ts + ((rl ts + 2^14) >> 15)
             * exactly, with |2 rh ts| <= 2^30 and |rl ts| < 2^31 - 2^14 */
            const __m256i rc = _mm256_i32gather_epi32((const int *)rcp, _mm256_abs_epi32(ob), 4);
            const __m256i ts = _mm256_sign_epi32(tb, ob);
            const __m256i rh = _mm256_mullo_epi32(_mm256_srli_epi32(rc, 16), ts);
            const __m256i rl = _mm256_mullo_epi32(_mm256_blend_epi16(rc, zero, 0xaa), ts);
            __m256i k = _mm256_add_epi32(_mm256_add_epi32(rh, rh),
                                         _mm256_srai_epi32(_mm256_add_epi32(rl, half), 15));
            k = _mm256_min_epi32(_mm256_max_epi32(k, zero), k_one);
            k = _mm256_blendv_epi8(k, k_one, _mm256_cmpeq_epi32(ob, zero));

            /* k * o <= 2^30; r fits int16 */
            __m256i rb = _mm256_srai_epi32(_mm256_add_epi32(_mm256_mullo_epi32(k, ob), half), 15);
            const __m256i use = _mm256_andnot_si256(_mm256_cmpeq_epi32(k, zero), flag);
            if (!_mm256_testz_si256(use, use) && egl_int) {
                /* r * egl is an exact integer, and trunc(min(x, t)) ==
                 * min(trunc(x), t) for integer t */
                const __m256i rg = _mm256_mullo_epi32(rb, vegl_i);
                __m256i gl = _mm256_blendv_epi8(_mm256_max_epi32(rg, tb), _mm256_min_epi32(rg, tb),
                                                _mm256_cmpgt_epi32(ob, zero));
                gl = _mm256_blendv_epi8(gl, rb, _mm256_cmpeq_epi32(ob, zero));
                rb = _mm256_blendv_epi8(rb, adm_sext16(gl), use);
            } else if (!_mm256_testz_si256(use, use)) {
                const __m256i opos = _mm256_cmpgt_epi32(ob, zero);
                const __m128i glo = adm_gain4(adm_lo_pd(rb), adm_lo_pd(tb),
                                              _mm256_castsi256_si128(opos), vegl);
                const __m128i ghi = adm_gain4(adm_hi_pd(rb), adm_hi_pd(tb),
                                              _mm256_extracti128_si256(opos, 1), vegl);
                __m256i gl = _mm256_inserti128_si256(_mm256_castsi128_si256(glo), ghi, 1);
                /* o == 0 keeps r */
                gl = _mm256_blendv_epi8(gl, rb, _mm256_cmpeq_epi32(ob, zero));
                rb = _mm256_blendv_epi8(rb, adm_sext16(gl), use);
            }
            adm_store16(r[b] + j, rb);
            adm_store16(a[b] + j, adm_sext16(_mm256_sub_epi32(tb, rb)));
        }
#undef ADM_LD
    }
    if (j < n) {
        const int16_t *const ot[3] = { o[0] + j, o[1] + j, o[2] + j };
        const int16_t *const tt[3] = { t[0] + j, t[1] + j, t[2] + j };
        int16_t *const rt[3] = { r[0] + j, r[1] + j, r[2] + j };
        int16_t *const at[3] = { a[0] + j, a[1] + j, a[2] + j };
        vmafx_adm_decouple0_c(ot, tt, rt, at, n - j, rcp, egl);
    }
}

/*
 * Scales 1-3 masking. wrap32((rho * v + 2^27) >> 28) for 8 int32 v and a
 * uint32 rho: _mm256_mul_epu32 multiplies v as unsigned, which adds rho * 2^32
 * for v < 0, i.e. rho * 16 after the shift by 28; that is taken off again.
 * The shifted values' low 32 bits come from bits 28..59 of each product.
 */
static inline __m256i adm_csf_q28(__m256i v, __m256i rho, __m256i rho16, __m256i rnd)
{
    const __m256i pe = _mm256_add_epi64(_mm256_mul_epu32(v, rho), rnd);
    const __m256i po = _mm256_add_epi64(_mm256_mul_epu32(_mm256_srli_epi64(v, 32), rho), rnd);
    const __m256i c = _mm256_blend_epi32(_mm256_srli_epi64(pe, 28), _mm256_slli_epi64(po, 4), 0xAA);
    return _mm256_sub_epi32(c, _mm256_and_si256(_mm256_cmpgt_epi32(_mm256_setzero_si256(), v),
                                                rho16));
}

/* int32((k * a - 2^31) >> 32) for 8 lanes a <= 2^31 (as unsigned), k < 2^31. */
static inline __m256i adm_mulhi_bias(__m256i a, __m256i k)
{
    const __m256i bias = _mm256_set1_epi64x(INT64_C(0x80000000));
    const __m256i te = _mm256_sub_epi64(_mm256_mul_epu32(a, k), bias);
    const __m256i to = _mm256_sub_epi64(_mm256_mul_epu32(_mm256_srli_epi64(a, 32), k), bias);
    return _mm256_blend_epi32(_mm256_srli_epi64(te, 32), to, 0xAA);
}

void vmafx_adm_cms_masker_avx2(const int32_t *zh, const int32_t *zv, const int32_t *zd,
                               int n, uint32_t rho_hv, uint32_t rho_d, int32_t *phi,
                               int32_t *psi)
{
    const int32_t *const z[3] = { zh, zv, zd };
    const __m256i rnd = _mm256_set1_epi64x(1 << 27);
    const __m256i k1 = _mm256_set1_epi64x(143165577), k2 = _mm256_set1_epi64x(286331153);
    __m256i rho[3], rho16[3];
    rho[0] = rho[1] = _mm256_set1_epi64x(rho_hv);
    rho[2] = _mm256_set1_epi64x(rho_d);
    rho16[0] = rho16[1] = _mm256_set1_epi32((int)(rho_hv << 4));
    rho16[2] = _mm256_set1_epi32((int)(rho_d << 4));
    int j = 0;

    for (; j + 8 <= n; j += 8) {
        __m256i sphi = _mm256_setzero_si256(), spsi = _mm256_setzero_si256();
        for (int b = 0; b < 3; b++) {
            const __m256i v = _mm256_loadu_si256((const __m256i *)(z[b] + j));
            const __m256i ac = _mm256_abs_epi32(adm_csf_q28(v, rho[b], rho16[b], rnd));
            sphi = _mm256_add_epi32(sphi, adm_mulhi_bias(ac, k1));
            spsi = _mm256_add_epi32(spsi, adm_mulhi_bias(ac, k2));
        }
        _mm256_storeu_si256((__m256i *)(phi + j), sphi);
        _mm256_storeu_si256((__m256i *)(psi + j), spsi);
    }
    if (j < n)
        vmafx_adm_cms_masker_c(zh + j, zv + j, zd + j, n - j, rho_hv, rho_d, phi + j, psi + j);
}

/* The arithmetic shift of the cube terms: (p + 2^63) >> e logically, less
 * 2^(63-e) per term, taken off once at the end (all modulo 2^64). */
int64_t vmafx_adm_cms_pool_avx2(const int32_t *y, const int32_t *thr, int n, uint32_t rho, int e)
{
    const __m256i vrho = _mm256_set1_epi64x(rho), rho16 = _mm256_set1_epi32((int)(rho << 4));
    const __m256i rnd = _mm256_set1_epi64x(1 << 27), r29 = _mm256_set1_epi64x(1 << 29);
    const __m256i er = _mm256_set1_epi64x((int64_t)(((uint64_t)1 << (e - 1)) ^ (1ull << 63)));
    const __m128i esh = _mm_cvtsi32_si128(e);
    const __m256i zero = _mm256_setzero_si256();
    __m256i acc = zero;
    int j = 0;

    for (; j + 8 <= n; j += 8) {
        const __m256i v = _mm256_loadu_si256((const __m256i *)(y + j));
        const __m256i t = _mm256_loadu_si256((const __m256i *)(thr + j));
        const __m256i x = adm_csf_q28(v, vrho, rho16, rnd);
        const __m256i zz = _mm256_max_epi32(_mm256_sub_epi32(_mm256_abs_epi32(x), t), zero);
        const __m256i zo = _mm256_srli_epi64(zz, 32);
        /* zsq's low 32 bits are its wrap32 value, signed for mul_epi32 */
        const __m256i qe = _mm256_srli_epi64(_mm256_add_epi64(_mm256_mul_epu32(zz, zz), r29), 30);
        const __m256i qo = _mm256_srli_epi64(_mm256_add_epi64(_mm256_mul_epu32(zo, zo), r29), 30);
        const __m256i pe = _mm256_add_epi64(_mm256_mul_epi32(qe, zz), er);
        const __m256i po = _mm256_add_epi64(_mm256_mul_epi32(qo, zo), er);
        acc = _mm256_add_epi64(acc, _mm256_add_epi64(_mm256_srl_epi64(pe, esh),
                                                     _mm256_srl_epi64(po, esh)));
    }
    uint64_t lanes[4];
    _mm256_storeu_si256((__m256i *)lanes, acc);
    uint64_t sum = lanes[0] + lanes[1] + lanes[2] + lanes[3];
    sum -= (uint64_t)j << (63 - e);
    if (j < n)
        sum += (uint64_t)vmafx_adm_cms_pool_c(y + j, thr + j, n - j, rho, e);
    return (int64_t)sum;
}

/* |o|^3 in 64-bit lanes: |o|^2 < 2^31 in 32 bits, then 32 x 32 -> 64-bit products. */
static inline __m256i adm_cube_add(__m256i acc, __m256i u)
{
    const __m256i sq = _mm256_mullo_epi32(u, u);
    acc = _mm256_add_epi64(acc, _mm256_mul_epu32(sq, u));
    return _mm256_add_epi64(acc, _mm256_mul_epu32(_mm256_srli_epi64(sq, 32),
                                                  _mm256_srli_epi64(u, 32)));
}

uint64_t vmafx_adm_cube_sum0_avx2(const int16_t *o, int n)
{
    __m256i acc = _mm256_setzero_si256();
    int j = 0;
    for (; j + 16 <= n; j += 16) {
        /* abs(-32768) stays 0x8000, which is 32768 read as unsigned */
        const __m256i a = _mm256_abs_epi16(_mm256_loadu_si256((const __m256i *)(o + j)));
        acc = adm_cube_add(acc, _mm256_cvtepu16_epi32(_mm256_castsi256_si128(a)));
        acc = adm_cube_add(acc, _mm256_cvtepu16_epi32(_mm256_extracti128_si256(a, 1)));
    }
    uint64_t lanes[4];
    _mm256_storeu_si256((__m256i *)(void *)lanes, acc);
    return (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]) + vmafx_adm_cube_sum0_c(o + j, n - j);
}

/*
 * Scales 1-3 decoupling, 8 positions per step in 32-bit lanes; the products
 * that need 64 bits run on the even and the odd lanes separately (_e, _o).
 */

/* fl32 of four uint64 lanes with a single rounding. From 2^53 up, bits 0..10
 * (far below float's rounding point) are folded into a sticky bit 11, which
 * makes the value exact in a double; that double is assembled exactly from
 * the two 32-bit halves, then rounded once to float. */
static inline __m128 adm_u64_to_ps(__m256i x)
{
    const __m256i low11 = _mm256_set1_epi64x(0x7ff);
    const __m256i sticky =
        _mm256_andnot_si256(low11, _mm256_or_si256(x, _mm256_add_epi64(_mm256_and_si256(x, low11),
                                                                       low11)));
    const __m256i big = _mm256_cmpgt_epi64(_mm256_srli_epi64(x, 53), _mm256_setzero_si256());
    x = _mm256_blendv_epi8(x, sticky, big);
    /* 2^52 + lo and 2^84 + hi * 2^32 as doubles, both exact */
    const __m256i lo = _mm256_blend_epi32(x, _mm256_set1_epi64x(0x4330000000000000), 0xaa);
    const __m256i hi =
        _mm256_or_si256(_mm256_srli_epi64(x, 32), _mm256_set1_epi64x(0x4530000000000000));
    const __m256d d = _mm256_add_pd(
        _mm256_sub_pd(_mm256_castsi256_pd(hi), _mm256_set1_pd(0x1.00000001p84)),
        _mm256_castsi256_pd(lo));
    return _mm256_cvtpd_ps(d);
}

/* The angle test of spec 5.3 on the four positions whose H, V values sit in
 * the low halves of the 64-bit lanes, as a 64-bit lane mask. The sums are the
 * reference's: P wraps modulo 2^64 (and P < 0 clears the flag), Mo, Mt are
 * below 2^63 + 1. The /4096 scaling is exact and dropped. */
static inline __m256i adm_angle_s4(__m256i oh, __m256i ov, __m256i th, __m256i tv)
{
    const __m256i p = _mm256_add_epi64(_mm256_mul_epi32(oh, th), _mm256_mul_epi32(ov, tv));
    const __m256i mo = _mm256_add_epi64(_mm256_mul_epi32(oh, oh), _mm256_mul_epi32(ov, ov));
    const __m256i mt = _mm256_add_epi64(_mm256_mul_epi32(th, th), _mm256_mul_epi32(tv, tv));
    __m256d dp, dmo, dmt;
    if (_mm256_testz_si256(_mm256_srli_epi64(_mm256_or_si256(mo, mt), 52),
                           _mm256_set1_epi64x(-1))) {
        /* Mo, Mt < 2^52, and so |P| <= max(Mo, Mt): exact as doubles by the
         * 2^52 magic (garbage for P < 0, which clears the flag anyway) */
        const __m256i m52 = _mm256_set1_epi64x(0x4330000000000000);
        const __m256d d52 = _mm256_set1_pd(0x1p52);
#define ADM_F32(x) \
    _mm256_cvtps_pd(_mm256_cvtpd_ps(_mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(x, m52)), d52)))
        dp = ADM_F32(p);
        dmo = ADM_F32(mo);
        dmt = ADM_F32(mt);
#undef ADM_F32
    } else {
        dp = _mm256_cvtps_pd(adm_u64_to_ps(p));
        dmo = _mm256_cvtps_pd(adm_u64_to_ps(mo));
        dmt = _mm256_cvtps_pd(adm_u64_to_ps(mt));
    }
    const __m256d rhs =
        _mm256_mul_pd(_mm256_mul_pd(_mm256_set1_pd((double)VMAFX_ADM_COS2_1DEG), dmo), dmt);
    const __m256i ge = _mm256_castpd_si256(_mm256_cmp_pd(_mm256_mul_pd(dp, dp), rhs, _CMP_GE_OQ));
    return _mm256_andnot_si256(_mm256_cmpgt_epi64(_mm256_setzero_si256(), p), ge);
}

/* k of one 64-bit lane half: x = sgn(o) * rcp * t + 2^(14+e) (sgn in `neg`,
 * an all-ones lane for o < 0), clamp(x >> (15+e), 0, 2^15); x < 0 gives 0,
 * so the logical shift stands in for the arithmetic one. */
static inline __m256i adm_ratio_half(__m256i rc, __m256i tb, __m256i neg, __m256i e)
{
    const __m256i p = _mm256_sub_epi64(_mm256_xor_si256(_mm256_mul_epi32(rc, tb), neg), neg);
    const __m256i x = _mm256_add_epi64(p, _mm256_sllv_epi64(_mm256_set1_epi64x(1 << 14), e));
    __m256i k = _mm256_srlv_epi64(x, _mm256_add_epi64(e, _mm256_set1_epi64x(15)));
    k = _mm256_andnot_si256(_mm256_cmpgt_epi64(_mm256_setzero_si256(), x), k);
    const __m256i one = _mm256_set1_epi64x(32768);
    return _mm256_blendv_epi8(k, one, _mm256_cmpgt_epi64(k, one));
}

/* k of spec 5.2 for 8 int32 o (scales 1-3). */
static inline __m256i adm_ratio_s(__m256i ob, __m256i tb, const uint32_t *rcp)
{
    const __m256i zero = _mm256_setzero_si256();
    const __m256i u = _mm256_abs_epi32(ob); /* |INT32_MIN| reads as 2^31 unsigned */
    /* e = max(bitlen(u) - 15, 0), from the exponent of u >> 8 (exact in float) */
    const __m256i ex = _mm256_srli_epi32(
        _mm256_castps_si256(_mm256_cvtepi32_ps(_mm256_srli_epi32(u, 8))), 23);
    const __m256i e = _mm256_max_epi32(_mm256_sub_epi32(ex, _mm256_set1_epi32(133)), zero);
    const __m256i half = _mm256_srli_epi32(_mm256_sllv_epi32(_mm256_set1_epi32(1), e), 1);
    const __m256i q = _mm256_srlv_epi32(_mm256_add_epi32(u, half), e);
    const __m256i rc = _mm256_i32gather_epi32((const int *)rcp, q, 4);
    const __m256i neg = _mm256_srai_epi32(ob, 31);
    const __m256i lo32 = _mm256_set1_epi64x(0xffffffff);
    const __m256i ke = adm_ratio_half(rc, tb, _mm256_shuffle_epi32(neg, 0xa0),
                                      _mm256_and_si256(e, lo32));
    const __m256i ko = adm_ratio_half(_mm256_srli_epi64(rc, 32), _mm256_srli_epi64(tb, 32),
                                      _mm256_shuffle_epi32(neg, 0xf5), _mm256_srli_epi64(e, 32));
    const __m256i k = _mm256_or_si256(ke, _mm256_slli_epi64(ko, 32));
    return _mm256_blendv_epi8(k, _mm256_set1_epi32(32768), _mm256_cmpeq_epi32(ob, zero));
}

/* (k * o + 2^14) >> 15 of 8 lanes; only the low 32 bits of the 64-bit
 * results are kept, which logical and arithmetic shifts agree on. */
static inline __m256i adm_mul_q15(__m256i k, __m256i ob)
{
    const __m256i rnd = _mm256_set1_epi64x(16384);
    const __m256i re = _mm256_add_epi64(_mm256_mul_epi32(k, ob), rnd);
    const __m256i ro = _mm256_add_epi64(
        _mm256_mul_epi32(_mm256_srli_epi64(k, 32), _mm256_srli_epi64(ob, 32)), rnd);
    return _mm256_blend_epi32(_mm256_srli_epi64(re, 15), _mm256_slli_epi64(ro, 17), 0xaa);
}

void vmafx_adm_decouple_s_avx2(const int32_t *const o[3], const int32_t *const t[3],
                               int32_t *const r[3], int32_t *const a[3], int n,
                               const uint32_t *rcp, double egl)
{
    const __m256d vegl = _mm256_set1_pd(egl);
    const __m256i zero = _mm256_setzero_si256();
    int j = 0;

    for (; j + 8 <= n; j += 8) {
#define ADM_LD(p) _mm256_loadu_si256((const __m256i *)((p) + j))
        const __m256i oh = ADM_LD(o[0]), ov = ADM_LD(o[1]);
        const __m256i th = ADM_LD(t[0]), tv = ADM_LD(t[1]);
        const __m256i fe = adm_angle_s4(oh, ov, th, tv);
        const __m256i fo = adm_angle_s4(_mm256_srli_epi64(oh, 32), _mm256_srli_epi64(ov, 32),
                                        _mm256_srli_epi64(th, 32), _mm256_srli_epi64(tv, 32));
        const __m256i flag = _mm256_blend_epi32(fe, fo, 0xaa);

        for (int b = 0; b < 3; b++) {
            const __m256i ob = b == 0 ? oh : b == 1 ? ov : ADM_LD(o[2]);
            const __m256i tb = b == 0 ? th : b == 1 ? tv : ADM_LD(t[2]);
            const __m256i k = adm_ratio_s(ob, tb, rcp);
            __m256i rb = adm_mul_q15(k, ob);
            /* the gain limit where flagged, k > 0 and o != 0 (o == 0 keeps r):
             * in double, exact for r * egl as the reference; the result lies
             * between 0 and t, so it fits int32 */
            const __m256i use = _mm256_andnot_si256(
                _mm256_or_si256(_mm256_cmpeq_epi32(k, zero), _mm256_cmpeq_epi32(ob, zero)), flag);
            if (!_mm256_testz_si256(use, use)) {
                const __m256i opos = _mm256_cmpgt_epi32(ob, zero);
                const __m128i glo = adm_gain4(adm_lo_pd(rb), adm_lo_pd(tb),
                                              _mm256_castsi256_si128(opos), vegl);
                const __m128i ghi = adm_gain4(adm_hi_pd(rb), adm_hi_pd(tb),
                                              _mm256_extracti128_si256(opos, 1), vegl);
                rb = _mm256_blendv_epi8(
                    rb, _mm256_inserti128_si256(_mm256_castsi128_si256(glo), ghi, 1), use);
            }
            _mm256_storeu_si256((__m256i *)(r[b] + j), rb);
            _mm256_storeu_si256((__m256i *)(a[b] + j), _mm256_sub_epi32(tb, rb));
        }
#undef ADM_LD
    }
    if (j < n) {
        const int32_t *const ot[3] = { o[0] + j, o[1] + j, o[2] + j };
        const int32_t *const tt[3] = { t[0] + j, t[1] + j, t[2] + j };
        int32_t *const rt[3] = { r[0] + j, r[1] + j, r[2] + j };
        int32_t *const at[3] = { a[0] + j, a[1] + j, a[2] + j };
        vmafx_adm_decouple_s_c(ot, tt, rt, at, n - j, rcp, egl);
    }
}

/* Scales 1-3 denominator terms of 4 u = |o| in 64-bit lanes. s = (u^2 + 2^q)
 * >> q may need 64 bits (small q), so s * u is made modulo 2^64 from s's two
 * 32-bit halves. */
static inline __m256i adm_cube_s4(__m256i u, __m256i qadd, __m128i q, __m256i er, __m128i e)
{
    const __m256i s = _mm256_srl_epi64(_mm256_add_epi64(_mm256_mul_epu32(u, u), qadd), q);
    const __m256i c = _mm256_add_epi64(
        _mm256_mul_epu32(s, u),
        _mm256_slli_epi64(_mm256_mul_epu32(_mm256_srli_epi64(s, 32), u), 32));
    return _mm256_srl_epi64(_mm256_add_epi64(c, er), e);
}

uint64_t vmafx_adm_cube_sum_s_avx2(const int32_t *o, int n, int q, int e)
{
    const __m256i qadd = _mm256_set1_epi64x((int64_t)((uint64_t)1 << q));
    const __m256i er = _mm256_set1_epi64x(e ? (int64_t)((uint64_t)1 << (e - 1)) : 0);
    const __m128i qs = _mm_cvtsi32_si128(q), es = _mm_cvtsi32_si128(e);
    __m256i acc = _mm256_setzero_si256();
    int j = 0;
    for (; j + 8 <= n; j += 8) {
        const __m256i u = _mm256_abs_epi32(_mm256_loadu_si256((const __m256i *)(o + j)));
        acc = _mm256_add_epi64(acc, adm_cube_s4(u, qadd, qs, er, es));
        acc = _mm256_add_epi64(acc, adm_cube_s4(_mm256_srli_epi64(u, 32), qadd, qs, er, es));
    }
    uint64_t lanes[4];
    _mm256_storeu_si256((__m256i *)(void *)lanes, acc);
    return (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]) +
           vmafx_adm_cube_sum_s_c(o + j, n - j, q, e);
}

void vmafx_adm_threshold_avx2(const int32_t *pu, const int32_t *pm, const int32_t *pd,
                              const int32_t *cm, int n, int32_t *thr)
{
    int j = 0;
    for (; j + 8 <= n; j += 8) {
#define ADM_COL(x) _mm256_add_epi32(_mm256_add_epi32(                                      \
        _mm256_loadu_si256((const __m256i *)(pu + (x))),                                    \
        _mm256_loadu_si256((const __m256i *)(pm + (x)))),                                   \
        _mm256_loadu_si256((const __m256i *)(pd + (x))))
        const __m256i s = _mm256_add_epi32(_mm256_add_epi32(ADM_COL(j - 1), ADM_COL(j)),
                                           ADM_COL(j + 1));
#undef ADM_COL
        const __m256i c = _mm256_sub_epi32(_mm256_loadu_si256((const __m256i *)(cm + j)),
                                           _mm256_loadu_si256((const __m256i *)(pm + j)));
        _mm256_storeu_si256((__m256i *)(thr + j), _mm256_add_epi32(c, s));
    }
    if (j < n)
        vmafx_adm_threshold_c(pu + j, pm + j, pd + j, cm + j, n - j, thr + j);
}
