/*
 * checkasm driver. Usage: checkasm [--bench] [--seed N] [--test NAME]
 * Exit status 0 when every SIMD kernel matched the C kernel on every input.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "checkasm.h"
#include "cpu.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static int bench_mode;
static const char *filter;
static unsigned long n_checks, n_fails;

uint32_t checkasm_rand(void)
{
    uint64_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    rng_state = x;
    return (uint32_t)(x >> 32);
}

uint32_t checkasm_rand_bits(unsigned bits)
{
    const uint32_t r = checkasm_rand();
    return bits >= 32 ? r : r & ((1u << bits) - 1);
}

int checkasm_want(const char *name)
{
    return !filter || strstr(name, filter) != NULL;
}

int checkasm_check(int ok, const char *kernel, const char *isa, const char *fmt, ...)
{
    n_checks++;
    if (ok)
        return 1;
    n_fails++;
    if (n_fails <= 50) {
        va_list ap;
        va_start(ap, fmt);
        fprintf(stderr, "FAIL %s_%s: ", kernel, isa);
        vfprintf(stderr, fmt, ap);
        fputc('\n', stderr);
        va_end(ap);
    }
    return 0;
}

int checkasm_benching(void)
{
    return bench_mode;
}

void checkasm_bench_report(const char *kernel, const char *isa, double c_ns, double simd_ns)
{
    printf("  %-28s %-7s C %10.1f us  SIMD %10.1f us  speedup %5.2fx\n", kernel, isa,
           c_ns / 1e3, simd_ns / 1e3, simd_ns > 0 ? c_ns / simd_ns : 0.0);
}

double checkasm_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--bench")) {
            bench_mode = 1;
        } else if (!strcmp(argv[i], "--seed") && i + 1 < argc) {
            rng_state = strtoull(argv[++i], NULL, 0) | 1;
        } else if (!strcmp(argv[i], "--test") && i + 1 < argc) {
            filter = argv[++i];
        } else {
            fprintf(stderr, "usage: %s [--bench] [--seed N] [--test NAME]\n", argv[0]);
            return 2;
        }
    }

    const unsigned have = vmafx_cpu_detect();
#define X86_AVX2 (VMAFX_CPU_SSE2 | VMAFX_CPU_SSSE3 | VMAFX_CPU_SSE41 | VMAFX_CPU_AVX2)
    static const CheckasmIsa levels[] = {
        { "avx2", X86_AVX2, 0 },
        { "avx512", X86_AVX2 | VMAFX_CPU_AVX512, X86_AVX2 },
        { "avx512icl", X86_AVX2 | VMAFX_CPU_AVX512 | VMAFX_CPU_AVX512ICL,
          X86_AVX2 | VMAFX_CPU_AVX512 },
    };
    int tested = 0;
#if defined(__x86_64__)
    for (size_t l = 0; l < sizeof(levels) / sizeof(levels[0]); l++) {
        if ((have & levels[l].flags) != levels[l].flags) {
            printf("%s: not supported by this CPU, skipped\n", levels[l].name);
            continue;
        }
        printf("%s:\n", levels[l].name);
        checkasm_vif(&levels[l]);
        checkasm_motion(&levels[l]);
        checkasm_adm(&levels[l]);
        tested++;
    }
#elif defined(__aarch64__)
    (void)levels;
    static const CheckasmIsa neon = { "neon", VMAFX_CPU_NEON, 0 };
    if (have & VMAFX_CPU_NEON) {
        printf("%s:\n", neon.name);
        checkasm_vif(&neon);
        checkasm_motion(&neon);
        checkasm_adm(&neon);
        tested++;
    } else {
        printf("neon: not supported by this CPU, skipped\n");
    }
#else
    (void)have;
    (void)levels;
#endif
    printf("checkasm: %d ISA level(s), %lu comparisons, %lu failed\n", tested, n_checks,
           n_fails);
    return n_fails ? 1 : 0;
}
