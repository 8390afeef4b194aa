/*
 * Integer motion: AVX2 blurred-difference SAD (contract in feature/motion_dsp.h).
 *
 * Depths up to 15 bits (16-bit planes go to the C kernel): then the sample
 * differences fit int16, the vertical sums (taps summing to 2^16) fit 32 bits
 * and the vertical outputs v, rounded by 2^bpc, fit 17 signed bits. The horizontal
 * sum 65536-weighted of such v needs 33 bits, so it is split into
 * A = sum f * (v >> 8) and B = sum f * (v & 255), both exact in 32 bits, and
 * (256 A + B + 2^15) >> 16 = (A >> 8) + ((((A & 255) << 8) + B + 2^15) >> 16).
 */
#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "feature/motion_dsp.h"

#define MOTION_F0 3571
#define MOTION_F1 16004
#define MOTION_F2 26386


static inline __m256i motion_diff16(const uint16_t *p, const uint16_t *c)
{
    return _mm256_sub_epi16(_mm256_loadu_si256((const __m256i *)p),
                            _mm256_loadu_si256((const __m256i *)c));
}

uint64_t vmafx_motion_blur_sad_avx2(const uint16_t *prev, const uint16_t *cur, unsigned w,
                                    unsigned h, unsigned bpc, void *scratch)
{
    if (bpc < 8 || bpc > 15)
        return vmafx_motion_blur_sad_c(prev, cur, w, h, bpc, scratch);

    int32_t *vrow = (int32_t *)scratch + 2; /* column c at vrow[c], 2 padding each side */
    const __m256i f01 = _mm256_set1_epi32(MOTION_F0 | (MOTION_F1 << 16));
    const __m256i f2 = _mm256_set1_epi32(MOTION_F2);
    const __m256i vrnd = _mm256_set1_epi32(1 << (bpc - 1));
    const __m128i vsh = _mm_cvtsi32_si128((int)bpc);
    /* wider depths: (d0, d1) x (f0, f1) + (d3, d4) x (f1, f0) + (d2, 0) x (f2, 0) */
    const __m256i f10 = _mm256_set1_epi32(MOTION_F1 | (MOTION_F0 << 16));
    const __m256i hf0 = _mm256_set1_epi32(MOTION_F0), hf1 = _mm256_set1_epi32(MOTION_F1);
    const __m256i hf2 = _mm256_set1_epi32(MOTION_F2);
    const __m256i lo8 = _mm256_set1_epi32(255), hrnd = _mm256_set1_epi32(32768);
    uint64_t total = 0;

    for (unsigned r = 0; r < h; r++) {
        const size_t o0 = (size_t)vmafx_motion_mirror((int)r - 2, h) * w;
        const size_t o1 = (size_t)vmafx_motion_mirror((int)r - 1, h) * w;
        const size_t o2 = (size_t)r * w;
        const size_t o3 = (size_t)vmafx_motion_mirror((int)r + 1, h) * w;
        const size_t o4 = (size_t)vmafx_motion_mirror((int)r + 2, h) * w;
        unsigned c = 0;

        /* vertical: differences fit int16, pairs of taps go through pmaddwd */
        for (; bpc == 8 && c + 16 <= w; c += 16) {
            const __m256i d0 = motion_diff16(prev + o0 + c, cur + o0 + c);
            const __m256i d1 = motion_diff16(prev + o1 + c, cur + o1 + c);
            const __m256i d2 = motion_diff16(prev + o2 + c, cur + o2 + c);
            const __m256i d3 = motion_diff16(prev + o3 + c, cur + o3 + c);
            const __m256i d4 = motion_diff16(prev + o4 + c, cur + o4 + c);
            const __m256i outer = _mm256_add_epi16(d0, d4), inner = _mm256_add_epi16(d1, d3);
            const __m256i zero = _mm256_setzero_si256();
            __m256i lo = _mm256_madd_epi16(_mm256_unpacklo_epi16(outer, inner), f01);
            __m256i hi = _mm256_madd_epi16(_mm256_unpackhi_epi16(outer, inner), f01);
            lo = _mm256_add_epi32(lo, _mm256_madd_epi16(_mm256_unpacklo_epi16(d2, zero), f2));
            hi = _mm256_add_epi32(hi, _mm256_madd_epi16(_mm256_unpackhi_epi16(d2, zero), f2));
            lo = _mm256_srai_epi32(_mm256_add_epi32(lo, vrnd), 8);
            hi = _mm256_srai_epi32(_mm256_add_epi32(hi, vrnd), 8);
            _mm256_storeu_si256((__m256i *)(vrow + c), _mm256_permute2x128_si256(lo, hi, 0x20));
            _mm256_storeu_si256((__m256i *)(vrow + c + 8),
                                _mm256_permute2x128_si256(lo, hi, 0x31));
        }
        /* over 8 bits the mirrored sums d0 + d4 may not fit int16 */
        for (; c + 16 <= w; c += 16) {
            const __m256i d0 = motion_diff16(prev + o0 + c, cur + o0 + c);
            const __m256i d1 = motion_diff16(prev + o1 + c, cur + o1 + c);
            const __m256i d2 = motion_diff16(prev + o2 + c, cur + o2 + c);
            const __m256i d3 = motion_diff16(prev + o3 + c, cur + o3 + c);
            const __m256i d4 = motion_diff16(prev + o4 + c, cur + o4 + c);
            const __m256i zero = _mm256_setzero_si256();
            __m256i lo = _mm256_madd_epi16(_mm256_unpacklo_epi16(d0, d1), f01);
            __m256i hi = _mm256_madd_epi16(_mm256_unpackhi_epi16(d0, d1), f01);
            lo = _mm256_add_epi32(lo, _mm256_madd_epi16(_mm256_unpacklo_epi16(d3, d4), f10));
            hi = _mm256_add_epi32(hi, _mm256_madd_epi16(_mm256_unpackhi_epi16(d3, d4), f10));
            lo = _mm256_add_epi32(lo, _mm256_madd_epi16(_mm256_unpacklo_epi16(d2, zero), f2));
            hi = _mm256_add_epi32(hi, _mm256_madd_epi16(_mm256_unpackhi_epi16(d2, zero), f2));
            lo = _mm256_sra_epi32(_mm256_add_epi32(lo, vrnd), vsh);
            hi = _mm256_sra_epi32(_mm256_add_epi32(hi, vrnd), vsh);
            _mm256_storeu_si256((__m256i *)(vrow + c), _mm256_permute2x128_si256(lo, hi, 0x20));
            _mm256_storeu_si256((__m256i *)(vrow + c + 8),
                                _mm256_permute2x128_si256(lo, hi, 0x31));
        }
        for (; c < w; c++) {
            const int32_t d0 = (int32_t)prev[o0 + c] - cur[o0 + c];
            const int32_t d1 = (int32_t)prev[o1 + c] - cur[o1 + c];
            const int32_t d2 = (int32_t)prev[o2 + c] - cur[o2 + c];
            const int32_t d3 = (int32_t)prev[o3 + c] - cur[o3 + c];
            const int32_t d4 = (int32_t)prev[o4 + c] - cur[o4 + c];
            const int32_t acc = MOTION_F0 * (d0 + d4) + MOTION_F1 * (d1 + d3) + MOTION_F2 * d2;
            vrow[c] = (acc + (1 << (bpc - 1))) >> bpc;
        }
        vrow[-2] = vrow[2];
        vrow[-1] = vrow[1];
        vrow[w] = vrow[w - 2];
        vrow[w + 1] = vrow[w - 3];

        /* horizontal: split sums, |result| summed in 32-bit lanes per row */
        __m256i lanes = _mm256_setzero_si256();
        c = 0;
        for (; c + 8 <= w; c += 8) {
#define MOTION_LD(k) _mm256_loadu_si256((const __m256i *)(vrow + (ptrdiff_t)c + (k)))
            const __m256i vm2 = MOTION_LD(-2), vm1 = MOTION_LD(-1), v0 = MOTION_LD(0);
            const __m256i vp1 = MOTION_LD(1), vp2 = MOTION_LD(2);
#undef MOTION_LD
            __m256i a = _mm256_mullo_epi32(_mm256_add_epi32(_mm256_srai_epi32(vm2, 8),
                                                            _mm256_srai_epi32(vp2, 8)), hf0);
            a = _mm256_add_epi32(a, _mm256_mullo_epi32(
                _mm256_add_epi32(_mm256_srai_epi32(vm1, 8), _mm256_srai_epi32(vp1, 8)), hf1));
            a = _mm256_add_epi32(a, _mm256_mullo_epi32(_mm256_srai_epi32(v0, 8), hf2));
            __m256i b = _mm256_mullo_epi32(_mm256_add_epi32(_mm256_and_si256(vm2, lo8),
                                                            _mm256_and_si256(vp2, lo8)), hf0);
            b = _mm256_add_epi32(b, _mm256_mullo_epi32(
                _mm256_add_epi32(_mm256_and_si256(vm1, lo8), _mm256_and_si256(vp1, lo8)), hf1));
            b = _mm256_add_epi32(b, _mm256_mullo_epi32(_mm256_and_si256(v0, lo8), hf2));
            const __m256i frac = _mm256_srai_epi32(_mm256_add_epi32(_mm256_add_epi32(
                _mm256_slli_epi32(_mm256_and_si256(a, lo8), 8), b), hrnd), 16);
            const __m256i v = _mm256_add_epi32(_mm256_srai_epi32(a, 8), frac);
            lanes = _mm256_add_epi32(lanes, _mm256_abs_epi32(v));
        }
        /* each lane holds at most w / 8 values below 2^17: no overflow for w <= 2^16 */
        const __m256i sum64 = _mm256_add_epi64(
            _mm256_cvtepu32_epi64(_mm256_castsi256_si128(lanes)),
            _mm256_cvtepu32_epi64(_mm256_extracti128_si256(lanes, 1)));
        const __m128i s2 = _mm_add_epi64(_mm256_castsi256_si128(sum64),
                                         _mm256_extracti128_si256(sum64, 1));
        uint64_t row_sum = (uint64_t)_mm_cvtsi128_si64(s2) +
                           (uint64_t)_mm_extract_epi64(s2, 1);
        for (; c < w; c++) {
            const ptrdiff_t x = c;
            const int64_t acc = (int64_t)MOTION_F0 * (vrow[x - 2] + vrow[x + 2]) +
                                (int64_t)MOTION_F1 * (vrow[x - 1] + vrow[x + 1]) +
                                (int64_t)MOTION_F2 * vrow[x];
            const int64_t v = (acc + (1 << 15)) >> 16;
            row_sum += (uint64_t)(v < 0 ? -v : v);
        }
        total += row_sum;
    }
    return total;
}
