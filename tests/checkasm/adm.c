/*
 * checkasm: integer ADM kernels (feature/adm_dsp.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkasm.h"
#include "feature/adm_dsp.h"

#define MAX_W 1924

static const int widths[] = { 1, 2, 3, 7, 8, 15, 16, 17, 31, 32, 33, 63, 100, 257, 1920 };
#define N_WIDTHS (sizeof(widths) / sizeof(widths[0]))

enum { PAT_RANDOM, PAT_ZERO, PAT_MAX, PAT_ALT, PAT_EXTREME, PAT_COUNT };

static int32_t sample(int pat, unsigned bits, unsigned i)
{
    const uint32_t max = (1u << bits) - 1;
    switch (pat) {
    case PAT_ZERO: return 0;
    case PAT_MAX: return (int32_t)max;
    case PAT_ALT: return (i & 1) ? (int32_t)max : 0;
    case PAT_EXTREME: return (checkasm_rand() & 1) ? (int32_t)max : 0;
    default: return (int32_t)checkasm_rand_bits(bits);
    }
}

static void check_vert(const AdmDsp *c, const AdmDsp *s, const AdmDsp *prev, const char *isa)
{
    static const char *const names[3] = { "adm_dwt0_vert_u8", "adm_dwt0_vert_u16n",
                                          "adm_dwt0_vert_u16w" };
    static const int depth[3][2] = { { 8, 8 }, { 10, 12 }, { 13, 16 } };
    static uint16_t rows16[4][MAX_W];
    static uint8_t rows8[4][MAX_W];
    static int16_t lc[2][MAX_W + 4], ls[2][MAX_W + 4];
    for (int v = 0; v < 3; v++) {
        if (s->dwt0_vert[v] == prev->dwt0_vert[v] || !checkasm_want(names[v]))
            continue;
        for (int bpc = depth[v][0]; bpc <= depth[v][1]; bpc++) {
            for (unsigned wi = 0; wi < N_WIDTHS; wi++) {
                for (int pat = 0; pat < PAT_COUNT; pat++) {
                    const int w = widths[wi];
                    for (int k = 0; k < 4; k++) {
                        for (int x = 0; x < w; x++) {
                            const int32_t sv = sample(pat == PAT_ALT && k & 1 ? PAT_RANDOM : pat,
                                                      (unsigned)bpc, (unsigned)(x + k));
                            rows8[k][x] = (uint8_t)sv;
                            rows16[k][x] = (uint16_t)sv;
                        }
                    }
                    const void *r[4];
                    for (int k = 0; k < 4; k++)
                        r[k] = v ? (const void *)rows16[k] : (const void *)rows8[k];
                    memset(lc, 0x5a, sizeof(lc));
                    memset(ls, 0x5a, sizeof(ls));
                    c->dwt0_vert[v](r[0], r[1], r[2], r[3], w, bpc, lc[0], lc[1]);
                    s->dwt0_vert[v](r[0], r[1], r[2], r[3], w, bpc, ls[0], ls[1]);
                    checkasm_check(!memcmp(lc, ls, sizeof(lc)), names[v], isa,
                                   "bpc %d w %d pattern %d", bpc, w, pat);
                }
            }
        }
    }
}

static void check_horiz(const AdmDsp *c, const AdmDsp *s, const AdmDsp *prev, const char *isa)
{
    if (s->dwt0_horiz == prev->dwt0_horiz || !checkasm_want("adm_dwt0_horiz"))
        return;
    static int16_t l[MAX_W + 4], g[MAX_W + 4];
    static int32_t ac[MAX_W], as[MAX_W];
    static int16_t bc[3][MAX_W], bs[3][MAX_W];
    for (unsigned wi = 0; wi < N_WIDTHS; wi++) {
        for (int pat = 0; pat < PAT_COUNT; pat++) {
            for (int details = 0; details < 2; details++) {
                const int w = widths[wi], bw = (w + 1) / 2;
                /* any int16 line, including -32768 and 32767 */
                for (int x = 0; x < w + 3; x++) {
                    l[x] = (int16_t)(sample(pat, 16, (unsigned)x) - (pat == PAT_ALT ? 0 : 32768));
                    g[x] = (int16_t)(sample(pat, 16, (unsigned)x + 1) - 32768);
                }
                memset(ac, 0x5a, sizeof(ac));
                memset(as, 0x5a, sizeof(as));
                memset(bc, 0x5a, sizeof(bc));
                memset(bs, 0x5a, sizeof(bs));
                if (details) {
                    c->dwt0_horiz(l, g, bw, ac, bc[0], bc[1], bc[2]);
                    s->dwt0_horiz(l, g, bw, as, bs[0], bs[1], bs[2]);
                } else {
                    c->dwt0_horiz(l, NULL, bw, ac, NULL, NULL, NULL);
                    s->dwt0_horiz(l, NULL, bw, as, NULL, NULL, NULL);
                }
                checkasm_check(!memcmp(ac, as, sizeof(ac)) && !memcmp(bc, bs, sizeof(bc)),
                               "adm_dwt0_horiz", isa, "w %d pattern %d details %d", w, pat,
                               details);
            }
        }
    }
}

