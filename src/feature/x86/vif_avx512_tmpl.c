/*
 * Integer VIF kernels shared by the AVX-512 and the AVX-512 Ice Lake levels,
 * templated on the 16-bit multiply-add (contracts in feature/vif_dsp.h).
 *
 * vif_avx512.c and vif_avx512icl.c include this file once each, with
 *   VIF_DP(acc, a, b)  acc + pmaddwd(a, b) per 32-bit lane, modulo 2^32
 *                      (vpdpwssd at the Ice Lake level)
 *   VIF_FN(name)       function name decoration
 * Compiled on its own (without the parameters) this file is empty.
 */
#if defined(VIF_DP) && defined(VIF_FN)

#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "feature/vif_dsp.h"

/*
 * Horizontal statistics, the arithmetic of vmafx_vif_hori_stats_avx2(): every
 * entry v = 2^16 * hi + lo is split per strip into biased 16-bit halves, and
 * one multiply-add applies two adjacent taps to the dwords (h[m], h[m + 1]).
 * Even outputs read these dwords at offset p from the half (unaligned loads),
 * odd outputs at offset p from a copy shifted by one word (valignd of two
 * aligned loads), which splits the work between the load ports and the
 * shuffle port. The sums start from the bias correction, plus 2^15 for the
 * rounded squares.
 */
#define VIF_HS_STRIP 256
/* words read per strip: the strip, the taps and two vectors of look-ahead */
#define VIF_HS_SPAN (VIF_HS_STRIP + 64)
/* the shifted copy starts one vector in: its first store is one word before */
#define VIF_HS_SHIFTED 32

typedef struct VifHalves {
    uint16_t w[2][2][VIF_HS_SPAN + VIF_HS_SHIFTED]; /* [lo, hi][plain, shifted] */
} VifHalves;

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
 * Biased halves of entries [0, n) of src (n a multiple of 32), read up to
 * entry `avail` (later words are zero); the high halves only when want_hi.
 * Returns whether any high half of the entries read is nonzero.
 */
static int vif_split_512(const uint32_t *src, unsigned n, unsigned avail, int want_hi,
                         VifHalves *h)
{
    const __m512i bias = _mm512_set1_epi32((int)0x80008000u);
    const __m512i even_words = _mm512_set_epi16(62, 60, 58, 56, 54, 52, 50, 48, 46, 44, 42, 40,
                                                38, 36, 34, 32, 30, 28, 26, 24, 22, 20, 18, 16,
                                                14, 12, 10, 8, 6, 4, 2, 0);
    const __m512i odd_words = _mm512_add_epi16(even_words, _mm512_set1_epi16(1));
    __m512i any = _mm512_setzero_si512();
    for (unsigned i = 0; i < n; i += 32) {
        const unsigned left = avail > i ? avail - i : 0;
        const __mmask16 ma = left >= 16 ? 0xffff : (__mmask16)((1u << left) - 1);
        const __mmask16 mb = left >= 32 ? 0xffff
                           : left <= 16 ? 0 : (__mmask16)((1u << (left - 16)) - 1);
        const __m512i a = _mm512_maskz_loadu_epi32(ma, src + i);
        const __m512i b = _mm512_maskz_loadu_epi32(mb, src + i + 16);
        any = _mm512_ternarylogic_epi32(any, a, b, 0xfe); /* any | a | b */
        const __m512i lo = _mm512_xor_si512(_mm512_permutex2var_epi16(a, even_words, b), bias);
        _mm512_store_si512((void *)(h->w[0][0] + i), lo);
        _mm512_storeu_si512((void *)(h->w[0][1] + VIF_HS_SHIFTED - 1 + i), lo);
        if (want_hi) {
            const __m512i hi = _mm512_xor_si512(_mm512_permutex2var_epi16(a, odd_words, b), bias);
            _mm512_store_si512((void *)(h->w[1][0] + i), hi);
            _mm512_storeu_si512((void *)(h->w[1][1] + VIF_HS_SHIFTED - 1 + i), hi);
        }
    }
    return _mm512_test_epi32_mask(any, _mm512_set1_epi32((int)0xffff0000u)) != 0;
}

