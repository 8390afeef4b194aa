/*
 * Integer ADM: AVX-512 (F, BW, DQ, VL) kernels (contracts in feature/adm_dsp.h).
 * The arithmetic is that of the AVX2 kernels in adm_avx2.c on twice the lanes,
 * plus what AVX-512 adds: 64-bit arithmetic shifts, min/max and int64 -> float
 * conversions, and masked loads and stores, which run the last columns of a
 * row through the same code. The transform kernels that build on pmaddwd
 * live in adm_avx512_tmpl.c, shared with the VNNI level.
 */
#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "feature/adm_dsp.h"
#include "feature/x86/hsum_avx512.h"
#include "feature/integer_adm_decouple.h"

#define ADM_FN(name) vmafx_adm_##name##_avx512
#define ADM_DOT(acc, a, b) _mm512_add_epi32(acc, _mm512_madd_epi16(a, b))
#include "feature/x86/adm_avx512_tmpl.c"

/* ---- scale-0 masking ---- */

/*
 * The masker in 16-bit lanes, 32 columns per step. With rho = rl + 2^15 * rh
 * (rl < 2^15): c = int16((rho * z + 2^14) >> 15) = pmulhrsw(z, rl) + rh * z
 * (mod 2^16). The D band's int16((rho * z + 65535) >> 17) is
 * (hi + (lo != 0)) >> 1 with hi, lo the halves of the 32-bit product
 * (hi <= 32766: no overflow). The terms int16((4369 |c| + 2048) >> 12)
 * = |c| + ((4368 |c| + 2^15) >> 16) and int16((8738 |c| + 2048) >> 12)
 * = 2 |c| + ((8736 |c| + 2^15) >> 16) come from unsigned high and low
 * products (|c| <= 2^15), wrapping as the casts do.
 */
ADM_INLINE __m512i adm_mul_round16(__m512i ac, __m512i k)
{
    return _mm512_add_epi16(_mm512_mulhi_epu16(ac, k),
                            _mm512_srli_epi16(_mm512_mullo_epi16(ac, k), 15));
}

ADM_INLINE void adm_cm0_terms(__m512i c, __m512i *phi, __m512i *psi)
{
    const __m512i ac = _mm512_abs_epi16(c); /* |-32768| reads as 32768 unsigned */
    *phi = _mm512_add_epi16(ac, adm_mul_round16(ac, _mm512_set1_epi16(4368)));
    *psi = _mm512_add_epi16(_mm512_add_epi16(ac, ac),
                            adm_mul_round16(ac, _mm512_set1_epi16((short)8736)));
}

/* Sum of three int16 lane vectors as 32 int32, stored at dst (first 16 lanes
 * from the low half). */
ADM_INLINE void adm_sum3_store(int32_t *dst, __mmask32 m, __m512i a, __m512i b, __m512i c)
{
#define ADM_W(v, h) _mm512_cvtepi16_epi32(_mm512_extracti64x4_epi64(v, h))
    const __m512i lo = _mm512_add_epi32(_mm512_add_epi32(ADM_W(a, 0), ADM_W(b, 0)), ADM_W(c, 0));
    const __m512i hi = _mm512_add_epi32(_mm512_add_epi32(ADM_W(a, 1), ADM_W(b, 1)), ADM_W(c, 1));
#undef ADM_W
    adm_st32(dst, (__mmask16)m, lo);
    adm_st32(dst + 16, (__mmask16)(m >> 16), hi);
}

ADM_INLINE void adm_cm0_masker_32(const int16_t *zh, const int16_t *zv, const int16_t *zd, int j,
                                  __mmask32 m, int rho_hv, int rho_d, int32_t *phi,
                                  int32_t *psi)
{
    const __m512i rl = _mm512_set1_epi16((short)(rho_hv & 0x7fff));
    const __m512i rh = _mm512_set1_epi16((short)(rho_hv & 0x8000 ? -1 : 0));
    const __m512i rd = _mm512_set1_epi16((short)rho_d);
    const __m512i rdh = _mm512_set1_epi16((short)(rho_d & 0x8000 ? -1 : 0));
#define ADM_LD(z) (m == 0xffffffffu ? _mm512_loadu_si512((const void *)((z) + j)) \
                                    : _mm512_maskz_loadu_epi16(m, (z) + j))
    const __m512i h = ADM_LD(zh), v = ADM_LD(zv), d = ADM_LD(zd);
#undef ADM_LD
    const __m512i ch = _mm512_add_epi16(_mm512_mulhrs_epi16(h, rl), _mm512_and_si512(h, rh));
    const __m512i cv = _mm512_add_epi16(_mm512_mulhrs_epi16(v, rl), _mm512_and_si512(v, rh));
    /* high half of rho_d * d read unsigned: the signed one plus d for rho_d >= 2^15 */
    const __m512i dhi = _mm512_add_epi16(_mm512_mulhi_epi16(d, rd), _mm512_and_si512(d, rdh));
    const __m512i dlo = _mm512_mullo_epi16(d, rd);
    const __m512i cd = _mm512_srai_epi16(
        _mm512_add_epi16(dhi, _mm512_min_epu16(dlo, _mm512_set1_epi16(1))), 1);
    __m512i ph, sh, pv, sv, pd, sd;
    adm_cm0_terms(ch, &ph, &sh);
    adm_cm0_terms(cv, &pv, &sv);
    adm_cm0_terms(cd, &pd, &sd);
    adm_sum3_store(phi + j, m, ph, pv, pd);
    adm_sum3_store(psi + j, m, sh, sv, sd);
}

