/*
 * Integer ADM: AVX2 kernels of the scale-0 transform (contracts in
 * feature/adm_dsp.h). Every tap sum fits in 32 bits, so pmaddwd on pairs of
 * taps gives the reference's sums exactly; the outputs fit int16 unsaturated.
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

void vmafx_adm_dwt_s_vert_avx2(const int32_t *r0, const int32_t *r1, const int32_t *r2,
                               const int32_t *r3, int w, int sv, int32_t *l, int32_t *g)
{
    const __m256i cl[4] = { _mm256_set1_epi64x(ADM_DWT_L0), _mm256_set1_epi64x(ADM_DWT_L1),
                            _mm256_set1_epi64x(ADM_DWT_L2), _mm256_set1_epi64x(ADM_DWT_L3) };
    const __m256i cg[4] = { _mm256_set1_epi64x(ADM_DWT_G0), _mm256_set1_epi64x(ADM_DWT_G1),
                            _mm256_set1_epi64x(ADM_DWT_G2), _mm256_set1_epi64x(ADM_DWT_G3) };
    const __m256i rnd = _mm256_set1_epi64x(sv ? (int64_t)1 << (sv - 1) : 0);
    const __m128i sh = _mm_cvtsi32_si128(sv);
    int x = 0;

    for (; x + 4 <= w; x += 4) {
#define ADM_LD(r) _mm256_cvtepi32_epi64(_mm_loadu_si128((const __m128i *)((r) + x)))
        const __m256i p0 = ADM_LD(r0), p1 = ADM_LD(r1), p2 = ADM_LD(r2), p3 = ADM_LD(r3);
#undef ADM_LD
        _mm_storeu_si128((__m128i *)(l + 1 + x), adm_low32(adm_tap4_epi64(p0, p1, p2, p3, cl, rnd, sh)));
        _mm_storeu_si128((__m128i *)(g + 1 + x), adm_low32(adm_tap4_epi64(p0, p1, p2, p3, cg, rnd, sh)));
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
    const __m256i half64 = _mm256_set1_epi64x(16384), zero = _mm256_setzero_si256();
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
            /* k = clamp((sign(o) * rcp[|o|] * t + 2^14) >> 15, 0, 2^15) */
            const __m256i rc = _mm256_i32gather_epi32((const int *)rcp, _mm256_abs_epi32(ob), 4);
            const __m256i ts = _mm256_sign_epi32(tb, ob);
            __m256i pe = _mm256_add_epi64(_mm256_mul_epi32(rc, ts), half64);
            __m256i po = _mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(rc, 32),
                                                           _mm256_srli_epi64(ts, 32)), half64);
            pe = _mm256_srli_epi64(_mm256_andnot_si256(_mm256_cmpgt_epi64(zero, pe), pe), 15);
            po = _mm256_srli_epi64(_mm256_andnot_si256(_mm256_cmpgt_epi64(zero, po), po), 15);
            /* |rcp * t| < 2^46, so the shifted values fit the low 32 bits */
            __m256i k = _mm256_blend_epi32(pe, _mm256_slli_epi64(po, 32), 0xAA);
            k = _mm256_min_epi32(k, k_one);
            k = _mm256_blendv_epi8(k, k_one, _mm256_cmpeq_epi32(ob, zero));

            __m256i rb = adm_sext16(
                _mm256_srai_epi32(_mm256_add_epi32(_mm256_mullo_epi32(k, ob), half), 15));
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