/* Dwords p .. p + 15 of a:b, p <= 8 (valignd needs an immediate). */
static inline __m512i vif_window_512(__m512i b, __m512i a, unsigned p)
{
    switch (p) {
    case 0: return a;
    case 1: return _mm512_alignr_epi32(b, a, 1);
    case 2: return _mm512_alignr_epi32(b, a, 2);
    case 3: return _mm512_alignr_epi32(b, a, 3);
    case 4: return _mm512_alignr_epi32(b, a, 4);
    case 5: return _mm512_alignr_epi32(b, a, 5);
    case 6: return _mm512_alignr_epi32(b, a, 6);
    case 7: return _mm512_alignr_epi32(b, a, 7);
    default: return _mm512_alignr_epi32(b, a, 8);
    }
}

/* Even and odd output sums of 32 outputs from word jj of one half. */
static inline __attribute__((always_inline)) void
vif_pair_sums_512(const VifHalves *h, int half, unsigned jj, const __m512i *coef,
                  unsigned pairs, __m512i init, __m512i *even, __m512i *odd)
{
    const uint16_t *plain = h->w[half][0] + jj;
    const uint16_t *shifted = h->w[half][1] + VIF_HS_SHIFTED + jj;
    const __m512i a = _mm512_load_si512((const void *)shifted);
    const __m512i b = _mm512_load_si512((const void *)(shifted + 32));
    __m512i e = VIF_DP(init, _mm512_load_si512((const void *)plain), coef[0]);
    __m512i o = VIF_DP(init, a, coef[0]);
    for (unsigned p = 1; p < pairs; p++) {
        e = VIF_DP(e, _mm512_loadu_si512((const void *)(plain + 2 * p)), coef[p]);
        o = VIF_DP(o, vif_window_512(b, a, p), coef[p]);
        /* keeps the compiler from hoisting every product (and spilling them) */
        __asm__("" : "+v"(e), "+v"(o));
    }
    *even = e;
    *odd = o;
}

/* Stores outputs [0, 32) of dst given as even and odd lanes, those of mask m. */
static inline void vif_store_eo_512(int32_t *dst, __m512i even, __m512i odd, __mmask32 m)
{
    const __m512i a = _mm512_unpacklo_epi32(even, odd); /* 0-3 | 8-11 | 16-19 | 24-27 */
    const __m512i b = _mm512_unpackhi_epi32(even, odd); /* 4-7 | 12-15 | ... */
    const __m512i first = _mm512_setr_epi64(0, 1, 8, 9, 2, 3, 10, 11);
    const __m512i second = _mm512_setr_epi64(4, 5, 12, 13, 6, 7, 14, 15);
    _mm512_mask_storeu_epi32(dst, (__mmask16)m, _mm512_permutex2var_epi64(a, first, b));
    _mm512_mask_storeu_epi32(dst + 16, (__mmask16)(m >> 16),
                             _mm512_permutex2var_epi64(a, second, b));
}