void vmafx_adm_cm0_masker_avx512(const int16_t *zh, const int16_t *zv, const int16_t *zd,
                                 int n, int rho_hv, int rho_d, int32_t *phi, int32_t *psi)
{
    int j = 0;
    for (; j + 32 <= n; j += 32)
        adm_cm0_masker_32(zh, zv, zd, j, 0xffffffffu, rho_hv, rho_d, phi, psi);
    if (j < n)
        adm_cm0_masker_32(zh, zv, zd, j, adm_mask32(n - j), rho_hv, rho_d, phi, psi);
}

/* (zsq * zz + 2^(e-1)) >> e of the 64-bit lanes whose low halves hold zz
 * (0 <= zz < 2^31), zsq = wrap32((zz^2 + 2^(q-1)) >> q). */
static inline __m512i adm_pool_cube(__m512i zz, __m512i q_round, __m128i q, __m512i e_round,
                                    __m128i e)
{
    const __m512i zsq = _mm512_srl_epi64(_mm512_add_epi64(_mm512_mul_epu32(zz, zz), q_round), q);
    /* mul_epi32 reads the low 32 bits as signed: the wrap32 of zsq */
    return _mm512_sra_epi64(_mm512_add_epi64(_mm512_mul_epi32(zsq, zz), e_round), e);
}

static inline int64_t adm_hsum_epi64(__m512i v)
{
    return (int64_t)vmafx_hsum_epi64_512(v); /* two's complement on every target */
}

/* One step's terms; lanes past n load y = thr = 0, so zz = 0 and the terms
 * are 0. */
ADM_INLINE __m512i adm_cm0_pool_16(const int16_t *y, const int32_t *thr, __mmask16 m,
                                   __m512i r, __m128i sh, __m512i q_round, __m128i qs,
                                   __m512i e_round, __m128i es)
{
    const __m512i x = _mm512_mullo_epi32(adm_ld16w(m, y), r);
    const __m512i t = _mm512_sll_epi32(adm_ld32(m, thr), sh);
    const __m512i zz = _mm512_max_epi32(_mm512_sub_epi32(_mm512_abs_epi32(x), t),
                                        _mm512_setzero_si512());
    return _mm512_add_epi64(adm_pool_cube(zz, q_round, qs, e_round, es),
                            adm_pool_cube(_mm512_srli_epi64(zz, 32), q_round, qs, e_round, es));
}

int64_t vmafx_adm_cm0_pool_avx512(const int16_t *y, const int32_t *thr, int n, int rho,
                                  int sig, int q, int e)
{
    const __m512i r = _mm512_set1_epi32(rho);
    const __m128i sh = _mm_cvtsi32_si128(sig);
    const __m512i q_round = _mm512_set1_epi64((int64_t)1 << (q - 1));
    const __m512i e_round = _mm512_set1_epi64((int64_t)1 << (e - 1));
    const __m128i qs = _mm_cvtsi32_si128(q), es = _mm_cvtsi32_si128(e);
    __m512i acc = _mm512_setzero_si512();
    int j = 0;
    for (; j + 16 <= n; j += 16)
        acc = _mm512_add_epi64(acc, adm_cm0_pool_16(y + j, thr + j, 0xffff, r, sh, q_round, qs,
                                                     e_round, es));
    if (j < n)
        acc = _mm512_add_epi64(acc, adm_cm0_pool_16(y + j, thr + j, adm_mask16(n - j), r, sh,
                                                     q_round, qs, e_round, es));
    return adm_hsum_epi64(acc);
}

/* |o|^3 of 16 lanes: |o| <= 2^15 as unsigned, so u^2 fits 32 bits and u^3 is
 * a 32 x 32-bit product. */
ADM_INLINE __m512i adm_cube0_16(const int16_t *o, __mmask16 m)
{
    const __m512i u = _mm512_abs_epi32(adm_ld16w(m, o));
    const __m512i sq = _mm512_mullo_epi32(u, u);
    return _mm512_add_epi64(_mm512_mul_epu32(sq, u),
                            _mm512_mul_epu32(_mm512_srli_epi64(sq, 32), _mm512_srli_epi64(u, 32)));
}

uint64_t vmafx_adm_cube_sum0_avx512(const int16_t *o, int n)
{
    __m512i acc = _mm512_setzero_si512();
    int j = 0;
    for (; j + 16 <= n; j += 16)
        acc = _mm512_add_epi64(acc, adm_cube0_16(o + j, 0xffff));
    if (j < n)
        acc = _mm512_add_epi64(acc, adm_cube0_16(o + j, adm_mask16(n - j)));
    return (uint64_t)adm_hsum_epi64(acc);
}

