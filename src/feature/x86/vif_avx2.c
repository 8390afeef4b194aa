/*
 * Integer VIF: AVX2 kernels (contracts in feature/vif_dsp.h).
 *
 * All sums are formed modulo 2^32 in 32-bit lanes. Where the reference needs
 * up to 48 bits (the filtered squares), a second 32-bit sum of the high
 * 16-bit halves recovers the bits above 32: see vif_split_round().
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

void vmafx_vif_vert_stats_8_avx2(const void *const *ref_rows, const void *const *dis_rows,
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
        const __m256i mrnd = _mm256_set1_epi32((int)(1u << (mean_shift - 1)));
        const __m128i msh = _mm_cvtsi32_si128((int)mean_shift);
        const __m256i srnd = _mm256_set1_epi32(sq_shift ? (int)(1u << (sq_shift - 1)) : 0);
        const __m128i ssh = _mm_cvtsi32_si128((int)sq_shift);
        const __m256i zero = _mm256_setzero_si256();

        for (; j + 16 <= w; j += 16) {
            /* "lo" holds columns 0-3 and 8-11, "hi" 4-7 and 12-15 (in-lane unpacks) */
            __m256i m1l = zero, m1h = zero, m2l = zero, m2h = zero;
            __m256i xxl = zero, xxh = zero, yyl = zero, yyh = zero, xyl = zero, xyh = zero;
            for (unsigned k = 0; k <= r; k++) {
                const __m256i x0 = vif_load_u8x16(ref_rows[k], j);
                const __m256i y0 = vif_load_u8x16(dis_rows[k], j);
                const __m256i x1 = k < r ? vif_load_u8x16(ref_rows[taps - 1 - k], j) : zero;
                const __m256i y1 = k < r ? vif_load_u8x16(dis_rows[taps - 1 - k], j) : zero;
                const __m256i fpair = _mm256_set1_epi32((int)(filt[k] * 0x10001u));
                const __m256i f = _mm256_set1_epi32(filt[k]);
                const __m256i xl = _mm256_unpacklo_epi16(x0, x1);
                const __m256i xh = _mm256_unpackhi_epi16(x0, x1);
                const __m256i yl = _mm256_unpacklo_epi16(y0, y1);
                const __m256i yh = _mm256_unpackhi_epi16(y0, y1);
                m1l = _mm256_add_epi32(m1l, _mm256_madd_epi16(xl, fpair));
                m1h = _mm256_add_epi32(m1h, _mm256_madd_epi16(xh, fpair));
                m2l = _mm256_add_epi32(m2l, _mm256_madd_epi16(yl, fpair));
                m2h = _mm256_add_epi32(m2h, _mm256_madd_epi16(yh, fpair));
                xxl = _mm256_add_epi32(xxl, _mm256_mullo_epi32(_mm256_madd_epi16(xl, xl), f));
                xxh = _mm256_add_epi32(xxh, _mm256_mullo_epi32(_mm256_madd_epi16(xh, xh), f));
                yyl = _mm256_add_epi32(yyl, _mm256_mullo_epi32(_mm256_madd_epi16(yl, yl), f));
                yyh = _mm256_add_epi32(yyh, _mm256_mullo_epi32(_mm256_madd_epi16(yh, yh), f));
                xyl = _mm256_add_epi32(xyl, _mm256_mullo_epi32(_mm256_madd_epi16(xl, yl), f));
                xyh = _mm256_add_epi32(xyh, _mm256_mullo_epi32(_mm256_madd_epi16(xh, yh), f));
            }
#define VIF_STORE_PAIR(dst, lo, hi, rnd, sh)                                              \
    do {                                                                                  \
        const __m256i l_ = _mm256_srl_epi32(_mm256_add_epi32(lo, rnd), sh);               \
        const __m256i h_ = _mm256_srl_epi32(_mm256_add_epi32(hi, rnd), sh);               \
        vif_store_u32x8(dst, j, _mm256_permute2x128_si256(l_, h_, 0x20));                 \
        vif_store_u32x8(dst, j + 8, _mm256_permute2x128_si256(l_, h_, 0x31));             \
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
        VifStatRow o;
        vif_offset_rows(rr, ref_rows, taps, j);
        vif_offset_rows(dr, dis_rows, taps, j);
        vif_offset_stat(&o, out, j);
        vmafx_vif_vert_stats_8_c(rr, dr, filt, taps, w - j, mean_shift, sq_shift, &o);
    }
}

void vmafx_vif_vert_stats_16_avx2(const void *const *ref_rows, const void *const *dis_rows,
                                  const uint16_t *filt, unsigned taps, unsigned w,
                                  unsigned mean_shift, unsigned sq_shift, const VifStatRow *out)
{
    const unsigned r = taps / 2;
    unsigned j = 0;

    if (sq_shift <= 16) {
        const __m256i mrnd = _mm256_set1_epi32((int)(1u << (mean_shift - 1)));
        const __m128i msh = _mm_cvtsi32_si128((int)mean_shift);
        const __m256i srnd = _mm256_set1_epi32(sq_shift ? (int)(1u << (sq_shift - 1)) : 0);
        const __m128i ssh = _mm_cvtsi32_si128((int)sq_shift);
        const __m128i ssh_up = _mm_cvtsi32_si128(16 - (int)sq_shift);
        const __m256i zero = _mm256_setzero_si256();

        for (; j + 8 <= w; j += 8) {
            __m256i m1 = zero, m2 = zero;
            __m256i sxx = zero, syy = zero, sxy = zero, hxx = zero, hyy = zero, hxy = zero;
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

void vmafx_vif_hori_stats_avx2(const VifStatRow *v, const uint16_t *filt, unsigned taps,
                               unsigned w, int32_t *s1, int32_t *s2, int32_t *s12)
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