static inline __attribute__((always_inline)) void
vif_hori_strip_512(const VifHalves *h, const __m512i *coef_in, unsigned pairs, unsigned n,
                   __m512i corr, int small_means, int32_t *s1, int32_t *s2, int32_t *s12)
{
    __m512i coef[VMAFX_VIF_MAX_TAPS / 2 + 1];
    for (unsigned p = 0; p < pairs; p++)
        coef[p] = coef_in[p];
    const __m512i corr_rnd = _mm512_add_epi32(corr, _mm512_set1_epi32(32768));
    for (unsigned jj = 0; jj < n; jj += 32) {
        const __mmask32 m = n - jj >= 32 ? 0xffffffffu : (__mmask32)((1u << (n - jj)) - 1);
        __m512i m1e, m1o, m2e, m2o, le, lo, he, ho;
        vif_pair_sums_512(&h[0], 0, jj, coef, pairs, corr, &m1e, &m1o);
        vif_pair_sums_512(&h[1], 0, jj, coef, pairs, corr, &m2e, &m2o);
        if (!small_means) { /* T mod 2^32 = (H << 16) + L */
            vif_pair_sums_512(&h[0], 1, jj, coef, pairs, corr, &he, &ho);
            m1e = _mm512_add_epi32(m1e, _mm512_slli_epi32(he, 16));
            m1o = _mm512_add_epi32(m1o, _mm512_slli_epi32(ho, 16));
            vif_pair_sums_512(&h[1], 1, jj, coef, pairs, corr, &he, &ho);
            m2e = _mm512_add_epi32(m2e, _mm512_slli_epi32(he, 16));
            m2o = _mm512_add_epi32(m2o, _mm512_slli_epi32(ho, 16));
        }
        /* (T + 2^15) >> 16 = H + ((L + 2^15) >> 16), minus the rounded squared mean */
#define VIF_SQ(q, ea, eb, oa, ob, dst)                                                      \
        vif_pair_sums_512(&h[q], 0, jj, coef, pairs, corr_rnd, &le, &lo);                   \
        vif_pair_sums_512(&h[q], 1, jj, coef, pairs, corr, &he, &ho);                       \
        vif_store_eo_512(dst + jj,                                                          \
            _mm512_sub_epi32(_mm512_add_epi32(he, _mm512_srli_epi32(le, 16)),               \
                             vif_mul_round_hi_512(ea, eb)),                                 \
            _mm512_sub_epi32(_mm512_add_epi32(ho, _mm512_srli_epi32(lo, 16)),               \
                             vif_mul_round_hi_512(oa, ob)), m)
        VIF_SQ(2, m1e, m1e, m1o, m1o, s1);
        VIF_SQ(3, m2e, m2e, m2o, m2o, s2);
        VIF_SQ(4, m1e, m2e, m1o, m2o, s12);
#undef VIF_SQ
    }
}

void VIF_FN(hori_stats)(const VifStatRow *v, const uint16_t *filt, unsigned taps, unsigned w,
                        int32_t *s1, int32_t *s2, int32_t *s12)
{
    const unsigned r = taps / 2, pairs = r + 1;
    /* signed 16-bit taps with F <= 2^16 keep the low sums below 2^32 - 2^16 */
    uint32_t fsum = 0;
    int ok = taps <= VMAFX_VIF_MAX_TAPS && taps % 2 == 1;
    for (unsigned k = 0; k < taps && ok; k++) {
        ok &= filt[k] < 32768;
        fsum += filt[k];
    }
    if (!ok || fsum > 65536) {
        vmafx_vif_hori_stats_avx2(v, filt, taps, w, s1, s2, s12);
        return;
    }
    __m512i coef[VMAFX_VIF_MAX_TAPS / 2 + 1];
    for (unsigned p = 0; p < pairs; p++) {
        const uint32_t c1 = 2 * p + 1 < taps ? filt[2 * p + 1] : 0;
        coef[p] = _mm512_set1_epi32((int)(filt[2 * p] | c1 << 16));
    }
    /* the bias removed from every sum: 2^15 * F mod 2^32 */
    const __m512i corr = _mm512_set1_epi32((int)(fsum << 15));
    const uint32_t *src[5] = { v->mu1, v->mu2, v->xx, v->yy, v->xy };
    VifHalves h[5] __attribute__((aligned(64)));

    for (unsigned j0 = 0; j0 < w; j0 += VIF_HS_STRIP) {
        const unsigned n = w - j0 < VIF_HS_STRIP ? w - j0 : VIF_HS_STRIP;
        /* each block of 32 outputs reads 64 words ahead; the row has n + 2r entries left */
        const unsigned words = ((n + 31) & ~31u) + 64;
        int big_means = 0;
        for (int a = 0; a < 5; a++)
            big_means |= vif_split_512(src[a] + j0 - r, words, n + 2 * r, a >= 2, &h[a]) && a < 2;
        if (big_means) { /* means >= 2^16 (not from the vertical pass): high halves too */
            vif_split_512(src[0] + j0 - r, words, n + 2 * r, 1, &h[0]);
            vif_split_512(src[1] + j0 - r, words, n + 2 * r, 1, &h[1]);
        }
        const int sm = !big_means;
        int32_t *const d1 = s1 + j0, *const d2 = s2 + j0, *const d12 = s12 + j0;
        /* the usual tap counts get fully unrolled loops */
        switch (pairs) {
        case 9: vif_hori_strip_512(h, coef, 9, n, corr, sm, d1, d2, d12); break;
        case 5: vif_hori_strip_512(h, coef, 5, n, corr, sm, d1, d2, d12); break;
        case 3: vif_hori_strip_512(h, coef, 3, n, corr, sm, d1, d2, d12); break;
        case 2: vif_hori_strip_512(h, coef, 2, n, corr, sm, d1, d2, d12); break;
        default: vif_hori_strip_512(h, coef, pairs, n, corr, sm, d1, d2, d12); break;
        }
    }
}