/* ---- decoupling ---- */

/*
 * k of spec 5.2 at scale 0 in 32-bit lanes. With ts = sgn(o) * t
 * (|ts| <= 2^15) and the table entry rcp = 2^16 rh + rl (rcp <= 2^30),
 * (rcp * ts + 2^14) >> 15 = 2 rh ts + ((rl ts + 2^14) >> 15) exactly, and
 * |2 rh ts| <= 2^30, |rl ts| < 2^31 - 2^14.
 */
ADM_INLINE __m512i adm_ratio0(__m512i ob, __m512i tb, const uint32_t *rcp)
{
    const __m512i zero = _mm512_setzero_si512();
    const __m512i rc = _mm512_i32gather_epi32(_mm512_abs_epi32(ob), (const void *)rcp, 4);
    const __m512i ts = _mm512_mask_sub_epi32(tb, _mm512_movepi32_mask(ob), zero, tb);
    const __m512i hi = _mm512_mullo_epi32(_mm512_srli_epi32(rc, 16), ts);
    const __m512i lo = _mm512_mullo_epi32(_mm512_and_si512(rc, _mm512_set1_epi32(0xffff)), ts);
    __m512i k = _mm512_add_epi32(
        _mm512_add_epi32(hi, hi),
        _mm512_srai_epi32(_mm512_add_epi32(lo, _mm512_set1_epi32(16384)), 15));
    k = _mm512_min_epi32(_mm512_max_epi32(k, zero), _mm512_set1_epi32(32768));
    return _mm512_mask_mov_epi32(k, _mm512_cmpeq_epi32_mask(ob, zero), _mm512_set1_epi32(32768));
}

/* k of scales 1-3 for one 64-bit lane half: rc and t in the low halves, the
 * renormalisation exponent e in 64-bit lanes, neg the lanes with o < 0. */
ADM_INLINE __m512i adm_ratio_half(__m512i rc, __m512i t, __mmask8 neg, __m512i e)
{
    const __m512i zero = _mm512_setzero_si512();
    __m512i p = _mm512_mul_epi32(rc, t);
    p = _mm512_mask_sub_epi64(p, neg, zero, p);
    const __m512i x = _mm512_add_epi64(p, _mm512_sllv_epi64(_mm512_set1_epi64(1 << 14), e));
    const __m512i k = _mm512_srav_epi64(x, _mm512_add_epi64(e, _mm512_set1_epi64(15)));
    return _mm512_min_epi64(_mm512_max_epi64(k, zero), _mm512_set1_epi64(32768));
}

/* k of spec 5.2 for 16 int32 o of scales 1-3: |o| >= 2^15 is rounded to 15
 * bits first; the products rcp * t need 64 bits (even and odd lanes). */
ADM_INLINE __m512i adm_ratio_s(__m512i ob, __m512i tb, const uint32_t *rcp)
{
    const __m512i zero = _mm512_setzero_si512();
    const __m512i u = _mm512_abs_epi32(ob); /* |INT32_MIN| reads as 2^31 unsigned */
    /* e = max(bitlen(u) - 15, 0) from the exponent of u >> 8 (exact in float) */
    const __m512i ex = _mm512_srli_epi32(
        _mm512_castps_si512(_mm512_cvtepi32_ps(_mm512_srli_epi32(u, 8))), 23);
    const __m512i e = _mm512_max_epi32(_mm512_sub_epi32(ex, _mm512_set1_epi32(133)), zero);
    const __m512i half = _mm512_srli_epi32(_mm512_sllv_epi32(_mm512_set1_epi32(1), e), 1);
    const __m512i q = _mm512_srlv_epi32(_mm512_add_epi32(u, half), e);
    const __m512i rc = _mm512_i32gather_epi32(q, (const void *)rcp, 4);
    const __mmask8 neg_e = _mm512_movepi64_mask(_mm512_slli_epi64(ob, 32));
    const __mmask8 neg_o = _mm512_movepi64_mask(ob);
    const __m512i ke = adm_ratio_half(rc, tb, neg_e,
                                      _mm512_and_si512(e, _mm512_set1_epi64(0xffffffff)));
    const __m512i ko = adm_ratio_half(_mm512_srli_epi64(rc, 32), _mm512_srli_epi64(tb, 32), neg_o,
                                      _mm512_srli_epi64(e, 32));
    const __m512i k = _mm512_or_si512(ke, _mm512_slli_epi64(ko, 32));
    return _mm512_mask_mov_epi32(k, _mm512_cmpeq_epi32_mask(ob, zero), _mm512_set1_epi32(32768));
}

/* The gain limit of spec 5.4 on 8 lanes in double: trunc(min(r * egl, t)) for
 * o > 0, trunc(max(...)) for o < 0. The result lies between 0 and t. */
static inline __m256i adm_gain8(__m256i r, __m256i t, __mmask8 opos, __m512d egl)
{
    const __m512d rg = _mm512_mul_pd(_mm512_cvtepi32_pd(r), egl);
    const __m512d td = _mm512_cvtepi32_pd(t);
    return _mm512_cvttpd_epi32(_mm512_mask_blend_pd(opos, _mm512_max_pd(rg, td),
                                                    _mm512_min_pd(rg, td)));
}