/* An int16 band value: full range, small (typical detail bands) or extreme. */
static int16_t band_value(int pat, unsigned i)
{
    switch (pat) {
    case PAT_ZERO: return 0;
    case PAT_MAX: return (i & 1) ? INT16_MAX : INT16_MIN;
    case PAT_ALT: return (i & 1) ? INT16_MIN : 0;
    case PAT_EXTREME: return (int16_t)(checkasm_rand_bits(8) - 128);
    default: return (int16_t)checkasm_rand();
    }
}

static void check_cm0_masker(const AdmDsp *c, const AdmDsp *s, const AdmDsp *prev,
                             const char *isa)
{
    if (s->cm0_masker == prev->cm0_masker || !checkasm_want("adm_cm0_masker"))
        return;
    static int16_t z[3][MAX_W];
    static int32_t pc[2][MAX_W + 8], ps[2][MAX_W + 8];
    /* the CSF factors of the default model, then the extremes of the contract */
    static const int rhos[][2] = { { 4779, 2403 }, { 65535, 65535 }, { 0, 1 },
                                   { 32768, 40000 } };
    for (unsigned wi = 0; wi < N_WIDTHS; wi++) {
        for (int pat = 0; pat < PAT_COUNT; pat++) {
            for (unsigned ri = 0; ri < sizeof(rhos) / sizeof(rhos[0]); ri++) {
                const int w = widths[wi];
                for (int b = 0; b < 3; b++)
                    for (int x = 0; x < w; x++)
                        z[b][x] = band_value(pat, (unsigned)(x + b));
                memset(pc, 0x5a, sizeof(pc));
                memset(ps, 0x5a, sizeof(ps));
                c->cm0_masker(z[0], z[1], z[2], w, rhos[ri][0], rhos[ri][1], pc[0], pc[1]);
                s->cm0_masker(z[0], z[1], z[2], w, rhos[ri][0], rhos[ri][1], ps[0], ps[1]);
                checkasm_check(!memcmp(pc, ps, sizeof(pc)), "adm_cm0_masker", isa,
                               "w %d pattern %d rho %d %d", w, pat, rhos[ri][0], rhos[ri][1]);
            }
        }
    }
}

