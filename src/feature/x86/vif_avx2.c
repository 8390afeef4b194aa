/*
 * Integer VIF: AVX2 kernels (contracts in feature/vif_dsp.h).
 *
 * All sums are formed modulo 2^32 in 32-bit lanes. Where the reference needs
 * up to 48 bits (the filtered squares), a second 32-bit sum of the high
 * 16-bit halves recovers the bits above 32: see vif_split_round(). The
 * horizontal statistics pass instead splits its input into 16-bit halves
 * once and filters them with pmaddwd (vmafx_vif_hori_stats_avx2()).
 * Columns that do not fill a vector go through the C kernel.
 */
#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "feature/vif_dsp.h"

/*
 * Given S = T mod 2^32 and H = sum f_k * (v_k >> 16) for a 48-bit sum
 * T = sum f_k * v_k whose low parts sum_k f_k * (v_k & 0xffff) stay below
 * 2^32 - 2^15 (true when the taps sum to 65536), returns
 * (T + rnd) >> shift truncated to 32 bits, 0 <= shift <= 16, rnd < 2^15 + 1.
 */
static inline __m256i vif_split_round(__m256i s, __m256i h, __m256i rnd, __m128i shift,
                                      __m128i shift_up)
{
    const __m256i lo16 = _mm256_set1_epi32(0xffff);
    s = _mm256_add_epi32(s, rnd);
    /* T >> 16 = H + carry, carry < 2^16 and congruent to (S >> 16) - H */
    const __m256i carry = _mm256_and_si256(_mm256_sub_epi32(_mm256_srli_epi32(s, 16), h), lo16);
    const __m256i t16 = _mm256_add_epi32(h, carry);
    return _mm256_add_epi32(_mm256_sll_epi32(t16, shift_up),
                            _mm256_srl_epi32(_mm256_and_si256(s, lo16), shift));
}

/* (a * b + 2^31) >> 32 per unsigned 32-bit lane, truncated to 32 bits. */
static inline __m256i vif_mul_round_hi(__m256i a, __m256i b)
{
    const __m256i rnd = _mm256_set1_epi64x(0x80000000);
    const __m256i even = _mm256_srli_epi64(_mm256_add_epi64(_mm256_mul_epu32(a, b), rnd), 32);
    const __m256i odd = _mm256_add_epi64(
        _mm256_mul_epu32(_mm256_srli_epi64(a, 32), _mm256_srli_epi64(b, 32)), rnd);
    return _mm256_blend_epi32(even, odd, 0xaa);
}

static inline __m256i vif_load_u8x16(const void *p, unsigned j)
{
    return _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)((const uint8_t *)p + j)));
}

static inline __m256i vif_load_u16x8(const void *p, ptrdiff_t j)
{
    return _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)((const uint16_t *)p + j)));
}

static inline __m256i vif_load_u32x8(const uint32_t *p, ptrdiff_t j)
{
    return _mm256_loadu_si256((const __m256i *)(p + j));
}

static inline void vif_store_u32x8(uint32_t *p, unsigned j, __m256i v)
{
    _mm256_storeu_si256((__m256i *)(p + j), v);
}

/* Column offset of every row pointer, for handing a tail to the C kernel. */
static void vif_offset_rows(const void **dst, const void *const *src, unsigned taps,
                            size_t bytes)
{
    for (unsigned k = 0; k < taps; k++)
        dst[k] = (const uint8_t *)src[k] + bytes;
}

static void vif_offset_stat(VifStatRow *dst, const VifStatRow *src, unsigned j)
{
    dst->mu1 = src->mu1 + j;
    dst->mu2 = src->mu2 + j;
    dst->xx = src->xx + j;
    dst->yy = src->yy + j;
    dst->xy = src->xy + j;
}

/*
 * One half of 16 columns of the 8-bit statistics: the in-lane unpack of rows
 * k and taps-1-k puts columns 0-3 and 8-11 ("low") or 4-7 and 12-15 ("high")
 * in the 32-bit lanes. Two halves in turn keep the five sums in registers.
 */
static inline __attribute__((always_inline)) void
vif_vs8_half(const void *const *ref_rows, const void *const *dis_rows, const __m256i *fpair,
             const __m256i *fsc, unsigned taps, unsigned j, int high, __m256i acc[5])
{
    const unsigned r = taps / 2;
    __m256i m1 = _mm256_setzero_si256(), m2 = m1, xx = m1, yy = m1, xy = m1;
#pragma GCC unroll 9
    for (unsigned k = 0; k <= r; k++) {
        const __m256i zero = _mm256_setzero_si256();
        const __m256i x0 = vif_load_u8x16(ref_rows[k], j);
        const __m256i y0 = vif_load_u8x16(dis_rows[k], j);
        const __m256i x1 = k < r ? vif_load_u8x16(ref_rows[taps - 1 - k], j) : zero;
        const __m256i y1 = k < r ? vif_load_u8x16(dis_rows[taps - 1 - k], j) : zero;
        const __m256i x = high ? _mm256_unpackhi_epi16(x0, x1) : _mm256_unpacklo_epi16(x0, x1);
        const __m256i y = high ? _mm256_unpackhi_epi16(y0, y1) : _mm256_unpacklo_epi16(y0, y1);
        m1 = _mm256_add_epi32(m1, _mm256_madd_epi16(x, fpair[k]));
        m2 = _mm256_add_epi32(m2, _mm256_madd_epi16(y, fpair[k]));
        xx = _mm256_add_epi32(xx, _mm256_mullo_epi32(_mm256_madd_epi16(x, x), fsc[k]));
        yy = _mm256_add_epi32(yy, _mm256_mullo_epi32(_mm256_madd_epi16(y, y), fsc[k]));
        xy = _mm256_add_epi32(xy, _mm256_mullo_epi32(_mm256_madd_epi16(x, y), fsc[k]));
        /* keeps the compiler from hoisting every tap's products (and spilling) */
        __asm__("" : "+x"(m1), "+x"(m2), "+x"(xx), "+x"(yy), "+x"(xy));
    }
    acc[0] = m1;
    acc[1] = m2;
    acc[2] = xx;
    acc[3] = yy;
    acc[4] = xy;
}