static inline __m512i adm_gain16(__m512i r, __m512i t, __mmask16 opos, __m512d egl)
{
    const __m256i lo = adm_gain8(_mm512_castsi512_si256(r), _mm512_castsi512_si256(t),
                                 (__mmask8)opos, egl);
    const __m256i hi = adm_gain8(_mm512_extracti64x4_epi64(r, 1), _mm512_extracti64x4_epi64(t, 1),
                                 (__mmask8)(opos >> 8), egl);
    return _mm512_inserti64x4(_mm512_castsi256_si512(lo), hi, 1);
}

/* The angle test (spec 5.3) in double from the binary32 values of P, Mo, Mt
 * (the /4096 scaling is exact and dropped), 8 lanes. */
static inline __mmask8 adm_angle8(__m256 fp, __m256 fmo, __m256 fmt)
{
    const __m512d dp = _mm512_cvtps_pd(fp);
    const __m512d rhs = _mm512_mul_pd(
        _mm512_mul_pd(_mm512_set1_pd((double)VMAFX_ADM_COS2_1DEG), _mm512_cvtps_pd(fmo)),
        _mm512_cvtps_pd(fmt));
    return _mm512_cmp_pd_mask(dp, _mm512_setzero_pd(), _CMP_GE_OQ) &
           _mm512_cmp_pd_mask(_mm512_mul_pd(dp, dp), rhs, _CMP_GE_OQ);
}

/*
 * Scale 0, 16 positions per step. The angle sums come from pmaddwd on
 * (H, V) pairs: exact, except that 2^31 (all four values -32768) wraps to
 * INT32_MIN; read as unsigned it is right again, and no true P is below
 * -2^31 + 2^16, so P >= 0 is (uint32)P <= 2^31.
 */
ADM_INLINE void adm_decouple0_16(const int16_t *const o[3], const int16_t *const t[3],
                                 int16_t *const r[3], int16_t *const a[3], int j, __mmask16 m,
                                 const uint32_t *rcp, __m512d vegl, int egl_int, __m512i vegl_i)
{
    const __m512i zero = _mm512_setzero_si512();
    const __m512i ob[3] = { adm_ld16w(m, o[0] + j), adm_ld16w(m, o[1] + j), adm_ld16w(m, o[2] + j) };
    const __m512i tb[3] = { adm_ld16w(m, t[0] + j), adm_ld16w(m, t[1] + j), adm_ld16w(m, t[2] + j) };
    const __m512i op = _mm512_mask_blend_epi16(0xaaaaaaaa, ob[0], _mm512_slli_epi32(ob[1], 16));
    const __m512i tp = _mm512_mask_blend_epi16(0xaaaaaaaa, tb[0], _mm512_slli_epi32(tb[1], 16));
    const __m512i p = _mm512_madd_epi16(op, tp);
    const __m512 fp = _mm512_cvtepu32_ps(p);
    const __m512 fmo = _mm512_cvtepu32_ps(_mm512_madd_epi16(op, op));
    const __m512 fmt = _mm512_cvtepu32_ps(_mm512_madd_epi16(tp, tp));
    const __mmask8 flo = adm_angle8(_mm512_castps512_ps256(fp), _mm512_castps512_ps256(fmo),
                                    _mm512_castps512_ps256(fmt));
    const __mmask8 fhi = adm_angle8(_mm512_extractf32x8_ps(fp, 1), _mm512_extractf32x8_ps(fmo, 1),
                                    _mm512_extractf32x8_ps(fmt, 1));
    const __mmask16 flag = _mm512_kunpackb(fhi, flo) &
                           _mm512_cmple_epu32_mask(p, _mm512_set1_epi32(INT32_MIN));

    for (int b = 0; b < 3; b++) {
        const __m512i k = adm_ratio0(ob[b], tb[b], rcp);
        /* k * o <= 2^30: 32-bit lanes; r fits int16 */
        __m512i rb = _mm512_srai_epi32(
            _mm512_add_epi32(_mm512_mullo_epi32(k, ob[b]), _mm512_set1_epi32(16384)), 15);
        /* the gain limit where flagged, k > 0 and o != 0 (o == 0 keeps r) */
        const __mmask16 use = flag & _mm512_test_epi32_mask(k, k) &
                              _mm512_test_epi32_mask(ob[b], ob[b]);
        if (use) {
            const __mmask16 opos = _mm512_cmpgt_epi32_mask(ob[b], zero);
            __m512i gl;
            if (egl_int) {
                /* r * egl is an exact integer, and trunc(min(x, t)) ==
                 * min(trunc(x), t) for integer t */
                const __m512i rg = _mm512_mullo_epi32(rb, vegl_i);
                gl = _mm512_mask_blend_epi32(opos, _mm512_max_epi32(rg, tb[b]),
                                             _mm512_min_epi32(rg, tb[b]));
            } else {
                gl = adm_gain16(rb, tb[b], opos, vegl);
            }
            rb = _mm512_mask_mov_epi32(rb, use, gl);
        }
        adm_st32to16(r[b] + j, m, rb);
        adm_st32to16(a[b] + j, m, _mm512_sub_epi32(tb[b], rb));
    }
}