static void check_cm0_pool(const AdmDsp *c, const AdmDsp *s, const AdmDsp *prev,
                           const char *isa)
{
    if (s->cm0_pool == prev->cm0_pool || !checkasm_want("adm_cm0_pool"))
        return;
    static int16_t y[MAX_W];
    static int32_t thr[MAX_W];
    static const int rhos[] = { 4779, 2403, 65535, 0, 1 };
    /* the scale-0 shifts (H/V, D) and contract extremes */
    static const int shifts[][3] = { { 10, 29, 7 }, { 12, 30, 8 }, { 0, 1, 1 }, { 31, 62, 62 },
                                     { 10, 29, 1 }, { 5, 40, 33 } };
    for (unsigned wi = 0; wi < N_WIDTHS; wi++) {
        for (int pat = 0; pat < PAT_COUNT; pat++) {
            for (int tp = 0; tp < 3; tp++) {
                const int w = widths[wi];
                for (int x = 0; x < w; x++) {
                    y[x] = band_value(pat, (unsigned)x);
                    /* thresholds: zero, typical phi sums, any bits */
                    thr[x] = tp == 0 ? 0 : tp == 1 ? (int32_t)checkasm_rand_bits(14)
                                                   : (int32_t)checkasm_rand();
                }
                for (unsigned ri = 0; ri < sizeof(rhos) / sizeof(rhos[0]); ri++) {
                    for (unsigned si = 0; si < sizeof(shifts) / sizeof(shifts[0]); si++) {
                        const int *sh = shifts[si];
                        const int64_t rc = c->cm0_pool(y, thr, w, rhos[ri], sh[0], sh[1], sh[2]);
                        const int64_t rs = s->cm0_pool(y, thr, w, rhos[ri], sh[0], sh[1], sh[2]);
                        checkasm_check(rc == rs, "adm_cm0_pool", isa,
                                       "w %d pattern %d thr %d rho %d shifts %d %d %d: C %lld "
                                       "SIMD %lld", w, pat, tp, rhos[ri], sh[0], sh[1], sh[2],
                                       (long long)rc, (long long)rs);
                    }
                }
            }
        }
    }
}

/* An int32 sample: full range, approximation-band sized, or extreme. */
static int32_t wide_value(int pat, unsigned i)
{
    switch (pat) {
    case PAT_ZERO: return 0;
    case PAT_MAX: return (i & 1) ? INT32_MAX : INT32_MIN;
    case PAT_ALT: return (i & 1) ? INT32_MIN : 0;
    case PAT_EXTREME: return (int32_t)checkasm_rand_bits(17) - 65536;
    default: return (int32_t)checkasm_rand();
    }
}

static void check_dwt_s(const AdmDsp *c, const AdmDsp *s, const AdmDsp *prev, const char *isa)
{
    static int32_t rows[4][MAX_W];
    static int32_t lc[2][MAX_W + 4], ls[2][MAX_W + 4];
    static int32_t bc[4][MAX_W], bs[4][MAX_W];
    static const int shifts[] = { 0, 1, 15, 16 };
    const int do_vert = s->dwt_s_vert != prev->dwt_s_vert && checkasm_want("adm_dwt_s_vert");
    const int do_horiz = s->dwt_s_horiz != prev->dwt_s_horiz && checkasm_want("adm_dwt_s_horiz");
    for (unsigned wi = 0; do_vert && wi < N_WIDTHS; wi++) {
        for (int pat = 0; pat < PAT_COUNT; pat++) {
            const int w = widths[wi];
            for (int k = 0; k < 4; k++)
                for (int x = 0; x < w; x++)
                    rows[k][x] = wide_value(pat, (unsigned)(x + k));
            for (unsigned si = 0; si < sizeof(shifts) / sizeof(shifts[0]); si++) {
                memset(lc, 0x5a, sizeof(lc));
                memset(ls, 0x5a, sizeof(ls));
                c->dwt_s_vert(rows[0], rows[1], rows[2], rows[3], w, shifts[si], lc[0], lc[1]);
                s->dwt_s_vert(rows[0], rows[1], rows[2], rows[3], w, shifts[si], ls[0], ls[1]);
                checkasm_check(!memcmp(lc, ls, sizeof(lc)), "adm_dwt_s_vert", isa,
                               "w %d pattern %d shift %d", w, pat, shifts[si]);
            }
        }
    }
    for (unsigned wi = 0; do_horiz && wi < N_WIDTHS; wi++) {
        for (int pat = 0; pat < PAT_COUNT; pat++) {
            const int w = widths[wi], bw = (w + 1) / 2;
            for (int x = 0; x < w + 3; x++) {
                lc[0][x] = wide_value(pat, (unsigned)x);
                lc[1][x] = wide_value(pat, (unsigned)x + 1);
            }
            for (unsigned si = 1; si < sizeof(shifts) / sizeof(shifts[0]); si++) {
                for (int with_a = 0; with_a < 2; with_a++) {
                    memset(bc, 0x5a, sizeof(bc));
                    memset(bs, 0x5a, sizeof(bs));
                    c->dwt_s_horiz(lc[0], lc[1], w, bw, shifts[si], with_a ? bc[3] : NULL,
                                   bc[0], bc[1], bc[2]);
                    s->dwt_s_horiz(lc[0], lc[1], w, bw, shifts[si], with_a ? bs[3] : NULL,
                                   bs[0], bs[1], bs[2]);
                    checkasm_check(!memcmp(bc, bs, sizeof(bc)), "adm_dwt_s_horiz", isa,
                                   "w %d pattern %d shift %d a %d", w, pat, shifts[si], with_a);
                }
            }
        }
    }
}