/* Stores the columns of one half: 0-3 and 8-11, or 4-7 and 12-15. */
static inline void vif_store_half(uint32_t *dst, unsigned j, int high, __m256i v)
{
    const unsigned c = j + (high ? 4 : 0);
    _mm_storeu_si128((__m128i *)(dst + c), _mm256_castsi256_si128(v));
    _mm_storeu_si128((__m128i *)(dst + c + 8), _mm256_extracti128_si256(v, 1));
}

static inline __attribute__((always_inline)) unsigned
vif_vs8_columns(const void *const *ref_rows, const void *const *dis_rows, const uint16_t *filt,
                unsigned taps, unsigned w, unsigned mean_shift, unsigned sq_shift,
                const VifStatRow *out)
{
    const unsigned r = taps / 2;
    __m256i fpair[VMAFX_VIF_MAX_TAPS / 2 + 1], fsc[VMAFX_VIF_MAX_TAPS / 2 + 1];
    for (unsigned k = 0; k <= r; k++) {
        fpair[k] = _mm256_set1_epi32((int)(filt[k] * 0x10001u));
        fsc[k] = _mm256_set1_epi32(filt[k]);
    }
    const __m256i mrnd = _mm256_set1_epi32((int)(1u << (mean_shift - 1)));
    const __m128i msh = _mm_cvtsi32_si128((int)mean_shift);
    const __m256i srnd = _mm256_set1_epi32(sq_shift ? (int)(1u << (sq_shift - 1)) : 0);
    const __m128i ssh = _mm_cvtsi32_si128((int)sq_shift);
    unsigned j = 0;
    for (; j + 16 <= w; j += 16) {
        for (int high = 0; high < 2; high++) {
            __m256i acc[5];
            vif_vs8_half(ref_rows, dis_rows, fpair, fsc, taps, j, high, acc);
            vif_store_half(out->mu1, j, high, _mm256_srl_epi32(_mm256_add_epi32(acc[0], mrnd), msh));
            vif_store_half(out->mu2, j, high, _mm256_srl_epi32(_mm256_add_epi32(acc[1], mrnd), msh));
            vif_store_half(out->xx, j, high, _mm256_srl_epi32(_mm256_add_epi32(acc[2], srnd), ssh));
            vif_store_half(out->yy, j, high, _mm256_srl_epi32(_mm256_add_epi32(acc[3], srnd), ssh));
            vif_store_half(out->xy, j, high, _mm256_srl_epi32(_mm256_add_epi32(acc[4], srnd), ssh));
        }
    }
    return j;
}

void vmafx_vif_vert_stats_8_avx2(const void *const *ref_rows, const void *const *dis_rows,
                                 const uint16_t *filt, unsigned taps, unsigned w,
                                 unsigned mean_shift, unsigned sq_shift, const VifStatRow *out)
{
    const unsigned r = taps / 2;
    unsigned j = 0;
    /* pmaddwd takes the taps as signed 16-bit values */
    int small_taps = taps <= VMAFX_VIF_MAX_TAPS;
    for (unsigned k = 0; k <= r && small_taps; k++)
        small_taps &= filt[k] < 32768;

    if (small_taps) {
        /* the usual tap counts get fully unrolled loops */
        switch (taps) {
        case 17:
            j = vif_vs8_columns(ref_rows, dis_rows, filt, 17, w, mean_shift, sq_shift, out);
            break;
        case 9:
            j = vif_vs8_columns(ref_rows, dis_rows, filt, 9, w, mean_shift, sq_shift, out);
            break;
        default:
            j = vif_vs8_columns(ref_rows, dis_rows, filt, taps, w, mean_shift, sq_shift, out);
            break;
        }
    }
    if (j < w) {
        const void *rr[VMAFX_VIF_MAX_TAPS], *dr[VMAFX_VIF_MAX_TAPS];
        VifStatRow o;
        vif_offset_rows(rr, ref_rows, taps, j);
        vif_offset_rows(dr, dis_rows, taps, j);
        vif_offset_stat(&o, out, j);
        vmafx_vif_vert_stats_8_c(rr, dr, filt, taps, w - j, mean_shift, sq_shift, &o);
    }
}

