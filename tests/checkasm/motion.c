/*
 * checkasm: integer motion kernel (feature/motion_dsp.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "checkasm.h"
#include "feature/motion_dsp.h"

enum { PAT_RANDOM, PAT_MAX_ZERO, PAT_ZERO_MAX, PAT_CHECKER, PAT_SMALL, PAT_COUNT };

static void fill(uint16_t *prev, uint16_t *cur, unsigned w, unsigned h, unsigned bpc, int pat)
{
    const uint16_t max = (uint16_t)((1u << bpc) - 1);
    for (unsigned i = 0; i < w * h; i++) {
        const unsigned x = i % w, y = i / w;
        switch (pat) {
        case PAT_MAX_ZERO: prev[i] = max; cur[i] = 0; break;
        case PAT_ZERO_MAX: prev[i] = 0; cur[i] = max; break;
        case PAT_CHECKER:
            prev[i] = ((x + y) & 1) ? max : 0;
            cur[i] = ((x + y) & 1) ? 0 : max;
            break;
        case PAT_SMALL:
            prev[i] = (uint16_t)checkasm_rand_bits(2);
            cur[i] = (uint16_t)checkasm_rand_bits(2);
            break;
        default:
            prev[i] = (uint16_t)checkasm_rand_bits(bpc);
            cur[i] = (uint16_t)checkasm_rand_bits(bpc);
        }
    }
}

void checkasm_motion(const CheckasmIsa *isa)
{
    MotionDsp c, s, prev_level;
    vmafx_motion_dsp_init(&c, 0);
    vmafx_motion_dsp_init(&s, isa->flags);
    vmafx_motion_dsp_init(&prev_level, isa->prev_flags);
    if (s.blur_sad == prev_level.blur_sad || !checkasm_want("motion_blur_sad"))
        return;

    static const unsigned sizes[][2] = {
        { 3, 3 }, { 4, 3 }, { 3, 5 }, { 7, 4 }, { 8, 8 }, { 15, 9 }, { 16, 3 }, { 17, 6 },
        { 31, 7 }, { 32, 3 }, { 33, 5 }, { 63, 4 }, { 64, 4 }, { 65, 6 }, { 96, 3 },
        { 100, 11 }, { 257, 3 }, { 1920, 4 }, { 1951, 3 },
    };
    const unsigned max_w = 1951, max_h = 11;
    uint16_t *prev = malloc((size_t)max_w * max_h * 2), *cur = malloc((size_t)max_w * max_h * 2);
    void *scratch = aligned_alloc(64, (VMAFX_MOTION_SCRATCH(max_w) + 63) & ~(size_t)63);
    if (!checkasm_check(prev && cur && scratch, "motion", isa->name, "out of memory"))
        goto done;

    static const unsigned depths[] = { 8, 9, 10, 12, 14, 15, 16 };
    for (size_t si = 0; si < sizeof(sizes) / sizeof(sizes[0]); si++) {
        for (unsigned di = 0; di < sizeof(depths) / sizeof(depths[0]); di++) {
            for (int pat = 0; pat < PAT_COUNT; pat++) {
                const unsigned w = sizes[si][0], h = sizes[si][1], bpc = depths[di];
                fill(prev, cur, w, h, bpc, pat);
                const uint64_t a = c.blur_sad(prev, cur, w, h, bpc, scratch);
                const uint64_t b = s.blur_sad(prev, cur, w, h, bpc, scratch);
                checkasm_check(a == b, "motion_blur_sad", isa->name,
                               "%ux%u bpc %u pattern %d: %llu vs %llu", w, h, bpc, pat,
                               (unsigned long long)a, (unsigned long long)b);
            }
        }
    }

    if (checkasm_benching()) {
        const unsigned w = 1920, h = 8, reps = 50;
        fill(prev, cur, w, h, 8, PAT_RANDOM);
        double t0 = checkasm_now_ns();
        for (unsigned i = 0; i < reps; i++)
            c.blur_sad(prev, cur, w, h, 8, scratch);
        double t1 = checkasm_now_ns();
        for (unsigned i = 0; i < reps; i++)
            s.blur_sad(prev, cur, w, h, 8, scratch);
        double t2 = checkasm_now_ns();
        checkasm_bench_report("motion_blur_sad (8 rows)", isa->name, (t1 - t0) / reps,
                              (t2 - t1) / reps);
    }
done:
    free(prev);
    free(cur);
    free(scratch);
}
