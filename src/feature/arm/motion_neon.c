/*
 * Integer motion: NEON blurred-difference SAD (contract in motion_dsp.h).
 *
 * The vertical pass keeps the blurred row as int32 (|value| < 2^24 for any
 * 16-bit input, so narrowing is exact) and both passes accumulate in int64
 * lanes, which matches the reference for every input, in range or not.
 */
#include <arm_neon.h>
#include <stddef.h>
#include <stdint.h>

#include "feature/motion_dsp.h"

/* Five-tap low-pass filter, symmetric: t0 pairs the outer, t1 the inner taps. */
enum { MOTION_T0 = 3571, MOTION_T1 = 16004, MOTION_T2 = 26386 };

static inline unsigned mirror_row(int i, unsigned n)
{
    if (i < 0)
        return (unsigned)-i;
    if (i >= (int)n)
        return 2 * n - 2 - (unsigned)i;
    return (unsigned)i;
}

/* sum_k t_k * e_k for four int32 lanes, as two int64x2 halves. */
static inline void taps3_s64(int32x4_t outer, int32x4_t inner, int32x4_t mid, int64x2_t *lo,
                             int64x2_t *hi)
{
    int64x2_t a = vmull_n_s32(vget_low_s32(outer), MOTION_T0);
    int64x2_t b = vmull_high_n_s32(outer, MOTION_T0);
    a = vmlal_n_s32(a, vget_low_s32(inner), MOTION_T1);
    b = vmlal_high_n_s32(b, inner, MOTION_T1);
    a = vmlal_n_s32(a, vget_low_s32(mid), MOTION_T2);
    b = vmlal_high_n_s32(b, mid, MOTION_T2);
    *lo = a;
    *hi = b;
}

uint64_t vmafx_motion_blur_sad_neon(const uint16_t *prev, const uint16_t *cur, unsigned w,
                                    unsigned h, unsigned bpc, void *scratch)
{
    static const int32_t taps[5] = { MOTION_T0, MOTION_T1, MOTION_T2, MOTION_T1, MOTION_T0 };
    /* blurred row at vrow[2 + c], two mirrored entries on each side */
    int32_t *const vrow = scratch;
    int32_t *const row = vrow + 2;
    const int64x2_t vshift = vdupq_n_s64(-(int64_t)bpc);
    const int64_t vround = (int64_t)1 << (bpc - 1);
    uint64_t total = 0;

    for (unsigned r = 0; r < h; r++) {
        const uint16_t *p[5], *q[5];
        for (int k = 0; k < 5; k++) {
            const size_t off = (size_t)mirror_row((int)r + k - 2, h) * w;
            p[k] = prev + off;
            q[k] = cur + off;
        }

        unsigned c = 0;
        for (; c + 4 <= w; c += 4) {
            int32x4_t d[5];
            for (int k = 0; k < 5; k++)
                d[k] = vreinterpretq_s32_u32(vsubl_u16(vld1_u16(p[k] + c), vld1_u16(q[k] + c)));
            int64x2_t lo, hi;
            taps3_s64(vaddq_s32(d[0], d[4]), vaddq_s32(d[1], d[3]), d[2], &lo, &hi);
            /* rounding shift: (acc + 2^(bpc-1)) >> bpc, no intermediate overflow */
            lo = vrshlq_s64(lo, vshift);
            hi = vrshlq_s64(hi, vshift);
            vst1q_s32(row + c, vcombine_s32(vmovn_s64(lo), vmovn_s64(hi)));
        }
        for (; c < w; c++) {
            int64_t acc = 0;
            for (int k = 0; k < 5; k++)
                acc += (int64_t)taps[k] * ((int32_t)p[k][c] - (int32_t)q[k][c]);
            row[c] = (int32_t)((acc + vround) >> bpc);
        }
        row[-1] = row[1];
        row[-2] = row[2];
        row[w] = row[w - 2];
        row[w + 1] = row[w - 3];

        uint64x2_t sum = vdupq_n_u64(0);
        for (c = 0; c + 4 <= w; c += 4) {
            const int32x4_t m2 = vld1q_s32(row + c - 2), m1 = vld1q_s32(row + c - 1);
            const int32x4_t c0 = vld1q_s32(row + c);
            const int32x4_t p1 = vld1q_s32(row + c + 1), p2 = vld1q_s32(row + c + 2);
            int64x2_t lo, hi;
            taps3_s64(vaddq_s32(m2, p2), vaddq_s32(m1, p1), c0, &lo, &hi);
            lo = vabsq_s64(vrshrq_n_s64(lo, 16));
            hi = vabsq_s64(vrshrq_n_s64(hi, 16));
            sum = vaddq_u64(sum, vreinterpretq_u64_s64(vaddq_s64(lo, hi)));
        }
        uint64_t row_sum = vgetq_lane_u64(sum, 0) + vgetq_lane_u64(sum, 1);
        for (; c < w; c++) {
            int64_t acc = 0;
            for (int k = 0; k < 5; k++)
                acc += (int64_t)taps[k] * row[(int)c + k - 2];
            const int64_t v = (acc + (1 << 15)) >> 16;
            row_sum += (uint64_t)(v < 0 ? -v : v);
        }
        total += row_sum;
    }
    return total;
}