/* The 8-column steps of vmafx_vif_vert_stats_16_avx2(); returns the columns done. */
static inline __attribute__((always_inline)) unsigned
vif_vs16_columns(const void *const *ref_rows, const void *const *dis_rows,
                 const uint16_t *filt, unsigned taps, unsigned w, unsigned mean_shift,
                 unsigned sq_shift, const VifStatRow *out)
{
    const unsigned r = taps / 2;
    unsigned j = 0;
    const __m256i mrnd = _mm256_set1_epi32((int)(1u << (mean_shift - 1)));
    const __m128i msh = _mm_cvtsi32_si128((int)mean_shift);
    const __m256i srnd = _mm256_set1_epi32(sq_shift ? (int)(1u << (sq_shift - 1)) : 0);
    const __m128i ssh = _mm_cvtsi32_si128((int)sq_shift);
    const __m128i ssh_up = _mm_cvtsi32_si128(16 - (int)sq_shift);
    const __m256i zero = _mm256_setzero_si256();

    for (; j + 8 <= w; j += 8) {
        __m256i m1 = zero, m2 = zero;
        __m256i sxx = zero, syy = zero, sxy = zero, hxx = zero, hyy = zero, hxy = zero;
#pragma GCC unroll 9
        for (unsigned k = 0; k <= r; k++) {
            const __m256i f = _mm256_set1_epi32(filt[k]);
            const __m256i x0 = vif_load_u16x8(ref_rows[k], j);
            const __m256i y0 = vif_load_u16x8(dis_rows[k], j);
            __m256i xs = x0, ys = y0;
            __m256i qxx = _mm256_mullo_epi32(x0, x0);
            __m256i qyy = _mm256_mullo_epi32(y0, y0);
            __m256i qxy = _mm256_mullo_epi32(x0, y0);
            __m256i pxx = _mm256_srli_epi32(qxx, 16);
            __m256i pyy = _mm256_srli_epi32(qyy, 16);
            __m256i pxy = _mm256_srli_epi32(qxy, 16);
            if (k < r) {
                const __m256i x1 = vif_load_u16x8(ref_rows[taps - 1 - k], j);
                const __m256i y1 = vif_load_u16x8(dis_rows[taps - 1 - k], j);
                const __m256i q1xx = _mm256_mullo_epi32(x1, x1);
                const __m256i q1yy = _mm256_mullo_epi32(y1, y1);
                const __m256i q1xy = _mm256_mullo_epi32(x1, y1);
                xs = _mm256_add_epi32(xs, x1);
                ys = _mm256_add_epi32(ys, y1);
                qxx = _mm256_add_epi32(qxx, q1xx);
                qyy = _mm256_add_epi32(qyy, q1yy);
                qxy = _mm256_add_epi32(qxy, q1xy);
                pxx = _mm256_add_epi32(pxx, _mm256_srli_epi32(q1xx, 16));
                pyy = _mm256_add_epi32(pyy, _mm256_srli_epi32(q1yy, 16));
                pxy = _mm256_add_epi32(pxy, _mm256_srli_epi32(q1xy, 16));
            }
            m1 = _mm256_add_epi32(m1, _mm256_mullo_epi32(xs, f));
            m2 = _mm256_add_epi32(m2, _mm256_mullo_epi32(ys, f));
            sxx = _mm256_add_epi32(sxx, _mm256_mullo_epi32(qxx, f));
            syy = _mm256_add_epi32(syy, _mm256_mullo_epi32(qyy, f));
            sxy = _mm256_add_epi32(sxy, _mm256_mullo_epi32(qxy, f));
            hxx = _mm256_add_epi32(hxx, _mm256_mullo_epi32(pxx, f));
            hyy = _mm256_add_epi32(hyy, _mm256_mullo_epi32(pyy, f));
            hxy = _mm256_add_epi32(hxy, _mm256_mullo_epi32(pxy, f));
        }
        vif_store_u32x8(out->mu1, j, _mm256_srl_epi32(_mm256_add_epi32(m1, mrnd), msh));
        vif_store_u32x8(out->mu2, j, _mm256_srl_epi32(_mm256_add_epi32(m2, mrnd), msh));
        vif_store_u32x8(out->xx, j, vif_split_round(sxx, hxx, srnd, ssh, ssh_up));
        vif_store_u32x8(out->yy, j, vif_split_round(syy, hyy, srnd, ssh, ssh_up));
        vif_store_u32x8(out->xy, j, vif_split_round(sxy, hxy, srnd, ssh, ssh_up));
    }
    return j;
}

void vmafx_vif_vert_stats_16_avx2(const void *const *ref_rows, const void *const *dis_rows,
                                  const uint16_t *filt, unsigned taps, unsigned w,
                                  unsigned mean_shift, unsigned sq_shift, const VifStatRow *out)
{
    unsigned j = 0;

    if (sq_shift <= 16) {
        /* the usual tap counts get fully unrolled loops */
        switch (taps) {
        case 9:
            j = vif_vs16_columns(ref_rows, dis_rows, filt, 9, w, mean_shift, sq_shift, out);
            break;
        case 5:
            j = vif_vs16_columns(ref_rows, dis_rows, filt, 5, w, mean_shift, sq_shift, out);
            break;
        case 3:
            j = vif_vs16_columns(ref_rows, dis_rows, filt, 3, w, mean_shift, sq_shift, out);
            break;
        default:
            j = vif_vs16_columns(ref_rows, dis_rows, filt, taps, w, mean_shift, sq_shift, out);
            break;
        }
    }
    if (j < w) {
        const void *rr[VMAFX_VIF_MAX_TAPS], *dr[VMAFX_VIF_MAX_TAPS];
        VifStatRow o;
        vif_offset_rows(rr, ref_rows, taps, 2 * (size_t)j);
        vif_offset_rows(dr, dis_rows, taps, 2 * (size_t)j);
        vif_offset_stat(&o, out, j);
        vmafx_vif_vert_stats_16_c(rr, dr, filt, taps, w - j, mean_shift, sq_shift, &o);
    }
}

