/*
 * Integer ADM: AVX-512 Ice Lake level kernels (contracts in feature/adm_dsp.h):
 * the transform kernels of adm_avx512_tmpl.c with VNNI's vpdpwssd, which adds
 * a pmaddwd product to its accumulator in one instruction.
 */
#include <immintrin.h>

#define ADM_FN(name) vmafx_adm_##name##_avx512icl
#define ADM_DOT(acc, a, b) _mm512_dpwssd_epi32(acc, a, b)
#include "feature/x86/adm_avx512_tmpl.c"