#undef VIF_HS_STRIP
#undef VIF_HS_SPAN
#undef VIF_HS_SHIFTED

/*
 * 16-bit vertical statistics. Samples enter biased, xb = x - 2^15 (signed
 * words); unpacking interleaves rows k and taps-1-k so one multiply-add applies
 * their shared tap (the centre row pairs with itself, its tap split in
 * halves). A product xb * yb (|.| <= 2^30) is filtered as its signed high word
 * (vpmulhw) and its unsigned low word (vpmullw, biased): H = sum f hi and
 * L = sum f lo < 2^32 (F <= 2^16). With Sx = sum f xb, Sy = sum f yb:
 *   sum f x   = Sx + 2^15 F
 *   sum f x^2 = 2^16 (H + Sx + 2^14 F) + L
 *   sum f xy  = 2^16 (H + floor((Sx + Sy) / 2) + 2^14 F) + L + 2^15 ((Sx + Sy) mod 2)
 * and R(2^16 A + B, s) = (A << (16 - s)) + ((B + 2^(s-1)) >> s) for s <= 16,
 * modulo 2^32 like the reference's truncation. B + 2^(s-1) < 2^32 holds: L
 * reaches 2^32 - 2^16 (F = 2^16) only with every low word 0xffff, i.e. odd
 * samples, and then Sx + Sy is even (the centre tap 2^16 - 2 sum f_t is even).
 */
typedef struct VifVs16Acc {
    __m512i sx, sy, hxx, lxx, hyy, lyy, hxy, lxy;
} VifVs16Acc;

static inline __attribute__((always_inline)) void
vif_vs16_pair(__m512i xa, __m512i xb, __m512i ya, __m512i yb, __m512i coef, VifVs16Acc acc[2])
{
    const __m512i bias = _mm512_set1_epi16((short)0x8000);
    for (int h = 0; h < 2; h++) {
        const __m512i x = h ? _mm512_unpackhi_epi16(xa, xb) : _mm512_unpacklo_epi16(xa, xb);
        const __m512i y = h ? _mm512_unpackhi_epi16(ya, yb) : _mm512_unpacklo_epi16(ya, yb);
        VifVs16Acc *a = &acc[h];
        a->sx = VIF_DP(a->sx, x, coef);
        a->sy = VIF_DP(a->sy, y, coef);
        a->hxx = VIF_DP(a->hxx, _mm512_mulhi_epi16(x, x), coef);
        a->lxx = VIF_DP(a->lxx, _mm512_xor_si512(_mm512_mullo_epi16(x, x), bias), coef);
        a->hyy = VIF_DP(a->hyy, _mm512_mulhi_epi16(y, y), coef);
        a->lyy = VIF_DP(a->lyy, _mm512_xor_si512(_mm512_mullo_epi16(y, y), bias), coef);
        a->hxy = VIF_DP(a->hxy, _mm512_mulhi_epi16(x, y), coef);
        a->lxy = VIF_DP(a->lxy, _mm512_xor_si512(_mm512_mullo_epi16(x, y), bias), coef);
        /* keeps the compiler from hoisting the next rows' products (and spilling) */
        __asm__("" : "+v"(a->sx), "+v"(a->sy), "+v"(a->hxx), "+v"(a->lxx), "+v"(a->hyy),
                "+v"(a->lyy), "+v"(a->hxy), "+v"(a->lxy));
    }
}

