/*
 * checkasm: integer VIF kernels (feature/vif_dsp.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkasm.h"
#include "feature/integer_vif_log2.h"
#include "feature/vif_dsp.h"

static const uint16_t filt17[17] = {
    489, 935, 1640, 2640, 3896, 5274, 6547, 7455, 7784,
    7455, 6547, 5274, 3896, 2640, 1640, 935, 489,
};
static const uint16_t filt9[9] = { 1244, 3663, 7925, 12590, 14692, 12590, 7925, 3663, 1244 };
static const uint16_t filt5[5] = { 3571, 16004, 26386, 16004, 3571 };
static const uint16_t filt3[3] = { 10904, 43728, 10904 };
static const uint16_t *const filters[4] = { filt17, filt9, filt5, filt3 };
static const unsigned filter_taps[4] = { 17, 9, 5, 3 };

static const unsigned widths[] = { 1, 2, 3, 7, 8, 9, 15, 16, 17, 23, 31, 32, 33, 47, 64, 100,
                                   255, 256, 257, 513, 1920 };
#define N_WIDTHS (sizeof(widths) / sizeof(widths[0]))
#define MAX_W 1920
#define PAD 16

/* Sample patterns: random, all zero, all max, alternating 0/max, random max-or-zero. */
enum { PAT_RANDOM, PAT_ZERO, PAT_MAX, PAT_ALT, PAT_EXTREME, PAT_COUNT };

static uint32_t sample(int pat, unsigned bits, unsigned i)
{
    const uint32_t max = bits >= 32 ? 0xffffffffu : (1u << bits) - 1;
    switch (pat) {
    case PAT_ZERO: return 0;
    case PAT_MAX: return max;
    case PAT_ALT: return (i & 1) ? max : 0;
    case PAT_EXTREME: return (checkasm_rand() & 1) ? max : 0;
    default: return checkasm_rand_bits(bits);
    }
}

typedef struct Rows {
    uint8_t *r8[17], *d8[17];
    uint16_t *r16[17], *d16[17];
} Rows;

static void fill_rows(Rows *rw, int pat, unsigned bits, unsigned w)
{
    for (unsigned k = 0; k < 17; k++) {
        for (unsigned j = 0; j < w + PAD; j++) {
            rw->r8[k][j] = (uint8_t)sample(pat, bits < 8 ? bits : 8, j + k);
            rw->d8[k][j] = (uint8_t)sample(pat == PAT_ALT ? PAT_RANDOM : pat, bits < 8 ? bits : 8, j);
            rw->r16[k][j] = (uint16_t)sample(pat, bits, j + k);
            rw->d16[k][j] = (uint16_t)sample(pat == PAT_ALT ? PAT_RANDOM : pat, bits, j);
        }
    }
}

typedef struct StatBuf {
    uint32_t mem[5][MAX_W + 2 * PAD];
    VifStatRow row;
} StatBuf;

static void stat_init(StatBuf *b, uint32_t fill)
{
    for (int i = 0; i < 5; i++)
        for (unsigned j = 0; j < MAX_W + 2 * PAD; j++)
            b->mem[i][j] = fill;
    b->row.mu1 = b->mem[0] + PAD;
    b->row.mu2 = b->mem[1] + PAD;
    b->row.xx = b->mem[2] + PAD;
    b->row.yy = b->mem[3] + PAD;
    b->row.xy = b->mem[4] + PAD;
}

static int stat_equal(const StatBuf *a, const StatBuf *b)
{
    return !memcmp(a->mem, b->mem, sizeof(a->mem));
}