void vmafx_adm_decouple0_avx512(const int16_t *const o[3], const int16_t *const t[3],
                                int16_t *const r[3], int16_t *const a[3], int n,
                                const uint32_t *rcp, double egl)
{
    const __m512d vegl = _mm512_set1_pd(egl);
    /* integral gains (the default 100) take an all-integer path */
    const int egl_int = egl == (double)(int)egl;
    const __m512i vegl_i = _mm512_set1_epi32(egl_int ? (int)egl : 0);
    int j = 0;
    for (; j + 16 <= n; j += 16)
        adm_decouple0_16(o, t, r, a, j, 0xffff, rcp, vegl, egl_int, vegl_i);
    if (j < n)
        adm_decouple0_16(o, t, r, a, j, adm_mask16(n - j), rcp, vegl, egl_int, vegl_i);
}

/* The angle test of scales 1-3 for the 8 positions whose H, V values sit in the
 * low halves of the 64-bit lanes: exact 64-bit products, P wrapping modulo
 * 2^64 as the reference's, Mo and Mt unsigned (up to 2^63). */
static inline __mmask8 adm_angle_s8(__m512i oh, __m512i ov, __m512i th, __m512i tv)
{
    const __m512i p = _mm512_add_epi64(_mm512_mul_epi32(oh, th), _mm512_mul_epi32(ov, tv));
    const __m512i mo = _mm512_add_epi64(_mm512_mul_epi32(oh, oh), _mm512_mul_epi32(ov, ov));
    const __m512i mt = _mm512_add_epi64(_mm512_mul_epi32(th, th), _mm512_mul_epi32(tv, tv));
    return adm_angle8(_mm512_cvtepi64_ps(p), _mm512_cvtepu64_ps(mo), _mm512_cvtepu64_ps(mt));
}

/* (k * o + 2^14) >> 15 of 16 lanes with 64-bit products; only the low 32 bits
 * of each result are kept (r fits int32). */
static inline __m512i adm_mul_q15(__m512i k, __m512i ob)
{
    const __m512i rnd = _mm512_set1_epi64(16384);
    const __m512i re = _mm512_add_epi64(_mm512_mul_epi32(k, ob), rnd);
    const __m512i ro = _mm512_add_epi64(
        _mm512_mul_epi32(_mm512_srli_epi64(k, 32), _mm512_srli_epi64(ob, 32)), rnd);
    return _mm512_mask_blend_epi32(0xaaaa, _mm512_srli_epi64(re, 15), _mm512_slli_epi64(ro, 17));
}

ADM_INLINE void adm_decouple_s16(const int32_t *const o[3], const int32_t *const t[3],
                                 int32_t *const r[3], int32_t *const a[3], int j, __mmask16 m,
                                 const uint32_t *rcp, __m512d vegl)
{
    const __m512i zero = _mm512_setzero_si512();
    const __m512i ob[3] = { adm_ld32(m, o[0] + j), adm_ld32(m, o[1] + j), adm_ld32(m, o[2] + j) };
    const __m512i tb[3] = { adm_ld32(m, t[0] + j), adm_ld32(m, t[1] + j), adm_ld32(m, t[2] + j) };
    const __mmask8 fe = adm_angle_s8(ob[0], ob[1], tb[0], tb[1]);
    const __mmask8 fo = adm_angle_s8(_mm512_srli_epi64(ob[0], 32), _mm512_srli_epi64(ob[1], 32),
                                     _mm512_srli_epi64(tb[0], 32), _mm512_srli_epi64(tb[1], 32));
    /* even and odd positions' flags, interleaved back into position order */
    const __mmask16 flag = _mm512_movepi32_mask(
        _mm512_mask_blend_epi32(0xaaaa, _mm512_movm_epi64(fe), _mm512_movm_epi64(fo)));

    for (int b = 0; b < 3; b++) {
        const __m512i k = adm_ratio_s(ob[b], tb[b], rcp);
        __m512i rb = adm_mul_q15(k, ob[b]);
        /* the gain limit where flagged, k > 0 and o != 0 (o == 0 keeps r) */
        const __mmask16 use = flag & _mm512_test_epi32_mask(k, k) &
                              _mm512_test_epi32_mask(ob[b], ob[b]);
        if (use)
            rb = _mm512_mask_mov_epi32(
                rb, use, adm_gain16(rb, tb[b], _mm512_cmpgt_epi32_mask(ob[b], zero), vegl));
        adm_st32(r[b] + j, m, rb);
        adm_st32(a[b] + j, m, _mm512_sub_epi32(tb[b], rb));
    }
}

void vmafx_adm_decouple_s_avx512(const int32_t *const o[3], const int32_t *const t[3],
                                 int32_t *const r[3], int32_t *const a[3], int n,
                                 const uint32_t *rcp, double egl)
{
    const __m512d vegl = _mm512_set1_pd(egl);
    int j = 0;
    for (; j + 16 <= n; j += 16)
        adm_decouple_s16(o, t, r, a, j, 0xffff, rcp, vegl);
    if (j < n)
        adm_decouple_s16(o, t, r, a, j, adm_mask16(n - j), rcp, vegl);
}

