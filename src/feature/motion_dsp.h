/*
 * Integer motion: the blurred-difference SAD kernel behind a per-instance
 * function table. The C kernel in motion_dsp.c is the reference.
 */
#ifndef VMAFX_SRC_FEATURE_MOTION_DSP_H
#define VMAFX_SRC_FEATURE_MOTION_DSP_H

#include <stddef.h>
#include <stdint.h>

/* Bytes of scratch a kernel needs for planes of width w. */
#define VMAFX_MOTION_SCRATCH(w) (((size_t)(w) + 4) * sizeof(int64_t))

/*
 * Sum over a w x h plane (w, h >= 3, rows back to back) of |blur(prev - cur)|:
 * the 5-tap filter {3571, 16004, 26386, 16004, 3571} with mirrored borders,
 * vertical pass rounded by 2^bpc, horizontal pass by 2^16, floor shifts.
 * For bpc == 8 every sample must be below 256. `scratch` holds
 * VMAFX_MOTION_SCRATCH(w) bytes, 64-byte aligned.
 */
typedef uint64_t (*MotionSadFn)(const uint16_t *prev, const uint16_t *cur, unsigned w,
                                unsigned h, unsigned bpc, void *scratch);

/* Whole-sample symmetric border (edge not repeated) of index i on n >= 3 samples. */
static inline unsigned vmafx_motion_mirror(int i, unsigned n)
{
    if (i < 0)
        return (unsigned)-i;
    if (i >= (int)n)
        return 2 * n - 2 - (unsigned)i;
    return (unsigned)i;
}

typedef struct MotionDsp {
    MotionSadFn blur_sad;
} MotionDsp;

void vmafx_motion_dsp_init(MotionDsp *dsp, unsigned cpu_flags);

uint64_t vmafx_motion_blur_sad_c(const uint16_t *prev, const uint16_t *cur, unsigned w,
                                 unsigned h, unsigned bpc, void *scratch);
uint64_t vmafx_motion_blur_sad_avx2(const uint16_t *prev, const uint16_t *cur, unsigned w,
                                    unsigned h, unsigned bpc, void *scratch);
uint64_t vmafx_motion_blur_sad_avx512(const uint16_t *prev, const uint16_t *cur, unsigned w,
                                      unsigned h, unsigned bpc, void *scratch);

#if defined(__aarch64__)
/* aarch64 kernel (src/feature/arm/motion_neon.c), same contract. */
uint64_t vmafx_motion_blur_sad_neon(const uint16_t *prev, const uint16_t *cur, unsigned w,
                                    unsigned h, unsigned bpc, void *scratch);
#endif

#endif /* VMAFX_SRC_FEATURE_MOTION_DSP_H */
