/*
 * checkasm: every SIMD kernel of a DSP table against its C reference, on
 * random and edge inputs, at every ISA level this CPU has.
 */
#ifndef VMAFX_TESTS_CHECKASM_H
#define VMAFX_TESTS_CHECKASM_H

#include <stddef.h>
#include <stdint.h>

/* 32 random bits (xorshift, seeded from the command line). */
uint32_t checkasm_rand(void);
/* Random value in [0, 2^bits). */
uint32_t checkasm_rand_bits(unsigned bits);

/* True when kernel `name` of ISA `isa` should run (command-line filter). */
int checkasm_want(const char *name);
/* Records one comparison; prints the failing case when !ok. Returns ok. */
int checkasm_check(int ok, const char *kernel, const char *isa, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* In --bench mode, records the time of `reps` calls of C and SIMD. */
int checkasm_benching(void);
void checkasm_bench_report(const char *kernel, const char *isa, double c_ns, double simd_ns);
double checkasm_now_ns(void);

/* The ISA levels above C, each with the flags that enable it and its kernels. */
typedef struct CheckasmIsa {
    const char *name;
    unsigned flags;      /* enables this level */
    unsigned prev_flags; /* the level below: only kernels that differ are tested */
} CheckasmIsa;

void checkasm_vif(const CheckasmIsa *isa);
void checkasm_motion(const CheckasmIsa *isa);
void checkasm_adm(const CheckasmIsa *isa);

#endif /* VMAFX_TESTS_CHECKASM_H */