/* 32 biased samples of a row from column j (masked for a tail). */
static inline __m512i vif_vs16_load(const void *row, unsigned j, __mmask32 m)
{
    const uint16_t *p = (const uint16_t *)row + j;
    const __m512i v = m == 0xffffffffu ? _mm512_loadu_si512((const void *)p)
                                       : _mm512_maskz_loadu_epi16(m, p);
    return _mm512_xor_si512(v, _mm512_set1_epi16((short)0x8000));
}

typedef struct VifVs16Consts {
    __m512i mbias;    /* 2^15 F + mean rounding */
    __m512i h_init;   /* 2^14 F */
    __m512i l_init;   /* 2^15 F (the low words' bias) + square rounding */
    __m128i msh, ssh, ssh_up;
} VifVs16Consts;

static inline __attribute__((always_inline)) void
vif_vs16_columns(const void *const *ref_rows, const void *const *dis_rows, const __m512i *coef,
                 unsigned taps, unsigned j, __mmask32 m, const VifVs16Consts *k,
                 const VifStatRow *out)
{
    const unsigned r = taps / 2;
    const __m512i zero = _mm512_setzero_si512();
    VifVs16Acc acc[2];
    for (int h = 0; h < 2; h++) {
        acc[h].sx = acc[h].sy = zero;
        acc[h].hxx = acc[h].hyy = acc[h].hxy = k->h_init;
        acc[h].lxx = acc[h].lyy = acc[h].lxy = k->l_init;
    }
#pragma GCC unroll 9
    for (unsigned t = 0; t <= r; t++) {
        const unsigned t2 = taps - 1 - t;
        vif_vs16_pair(vif_vs16_load(ref_rows[t], j, m), vif_vs16_load(ref_rows[t2], j, m),
                      vif_vs16_load(dis_rows[t], j, m), vif_vs16_load(dis_rows[t2], j, m),
                      coef[t], acc);
    }
    __m512i res[5][2];
    for (int h = 0; h < 2; h++) {
        const VifVs16Acc *a = &acc[h];
        res[0][h] = _mm512_srl_epi32(_mm512_add_epi32(a->sx, k->mbias), k->msh);
        res[1][h] = _mm512_srl_epi32(_mm512_add_epi32(a->sy, k->mbias), k->msh);
        res[2][h] = _mm512_add_epi32(_mm512_sll_epi32(_mm512_add_epi32(a->hxx, a->sx), k->ssh_up),
                                     _mm512_srl_epi32(a->lxx, k->ssh));
        res[3][h] = _mm512_add_epi32(_mm512_sll_epi32(_mm512_add_epi32(a->hyy, a->sy), k->ssh_up),
                                     _mm512_srl_epi32(a->lyy, k->ssh));
        /* floor((Sx + Sy) / 2) and (Sx + Sy) mod 2 without the 33-bit sum */
        const __m512i one = _mm512_set1_epi32(1);
        const __m512i half = _mm512_add_epi32(
            _mm512_add_epi32(_mm512_srai_epi32(a->sx, 1), _mm512_srai_epi32(a->sy, 1)),
            _mm512_ternarylogic_epi32(a->sx, a->sy, one, 0x80)); /* sx & sy & 1 */
        const __m512i odd = _mm512_slli_epi32(
            _mm512_ternarylogic_epi32(a->sx, a->sy, one, 0x28), 15); /* (sx ^ sy) & 1 */
        res[4][h] = _mm512_add_epi32(
            _mm512_sll_epi32(_mm512_add_epi32(a->hxy, half), k->ssh_up),
            _mm512_srl_epi32(_mm512_add_epi32(a->lxy, odd), k->ssh));
    }
    /* lane l of half 0 holds column 8 * (l / 4) + l % 4, of half 1 that plus 4 */
    const __m512i first = _mm512_setr_epi32(0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23);
    const __m512i second = _mm512_setr_epi32(8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29,
                                             30, 31);
    uint32_t *const dst[5] = { out->mu1, out->mu2, out->xx, out->yy, out->xy };
    for (int q = 0; q < 5; q++) {
        _mm512_mask_storeu_epi32(dst[q] + j, (__mmask16)m,
                                 _mm512_permutex2var_epi32(res[q][0], first, res[q][1]));
        _mm512_mask_storeu_epi32(dst[q] + j + 16, (__mmask16)(m >> 16),
                                 _mm512_permutex2var_epi32(res[q][0], second, res[q][1]));
    }
}