static void check_vert_stats(const VifDsp *c, const VifDsp *s, const VifDsp *prev,
                             const char *isa, Rows *rw, StatBuf *bc, StatBuf *bs)
{
    static const char *const names[2] = { "vif_vert_stats_8", "vif_vert_stats_16" };
    for (int wide = 0; wide < 2; wide++) {
        if (s->vert_stats[wide] == prev->vert_stats[wide] || !checkasm_want(names[wide]))
            continue;
        static const unsigned depths[] = { 8, 10, 12, 16 };
        for (unsigned di = 0; di < 4; di++) {
            const unsigned bpc = depths[di];
            if (!wide && bpc != 8)
                continue;
            for (unsigned sc = 0; sc < 4; sc++) {
                /* scale 0 reads the input depth, scales 1-3 the 16-bit pyramid; the
                 * 8-bit kernel also gets the other tap counts with other shifts */
                const unsigned bits = !wide ? 8 : sc ? 16 : bpc;
                const unsigned ms = !wide && sc ? 8 + sc : sc ? 16 : bpc;
                const unsigned ss = !wide && sc ? 4 * sc : sc ? 16 : 2 * (bpc - 8);
                for (unsigned wi = 0; wi < N_WIDTHS; wi++) {
                    for (int pat = 0; pat < PAT_COUNT; pat++) {
                        const unsigned w = widths[wi];
                        /* out-of-range high-depth samples must match too */
                        const unsigned fb = (wide && pat == PAT_EXTREME) ? 16 : bits;
                        fill_rows(rw, pat, fb, w);
                        const void *rr[17], *dr[17];
                        for (unsigned k = 0; k < 17; k++) {
                            rr[k] = wide ? (const void *)rw->r16[k] : (const void *)rw->r8[k];
                            dr[k] = wide ? (const void *)rw->d16[k] : (const void *)rw->d8[k];
                        }
                        stat_init(bc, 0xdeadbeef);
                        stat_init(bs, 0xdeadbeef);
                        c->vert_stats[wide](rr, dr, filters[sc], filter_taps[sc], w, ms, ss,
                                            &bc->row);
                        s->vert_stats[wide](rr, dr, filters[sc], filter_taps[sc], w, ms, ss,
                                            &bs->row);
                        checkasm_check(stat_equal(bc, bs), names[wide], isa,
                                       "bpc %u scale %u w %u pattern %d", bpc, sc, w, pat);
                    }
                }
            }
        }
        if (!wide)
            continue;
        /* x*y = -1 modulo 2^16 everywhere: the largest low-word sums of the products */
        for (unsigned k = 0; k < 17; k++) {
            for (unsigned j = 0; j < MAX_W + PAD; j++) {
                rw->r16[k][j] = 32769;
                rw->d16[k][j] = 32767;
            }
        }
        const void *rr[17], *dr[17];
        for (unsigned k = 0; k < 17; k++) {
            rr[k] = rw->r16[k];
            dr[k] = rw->d16[k];
        }
        for (unsigned sc = 0; sc < 4; sc++) {
            for (unsigned ss = 0; ss <= 16; ss += 4) {
                stat_init(bc, 0xdeadbeef);
                stat_init(bs, 0xdeadbeef);
                c->vert_stats[1](rr, dr, filters[sc], filter_taps[sc], 100, 16, ss, &bc->row);
                s->vert_stats[1](rr, dr, filters[sc], filter_taps[sc], 100, 16, ss, &bs->row);
                checkasm_check(stat_equal(bc, bs), names[1], isa,
                               "odd products, scale %u sq_shift %u", sc, ss);
            }
        }
    }
}

static void check_hori_stats(const VifDsp *c, const VifDsp *s, const VifDsp *prev,
                             const char *isa, StatBuf *in)
{
    if (s->hori_stats == prev->hori_stats || !checkasm_want("vif_hori_stats"))
        return;
    static int32_t oc[3][MAX_W + PAD], os[3][MAX_W + PAD];
    for (unsigned sc = 0; sc < 4; sc++) {
        for (unsigned wi = 0; wi < N_WIDTHS; wi++) {
            const unsigned w = widths[wi];
            const unsigned r = filter_taps[sc] / 2;
            if (w <= r)
                continue; /* the mirror padding needs w > taps / 2 */
            for (int pat = 0; pat < PAT_COUNT; pat++) {
                /* means below 2^16 as the vertical pass makes them, or any 32 bits */
                for (int mbits = 16; mbits <= 32; mbits += 16) {
                    stat_init(in, 0);
                    for (unsigned j = 0; j < w; j++) {
                        in->row.mu1[j] = sample(pat, (unsigned)mbits, j);
                        in->row.mu2[j] = sample(pat == PAT_ALT ? PAT_RANDOM : pat, (unsigned)mbits, j);
                        in->row.xx[j] = sample(pat, 32, j);
                        in->row.yy[j] = sample(pat, 32, j + 1);
                        in->row.xy[j] = sample(pat == PAT_ALT ? PAT_RANDOM : pat, 32, j);
                    }
                    uint32_t *arr[5] = { in->row.mu1, in->row.mu2, in->row.xx, in->row.yy,
                                         in->row.xy };
                    for (int a = 0; a < 5; a++) {
                        for (unsigned d = 1; d <= r; d++) {
                            arr[a][-(int)d] = arr[a][d];
                            arr[a][w - 1 + d] = arr[a][w - 1 - d];
                        }
                    }
                    memset(oc, 0x5a, sizeof(oc));
                    memset(os, 0x5a, sizeof(os));
                    c->hori_stats(&in->row, filters[sc], filter_taps[sc], w, oc[0], oc[1], oc[2]);
                    s->hori_stats(&in->row, filters[sc], filter_taps[sc], w, os[0], os[1], os[2]);
                    checkasm_check(!memcmp(oc, os, sizeof(oc)), "vif_hori_stats", isa,
                                   "taps %u w %u pattern %d mean bits %d", filter_taps[sc], w,
                                   pat, mbits);
                }
            }
        }
    }
}