/* Any taps: 32-bit multiplies of the full entries and of their high halves. */
static void vif_hori_stats_mullo_avx2(const VifStatRow *v, const uint16_t *filt,
                                      unsigned taps, unsigned w, int32_t *s1, int32_t *s2,
                                      int32_t *s12)
{
    const unsigned r = taps / 2;
    const __m256i rnd = _mm256_set1_epi32(32768);
    const __m128i sh = _mm_cvtsi32_si128(16), sh_up = _mm_cvtsi32_si128(0);
    unsigned j = 0;

    for (; j + 8 <= w; j += 8) {
        const __m256i fr = _mm256_set1_epi32(filt[r]);
        __m256i m1 = _mm256_mullo_epi32(vif_load_u32x8(v->mu1, j), fr);
        __m256i m2 = _mm256_mullo_epi32(vif_load_u32x8(v->mu2, j), fr);
        __m256i c = vif_load_u32x8(v->xx, j);
        __m256i sxx = _mm256_mullo_epi32(c, fr);
        __m256i hxx = _mm256_mullo_epi32(_mm256_srli_epi32(c, 16), fr);
        c = vif_load_u32x8(v->yy, j);
        __m256i syy = _mm256_mullo_epi32(c, fr);
        __m256i hyy = _mm256_mullo_epi32(_mm256_srli_epi32(c, 16), fr);
        c = vif_load_u32x8(v->xy, j);
        __m256i sxy = _mm256_mullo_epi32(c, fr);
        __m256i hxy = _mm256_mullo_epi32(_mm256_srli_epi32(c, 16), fr);

        for (unsigned k = 0; k < r; k++) {
            const ptrdiff_t a = (ptrdiff_t)j + (ptrdiff_t)k - (ptrdiff_t)r;
            const ptrdiff_t b = (ptrdiff_t)j + (ptrdiff_t)r - (ptrdiff_t)k;
            const __m256i f = _mm256_set1_epi32(filt[k]);
            m1 = _mm256_add_epi32(m1, _mm256_mullo_epi32(
                _mm256_add_epi32(vif_load_u32x8(v->mu1, a), vif_load_u32x8(v->mu1, b)), f));
            m2 = _mm256_add_epi32(m2, _mm256_mullo_epi32(
                _mm256_add_epi32(vif_load_u32x8(v->mu2, a), vif_load_u32x8(v->mu2, b)), f));
#define VIF_SQ_TAP(arr, s, h)                                                              \
    do {                                                                                   \
        const __m256i va_ = vif_load_u32x8(arr, a), vb_ = vif_load_u32x8(arr, b);          \
        s = _mm256_add_epi32(s, _mm256_mullo_epi32(_mm256_add_epi32(va_, vb_), f));        \
        h = _mm256_add_epi32(h, _mm256_mullo_epi32(_mm256_add_epi32(                       \
            _mm256_srli_epi32(va_, 16), _mm256_srli_epi32(vb_, 16)), f));                  \
    } while (0)
            VIF_SQ_TAP(v->xx, sxx, hxx);
            VIF_SQ_TAP(v->yy, syy, hyy);
            VIF_SQ_TAP(v->xy, sxy, hxy);
#undef VIF_SQ_TAP
        }

        const __m256i xx = vif_split_round(sxx, hxx, rnd, sh, sh_up);
        const __m256i yy = vif_split_round(syy, hyy, rnd, sh, sh_up);
        const __m256i xy = vif_split_round(sxy, hxy, rnd, sh, sh_up);
        _mm256_storeu_si256((__m256i *)(s1 + j), _mm256_sub_epi32(xx, vif_mul_round_hi(m1, m1)));
        _mm256_storeu_si256((__m256i *)(s2 + j), _mm256_sub_epi32(yy, vif_mul_round_hi(m2, m2)));
        _mm256_storeu_si256((__m256i *)(s12 + j), _mm256_sub_epi32(xy, vif_mul_round_hi(m1, m2)));
    }
    if (j < w) {
        VifStatRow o;
        vif_offset_stat(&o, v, j);
        vmafx_vif_hori_stats_c(&o, filt, taps, w - j, s1 + j, s2 + j, s12 + j);
    }
}

/*
 * Horizontal statistics with pmaddwd. Every entry v = 2^16 * hi + lo is split
 * once per strip into its 16-bit halves, stored biased by -2^15 so they fit
 * the signed operands: sum f * (u - 2^15) = sum f * u - 2^15 * F, F = sum f.
 * One pmaddwd then applies two adjacent taps to the halves at 16-bit offsets
 * 2i + t and 2i + t + 1, giving the even outputs from one load and the odd
 * outputs from a load one entry further. With every f < 2^15 and F <= 2^16,
 * L = sum f * lo < 2^32 - 2^16 and H = sum f * hi are exact in 32 bits, so
 * T = 2^16 * H + L gives the mean sums T mod 2^32 = (H << 16) + L and the
 * rounded squares (T + 2^15) >> 16 = H + ((L + 2^15) >> 16).
 */
#define VIF_HS_STRIP 256
#define VIF_HS_SPAN (VIF_HS_STRIP + VMAFX_VIF_MAX_TAPS + 1)

/* Biased 16-bit halves of n entries of src; returns whether any high half is nonzero. */
static int vif_split_halves(const uint32_t *src, unsigned n, uint16_t *lo, uint16_t *hi)
{
    __m256i any = _mm256_setzero_si256();
    uint32_t any_tail = 0;
    const __m256i mask = _mm256_set1_epi32(0xffff);
    const __m256i bias = _mm256_set1_epi16((short)0x8000);
    unsigned i = 0;
    for (; i + 16 <= n; i += 16) {
        const __m256i a = _mm256_loadu_si256((const __m256i *)(src + i));
        const __m256i b = _mm256_loadu_si256((const __m256i *)(src + i + 8));
        /* the in-lane pack interleaves 64-bit quarters: 0xd8 puts them back */
        const __m256i l = _mm256_packus_epi32(_mm256_and_si256(a, mask), _mm256_and_si256(b, mask));
        const __m256i h = _mm256_packus_epi32(_mm256_srli_epi32(a, 16), _mm256_srli_epi32(b, 16));
        any = _mm256_or_si256(any, h);
        _mm256_storeu_si256((__m256i *)(lo + i),
                            _mm256_xor_si256(_mm256_permute4x64_epi64(l, 0xd8), bias));
        _mm256_storeu_si256((__m256i *)(hi + i),
                            _mm256_xor_si256(_mm256_permute4x64_epi64(h, 0xd8), bias));
    }
    for (; i < n; i++) {
        lo[i] = (uint16_t)((src[i] & 0xffff) ^ 0x8000);
        hi[i] = (uint16_t)((src[i] >> 16) ^ 0x8000);
        any_tail |= src[i] >> 16;
    }
    /* read with a zero coefficient by the odd outputs' last pair */
    lo[n] = hi[n] = 0;
    return any_tail || !_mm256_testz_si256(any, any);
}