/* Columns [0, wfull), wfull a multiple of 32. */
static inline __attribute__((always_inline)) void
vif_vs16_rows(const void *const *ref_rows, const void *const *dis_rows, const __m512i *coef,
              unsigned taps, unsigned wfull, const VifVs16Consts *k, const VifStatRow *out)
{
    for (unsigned j = 0; j < wfull; j += 32)
        vif_vs16_columns(ref_rows, dis_rows, coef, taps, j, 0xffffffffu, k, out);
}

void VIF_FN(vert_stats_16)(const void *const *ref_rows, const void *const *dis_rows,
                           const uint16_t *filt, unsigned taps, unsigned w, unsigned mean_shift,
                           unsigned sq_shift, const VifStatRow *out)
{
    const unsigned r = taps / 2;
    /* signed 16-bit taps (the centre one split in halves), F <= 2^16 */
    int ok = taps <= VMAFX_VIF_MAX_TAPS && taps % 2 == 1 && mean_shift >= 1 &&
             mean_shift <= 31 && sq_shift <= 16;
    uint32_t fsum = filt[r];
    __m512i coef[VMAFX_VIF_MAX_TAPS / 2 + 1];
    for (unsigned t = 0; t < r && ok; t++) {
        ok &= filt[t] < 32768;
        fsum += 2u * filt[t];
        coef[t] = _mm512_set1_epi32((int)(filt[t] * 0x10001u));
    }
    const uint32_t c_lo = filt[r] / 2u, c_hi = filt[r] - c_lo;
    if (!ok || c_hi >= 32768 || fsum > 65536) {
        vmafx_vif_vert_stats_16_avx2(ref_rows, dis_rows, filt, taps, w, mean_shift, sq_shift, out);
        return;
    }
    coef[r] = _mm512_set1_epi32((int)(c_lo | c_hi << 16));
    const uint32_t srnd = sq_shift ? 1u << (sq_shift - 1) : 0;
    const VifVs16Consts k = {
        .mbias = _mm512_set1_epi32((int)((fsum << 15) + (1u << (mean_shift - 1)))),
        .h_init = _mm512_set1_epi32((int)(fsum << 14)),
        .l_init = _mm512_set1_epi32((int)((fsum << 15) + srnd)),
        .msh = _mm_cvtsi32_si128((int)mean_shift),
        .ssh = _mm_cvtsi32_si128((int)sq_shift),
        .ssh_up = _mm_cvtsi32_si128(16 - (int)sq_shift),
    };
    const unsigned wfull = w & ~31u;
    /* the usual tap counts get fully unrolled loops */
    switch (taps) {
    case 9: vif_vs16_rows(ref_rows, dis_rows, coef, 9, wfull, &k, out); break;
    case 5: vif_vs16_rows(ref_rows, dis_rows, coef, 5, wfull, &k, out); break;
    case 3: vif_vs16_rows(ref_rows, dis_rows, coef, 3, wfull, &k, out); break;
    default: vif_vs16_rows(ref_rows, dis_rows, coef, taps, wfull, &k, out); break;
    }
    const unsigned j = wfull;
    if (j < w)
        vif_vs16_columns(ref_rows, dis_rows, coef, taps, j, (__mmask32)((1u << (w - j)) - 1), &k,
                         out);
}

/*
 * Vertical down-sampling filter. 8-bit rows: the mirrored rows k and taps-1-k
 * are added in 16 bits (<= 510) and one multiply-add applies two such terms
 * (or the last one and the centre row). 16-bit rows: biased samples
 * x - 2^15 of rows k and taps-1-k share a dword (the centre row pairs with
 * itself, its tap split in halves), and the sums start from 2^15 F plus the
 * rounding. Either way the 32-bit sums are those of the reference modulo 2^32;
 * the in-lane pack undoes the in-lane unpack, so columns come out in order.
 */