static void check_filters(const VifDsp *c, const VifDsp *s, const VifDsp *prev,
                          const char *isa, Rows *rw)
{
    static uint16_t outc[MAX_W + PAD], outs[MAX_W + PAD];
    static const char *const names[2] = { "vif_vert_filter_8", "vif_vert_filter_16" };
    for (int wide = 0; wide < 2; wide++) {
        if (s->vert_filter[wide] == prev->vert_filter[wide] || !checkasm_want(names[wide]))
            continue;
        static const unsigned depths[] = { 8, 10, 12, 16 };
        for (unsigned di = 0; di < 4; di++) {
            const unsigned bpc = depths[di];
            if (!wide && bpc != 8)
                continue;
            /* scale 0's 17 taps too: not used by the extractor, but in the contract */
            for (unsigned sc = 0; sc < 4; sc++) {
                const unsigned shift = (sc <= 1) ? bpc : 16;
                const unsigned bits = (sc <= 1) ? bpc : 16;
                for (unsigned wi = 0; wi < N_WIDTHS; wi++) {
                    for (int pat = 0; pat < PAT_COUNT; pat++) {
                        const unsigned w = widths[wi];
                        fill_rows(rw, pat, (wide && pat == PAT_EXTREME) ? 16 : bits, w);
                        const void *rows[17];
                        for (unsigned k = 0; k < 17; k++)
                            rows[k] = wide ? (const void *)rw->r16[k] : (const void *)rw->r8[k];
                        memset(outc, 0x5a, sizeof(outc));
                        memset(outs, 0x5a, sizeof(outs));
                        c->vert_filter[wide](rows, filters[sc], filter_taps[sc], w, shift, outc);
                        s->vert_filter[wide](rows, filters[sc], filter_taps[sc], w, shift, outs);
                        checkasm_check(!memcmp(outc, outs, sizeof(outc)), names[wide], isa,
                                       "bpc %u scale %u w %u pattern %d", bpc, sc, w, pat);
                    }
                }
            }
        }
    }

    if (s->hori_decimate == prev->hori_decimate || !checkasm_want("vif_hori_decimate"))
        return;
    static uint16_t row[MAX_W + 2 * PAD];
    for (unsigned sc = 1; sc < 4; sc++) {
        const unsigned r = filter_taps[sc] / 2;
        for (unsigned wi = 0; wi < N_WIDTHS; wi++) {
            const unsigned w = widths[wi];
            if (w <= r)
                continue;
            for (int pat = 0; pat < PAT_COUNT; pat++) {
                uint16_t *p = row + PAD;
                for (unsigned j = 0; j < w; j++)
                    p[j] = (uint16_t)sample(pat, 16, j);
                for (unsigned d = 1; d <= r; d++) {
                    p[-(int)d] = p[d];
                    p[w - 1 + d] = p[w - 1 - d];
                }
                memset(outc, 0x5a, sizeof(outc));
                memset(outs, 0x5a, sizeof(outs));
                c->hori_decimate(p, filters[sc], filter_taps[sc], outc, w / 2);
                s->hori_decimate(p, filters[sc], filter_taps[sc], outs, w / 2);
                checkasm_check(!memcmp(outc, outs, sizeof(outc)), "vif_hori_decimate", isa,
                               "taps %u w %u pattern %d", filter_taps[sc], w, pat);
            }
        }
    }
}

/*
 * One (s1, s2, s12) triple of the horizontal pass. Realistic statistics around
 * the flat threshold and the gain limit, plus the int32 extremes the contract
 * allows (any s1, s2, s12).
 */