/* ---- scales 1-3 horizontal pass ---- */

/* wrap32((sum_k c[k] * p_k + rnd) >> sh) of the low 32-bit halves (int32
 * samples, int64 sums); the low 32 bits of the arithmetic shift are kept. */
ADM_INLINE __m512i adm_tap4_s(__m512i p0, __m512i p1, __m512i p2, __m512i p3, const __m512i c[4],
                              __m512i rnd, __m128i sh)
{
    __m512i s = _mm512_add_epi64(_mm512_mul_epi32(p0, c[0]), _mm512_mul_epi32(p1, c[1]));
    s = _mm512_add_epi64(s, _mm512_mul_epi32(p2, c[2]));
    s = _mm512_add_epi64(s, _mm512_mul_epi32(p3, c[3]));
    return _mm512_srl_epi64(_mm512_add_epi64(s, rnd), sh);
}

/* Outputs j .. j + 15 of the horizontal pass. A load of 16 lanes at 2j + k
 * puts tap k of outputs j .. j + 7 in its even lanes, one at 2j + 16 + k
 * those of j + 8 .. j + 15; the last step's masks keep every read below
 * 2 * bw + 2 <= w + 3. */
ADM_INLINE void adm_dwt_s_horiz_16(const int32_t *l, const int32_t *g, int bw, int j, int full,
                                   const __m512i cl[4], const __m512i cg[4], __m512i rnd,
                                   __m128i shv, int32_t *oa, int32_t *oh, int32_t *ov,
                                   int32_t *od)
{
    const __mmask16 m = full ? 0xffff : adm_mask16(bw - j);
    const int left = 2 * (bw - j) + 2; /* entries 2j .. 2bw + 1 */
    __m512i tl[2][4], tg[2][4];
    for (int hgrp = 0; hgrp < 2; hgrp++) {
        for (int k = 0; k < 4; k++) {
            const int off = 16 * hgrp + k;
            const __mmask16 lm = full ? 0xffff : adm_mask16(left - off > 0 ? left - off : 0);
            tl[hgrp][k] = adm_ld32(lm, l + 2 * j + off);
            tg[hgrp][k] = adm_ld32(lm, g + 2 * j + off);
        }
    }
    /* the even lanes of the two groups, in order */
    const __m512i idx =
        _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
#define ADM_OUT(t, c) _mm512_permutex2var_epi32(                                          \
        adm_tap4_s(t[0][0], t[0][1], t[0][2], t[0][3], c, rnd, shv), idx,                \
        adm_tap4_s(t[1][0], t[1][1], t[1][2], t[1][3], c, rnd, shv))
    if (oa)
        adm_st32(oa + j, m, ADM_OUT(tl, cl));
    adm_st32(ov + j, m, ADM_OUT(tl, cg));
    adm_st32(oh + j, m, ADM_OUT(tg, cl));
    adm_st32(od + j, m, ADM_OUT(tg, cg));
#undef ADM_OUT
}

void vmafx_adm_dwt_s_horiz_avx512(const int32_t *l, const int32_t *g, int w, int bw, int sh,
                                  int32_t *oa, int32_t *oh, int32_t *ov, int32_t *od)
{
    const __m512i cl[4] = { _mm512_set1_epi64(ADM_DWT_L0), _mm512_set1_epi64(ADM_DWT_L1),
                            _mm512_set1_epi64(ADM_DWT_L2), _mm512_set1_epi64(ADM_DWT_L3) };
    const __m512i cg[4] = { _mm512_set1_epi64(ADM_DWT_G0), _mm512_set1_epi64(ADM_DWT_G1),
                            _mm512_set1_epi64(ADM_DWT_G2), _mm512_set1_epi64(ADM_DWT_G3) };
    const __m512i rnd = _mm512_set1_epi64((int64_t)1 << (sh - 1));
    const __m128i shv = _mm_cvtsi32_si128(sh);
    int j = 0;
    (void)w;
    /* a full step reads entries up to 2j + 34 < 2 * bw + 2 */
    for (; j + 17 <= bw; j += 16)
        adm_dwt_s_horiz_16(l, g, bw, j, 1, cl, cg, rnd, shv, oa, oh, ov, od);
    for (; j < bw; j += 16)
        adm_dwt_s_horiz_16(l, g, bw, j, 0, cl, cg, rnd, shv, oa, oh, ov, od);
}

/* ---- scales 1-3 masking, pooling and denominator ---- */

/* wrap32((rho * v + 2^27) >> 28) for 16 int32 v and a uint32 rho, as the
 * AVX2 kernel: mul_epu32 reads v < 0 as v + 2^32, adding rho * 16 after the
 * shift, which is taken off again. */