static inline __m512i vif_vf_load(const void *row, unsigned j, __mmask32 m, int wide)
{
    if (wide) {
        const uint16_t *p = (const uint16_t *)row + j;
        const __m512i v = m == 0xffffffffu ? _mm512_loadu_si512((const void *)p)
                                           : _mm512_maskz_loadu_epi16(m, p);
        return _mm512_xor_si512(v, _mm512_set1_epi16((short)0x8000));
    }
    const uint8_t *p = (const uint8_t *)row + j;
    return _mm512_cvtepu8_epi16(m == 0xffffffffu ? _mm256_loadu_si256((const __m256i *)p)
                                                 : _mm256_maskz_loadu_epi8(m, p));
}

static inline __attribute__((always_inline)) void
vif_vf_columns(const void *const *rows, const __m512i *coef, unsigned taps, unsigned j,
               __mmask32 m, __m512i init, __m128i sh, int wide, uint16_t *out)
{
    const unsigned r = taps / 2;
    __m512i lo = init, hi = init;
    if (wide) {
        for (unsigned k = 0; k <= r; k++) {
            const __m512i a = vif_vf_load(rows[k], j, m, 1);
            const __m512i b = vif_vf_load(rows[taps - 1 - k], j, m, 1);
            lo = VIF_DP(lo, _mm512_unpacklo_epi16(a, b), coef[k]);
            hi = VIF_DP(hi, _mm512_unpackhi_epi16(a, b), coef[k]);
        }
    } else {
        /* term t < r: rows t + (taps-1-t); term r: the centre row */
        for (unsigned t0 = 0; t0 <= r; t0 += 2) {
            const unsigned t1 = t0 + 1;
#define VIF_TERM(t) ((t) < r ? _mm512_add_epi16(vif_vf_load(rows[t], j, m, 0),            \
                                                vif_vf_load(rows[taps - 1 - (t)], j, m, 0)) \
                             : vif_vf_load(rows[r], j, m, 0))
            const __m512i a = VIF_TERM(t0);
            const __m512i b = t1 <= r ? VIF_TERM(t1) : _mm512_setzero_si512();
#undef VIF_TERM
            lo = VIF_DP(lo, _mm512_unpacklo_epi16(a, b), coef[t0 / 2]);
            hi = VIF_DP(hi, _mm512_unpackhi_epi16(a, b), coef[t0 / 2]);
        }
    }
    const __m512i mask16 = _mm512_set1_epi32(0xffff);
    lo = _mm512_and_si512(_mm512_srl_epi32(lo, sh), mask16);
    hi = _mm512_and_si512(_mm512_srl_epi32(hi, sh), mask16);
    _mm512_mask_storeu_epi16(out + j, m, _mm512_packus_epi32(lo, hi));
}

/* Columns [0, wfull), wfull a multiple of 32. */
static inline __attribute__((always_inline)) void
vif_vf_rows(const void *const *rows, const __m512i *coef, unsigned taps, unsigned wfull,
            __m512i init, __m128i sh, int wide, uint16_t *out)
{
    for (unsigned j = 0; j < wfull; j += 32)
        vif_vf_columns(rows, coef, taps, j, 0xffffffffu, init, sh, wide, out);
}