static void acc_sample(int pat, unsigned j, int32_t *a, int32_t *b, int32_t *c)
{
    const int32_t snsq = VMAFX_VIF_SNSQ;
    switch (pat) {
    case 0: /* natural: variances up to 2^26, covariance near them */
        *a = (int32_t)checkasm_rand_bits(checkasm_rand_bits(5) + 1);
        *b = (int32_t)checkasm_rand_bits(checkasm_rand_bits(5) + 1) - 1024;
        *c = (int32_t)((int64_t)*a * (int32_t)(checkasm_rand_bits(12) - 1500) / 2048);
        break;
    case 1: /* at the flat threshold, zero and negative moments */
        *a = snsq - 2 + (int32_t)checkasm_rand_bits(2);
        *b = (int32_t)checkasm_rand_bits(3) - 3;
        *c = (int32_t)checkasm_rand_bits(3) - 3;
        break;
    case 2: /* large gains: tiny s1, large s12 */
        *a = snsq + (int32_t)checkasm_rand_bits(4);
        *b = (int32_t)checkasm_rand_bits(31);
        *c = (int32_t)checkasm_rand_bits(31);
        break;
    case 3: /* int32 extremes */
        *a = (j & 1) ? INT32_MAX : (int32_t)checkasm_rand();
        *b = (j & 2) ? INT32_MAX : (int32_t)checkasm_rand();
        *c = (j & 4) ? INT32_MAX : (int32_t)checkasm_rand();
        break;
    default: /* any bits */
        *a = (int32_t)checkasm_rand();
        *b = (int32_t)checkasm_rand();
        *c = (int32_t)checkasm_rand();
        break;
    }
}

static void check_accumulate(const VifDsp *c, const VifDsp *s, const VifDsp *prev,
                             const char *isa, const uint16_t *table)
{
    if (s->accumulate == prev->accumulate || !checkasm_want("vif_accumulate"))
        return;
    static const unsigned acc_widths[] = { 1, 3, 4, 5, 7, 8, 9, 15, 17, 33, 255, 1920, 4099,
                                           9000 };
    static const double limits[] = { 100.0, 1.0, 2.5, 37.25 };
    enum { N = 9000 };
    static int32_t a[N + PAD], b[N + PAD], cc[N + PAD];
    for (unsigned wi = 0; wi < sizeof(acc_widths) / sizeof(acc_widths[0]); wi++) {
        for (int pat = 0; pat < 6; pat++) {
            const unsigned w = acc_widths[wi];
            for (unsigned j = 0; j < w; j++)
                acc_sample(pat == 5 ? (int)checkasm_rand_bits(2) : pat, j, &a[j], &b[j], &cc[j]);
            for (unsigned li = 0; li < sizeof(limits) / sizeof(limits[0]); li++) {
                VifSums sc = { 1, -2, 3, -4 }, ss = sc;
                c->accumulate(a, b, cc, w, limits[li], table, &sc);
                s->accumulate(a, b, cc, w, limits[li], table, &ss);
                checkasm_check(sc.num_log == ss.num_log && sc.den_log == ss.den_log &&
                                   sc.flat_var == ss.flat_var &&
                                   sc.flat_count == ss.flat_count,
                               "vif_accumulate", isa,
                               "w %u pattern %d limit %g: C %lld %lld %lld %lld SIMD %lld %lld "
                               "%lld %lld", w, pat, limits[li], (long long)sc.num_log,
                               (long long)sc.den_log, (long long)sc.flat_var,
                               (long long)sc.flat_count, (long long)ss.num_log,
                               (long long)ss.den_log, (long long)ss.flat_var,
                               (long long)ss.flat_count);
            }
        }
    }
}

/*
 * Every log2 table entry at two exponents: sigma1 = 2^e * m - SNSQ puts the
 * mantissa m (2^15 .. 2^16 - 1) into L(SNSQ + sigma1) of the denominator.
 */
static void check_accumulate_table(const VifDsp *c, const VifDsp *s, const char *isa,
                                   const uint16_t *table)
{
    enum { N = VMAFX_VIF_LOG2_SIZE };
    static int32_t a[N], b[N], cc[N];
    static const unsigned shifts[] = { 3, 15 };
    for (unsigned si = 0; si < 2; si++) {
        for (unsigned j = 0; j < N; j++) {
            a[j] = (int32_t)(((uint32_t)VMAFX_VIF_LOG2_FIRST + j) << shifts[si]) - VMAFX_VIF_SNSQ;
            b[j] = (int32_t)checkasm_rand_bits(31);
            cc[j] = (int32_t)checkasm_rand_bits(30);
        }
        VifSums sc = { 0, 0, 0, 0 }, ss = sc;
        c->accumulate(a, b, cc, N, 100.0, table, &sc);
        s->accumulate(a, b, cc, N, 100.0, table, &ss);
        checkasm_check(!memcmp(&sc, &ss, sizeof(sc)), "vif_accumulate", isa,
                       "table sweep at exponent %u", shifts[si]);
    }
}