static void check_cms(const AdmDsp *c, const AdmDsp *s, const AdmDsp *prev, const char *isa)
{
    static int32_t z[3][MAX_W], thr[MAX_W];
    static int32_t pc[2][MAX_W + 8], ps[2][MAX_W + 8];
    /* CSF factors of the default model's scales 1-3, then contract extremes */
    static const uint32_t rhos[] = { 0x0a3e3b80u, 0x05d6e1a0u, 0xffffffffu, 0, 1, 0x80000000u };
    static const int es[] = { 10, 9, 1, 33, 62 };
    const int do_masker = s->cms_masker != prev->cms_masker && checkasm_want("adm_cms_masker");
    const int do_pool = s->cms_pool != prev->cms_pool && checkasm_want("adm_cms_pool");
    for (unsigned wi = 0; wi < N_WIDTHS; wi++) {
        for (int pat = 0; pat < PAT_COUNT; pat++) {
            const int w = widths[wi];
            for (int b = 0; b < 3; b++)
                for (int x = 0; x < w; x++)
                    z[b][x] = wide_value(pat, (unsigned)(x + b));
            for (unsigned ri = 0; ri < sizeof(rhos) / sizeof(rhos[0]); ri++) {
                const uint32_t r1 = rhos[ri], r2 = rhos[(ri + 1) % 6];
                if (do_masker) {
                    memset(pc, 0x5a, sizeof(pc));
                    memset(ps, 0x5a, sizeof(ps));
                    c->cms_masker(z[0], z[1], z[2], w, r1, r2, pc[0], pc[1]);
                    s->cms_masker(z[0], z[1], z[2], w, r1, r2, ps[0], ps[1]);
                    checkasm_check(!memcmp(pc, ps, sizeof(pc)), "adm_cms_masker", isa,
                                   "w %d pattern %d rho %u %u", w, pat, r1, r2);
                }
                for (int tp = 0; do_pool && tp < 3; tp++) {
                    for (int x = 0; x < w; x++)
                        thr[x] = tp == 0 ? 0 : tp == 1 ? (int32_t)checkasm_rand_bits(20)
                                                       : (int32_t)checkasm_rand();
                    for (unsigned ei = 0; ei < sizeof(es) / sizeof(es[0]); ei++) {
                        const int64_t rc = c->cms_pool(z[0], thr, w, r1, es[ei]);
                        const int64_t rs = s->cms_pool(z[0], thr, w, r1, es[ei]);
                        checkasm_check(rc == rs, "adm_cms_pool", isa,
                                       "w %d pattern %d thr %d rho %u e %d: C %lld SIMD %lld",
                                       w, pat, tp, r1, es[ei], (long long)rc, (long long)rs);
                    }
                }
            }
        }
    }
}

static uint32_t rcp_table[32769];

static void fill_rcp(void)
{
    rcp_table[0] = 0;
    for (uint32_t q = 1; q < 32769; q++)
        rcp_table[q] = (uint32_t)((1u << 30) / q);
}