ADM_INLINE __m512i adm_csf_q28(__m512i v, __m512i rho, __m512i rho16, __m512i rnd)
{
    const __m512i pe = _mm512_add_epi64(_mm512_mul_epu32(v, rho), rnd);
    const __m512i po = _mm512_add_epi64(_mm512_mul_epu32(_mm512_srli_epi64(v, 32), rho), rnd);
    const __m512i c = _mm512_mask_blend_epi32(0xaaaa, _mm512_srli_epi64(pe, 28),
                                              _mm512_slli_epi64(po, 4));
    return _mm512_mask_sub_epi32(c, _mm512_movepi32_mask(v), c, rho16);
}

/* int32((k * a - 2^31) >> 32) for 16 lanes a <= 2^31 (as unsigned), k < 2^31. */
ADM_INLINE __m512i adm_mulhi_bias(__m512i a, __m512i k)
{
    const __m512i bias = _mm512_set1_epi64(INT64_C(0x80000000));
    const __m512i te = _mm512_sub_epi64(_mm512_mul_epu32(a, k), bias);
    const __m512i to = _mm512_sub_epi64(_mm512_mul_epu32(_mm512_srli_epi64(a, 32), k), bias);
    return _mm512_mask_blend_epi32(0xaaaa, _mm512_srli_epi64(te, 32), to);
}

ADM_INLINE void adm_cms_masker_16(const int32_t *const z[3], int j, __mmask16 m,
                                  const __m512i rho[3], const __m512i rho16[3], int32_t *phi,
                                  int32_t *psi)
{
    const __m512i rnd = _mm512_set1_epi64(1 << 27);
    const __m512i k1 = _mm512_set1_epi64(143165577), k2 = _mm512_set1_epi64(286331153);
    __m512i sphi = _mm512_setzero_si512(), spsi = _mm512_setzero_si512();
    for (int b = 0; b < 3; b++) {
        const __m512i v = adm_ld32(m, z[b] + j);
        const __m512i ac = _mm512_abs_epi32(adm_csf_q28(v, rho[b], rho16[b], rnd));
        sphi = _mm512_add_epi32(sphi, adm_mulhi_bias(ac, k1));
        spsi = _mm512_add_epi32(spsi, adm_mulhi_bias(ac, k2));
    }
    adm_st32(phi + j, m, sphi);
    adm_st32(psi + j, m, spsi);
}

void vmafx_adm_cms_masker_avx512(const int32_t *zh, const int32_t *zv, const int32_t *zd,
                                 int n, uint32_t rho_hv, uint32_t rho_d, int32_t *phi,
                                 int32_t *psi)
{
    const int32_t *const z[3] = { zh, zv, zd };
    const __m512i rho[3] = { _mm512_set1_epi64(rho_hv), _mm512_set1_epi64(rho_hv),
                             _mm512_set1_epi64(rho_d) };
    const __m512i rho16[3] = { _mm512_set1_epi32((int)(rho_hv << 4)),
                               _mm512_set1_epi32((int)(rho_hv << 4)),
                               _mm512_set1_epi32((int)(rho_d << 4)) };
    int j = 0;
    for (; j + 16 <= n; j += 16)
        adm_cms_masker_16(z, j, 0xffff, rho, rho16, phi, psi);
    if (j < n)
        adm_cms_masker_16(z, j, adm_mask16(n - j), rho, rho16, phi, psi);
}

/* One step's terms; lanes past n load y = thr = 0, so x = zz = 0 and their
 * terms are (0 + 2^(e-1)) >> e = 0. */
ADM_INLINE __m512i adm_cms_pool_16(const int32_t *y, const int32_t *thr, __mmask16 m,
                                   __m512i vrho, __m512i rho16, __m512i er, __m128i esh)
{
    const __m512i rnd = _mm512_set1_epi64(1 << 27), r29 = _mm512_set1_epi64(1 << 29);
    const __m512i x = adm_csf_q28(adm_ld32(m, y), vrho, rho16, rnd);
    const __m512i zz = _mm512_max_epi32(_mm512_sub_epi32(_mm512_abs_epi32(x), adm_ld32(m, thr)),
                                        _mm512_setzero_si512());
    const __m512i zo = _mm512_srli_epi64(zz, 32);
    /* zsq's low 32 bits are its wrap32 value, signed for mul_epi32 */
    const __m512i qe = _mm512_srli_epi64(_mm512_add_epi64(_mm512_mul_epu32(zz, zz), r29), 30);
    const __m512i qo = _mm512_srli_epi64(_mm512_add_epi64(_mm512_mul_epu32(zo, zo), r29), 30);
    const __m512i pe = _mm512_add_epi64(_mm512_mul_epi32(qe, zz), er);
    const __m512i po = _mm512_add_epi64(_mm512_mul_epi32(qo, zo), er);
    return _mm512_add_epi64(_mm512_sra_epi64(pe, esh), _mm512_sra_epi64(po, esh));
}