/*
 * The statistics of a synthetic picture row, as the extractor feeds them to
 * the accumulation: runs of flat (level plus rare +-1) and textured columns,
 * the distorted rows a noisy copy, through the C statistics kernels. About
 * half the pixels are flat, in runs, like natural content; random triples
 * would defeat the per-block shortcuts of the kernels.
 */
static void picture_stats(Rows *rw, StatBuf *b, unsigned w, int32_t *s1, int32_t *s2,
                          int32_t *s12)
{
    for (unsigned j = 0; j < w + PAD;) {
        const unsigned len = 16 + checkasm_rand_bits(7) + checkasm_rand_bits(6);
        const int textured = checkasm_rand_bits(8) < 100;
        const int base = 24 + (int)checkasm_rand_bits(7) + (int)checkasm_rand_bits(6);
        const int amp = 2 + (int)checkasm_rand_bits(5) + (int)checkasm_rand_bits(4);
        for (unsigned q = j; q < j + len && q < w + PAD; q++) {
            for (unsigned k = 0; k < 17; k++) {
                const int noise = (int)(checkasm_rand_bits(6) * (unsigned)amp / 64) - amp / 2;
                const int v = textured ? base + noise : base + (checkasm_rand_bits(4) == 0);
                const int d = textured ? v + (int)checkasm_rand_bits(3) - 4
                                       : v + (checkasm_rand_bits(5) == 0);
                rw->r8[k][q] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
                rw->d8[k][q] = (uint8_t)(d < 0 ? 0 : d > 255 ? 255 : d);
            }
        }
        j += len;
    }
    const void *rr[17], *dr[17];
    for (unsigned k = 0; k < 17; k++) {
        rr[k] = rw->r8[k];
        dr[k] = rw->d8[k];
    }
    stat_init(b, 0);
    vmafx_vif_vert_stats_8_c(rr, dr, filt17, 17, w, 8, 0, &b->row);
    uint32_t *arr[5] = { b->row.mu1, b->row.mu2, b->row.xx, b->row.yy, b->row.xy };
    for (int q = 0; q < 5; q++) {
        for (unsigned d = 1; d <= 8; d++) {
            arr[q][-(int)d] = arr[q][d];
            arr[q][w - 1 + d] = arr[q][w - 1 - d];
        }
    }
    vmafx_vif_hori_stats_c(&b->row, filt17, 17, w, s1, s2, s12);
}

