/*
 * Integer motion: AVX-512 blurred-difference SAD (contract in feature/motion_dsp.h).
 *
 * Same arithmetic as the AVX2 kernel (see motion_avx2.c): for depths up to 15
 * bits the vertical output v of a column fits 17 signed bits, and the
 * horizontal sum is taken as A = sum f * (v >> 8) and B = sum f * (v & 255) with
 *   (256 A + B + 2^15) >> 16 = (A >> 8) + ((((A & 255) << 8) + B + 2^15) >> 16).
 * Here v >> 8 (in [-256, 255]) and v & 255 are stored as two int16 rows, so
 * the horizontal pass is pmaddwd on 32 columns at a time instead of 32-bit
 * multiplies; the sums it forms (|A|, B < 2^24) are exact in 32 bits.
 * 16-bit planes go to the AVX2 kernel (which hands them to C).
 */
#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "feature/motion_dsp.h"
#include "feature/x86/hsum_avx512.h"

#define MOTION_F0 3571
#define MOTION_F1 16004
#define MOTION_F2 26386


static inline __m512i motion_diff(const uint16_t *p, const uint16_t *c)
{
    return _mm512_sub_epi16(_mm512_loadu_si512((const void *)p),
                            _mm512_loadu_si512((const void *)c));
}

/*
 * Vertical pass of 32 columns: the rounded sums v, as their high part v >> 8
 * and low byte v & 255, stored in column order to hi8[] and lo8[].
 */
static inline void motion_vert32(const uint16_t *const p[5], const uint16_t *const q[5],
                                 size_t c, unsigned bpc, __m128i vsh, int16_t *hi8,
                                 int16_t *lo8)
{
    const __m512i f01 = _mm512_set1_epi32(MOTION_F0 | (MOTION_F1 << 16));
    const __m512i f10 = _mm512_set1_epi32(MOTION_F1 | (MOTION_F0 << 16));
    const __m512i f2 = _mm512_set1_epi32(MOTION_F2);
    const __m512i vrnd = _mm512_set1_epi32(1 << (bpc - 1));
    const __m512i byte = _mm512_set1_epi32(255);
    const __m512i zero = _mm512_setzero_si512();
    const __m512i d0 = motion_diff(p[0] + c, q[0] + c), d1 = motion_diff(p[1] + c, q[1] + c);
    const __m512i d2 = motion_diff(p[2] + c, q[2] + c), d3 = motion_diff(p[3] + c, q[3] + c);
    const __m512i d4 = motion_diff(p[4] + c, q[4] + c);
    __m512i lo, hi;
    if (bpc == 8) { /* mirrored sums of 8-bit differences fit int16 */
        const __m512i outer = _mm512_add_epi16(d0, d4), inner = _mm512_add_epi16(d1, d3);
        lo = _mm512_madd_epi16(_mm512_unpacklo_epi16(outer, inner), f01);
        hi = _mm512_madd_epi16(_mm512_unpackhi_epi16(outer, inner), f01);
    } else {
        lo = _mm512_add_epi32(_mm512_madd_epi16(_mm512_unpacklo_epi16(d0, d1), f01),
                              _mm512_madd_epi16(_mm512_unpacklo_epi16(d3, d4), f10));
        hi = _mm512_add_epi32(_mm512_madd_epi16(_mm512_unpackhi_epi16(d0, d1), f01),
                              _mm512_madd_epi16(_mm512_unpackhi_epi16(d3, d4), f10));
    }
    lo = _mm512_add_epi32(lo, _mm512_madd_epi16(_mm512_unpacklo_epi16(d2, zero), f2));
    hi = _mm512_add_epi32(hi, _mm512_madd_epi16(_mm512_unpackhi_epi16(d2, zero), f2));
    lo = _mm512_sra_epi32(_mm512_add_epi32(lo, vrnd), vsh);
    hi = _mm512_sra_epi32(_mm512_add_epi32(hi, vrnd), vsh);
    /* unpacklo/hi split each 128-bit lane into columns 0-3 and 4-7; the
     * in-lane pack puts them back in order */
    _mm512_storeu_si512((void *)(hi8 + c), _mm512_packs_epi32(_mm512_srai_epi32(lo, 8),
                                                              _mm512_srai_epi32(hi, 8)));
    _mm512_storeu_si512((void *)(lo8 + c), _mm512_packs_epi32(_mm512_and_si512(lo, byte),
                                                              _mm512_and_si512(hi, byte)));
}

/* 5-tap horizontal sums of 32 int16 columns starting at row + c, as the
 * 32-bit lanes lo (columns 0-3 of each 8) and hi (4-7). */