/* Even and odd output sums of one half, 16 outputs from buffer index 0. */
static inline __attribute__((always_inline)) void
vif_pair_sums(const uint16_t *buf, const __m256i *coef, unsigned pairs, __m256i *even,
              __m256i *odd)
{
    __m256i e = _mm256_setzero_si256(), o = _mm256_setzero_si256();
    for (unsigned p = 0; p < pairs; p++) {
        e = _mm256_add_epi32(e, _mm256_madd_epi16(
            _mm256_loadu_si256((const __m256i *)(buf + 2 * p)), coef[p]));
        o = _mm256_add_epi32(o, _mm256_madd_epi16(
            _mm256_loadu_si256((const __m256i *)(buf + 2 * p + 1)), coef[p]));
        /* keeps the compiler from hoisting all products (and spilling them) */
        __asm__("" : "+x"(e), "+x"(o));
    }
    *even = e;
    *odd = o;
}

/* Stores 16 outputs given as even and odd lanes. */
static inline void vif_store_eo(int32_t *dst, __m256i even, __m256i odd)
{
    const __m256i a = _mm256_unpacklo_epi32(even, odd); /* 0-3 | 8-11 */
    const __m256i b = _mm256_unpackhi_epi32(even, odd); /* 4-7 | 12-15 */
    _mm256_storeu_si256((__m256i *)dst, _mm256_permute2x128_si256(a, b, 0x20));
    _mm256_storeu_si256((__m256i *)(dst + 8), _mm256_permute2x128_si256(a, b, 0x31));
}

/* Mean sum T mod 2^32 = (H << 16) + L of biased sums h, l. */
static inline __m256i vif_mean_sum(__m256i h, __m256i l, __m256i corr)
{
    return _mm256_add_epi32(_mm256_slli_epi32(_mm256_add_epi32(h, corr), 16),
                            _mm256_add_epi32(l, corr));
}

/* Rounded square sum H + ((L + 2^15) >> 16) of biased sums h, l. */
static inline __m256i vif_sq_sum(__m256i h, __m256i l, __m256i corr)
{
    const __m256i rnd = _mm256_set1_epi32(32768);
    return _mm256_add_epi32(_mm256_add_epi32(h, corr),
        _mm256_srli_epi32(_mm256_add_epi32(_mm256_add_epi32(l, corr), rnd), 16));
}

/* n (a multiple of 16) outputs of one strip; inlined per tap count. */
/* With small_means, every mean entry of the strip is below 2^16 (H = 0). */
static inline __attribute__((always_inline)) void
vif_hori_strip(uint16_t (*half)[2][VIF_HS_SPAN], const __m256i *coef_in, unsigned pairs,
               unsigned n, __m256i corr, int small_means, int32_t *s1, int32_t *s2,
               int32_t *s12)
{
    __m256i coef[VMAFX_VIF_MAX_TAPS / 2 + 1];
    for (unsigned p = 0; p < pairs; p++)
        coef[p] = coef_in[p];
    for (unsigned jj = 0; jj < n; jj += 16) {
        __m256i le, lo, he, ho, m1e, m1o, m2e, m2o;
        if (small_means) {
            vif_pair_sums(half[0][0] + jj, coef, pairs, &le, &lo);
            m1e = _mm256_add_epi32(le, corr);
            m1o = _mm256_add_epi32(lo, corr);
            vif_pair_sums(half[1][0] + jj, coef, pairs, &le, &lo);
            m2e = _mm256_add_epi32(le, corr);
            m2o = _mm256_add_epi32(lo, corr);
        } else {
            vif_pair_sums(half[0][0] + jj, coef, pairs, &le, &lo);
            vif_pair_sums(half[0][1] + jj, coef, pairs, &he, &ho);
            m1e = vif_mean_sum(he, le, corr);
            m1o = vif_mean_sum(ho, lo, corr);
            vif_pair_sums(half[1][0] + jj, coef, pairs, &le, &lo);
            vif_pair_sums(half[1][1] + jj, coef, pairs, &he, &ho);
            m2e = vif_mean_sum(he, le, corr);
            m2o = vif_mean_sum(ho, lo, corr);
        }

        vif_pair_sums(half[2][0] + jj, coef, pairs, &le, &lo);
        vif_pair_sums(half[2][1] + jj, coef, pairs, &he, &ho);
        vif_store_eo(s1 + jj, _mm256_sub_epi32(vif_sq_sum(he, le, corr), vif_mul_round_hi(m1e, m1e)),
                     _mm256_sub_epi32(vif_sq_sum(ho, lo, corr), vif_mul_round_hi(m1o, m1o)));
        vif_pair_sums(half[3][0] + jj, coef, pairs, &le, &lo);
        vif_pair_sums(half[3][1] + jj, coef, pairs, &he, &ho);
        vif_store_eo(s2 + jj, _mm256_sub_epi32(vif_sq_sum(he, le, corr), vif_mul_round_hi(m2e, m2e)),
                     _mm256_sub_epi32(vif_sq_sum(ho, lo, corr), vif_mul_round_hi(m2o, m2o)));
        vif_pair_sums(half[4][0] + jj, coef, pairs, &le, &lo);
        vif_pair_sums(half[4][1] + jj, coef, pairs, &he, &ho);
        vif_store_eo(s12 + jj, _mm256_sub_epi32(vif_sq_sum(he, le, corr), vif_mul_round_hi(m1e, m2e)),
                     _mm256_sub_epi32(vif_sq_sum(ho, lo, corr), vif_mul_round_hi(m1o, m2o)));
    }
}