static void bench(const VifDsp *c, const VifDsp *s, const char *isa, Rows *rw, StatBuf *b)
{
    const unsigned w = 1920, reps = 1000;
    const void *rr8[17], *dr8[17], *rr16[17], *dr16[17];
    fill_rows(rw, PAT_RANDOM, 8, w);
    for (unsigned k = 0; k < 17; k++) {
        rr8[k] = rw->r8[k];
        dr8[k] = rw->d8[k];
        rr16[k] = rw->r16[k];
        dr16[k] = rw->d16[k];
    }
    static int32_t o[3][MAX_W + PAD];
    static uint16_t out16[MAX_W + PAD];
    stat_init(b, 12345);
#define BENCH(name, call_c, call_s)                                                       \
    do {                                                                                  \
        call_c; /* warm the caches */                                                     \
        call_s;                                                                           \
        double t0 = checkasm_now_ns();                                                    \
        for (unsigned i = 0; i < reps; i++)                                               \
            call_c;                                                                       \
        double t1 = checkasm_now_ns();                                                    \
        for (unsigned i = 0; i < reps; i++)                                               \
            call_s;                                                                       \
        double t2 = checkasm_now_ns();                                                    \
        checkasm_bench_report(name, isa, (t1 - t0) / reps, (t2 - t1) / reps);             \
    } while (0)
    BENCH("vif_vert_stats_8 (17 taps)",
          c->vert_stats[0](rr8, dr8, filt17, 17, w, 8, 0, &b->row),
          s->vert_stats[0](rr8, dr8, filt17, 17, w, 8, 0, &b->row));
    BENCH("vif_vert_stats_16 (9 taps)",
          c->vert_stats[1](rr16, dr16, filt9, 9, w, 16, 16, &b->row),
          s->vert_stats[1](rr16, dr16, filt9, 9, w, 16, 16, &b->row));
    BENCH("vif_hori_stats (17 taps)",
          c->hori_stats(&b->row, filt17, 17, w, o[0], o[1], o[2]),
          s->hori_stats(&b->row, filt17, 17, w, o[0], o[1], o[2]));
    BENCH("vif_vert_filter_8 (9 taps)",
          c->vert_filter[0](rr8, filt9, 9, w, 8, out16),
          s->vert_filter[0](rr8, filt9, 9, w, 8, out16));
    BENCH("vif_vert_filter_16 (5 taps)",
          c->vert_filter[1](rr16, filt5, 5, w, 16, out16),
          s->vert_filter[1](rr16, filt5, 5, w, 16, out16));
    BENCH("vif_hori_decimate (9 taps)",
          c->hori_decimate(rw->r16[0] + PAD, filt9, 9, out16, w / 2 - 8),
          s->hori_decimate(rw->r16[0] + PAD, filt9, 9, out16, w / 2 - 8));
    {
        int32_t *a = o[0], *bb = o[1], *cc = o[2];
        for (unsigned j = 0; j < w; j++)
            acc_sample(0, j, &a[j], &bb[j], &cc[j]);
        uint16_t *table = malloc((VMAFX_VIF_LOG2_SIZE + 1) * sizeof(*table));
        if (table) {
            vmafx_vif_log2_table_fill(table);
            table[VMAFX_VIF_LOG2_SIZE] = 0;
            VifSums sum = { 0, 0, 0, 0 };
            BENCH("vif_accumulate (random)",
                  c->accumulate(a, bb, cc, w, 100.0, table, &sum),
                  s->accumulate(a, bb, cc, w, 100.0, table, &sum));
            picture_stats(rw, b, w, a, bb, cc);
            BENCH("vif_accumulate (picture)",
                  c->accumulate(a, bb, cc, w, 100.0, table, &sum),
                  s->accumulate(a, bb, cc, w, 100.0, table, &sum));
            free(table);
        }
    }
#undef BENCH
}

void checkasm_vif(const CheckasmIsa *isa)
{
    VifDsp c, s, prev;
    vmafx_vif_dsp_init(&c, 0);
    vmafx_vif_dsp_init(&s, isa->flags);
    vmafx_vif_dsp_init(&prev, isa->prev_flags);

    Rows *rw = calloc(1, sizeof(*rw));
    StatBuf *bc = calloc(1, sizeof(*bc)), *bs = calloc(1, sizeof(*bs));
    uint16_t *table = malloc((VMAFX_VIF_LOG2_SIZE + 1) * sizeof(*table));
    int ok = rw && bc && bs && table;
    for (unsigned k = 0; ok && k < 17; k++) {
        rw->r8[k] = calloc(MAX_W + PAD, 1);
        rw->d8[k] = calloc(MAX_W + PAD, 1);
        rw->r16[k] = calloc(MAX_W + 2 * PAD, 2);
        rw->d16[k] = calloc(MAX_W + 2 * PAD, 2);
        ok = rw->r8[k] && rw->d8[k] && rw->r16[k] && rw->d16[k];
    }
    if (!checkasm_check(ok, "vif", isa->name, "out of memory"))
        goto done;

    check_vert_stats(&c, &s, &prev, isa->name, rw, bc, bs);
    check_hori_stats(&c, &s, &prev, isa->name, bc);
    check_filters(&c, &s, &prev, isa->name, rw);
    vmafx_vif_log2_table_fill(table);
    table[VMAFX_VIF_LOG2_SIZE] = 0xdead; /* the spare entry may hold anything */
    check_accumulate(&c, &s, &prev, isa->name, table);
    if (s.accumulate != prev.accumulate && checkasm_want("vif_accumulate"))
        check_accumulate_table(&c, &s, isa->name, table);
    if (checkasm_benching() && memcmp(&s, &prev, sizeof(s)))
        bench(&c, &s, isa->name, rw, bc);

done:
    for (unsigned k = 0; rw && k < 17; k++) {
        free(rw->r8[k]);
        free(rw->d8[k]);
        free(rw->r16[k]);
        free(rw->d16[k]);
    }
    free(rw);
    free(table);
    free(bc);
    free(bs);
}
