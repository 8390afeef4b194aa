/*
 * Horizontal sum of eight 64-bit lanes, modulo 2^64, in vector adds. GCC's
 * _mm512_reduce_add_epi64 adds the lanes as C long long, which is undefined
 * (and flagged by UBSan) when a kernel's contract lets the sum wrap.
 */
#ifndef VMAFX_SRC_FEATURE_X86_HSUM_AVX512_H
#define VMAFX_SRC_FEATURE_X86_HSUM_AVX512_H

#include <immintrin.h>
#include <stdint.h>

static inline uint64_t vmafx_hsum_epi64_512(__m512i v)
{
    const __m256i s = _mm256_add_epi64(_mm512_castsi512_si256(v),
                                       _mm512_extracti64x4_epi64(v, 1));
    __m128i t = _mm_add_epi64(_mm256_castsi256_si128(s), _mm256_extracti128_si256(s, 1));
    t = _mm_add_epi64(t, _mm_unpackhi_epi64(t, t));
    return (uint64_t)_mm_cvtsi128_si64(t);
}

#endif /* VMAFX_SRC_FEATURE_X86_HSUM_AVX512_H */