void vmafx_vif_hori_stats_avx2(const VifStatRow *v, const uint16_t *filt, unsigned taps,
                               unsigned w, int32_t *s1, int32_t *s2, int32_t *s12)
{
    const unsigned r = taps / 2, pairs = r + 1;
    uint32_t fsum = 0;
    int small = taps <= VMAFX_VIF_MAX_TAPS;
    for (unsigned k = 0; k < taps && small; k++) {
        small &= filt[k] < 32768;
        fsum += filt[k];
    }
    const unsigned wfull = w & ~15u;
    if (!small || fsum > 65536 || !wfull) {
        vif_hori_stats_mullo_avx2(v, filt, taps, w, s1, s2, s12);
        return;
    }

    __m256i coef[VMAFX_VIF_MAX_TAPS / 2 + 1];
    for (unsigned p = 0; p < pairs; p++) {
        const uint32_t c1 = 2 * p + 1 < taps ? filt[2 * p + 1] : 0;
        coef[p] = _mm256_set1_epi32((int)(filt[2 * p] | c1 << 16));
    }
    /* the bias removed from every sum: 2^15 * F mod 2^32 */
    const __m256i corr = _mm256_set1_epi32((int)(fsum << 15));
    const uint32_t *src[5] = { v->mu1, v->mu2, v->xx, v->yy, v->xy };
    uint16_t half[5][2][VIF_HS_SPAN];

    for (unsigned j0 = 0; j0 < wfull; j0 += VIF_HS_STRIP) {
        const unsigned n = wfull - j0 < VIF_HS_STRIP ? wfull - j0 : VIF_HS_STRIP;
        int big_means = 0;
        for (int a = 0; a < 5; a++)
            big_means |= vif_split_halves(src[a] + j0 - r, n + 2 * r, half[a][0],
                                          half[a][1]) && a < 2;
        const int sm = !big_means;
        int32_t *const d1 = s1 + j0, *const d2 = s2 + j0, *const d12 = s12 + j0;
        /* the usual tap counts get fully unrolled loops */
        switch (pairs) {
        case 9: vif_hori_strip(half, coef, 9, n, corr, sm, d1, d2, d12); break;
        case 5: vif_hori_strip(half, coef, 5, n, corr, sm, d1, d2, d12); break;
        case 3: vif_hori_strip(half, coef, 3, n, corr, sm, d1, d2, d12); break;
        case 2: vif_hori_strip(half, coef, 2, n, corr, sm, d1, d2, d12); break;
        default: vif_hori_strip(half, coef, pairs, n, corr, sm, d1, d2, d12); break;
        }
    }
    if (wfull < w) {
        VifStatRow o;
        vif_offset_stat(&o, v, wfull);
        vif_hori_stats_mullo_avx2(&o, filt, taps, w - wfull, s1 + wfull, s2 + wfull,
                                  s12 + wfull);
    }
}

static inline void vif_vert_filter_avx2(const void *const *rows, const uint16_t *filt,
                                        unsigned taps, unsigned w, unsigned shift,
                                        uint16_t *out, int wide)
{
    const unsigned r = taps / 2;
    const __m256i rnd = _mm256_set1_epi32((int)(1u << (shift - 1)));
    const __m128i sh = _mm_cvtsi32_si128((int)shift);
    unsigned j = 0;

    for (; j + 8 <= w; j += 8) {
#define VIF_LOAD(k) (wide ? vif_load_u16x8(rows[k], j)                                     \
                          : _mm256_cvtepu8_epi32(_mm_loadl_epi64(                           \
                                (const __m128i *)((const uint8_t *)rows[k] + j))))
        __m256i acc = _mm256_mullo_epi32(VIF_LOAD(r), _mm256_set1_epi32(filt[r]));
        for (unsigned k = 0; k < r; k++)
            acc = _mm256_add_epi32(acc, _mm256_mullo_epi32(
                _mm256_add_epi32(VIF_LOAD(k), VIF_LOAD(taps - 1 - k)),
                _mm256_set1_epi32(filt[k])));
#undef VIF_LOAD
        acc = _mm256_srl_epi32(_mm256_add_epi32(acc, rnd), sh);
        /* truncate to 16 bits like the reference, then pack in order */
        acc = _mm256_and_si256(acc, _mm256_set1_epi32(0xffff));
        const __m128i packed = _mm_packus_epi32(_mm256_castsi256_si128(acc),
                                                _mm256_extracti128_si256(acc, 1));
        _mm_storeu_si128((__m128i *)(out + j), packed);
    }
    if (j < w) {
        const void *rr[VMAFX_VIF_MAX_TAPS];
        vif_offset_rows(rr, rows, taps, (size_t)j << wide);
        if (wide)
            vmafx_vif_vert_filter_16_c(rr, filt, taps, w - j, shift, out + j);
        else
            vmafx_vif_vert_filter_8_c(rr, filt, taps, w - j, shift, out + j);
    }
}

/*
 * 8-bit rows with every coefficient below 2^15: the mirrored rows k and
 * taps-1-k are added in 16 bits (<= 510), and pmaddwd applies two such
 * terms (or the last one and the centre row) per instruction. Every partial
 * sum stays below 255 * 2^16, so the 32-bit sums equal the reference's.
 */
