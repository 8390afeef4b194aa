/*
 * CPU feature detection. The result is immutable process data; the per-context
 * mask is applied by vmafx_cpu_allowed().
 */
#include <pthread.h>

#include "cpu.h"

static unsigned detected_flags;
static pthread_once_t detect_once = PTHREAD_ONCE_INIT;

static void detect(void)
{
    unsigned f = 0;
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("sse2"))
        f |= VMAFX_CPU_SSE2;
    if (__builtin_cpu_supports("ssse3"))
        f |= VMAFX_CPU_SSSE3;
    if (__builtin_cpu_supports("sse4.1"))
        f |= VMAFX_CPU_SSE41;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        f |= VMAFX_CPU_AVX2;
    if ((f & VMAFX_CPU_AVX2) && __builtin_cpu_supports("avx512f") &&
        __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("avx512vl"))
        f |= VMAFX_CPU_AVX512;
    /* the Ice Lake set, as upstream's cpumask bit 5 (VAES, which every such CPU
     * has, is left out: clang 14 cannot test it); kernels use VNNI and VBMI */
    if ((f & VMAFX_CPU_AVX512) && __builtin_cpu_supports("avx512vnni") &&
        __builtin_cpu_supports("avx512vbmi") && __builtin_cpu_supports("avx512vbmi2") &&
        __builtin_cpu_supports("avx512bitalg") && __builtin_cpu_supports("avx512vpopcntdq") &&
        __builtin_cpu_supports("gfni") && __builtin_cpu_supports("vpclmulqdq"))
        f |= VMAFX_CPU_AVX512ICL;
#elif defined(__aarch64__)
    f |= VMAFX_CPU_NEON;
#endif
    detected_flags = f;
}

unsigned vmafx_cpu_detect(void)
{
    pthread_once(&detect_once, detect);
    return detected_flags;
}

unsigned vmafx_cpu_allowed(uint64_t cpumask)
{
    return vmafx_cpu_detect() & ~(unsigned)(cpumask & 0xffffffffu);
}