int64_t vmafx_adm_cms_pool_avx512(const int32_t *y, const int32_t *thr, int n, uint32_t rho,
                                  int e)
{
    const __m512i vrho = _mm512_set1_epi64(rho), rho16 = _mm512_set1_epi32((int)(rho << 4));
    const __m512i er = _mm512_set1_epi64((int64_t)1 << (e - 1));
    const __m128i esh = _mm_cvtsi32_si128(e);
    __m512i acc = _mm512_setzero_si512();
    int j = 0;
    for (; j + 16 <= n; j += 16)
        acc = _mm512_add_epi64(acc, adm_cms_pool_16(y + j, thr + j, 0xffff, vrho, rho16, er, esh));
    if (j < n)
        acc = _mm512_add_epi64(acc, adm_cms_pool_16(y + j, thr + j, adm_mask16(n - j), vrho,
                                                     rho16, er, esh));
    return adm_hsum_epi64(acc);
}

/* Denominator terms of the 64-bit lanes whose low halves hold u = |o| (upper
 * halves zero): s = (u^2 + 2^q) >> q may need 64 bits (small q), so s * u
 * takes the 64-bit low multiply (modulo 2^64). */
ADM_INLINE __m512i adm_cube_s8(__m512i u, __m512i qadd, __m128i qs, __m512i er, __m128i es)
{
    const __m512i s = _mm512_srl_epi64(_mm512_add_epi64(_mm512_mul_epu32(u, u), qadd), qs);
    return _mm512_srl_epi64(_mm512_add_epi64(_mm512_mullo_epi64(s, u), er), es);
}

/* Lanes past n load 0: u = 0 gives 0 terms. */
ADM_INLINE __m512i adm_cube_s16(const int32_t *o, __mmask16 m, __m512i qadd, __m128i qs,
                                __m512i er, __m128i es)
{
    const __m512i u = _mm512_abs_epi32(adm_ld32(m, o));
    return _mm512_add_epi64(
        adm_cube_s8(_mm512_and_si512(u, _mm512_set1_epi64(0xffffffff)), qadd, qs, er, es),
        adm_cube_s8(_mm512_srli_epi64(u, 32), qadd, qs, er, es));
}

uint64_t vmafx_adm_cube_sum_s_avx512(const int32_t *o, int n, int q, int e)
{
    const __m512i qadd = _mm512_set1_epi64((int64_t)((uint64_t)1 << q));
    const __m512i er = _mm512_set1_epi64(e ? (int64_t)((uint64_t)1 << (e - 1)) : 0);
    const __m128i qs = _mm_cvtsi32_si128(q), es = _mm_cvtsi32_si128(e);
    __m512i acc = _mm512_setzero_si512();
    int j = 0;
    for (; j + 16 <= n; j += 16)
        acc = _mm512_add_epi64(acc, adm_cube_s16(o + j, 0xffff, qadd, qs, er, es));
    if (j < n)
        acc = _mm512_add_epi64(acc, adm_cube_s16(o + j, adm_mask16(n - j), qadd, qs, er, es));
    return (uint64_t)adm_hsum_epi64(acc);
}

/* Column sums pu + pm + pd of columns x .. x + 15 (lanes m). */
ADM_INLINE __m512i adm_col3(const int32_t *pu, const int32_t *pm, const int32_t *pd, int x,
                            __mmask16 m)
{
    return _mm512_add_epi32(_mm512_add_epi32(adm_ld32(m, pu + x), adm_ld32(m, pm + x)),
                            adm_ld32(m, pd + x));
}

/* The column sums are loaded once per column; the neighbours' come from
 * valignd over the previous, current and next vectors. */
void vmafx_adm_threshold_avx512(const int32_t *pu, const int32_t *pm, const int32_t *pd,
                                const int32_t *cm, int n, int32_t *thr)
{
    /* column -1 in the last lane of prev; columns 0 .. 15 (at most n) in cur */
    __m512i prev = adm_col3(pu, pm, pd, -16, 0x8000);
    __m512i cur = adm_col3(pu, pm, pd, 0, adm_mask16(n + 1));
    int j = 0;
    for (; j + 32 <= n + 1; j += 16) {
        /* columns j + 16 .. j + 31 are all readable (j + 31 <= n) */
        const __m512i next = adm_col3(pu, pm, pd, j + 16, 0xffff);
        const __m512i s = _mm512_add_epi32(
            _mm512_add_epi32(_mm512_alignr_epi32(cur, prev, 15), cur),
            _mm512_alignr_epi32(next, cur, 1));
        const __m512i c = _mm512_sub_epi32(adm_ld32(0xffff, cm + j), adm_ld32(0xffff, pm + j));
        adm_st32(thr + j, 0xffff, _mm512_add_epi32(c, s));
        prev = cur;
        cur = next;
    }
    for (; j < n; j += 16) {
        const int rest = n + 1 - (j + 16); /* readable columns from j + 16 */
        const __m512i next = adm_col3(pu, pm, pd, j + 16, adm_mask16(rest > 0 ? rest : 0));
        const __mmask16 m = adm_mask16(n - j);
        const __m512i s = _mm512_add_epi32(
            _mm512_add_epi32(_mm512_alignr_epi32(cur, prev, 15), cur),
            _mm512_alignr_epi32(next, cur, 1));
        const __m512i c = _mm512_sub_epi32(adm_ld32(m, cm + j), adm_ld32(m, pm + j));
        adm_st32(thr + j, m, _mm512_add_epi32(c, s));
        prev = cur;
        cur = next;
    }
}