void vmafx_vif_vert_filter_8_avx2(const void *const *rows, const uint16_t *filt,
                                  unsigned taps, unsigned w, unsigned shift, uint16_t *out)
{
    const unsigned r = taps / 2;
    unsigned small = 1;
    for (unsigned k = 0; k <= r; k++)
        small &= filt[k] < 32768u;
    if (!small || w < 16) {
        vif_vert_filter_avx2(rows, filt, taps, w, shift, out, 0);
        return;
    }

    /* term t < r is rows t + (taps-1-t) with filt[t]; term r is the centre */
    const unsigned n_terms = r + 1, n_pairs = (n_terms + 1) / 2;
    __m256i coef[(VMAFX_VIF_MAX_TAPS / 2 + 2) / 2];
    for (unsigned p = 0; p < n_pairs; p++) {
        const unsigned t0 = 2 * p, t1 = 2 * p + 1;
        const uint32_t c0 = filt[t0], c1 = t1 < n_terms ? filt[t1] : 0;
        coef[p] = _mm256_set1_epi32((int)(c0 | c1 << 16));
    }
    const __m256i rnd = _mm256_set1_epi32((int)(1u << (shift - 1)));
    const __m128i sh = _mm_cvtsi32_si128((int)shift);
    const __m256i mask16 = _mm256_set1_epi32(0xffff);
    unsigned j = 0;

    for (; j + 16 <= w; j += 16) {
#define VIF_LD8(k) _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)((const uint8_t *)rows[k] + j)))
        __m256i lo = rnd, hi = rnd;
        for (unsigned p = 0; p < n_pairs; p++) {
            const unsigned t0 = 2 * p, t1 = 2 * p + 1;
            const __m256i a = t0 < r ? _mm256_add_epi16(VIF_LD8(t0), VIF_LD8(taps - 1 - t0))
                                     : VIF_LD8(r);
            const __m256i b = t1 < r ? _mm256_add_epi16(VIF_LD8(t1), VIF_LD8(taps - 1 - t1))
                            : t1 == r ? VIF_LD8(r) : _mm256_setzero_si256();
            lo = _mm256_add_epi32(lo, _mm256_madd_epi16(_mm256_unpacklo_epi16(a, b), coef[p]));
            hi = _mm256_add_epi32(hi, _mm256_madd_epi16(_mm256_unpackhi_epi16(a, b), coef[p]));
        }
#undef VIF_LD8
        lo = _mm256_and_si256(_mm256_srl_epi32(lo, sh), mask16);
        hi = _mm256_and_si256(_mm256_srl_epi32(hi, sh), mask16);
        /* in-lane pack undoes the in-lane unpack: columns come back in order */
        _mm256_storeu_si256((__m256i *)(out + j), _mm256_packus_epi32(lo, hi));
    }
    if (j < w) {
        const void *rr[VMAFX_VIF_MAX_TAPS];
        vif_offset_rows(rr, rows, taps, j);
        vif_vert_filter_avx2(rr, filt, taps, w - j, shift, out + j, 0);
    }
}

void vmafx_vif_vert_filter_16_avx2(const void *const *rows, const uint16_t *filt,
                                   unsigned taps, unsigned w, unsigned shift, uint16_t *out)
{
    vif_vert_filter_avx2(rows, filt, taps, w, shift, out, 1);
}

void vmafx_vif_hori_decimate_avx2(const uint16_t *row, const uint16_t *filt, unsigned taps,
                                  uint16_t *out, unsigned out_w)
{
    const unsigned r = taps / 2;
    const __m256i even = _mm256_set1_epi32(0xffff);
    const __m256i rnd = _mm256_set1_epi32(32768);
    const uint16_t *src = row - r;
    unsigned j = 0;

    /* a 32-bit lane at src + 2j + k holds sample 2j + k in its low half; the
     * high half is its odd neighbour, inside the padded row for full vectors */
    for (; j + 8 <= out_w; j += 8) {
#define VIF_EVEN(k) _mm256_and_si256(_mm256_loadu_si256((const __m256i *)(src + 2 * j + (k))), even)
        __m256i acc = _mm256_mullo_epi32(VIF_EVEN(r), _mm256_set1_epi32(filt[r]));
        for (unsigned k = 0; k < r; k++)
            acc = _mm256_add_epi32(acc, _mm256_mullo_epi32(
                _mm256_add_epi32(VIF_EVEN(k), VIF_EVEN(taps - 1 - k)),
                _mm256_set1_epi32(filt[k])));
#undef VIF_EVEN
        acc = _mm256_srli_epi32(_mm256_add_epi32(acc, rnd), 16);
        const __m128i packed = _mm_packus_epi32(_mm256_castsi256_si128(acc),
                                                _mm256_extracti128_si256(acc, 1));
        _mm_storeu_si128((__m128i *)(out + j), packed);
    }
    if (j < out_w)
        vmafx_vif_hori_decimate_c(row + 2 * (size_t)j, filt, taps, out + j, out_w - j);
}

/*
 * L(x) of spec 1.3 for four doubles holding integers 2^17 <= x < 2^53: the
 * exponent gives e + 15 and the top 15 stored mantissa bits are the table
 * index (x >> e) - 2^15, both read from the high 32 bits of each double.
 * Lanes outside that range give some value with an in-range index.
 */
