/*
 * CPU feature detection (once per process) and the per-context mask.
 */
#ifndef VMAFX_SRC_CPU_H
#define VMAFX_SRC_CPU_H

#include <stdint.h>

enum VmafxCpuFlags {
    VMAFX_CPU_SSE2 = 1 << 0,
    VMAFX_CPU_SSSE3 = 1 << 1,
    VMAFX_CPU_SSE41 = 1 << 2,
    VMAFX_CPU_AVX2 = 1 << 3,
    VMAFX_CPU_AVX512 = 1 << 4,
    VMAFX_CPU_AVX512ICL = 1 << 5,
    VMAFX_CPU_NEON = 1 << 0, /* aarch64 uses bit 0 */
};

/* Detected flags (immutable after the first call). */
unsigned vmafx_cpu_detect(void);

/* Flags a context with this cpumask may use: detected & ~cpumask (low 32 bits). */
unsigned vmafx_cpu_allowed(uint64_t cpumask);

#endif /* VMAFX_SRC_CPU_H */