static void check_decouple0(const AdmDsp *c, const AdmDsp *s, const AdmDsp *prev,
                            const char *isa)
{
    if (s->decouple0 == prev->decouple0 || !checkasm_want("adm_decouple0"))
        return;
    static int16_t ob[3][MAX_W], tb[3][MAX_W];
    static int16_t out_c[6][MAX_W], out_s[6][MAX_W];
    static const double egls[] = { 100.0, 1.0, 1.5, 37.25 };
    for (unsigned wi = 0; wi < N_WIDTHS; wi++) {
        /* the distorted bands: independent, equal, scaled or opposite to o */
        for (int pat = 0; pat < PAT_COUNT; pat++) {
            for (int rel = 0; rel < 4; rel++) {
                const int w = widths[wi];
                for (int b = 0; b < 3; b++) {
                    for (int x = 0; x < w; x++) {
                        ob[b][x] = band_value(pat, (unsigned)(x + b));
                        const int32_t v = ob[b][x];
                        int32_t tv = rel == 0 ? band_value(pat, (unsigned)(x + b + 1))
                                   : rel == 1 ? v
                                   : rel == 2 ? v / 2 + (int32_t)checkasm_rand_bits(3) - 4
                                              : -v;
                        tb[b][x] = (int16_t)tv;
                        /* (-32768)^2 + (-32768)^2 = 2^31 in the angle sums */
                        if (rel == 1 && pat == PAT_ALT && x % 3 == 0)
                            ob[b][x] = tb[b][x] = INT16_MIN;
                    }
                }
                for (unsigned ei = 0; ei < sizeof(egls) / sizeof(egls[0]); ei++) {
                    memset(out_c, 0x5a, sizeof(out_c));
                    memset(out_s, 0x5a, sizeof(out_s));
                    const int16_t *const o[3] = { ob[0], ob[1], ob[2] };
                    const int16_t *const t[3] = { tb[0], tb[1], tb[2] };
                    int16_t *const rc[3] = { out_c[0], out_c[1], out_c[2] };
                    int16_t *const ac[3] = { out_c[3], out_c[4], out_c[5] };
                    int16_t *const rs[3] = { out_s[0], out_s[1], out_s[2] };
                    int16_t *const as[3] = { out_s[3], out_s[4], out_s[5] };
                    c->decouple0(o, t, rc, ac, w, rcp_table, egls[ei]);
                    s->decouple0(o, t, rs, as, w, rcp_table, egls[ei]);
                    checkasm_check(!memcmp(out_c, out_s, sizeof(out_c)), "adm_decouple0", isa,
                                   "w %d pattern %d relation %d egl %g", w, pat, rel, egls[ei]);
                }
            }
        }
    }
}

static void check_cube_sum0(const AdmDsp *c, const AdmDsp *s, const AdmDsp *prev,
                            const char *isa)
{
    if (s->cube_sum0 == prev->cube_sum0 || !checkasm_want("adm_cube_sum0"))
        return;
    static int16_t o[MAX_W];
    for (unsigned wi = 0; wi < N_WIDTHS; wi++) {
        const int w = widths[wi];
        for (int pat = 0; pat < PAT_COUNT; pat++) {
            /* 16-bit patterns read as signed: covers -32768 and 32767 */
            for (int j = 0; j < w; j++)
                o[j] = (int16_t)(uint16_t)sample(pat, 16, (unsigned)j);
            const uint64_t rc = c->cube_sum0(o, w), rs = s->cube_sum0(o, w);
            checkasm_check(rc == rs, "adm_cube_sum0", isa, "w %d pattern %d: %llu vs %llu", w,
                           pat, (unsigned long long)rc, (unsigned long long)rs);
        }
    }
    /* all -32768: the largest terms */
    for (int j = 0; j < MAX_W; j++)
        o[j] = INT16_MIN;
    checkasm_check(c->cube_sum0(o, MAX_W) == s->cube_sum0(o, MAX_W), "adm_cube_sum0", isa,
                   "all -32768");
}