static inline void motion_hori32(const int16_t *row, __m512i *lo, __m512i *hi)
{
    const __m512i f01 = _mm512_set1_epi32(MOTION_F0 | (MOTION_F1 << 16));
    const __m512i f2 = _mm512_set1_epi32(MOTION_F2);
    const __m512i zero = _mm512_setzero_si512();
#define MOTION_LD(k) _mm512_loadu_si512((const void *)(row + (k)))
    const __m512i outer = _mm512_add_epi16(MOTION_LD(-2), MOTION_LD(2));
    const __m512i inner = _mm512_add_epi16(MOTION_LD(-1), MOTION_LD(1));
    const __m512i mid = MOTION_LD(0);
#undef MOTION_LD
    *lo = _mm512_add_epi32(_mm512_madd_epi16(_mm512_unpacklo_epi16(outer, inner), f01),
                           _mm512_madd_epi16(_mm512_unpacklo_epi16(mid, zero), f2));
    *hi = _mm512_add_epi32(_mm512_madd_epi16(_mm512_unpackhi_epi16(outer, inner), f01),
                           _mm512_madd_epi16(_mm512_unpackhi_epi16(mid, zero), f2));
}

/* |(256 A + B + 2^15) >> 16| per lane. */
static inline __m512i motion_abs_out(__m512i a, __m512i b)
{
    const __m512i byte = _mm512_set1_epi32(255), rnd = _mm512_set1_epi32(32768);
    const __m512i frac = _mm512_srai_epi32(
        _mm512_add_epi32(_mm512_add_epi32(_mm512_slli_epi32(_mm512_and_si512(a, byte), 8), b),
                         rnd), 16);
    return _mm512_abs_epi32(_mm512_add_epi32(_mm512_srai_epi32(a, 8), frac));
}

uint64_t vmafx_motion_blur_sad_avx512(const uint16_t *prev, const uint16_t *cur, unsigned w,
                                      unsigned h, unsigned bpc, void *scratch)
{
    if (bpc < 8 || bpc > 15 || w < 32)
        return vmafx_motion_blur_sad_avx2(prev, cur, w, h, bpc, scratch);

    /* two int16 rows with 2 mirrored entries on each side, 64-byte aligned
     * starts; (w + 4) * 8 bytes of scratch hold both with room to spare */
    const size_t span = ((size_t)w + 4 + 31) & ~(size_t)31;
    int16_t *const hi8 = (int16_t *)scratch + 2;
    int16_t *const lo8 = (int16_t *)scratch + span + 2;
    const __m128i vsh = _mm_cvtsi32_si128((int)bpc);
    uint64_t total = 0;

    for (unsigned r = 0; r < h; r++) {
        const uint16_t *p[5], *q[5];
        for (int k = 0; k < 5; k++) {
            const size_t o = (size_t)vmafx_motion_mirror((int)r + k - 2, h) * w;
            p[k] = prev + o;
            q[k] = cur + o;
        }
        size_t c = 0;
        for (; c + 32 <= w; c += 32)
            motion_vert32(p, q, c, bpc, vsh, hi8, lo8);
        for (; c < w; c++) {
            int32_t acc = 0;
            static const int32_t taps[5] = { MOTION_F0, MOTION_F1, MOTION_F2, MOTION_F1,
                                             MOTION_F0 };
            for (int k = 0; k < 5; k++)
                acc += taps[k] * ((int32_t)p[k][c] - (int32_t)q[k][c]);
            const int32_t v = (acc + (1 << (bpc - 1))) >> bpc;
            hi8[c] = (int16_t)(v >> 8);
            lo8[c] = (int16_t)(v & 255);
        }
        hi8[-2] = hi8[2], hi8[-1] = hi8[1], hi8[w] = hi8[w - 2], hi8[w + 1] = hi8[w - 3];
        lo8[-2] = lo8[2], lo8[-1] = lo8[1], lo8[w] = lo8[w - 2], lo8[w + 1] = lo8[w - 3];

        /* each lane adds at most w / 32 values below 2^17: no overflow for w <= 2^16 */
        __m512i lanes = _mm512_setzero_si512();
        c = 0;
        for (; c + 32 <= w; c += 32) {
            __m512i alo, ahi, blo, bhi;
            motion_hori32(hi8 + c, &alo, &ahi);
            motion_hori32(lo8 + c, &blo, &bhi);
            lanes = _mm512_add_epi32(lanes, _mm512_add_epi32(motion_abs_out(alo, blo),
                                                             motion_abs_out(ahi, bhi)));
        }
        uint64_t row_sum = vmafx_hsum_epi64_512(
            _mm512_add_epi64(_mm512_cvtepu32_epi64(_mm512_castsi512_si256(lanes)),
                             _mm512_cvtepu32_epi64(_mm512_extracti64x4_epi64(lanes, 1))));
        for (; c < w; c++) {
            const ptrdiff_t x = (ptrdiff_t)c;
            int32_t v[5];
            for (int k = 0; k < 5; k++)
                v[k] = 256 * hi8[x + k - 2] + lo8[x + k - 2];
            const int64_t acc = (int64_t)MOTION_F0 * (v[0] + v[4]) +
                                (int64_t)MOTION_F1 * (v[1] + v[3]) + (int64_t)MOTION_F2 * v[2];
            const int64_t o = (acc + (1 << 15)) >> 16;
            row_sum += (uint64_t)(o < 0 ? -o : o);
        }
        total += row_sum;
    }
    return total;
}