static inline __attribute__((always_inline)) void
vif_vert_filter_512(const void *const *rows, const uint16_t *filt, unsigned taps, unsigned w,
                    unsigned shift, uint16_t *out, int wide)
{
    const unsigned r = taps / 2;
    int ok = taps <= VMAFX_VIF_MAX_TAPS && taps % 2 == 1 && shift >= 1 && shift <= 31;
    uint32_t fsum = filt[r];
    for (unsigned k = 0; k < r && ok; k++) {
        ok &= filt[k] < 32768;
        fsum += 2u * filt[k];
    }
    __m512i coef[VMAFX_VIF_MAX_TAPS / 2 + 1];
    if (wide) {
        const uint32_t c_lo = filt[r] / 2u, c_hi = filt[r] - c_lo;
        ok &= c_hi < 32768 && fsum <= 65536;
        for (unsigned k = 0; k < r && ok; k++)
            coef[k] = _mm512_set1_epi32((int)(filt[k] * 0x10001u));
        coef[r] = _mm512_set1_epi32((int)(c_lo | c_hi << 16));
    } else {
        ok &= filt[r] < 32768;
        for (unsigned t0 = 0; t0 <= r && ok; t0 += 2) {
            const uint32_t c1 = t0 + 1 <= r ? filt[t0 + 1] : 0;
            coef[t0 / 2] = _mm512_set1_epi32((int)(filt[t0] | c1 << 16));
        }
    }
    if (!ok) {
        if (wide)
            vmafx_vif_vert_filter_16_avx2(rows, filt, taps, w, shift, out);
        else
            vmafx_vif_vert_filter_8_avx2(rows, filt, taps, w, shift, out);
        return;
    }
    const __m512i init = _mm512_set1_epi32((int)((wide ? fsum << 15 : 0) + (1u << (shift - 1))));
    const __m128i sh = _mm_cvtsi32_si128((int)shift);
    const unsigned wfull = w & ~31u;
    /* the usual tap counts get fully unrolled loops */
    switch (taps) {
    case 9: vif_vf_rows(rows, coef, 9, wfull, init, sh, wide, out); break;
    case 5: vif_vf_rows(rows, coef, 5, wfull, init, sh, wide, out); break;
    case 3: vif_vf_rows(rows, coef, 3, wfull, init, sh, wide, out); break;
    default: vif_vf_rows(rows, coef, taps, wfull, init, sh, wide, out); break;
    }
    const unsigned j = wfull;
    if (j < w)
        vif_vf_columns(rows, coef, taps, j, (__mmask32)((1u << (w - j)) - 1), init, sh, wide, out);
}

void VIF_FN(vert_filter_8)(const void *const *rows, const uint16_t *filt, unsigned taps,
                           unsigned w, unsigned shift, uint16_t *out)
{
    vif_vert_filter_512(rows, filt, taps, w, shift, out, 0);
}

void VIF_FN(vert_filter_16)(const void *const *rows, const uint16_t *filt, unsigned taps,
                            unsigned w, unsigned shift, uint16_t *out)
{
    vif_vert_filter_512(rows, filt, taps, w, shift, out, 1);
}

/*
 * Horizontal down-sampling: output j reads the words 2j - r + k, so the taps
 * 2p and 2p + 1 meet the dword at word 2j - r + 2p of the row, and 16 outputs
 * take one (unaligned) load per tap pair. Samples are biased like the 16-bit
 * vertical filter's; the last pair's second tap is zero (its word, one past
 * the last tap, is inside the padding).
 */
void VIF_FN(hori_decimate)(const uint16_t *row, const uint16_t *filt, unsigned taps,
                           uint16_t *out, unsigned out_w)
{
    const unsigned r = taps / 2, pairs = r + 1;
    int ok = taps <= VMAFX_VIF_MAX_TAPS && taps % 2 == 1;
    uint32_t fsum = 0;
    for (unsigned k = 0; k < taps && ok; k++) {
        ok &= filt[k] < 32768;
        fsum += filt[k];
    }
    if (!ok || fsum > 65536) {
        vmafx_vif_hori_decimate_avx2(row, filt, taps, out, out_w);
        return;
    }
    __m512i coef[VMAFX_VIF_MAX_TAPS / 2 + 1];
    for (unsigned p = 0; p < pairs; p++) {
        const uint32_t c1 = 2 * p + 1 < taps ? filt[2 * p + 1] : 0;
        coef[p] = _mm512_set1_epi32((int)(filt[2 * p] | c1 << 16));
    }
    const __m512i init = _mm512_set1_epi32((int)((fsum << 15) + 32768u));
    const __m512i bias = _mm512_set1_epi16((short)0x8000);
    const uint16_t *src = row - r;
    for (unsigned j = 0; j < out_w; j += 16) {
        const __mmask16 m = out_w - j >= 16 ? 0xffff : (__mmask16)((1u << (out_w - j)) - 1);
        __m512i acc = init;
        for (unsigned p = 0; p < pairs; p++)
            acc = VIF_DP(acc, _mm512_xor_si512(
                _mm512_maskz_loadu_epi32(m, src + 2 * (size_t)j + 2 * p), bias), coef[p]);
        _mm256_mask_storeu_epi16(out + j, m, _mm512_cvtepi32_epi16(_mm512_srli_epi32(acc, 16)));
    }
}

#endif /* VIF_DP && VIF_FN */