static void bench(const AdmDsp *c, const AdmDsp *s, const char *isa)
{
    static uint8_t rows8[4][MAX_W];
    static int16_t l[MAX_W + 4], g[MAX_W + 4], bands[3][MAX_W];
    static int32_t a[MAX_W];
    const int w = 1920, reps = 1000;
    for (int k = 0; k < 4; k++)
        for (int x = 0; x < w; x++)
            rows8[k][x] = (uint8_t)checkasm_rand();
    for (int x = 0; x < w + 3; x++) {
        l[x] = (int16_t)checkasm_rand();
        g[x] = (int16_t)checkasm_rand();
    }
    double t0 = checkasm_now_ns();
    for (int i = 0; i < reps; i++)
        c->dwt0_vert[0](rows8[0], rows8[1], rows8[2], rows8[3], w, 8, l, g);
    double t1 = checkasm_now_ns();
    for (int i = 0; i < reps; i++)
        s->dwt0_vert[0](rows8[0], rows8[1], rows8[2], rows8[3], w, 8, l, g);
    double t2 = checkasm_now_ns();
    checkasm_bench_report("adm_dwt0_vert_u8", isa, (t1 - t0) / reps, (t2 - t1) / reps);
    t0 = checkasm_now_ns();
    for (int i = 0; i < reps; i++)
        c->dwt0_horiz(l, g, w / 2, a, bands[0], bands[1], bands[2]);
    t1 = checkasm_now_ns();
    for (int i = 0; i < reps; i++)
        s->dwt0_horiz(l, g, w / 2, a, bands[0], bands[1], bands[2]);
    t2 = checkasm_now_ns();
    checkasm_bench_report("adm_dwt0_horiz", isa, (t1 - t0) / reps, (t2 - t1) / reps);

    static int32_t phi[MAX_W], psi[MAX_W];
    for (int x = 0; x < w; x++)
        psi[x] = (int32_t)checkasm_rand_bits(12);
    t0 = checkasm_now_ns();
    for (int i = 0; i < reps; i++)
        c->cm0_masker(bands[0], bands[1], bands[2], w / 2, 4779, 2403, phi, a);
    t1 = checkasm_now_ns();
    for (int i = 0; i < reps; i++)
        s->cm0_masker(bands[0], bands[1], bands[2], w / 2, 4779, 2403, phi, a);
    t2 = checkasm_now_ns();
    checkasm_bench_report("adm_cm0_masker", isa, (t1 - t0) / reps, (t2 - t1) / reps);
    volatile int64_t sink = 0;
    t0 = checkasm_now_ns();
    for (int i = 0; i < reps; i++)
        sink += c->cm0_pool(bands[0], psi, w / 2, 4779, 10, 29, 6);
    t1 = checkasm_now_ns();
    for (int i = 0; i < reps; i++)
        sink += s->cm0_pool(bands[0], psi, w / 2, 4779, 10, 29, 6);
    t2 = checkasm_now_ns();
    checkasm_bench_report("adm_cm0_pool", isa, (t1 - t0) / reps, (t2 - t1) / reps);

    static int32_t rows32[4][MAX_W], l32[2][MAX_W + 4], b32[4][MAX_W];
    for (int k = 0; k < 4; k++)
        for (int x = 0; x < w; x++)
            rows32[k][x] = (int32_t)checkasm_rand_bits(16) - 32768;
    t0 = checkasm_now_ns();
    for (int i = 0; i < reps; i++)
        c->dwt_s_vert(rows32[0], rows32[1], rows32[2], rows32[3], w / 2, 16, l32[0], l32[1]);
    t1 = checkasm_now_ns();
    for (int i = 0; i < reps; i++)
        s->dwt_s_vert(rows32[0], rows32[1], rows32[2], rows32[3], w / 2, 16, l32[0], l32[1]);
    t2 = checkasm_now_ns();
    checkasm_bench_report("adm_dwt_s_vert", isa, (t1 - t0) / reps, (t2 - t1) / reps);
    t0 = checkasm_now_ns();
    for (int i = 0; i < reps; i++)
        c->dwt_s_horiz(l32[0], l32[1], w / 2, w / 4, 15, b32[3], b32[0], b32[1], b32[2]);
    t1 = checkasm_now_ns();
    for (int i = 0; i < reps; i++)
        s->dwt_s_horiz(l32[0], l32[1], w / 2, w / 4, 15, b32[3], b32[0], b32[1], b32[2]);
    t2 = checkasm_now_ns();
    checkasm_bench_report("adm_dwt_s_horiz", isa, (t1 - t0) / reps, (t2 - t1) / reps);

    static int16_t tb[3][MAX_W], rb[3][MAX_W], ab[3][MAX_W];
    for (int b = 0; b < 3; b++)
        for (int x = 0; x < w; x++)
            tb[b][x] = (int16_t)(bands[b][x] / 2 + (int16_t)checkasm_rand_bits(6) - 32);
    const int16_t *const ob3[3] = { bands[0], bands[1], bands[2] };
    const int16_t *const tb3[3] = { tb[0], tb[1], tb[2] };
    int16_t *const rb3[3] = { rb[0], rb[1], rb[2] };
    int16_t *const ab3[3] = { ab[0], ab[1], ab[2] };
    t0 = checkasm_now_ns();
    for (int i = 0; i < reps; i++)
        c->decouple0(ob3, tb3, rb3, ab3, w / 2, rcp_table, 100.0);
    t1 = checkasm_now_ns();
    for (int i = 0; i < reps; i++)
        s->decouple0(ob3, tb3, rb3, ab3, w / 2, rcp_table, 100.0);
    t2 = checkasm_now_ns();
    checkasm_bench_report("adm_decouple0", isa, (t1 - t0) / reps, (t2 - t1) / reps);

    t0 = checkasm_now_ns();
    for (int i = 0; i < reps; i++)
        c->cms_masker(rows32[0], rows32[1], rows32[2], w / 2, 0x0a3e3b80u, 0x05d6e1a0u,
                      b32[0], b32[1]);
    t1 = checkasm_now_ns();
    for (int i = 0; i < reps; i++)
        s->cms_masker(rows32[0], rows32[1], rows32[2], w / 2, 0x0a3e3b80u, 0x05d6e1a0u,
                      b32[0], b32[1]);
    t2 = checkasm_now_ns();
    checkasm_bench_report("adm_cms_masker", isa, (t1 - t0) / reps, (t2 - t1) / reps);
    t0 = checkasm_now_ns();
    for (int i = 0; i < reps; i++)
        sink += c->cms_pool(rows32[0], b32[0], w / 2, 0x0a3e3b80u, 10);
    t1 = checkasm_now_ns();
    for (int i = 0; i < reps; i++)
        sink += s->cms_pool(rows32[0], b32[0], w / 2, 0x0a3e3b80u, 10);
    t2 = checkasm_now_ns();
    checkasm_bench_report("adm_cms_pool", isa, (t1 - t0) / reps, (t2 - t1) / reps);
    if (sink == 42)
        printf("\n"); /* keeps the calls */
}

void checkasm_adm(const CheckasmIsa *isa)
{
    AdmDsp c, s, prev;
    vmafx_adm_dsp_init(&c, 0);
    vmafx_adm_dsp_init(&s, isa->flags);
    vmafx_adm_dsp_init(&prev, isa->prev_flags);
    check_vert(&c, &s, &prev, isa->name);
    check_horiz(&c, &s, &prev, isa->name);
    check_cm0_masker(&c, &s, &prev, isa->name);
    check_cm0_pool(&c, &s, &prev, isa->name);
    fill_rcp();
    check_dwt_s(&c, &s, &prev, isa->name);
    check_decouple0(&c, &s, &prev, isa->name);
    check_cms(&c, &s, &prev, isa->name);
    check_cube_sum0(&c, &s, &prev, isa->name);
    if (checkasm_benching() && memcmp(&s, &prev, sizeof(s)))
        bench(&c, &s, isa->name);
}