static inline __m128i vif_log2_pd(__m256d x, const uint16_t *table)
{
    const __m256i odd = _mm256_setr_epi32(1, 3, 5, 7, 1, 3, 5, 7);
    const __m128i hi = _mm256_castsi256_si128(
        _mm256_permutevar8x32_epi32(_mm256_castpd_si256(x), odd));
    const __m128i idx = _mm_and_si128(_mm_srli_epi32(hi, 5), _mm_set1_epi32(0x7fff));
    /* 32-bit gather at 2-byte scale: the entry is the low half */
    const __m128i t = _mm_and_si128(_mm_i32gather_epi32((const int *)(const void *)table, idx, 2),
                                    _mm_set1_epi32(0xffff));
    /* 2048 * (biased exponent - 1023 - 15) */
    const __m128i e = _mm_slli_epi32(_mm_sub_epi32(_mm_srli_epi32(hi, 20), _mm_set1_epi32(1038)), 11);
    return _mm_add_epi32(t, e);
}

/* Pixels per chunk: keeps the 32-bit lane sums below 2^31 (terms < 2^17). */
#define VIF_ACC_CHUNK 4096u

void vmafx_vif_accumulate_avx2(const int32_t *s1, const int32_t *s2, const int32_t *s12,
                               unsigned w, double gain_limit, const uint16_t *log2_table,
                               VifSums *sums)
{
    const __m256d eps = _mm256_set1_pd(65536.0 * 1.0e-10);
    const __m256d snsq = _mm256_set1_pd((double)VMAFX_VIF_SNSQ);
    const __m256d limit = _mm256_set1_pd(gain_limit);
    const __m256d zero_pd = _mm256_setzero_pd();
    const __m128i snsq_i = _mm_set1_epi32(VMAFX_VIF_SNSQ);
    const __m128i log_off = _mm_set1_epi32(VMAFX_VIF_LOG_OFFSET);
    const __m128i zero = _mm_setzero_si128();
    __m256i flat_var = _mm256_setzero_si256();
    int64_t num_log = 0, den_log = 0, flat_count = 0;
    unsigned j = 0;

    while (j + 4 <= w) {
        const unsigned end = w - j > VIF_ACC_CHUNK ? j + VIF_ACC_CHUNK : w;
        __m128i num = zero, den = zero, cnt = zero;
        for (; j + 4 <= end; j += 4) {
            const __m128i a = _mm_loadu_si128((const __m128i *)(s1 + j));
            const __m128i b = _mm_max_epi32(_mm_loadu_si128((const __m128i *)(s2 + j)), zero);
            const __m128i c = _mm_loadu_si128((const __m128i *)(s12 + j));
            const __m128i flat = _mm_cmpgt_epi32(snsq_i, a);
            flat_var = _mm256_add_epi64(flat_var, _mm256_cvtepi32_epi64(_mm_and_si128(flat, b)));
            cnt = _mm_sub_epi32(cnt, flat);
            /* flat pixels come in runs: skip the logarithms of all-flat groups */
            if (_mm_movemask_ps(_mm_castsi128_ps(flat)) == 0xf)
                continue;

            /* sigma1 + 2^17 < 2^32 is exact in double */
            const __m256d d1 = _mm256_cvtepi32_pd(a);
            const __m128i lden = vif_log2_pd(_mm256_add_pd(d1, snsq), log2_table);
            den = _mm_add_epi32(den, _mm_andnot_si128(flat, _mm_sub_epi32(lden, log_off)));

            const __m128i use = _mm_andnot_si128(
                flat, _mm_and_si128(_mm_cmpgt_epi32(c, zero), _mm_cmpgt_epi32(b, zero)));
            if (_mm_testz_si128(use, use))
                continue;
            const __m256d dc = _mm256_cvtepi32_pd(c), db = _mm256_cvtepi32_pd(b);
            __m256d gain = _mm256_div_pd(dc, _mm256_add_pd(d1, eps));
            const __m256d t = _mm256_sub_pd(db, _mm256_mul_pd(gain, dc));
            /* t > 0 ? trunc(t) : 0; trunc(t) < 2^31 */
            const __m256d sv = _mm256_and_pd(
                _mm256_round_pd(t, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC),
                _mm256_cmp_pd(t, zero_pd, _CMP_GT_OQ));
            /* gain is a number here, so min() is the reference's clamp */
            gain = _mm256_min_pd(gain, limit);
            /* n1, n2 < 2^46 are integers, exact in double */
            const __m256d n1 = _mm256_add_pd(sv, snsq);
            const __m256d n2 = _mm256_add_pd(
                _mm256_round_pd(_mm256_mul_pd(_mm256_mul_pd(gain, gain), d1),
                                _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC),
                n1);
            const __m128i term = _mm_sub_epi32(vif_log2_pd(n2, log2_table),
                                               vif_log2_pd(n1, log2_table));
            num = _mm_add_epi32(num, _mm_and_si128(use, term));
        }
        const __m256i n64 = _mm256_cvtepi32_epi64(num), d64 = _mm256_cvtepi32_epi64(den);
        const __m256i c64 = _mm256_cvtepi32_epi64(cnt);
        int64_t lanes[3][4];
        _mm256_storeu_si256((__m256i *)(void *)lanes[0], n64);
        _mm256_storeu_si256((__m256i *)(void *)lanes[1], d64);
        _mm256_storeu_si256((__m256i *)(void *)lanes[2], c64);
        for (int l = 0; l < 4; l++) {
            num_log += lanes[0][l];
            den_log += lanes[1][l];
            flat_count += lanes[2][l];
        }
    }
    int64_t fv[4];
    _mm256_storeu_si256((__m256i *)(void *)fv, flat_var);
    sums->num_log += num_log;
    sums->den_log += den_log;
    sums->flat_var += (fv[0] + fv[1]) + (fv[2] + fv[3]);
    sums->flat_count += flat_count;
    if (j < w)
        vmafx_vif_accumulate_c(s1 + j, s2 + j, s12 + j, w - j, gain_limit, log2_table, sums);
}
