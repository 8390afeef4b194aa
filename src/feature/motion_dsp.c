/*
 * Integer motion: reference SAD kernel and the ISA ladder.
 */
#include <stddef.h>
#include <stdint.h>

#include "cpu.h"
#include "feature/motion_dsp.h"

/* Five-tap low-pass filter; the taps sum to 1 << 16. */
static const int32_t motion_taps[5] = { 3571, 16004, 26386, 16004, 3571 };

uint64_t vmafx_motion_blur_sad_c(const uint16_t *prev, const uint16_t *cur, unsigned w,
                                 unsigned h, unsigned bpc, void *scratch)
{
    const int64_t vround = (int64_t)1 << (bpc - 1);
    int64_t *vrow = scratch;
    uint64_t total = 0;

    for (unsigned r = 0; r < h; r++) {
        size_t rows[5];
        for (int k = 0; k < 5; k++)
            rows[k] = (size_t)vmafx_motion_mirror((int)r + k - 2, h) * w;

        for (unsigned c = 0; c < w; c++) {
            int64_t acc = 0;
            for (int k = 0; k < 5; k++) {
                const int32_t d = (int32_t)prev[rows[k] + c] - (int32_t)cur[rows[k] + c];
                acc += (int64_t)motion_taps[k] * d;
            }
            vrow[c] = (acc + vround) >> bpc;
        }

        uint64_t row_sum = 0;
        for (unsigned c = 0; c < w; c++) {
            int64_t acc = 0;
            for (int k = 0; k < 5; k++)
                acc += motion_taps[k] * vrow[vmafx_motion_mirror((int)c + k - 2, w)];
            const int64_t v = (acc + (1 << 15)) >> 16;
            row_sum += (uint64_t)(v < 0 ? -v : v);
        }
        total += row_sum;
    }
    return total;
}

void vmafx_motion_dsp_init(MotionDsp *dsp, unsigned cpu_flags)
{
    dsp->blur_sad = vmafx_motion_blur_sad_c;
#if defined(__x86_64__)
    if (cpu_flags & VMAFX_CPU_AVX2)
        dsp->blur_sad = vmafx_motion_blur_sad_avx2;
    if ((cpu_flags & (VMAFX_CPU_AVX2 | VMAFX_CPU_AVX512)) == (VMAFX_CPU_AVX2 | VMAFX_CPU_AVX512))
        dsp->blur_sad = vmafx_motion_blur_sad_avx512;
#elif defined(__aarch64__)
    if (cpu_flags & VMAFX_CPU_NEON)
        dsp->blur_sad = vmafx_motion_blur_sad_neon;
#else
    (void)cpu_flags;
#endif
}
