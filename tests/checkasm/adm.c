/*
 * checkasm: integer ADM kernels (feature/adm_dsp.h).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkasm.h"
#include "feature/adm_dsp.h"
#include "feature/integer_adm_decouple.h"

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
    static const int depth[3][2] = { { 8, 8 }, { 9, 12 }, { 13, 16 } };
    static uint16_t rows16[4][MAX_W];
    static uint8_t rows8[4][MAX_W];
    static int16_t lc[2][MAX_W + 4], ls[2][MAX_W + 4];
    for (int v = 0; v < 3; v++) {
        if (s->dwt0_vert[v] == prev->dwt0_vert[v] || !checkasm_want(names[v]))
            continue;
        for (int bpc = depth[v][0]; bpc <= depth[v][1]; bpc++) {
            for (unsigned wi = 0; wi < N_WIDTHS; wi++) {
                /* 16-bit rows also get samples above the depth (pattern
                 * PAT_COUNT): the reference wraps, the kernels must match */
                for (int pat = 0; pat < PAT_COUNT + (v != 0); pat++) {
                    const int w = widths[wi];
                    for (int k = 0; k < 4; k++) {
                        for (int x = 0; x < w; x++) {
                            const int32_t sv =
                                pat == PAT_COUNT
                                    ? (int32_t)(checkasm_rand() & 1 ? 0xffff
                                                                    : checkasm_rand_bits(16))
                                    : sample(pat == PAT_ALT && k & 1 ? PAT_RANDOM : pat,
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
                                   { 32768, 40000 }, { 36453, 49417 }, { 40000, 32768 },
                                   { 16384, 4096 } };
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
                        /* (-32768)^2 + (-32768)^2 = 2^31 in the angle sums;
                         * the flag then acts on the D band */
                        if (rel == 1 && pat == PAT_ALT && x % 3 == 0) {
                            ob[b][x] = b < 2 ? INT16_MIN : -1000;
                            tb[b][x] = b < 2 ? INT16_MIN : -3000;
                        }
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

/* An int32 band value of any bit length: log-uniform magnitudes, both signs,
 * with powers of two and their neighbours (the renormalisation of spec 5.2). */
static int32_t any_length_value(void)
{
    const unsigned bits = checkasm_rand_bits(5) + 1;
    int64_t v;
    switch (checkasm_rand_bits(2)) {
    case 0: v = ((int64_t)1 << (bits - 1)) + (int64_t)checkasm_rand_bits(2) - 1; break;
    case 1: v = ((int64_t)1 << bits) - 1 - (int64_t)checkasm_rand_bits(1); break;
    default: v = (int64_t)checkasm_rand_bits(bits); break;
    }
    if (v > INT32_MAX)
        v = INT32_MAX;
    return checkasm_rand() & 1 ? (int32_t)-v : (int32_t)v;
}

static int angle_flag_with(float fp, uint64_t mo, uint64_t mt)
{
    const double dp = (double)fp / 4096.0;
    const double dmo = (double)(float)mo / 4096.0, dmt = (double)(float)mt / 4096.0;
    return dp >= 0.0 && dp * dp >= ((double)VMAFX_ADM_COS2_1DEG * dmo) * dmt;
}

/*
 * A double-rounding trap for the angle test (spec 5.3): (oH, 0) and (tH, tV)
 * with P = oH * tH = 2^30 + 1 mod 2^32 and 2^54 <= P < 2^55, just above a
 * binary32 tie whose lower neighbour is even, so int64 -> double -> float
 * gives the lower neighbour where fl32 gives the upper one; tV is searched so
 * that the flag depends on it. Returns 0 if none was found.
 */
static int angle_trap(int32_t v[4])
{
    for (int tries = 0; tries < 256; tries++) {
        const uint32_t oh = (1u << 23) | checkasm_rand_bits(23) | 1;
        uint32_t inv = oh;
        for (int k = 0; k < 5; k++)
            inv *= 2 - oh * inv; /* Newton: oh * inv = 1 mod 2^32 */
        const uint32_t th = inv * ((1u << 30) + 1);
        const uint64_t p = (uint64_t)oh * th;
        if (th >= (1u << 31) || p < (1ull << 54) || p >= (1ull << 55))
            continue;
        const int64_t tv0 = (int64_t)((double)th * 0.017455064928217585); /* tan(1 deg) */
        for (int64_t tv = tv0 - 40000; tv <= tv0 + 40000; tv++) {
            const uint64_t mo = (uint64_t)oh * oh, mt = (uint64_t)th * th + (uint64_t)(tv * tv);
            if (angle_flag_with((float)p, mo, mt) != angle_flag_with((float)(double)p, mo, mt)) {
                v[0] = (int32_t)oh;
                v[1] = 0;
                v[2] = (int32_t)th;
                v[3] = (int32_t)tv;
                return 1;
            }
        }
    }
    return 0;
}

static void check_decouple_s(const AdmDsp *c, const AdmDsp *s, const AdmDsp *prev,
                             const char *isa)
{
    if (s->decouple_s == prev->decouple_s || !checkasm_want("adm_decouple_s"))
        return;
    static int32_t ob[3][MAX_W], tb[3][MAX_W];
    static int32_t out_c[6][MAX_W], out_s[6][MAX_W];
    static const double egls[] = { 100.0, 1.0, 1.5, 37.25 };
    enum { N_PAT = PAT_COUNT + 2, N_REL = 6, N_TRAPS = 4 };
    int32_t traps[N_TRAPS][4];
    int n_traps = 0;
    while (n_traps < N_TRAPS && angle_trap(traps[n_traps]))
        n_traps++;
    checkasm_check(n_traps == N_TRAPS, "adm_decouple_s", isa, "angle traps: %d found", n_traps);
    for (unsigned wi = 0; wi < N_WIDTHS; wi++) {
        for (int pat = 0; pat < N_PAT; pat++) {
            /* t: independent, equal, scaled, opposite, rotated by about 1
             * degree (the angle test's edge), or any int32 */
            for (int rel = 0; rel < N_REL; rel++) {
                const int w = widths[wi];
                for (int x = 0; x < w; x++) {
                    for (int b = 0; b < 3; b++) {
                        ob[b][x] = pat < PAT_COUNT ? wide_value(pat, (unsigned)(x + b))
                                 : pat == PAT_COUNT ? any_length_value()
                                 : (int32_t)checkasm_rand_bits(31) - (1 << 30);
                        const int64_t v = ob[b][x];
                        const int64_t tv = rel == 0 ? any_length_value()
                                         : rel == 1 ? v
                                         : rel == 2 ? v / 2 + (int64_t)checkasm_rand_bits(3) - 4
                                         : rel == 3 ? -v
                                         : rel == 4 ? v
                                                    : (int32_t)checkasm_rand();
                        tb[b][x] = (int32_t)(tv > INT32_MAX ? INT32_MAX : tv);
                    }
                    if (rel == 4) {
                        /* (oH, oV) turned by 0.99..1.01 degrees, scaled by 0.5..2 */
                        const double ang = (0.99 + 0.02 * (double)checkasm_rand_bits(16) / 65536.0) *
                                           0.017453292519943295;
                        const double sc = 0.5 + 1.5 * (double)checkasm_rand_bits(16) / 65536.0;
                        const double h = ob[0][x], vv = ob[1][x];
                        const double nh = sc * (h * cos(ang) - vv * sin(ang));
                        const double nv = sc * (h * sin(ang) + vv * cos(ang));
                        tb[0][x] = (int32_t)(nh > 2147483647.0 ? 2147483647.0
                                           : nh < -2147483648.0 ? -2147483648.0 : nh);
                        tb[1][x] = (int32_t)(nv > 2147483647.0 ? 2147483647.0
                                           : nv < -2147483648.0 ? -2147483648.0 : nv);
                    }
                    if (rel == 4 && pat == PAT_ZERO && x % 3 == 0 && n_traps) {
                        const int32_t *tr = traps[(x / 3) % n_traps];
                        ob[0][x] = tr[0];
                        ob[1][x] = tr[1];
                        tb[0][x] = tr[2];
                        tb[1][x] = tr[3];
                    }
                }
                for (unsigned ei = 0; ei < sizeof(egls) / sizeof(egls[0]); ei++) {
                    memset(out_c, 0x5a, sizeof(out_c));
                    memset(out_s, 0x5a, sizeof(out_s));
                    const int32_t *const o[3] = { ob[0], ob[1], ob[2] };
                    const int32_t *const t[3] = { tb[0], tb[1], tb[2] };
                    int32_t *const rc[3] = { out_c[0], out_c[1], out_c[2] };
                    int32_t *const ac[3] = { out_c[3], out_c[4], out_c[5] };
                    int32_t *const rs[3] = { out_s[0], out_s[1], out_s[2] };
                    int32_t *const as[3] = { out_s[3], out_s[4], out_s[5] };
                    c->decouple_s(o, t, rc, ac, w, rcp_table, egls[ei]);
                    s->decouple_s(o, t, rs, as, w, rcp_table, egls[ei]);
                    checkasm_check(!memcmp(out_c, out_s, sizeof(out_c)), "adm_decouple_s", isa,
                                   "w %d pattern %d relation %d egl %g", w, pat, rel, egls[ei]);
                }
            }
        }
    }
}

static void check_cube_sum_s(const AdmDsp *c, const AdmDsp *s, const AdmDsp *prev,
                             const char *isa)
{
    if (s->cube_sum_s == prev->cube_sum_s || !checkasm_want("adm_cube_sum_s"))
        return;
    static int32_t o[MAX_W];
    /* the scales' squaring shifts with the 1080p widths' cube shifts, then
     * contract extremes (q = 0 wraps the products, e = 0 has no rounding) */
    static const int qe[][2] = { { 31, 9 }, { 30, 8 }, { 31, 7 }, { 0, 0 }, { 0, 63 },
                                 { 62, 1 }, { 32, 33 }, { 1, 62 } };
    for (unsigned wi = 0; wi < N_WIDTHS; wi++) {
        const int w = widths[wi];
        for (int pat = 0; pat < PAT_COUNT + 1; pat++) {
            for (int j = 0; j < w; j++)
                o[j] = pat < PAT_COUNT ? wide_value(pat, (unsigned)j) : any_length_value();
            for (unsigned k = 0; k < sizeof(qe) / sizeof(qe[0]); k++) {
                const uint64_t rc = c->cube_sum_s(o, w, qe[k][0], qe[k][1]);
                const uint64_t rs = s->cube_sum_s(o, w, qe[k][0], qe[k][1]);
                checkasm_check(rc == rs, "adm_cube_sum_s", isa,
                               "w %d pattern %d q %d e %d: %llu vs %llu", w, pat, qe[k][0],
                               qe[k][1], (unsigned long long)rc, (unsigned long long)rs);
            }
        }
    }
}

static void check_threshold(const AdmDsp *c, const AdmDsp *s, const AdmDsp *prev,
                            const char *isa)
{
    if (s->threshold == prev->threshold || !checkasm_want("adm_threshold"))
        return;
    /* rows with a column before and after the n outputs */
    static int32_t rows[4][MAX_W + 2];
    static int32_t tc[MAX_W + 8], ts[MAX_W + 8];
    for (unsigned wi = 0; wi < N_WIDTHS; wi++) {
        const int w = widths[wi];
        for (int pat = 0; pat < PAT_COUNT; pat++) {
            for (int k = 0; k < 4; k++)
                for (int x = 0; x < w + 2; x++)
                    rows[k][x] = pat == PAT_EXTREME ? (int32_t)checkasm_rand_bits(16)
                                                    : wide_value(pat, (unsigned)(x + k));
            memset(tc, 0x5a, sizeof(tc));
            memset(ts, 0x5a, sizeof(ts));
            c->threshold(rows[0] + 1, rows[1] + 1, rows[2] + 1, rows[3] + 1, w, tc);
            s->threshold(rows[0] + 1, rows[1] + 1, rows[2] + 1, rows[3] + 1, w, ts);
            checkasm_check(!memcmp(tc, ts, sizeof(tc)), "adm_threshold", isa,
                           "w %d pattern %d", w, pat);
        }
    }
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
    /* the 16-bit entries at 10 and 16 bits */
    static const char *const names16[2] = { "adm_dwt0_vert_u16n", "adm_dwt0_vert_u16w" };
    static uint16_t rows16[4][MAX_W];
    for (int v = 1; v <= 2; v++) {
        const int bpc = v == 1 ? 10 : 16;
        for (int k = 0; k < 4; k++)
            for (int x = 0; x < w; x++)
                rows16[k][x] = (uint16_t)checkasm_rand_bits((unsigned)bpc);
        t0 = checkasm_now_ns();
        for (int i = 0; i < reps; i++)
            c->dwt0_vert[v](rows16[0], rows16[1], rows16[2], rows16[3], w, bpc, l, g);
        t1 = checkasm_now_ns();
        for (int i = 0; i < reps; i++)
            s->dwt0_vert[v](rows16[0], rows16[1], rows16[2], rows16[3], w, bpc, l, g);
        t2 = checkasm_now_ns();
        checkasm_bench_report(names16[v - 1], isa, (t1 - t0) / reps, (t2 - t1) / reps);
    }
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

    /* scale-1 sized rows: bands of about +-2^26, t near o / 2 */
    static int32_t os[3][MAX_W], ts32[3][MAX_W], rs32[3][MAX_W], as32[3][MAX_W];
    for (int b = 0; b < 3; b++) {
        for (int x = 0; x < w / 2; x++) {
            os[b][x] = (int32_t)checkasm_rand_bits(27) - (1 << 26);
            ts32[b][x] = os[b][x] / 2 + (int32_t)checkasm_rand_bits(20) - (1 << 19);
        }
    }
    const int32_t *const os3[3] = { os[0], os[1], os[2] };
    const int32_t *const ts3[3] = { ts32[0], ts32[1], ts32[2] };
    int32_t *const rs3[3] = { rs32[0], rs32[1], rs32[2] };
    int32_t *const as3[3] = { as32[0], as32[1], as32[2] };
    t0 = checkasm_now_ns();
    for (int i = 0; i < reps; i++)
        c->decouple_s(os3, ts3, rs3, as3, w / 2, rcp_table, 100.0);
    t1 = checkasm_now_ns();
    for (int i = 0; i < reps; i++)
        s->decouple_s(os3, ts3, rs3, as3, w / 2, rcp_table, 100.0);
    t2 = checkasm_now_ns();
    checkasm_bench_report("adm_decouple_s", isa, (t1 - t0) / reps, (t2 - t1) / reps);
    t0 = checkasm_now_ns();
    for (int i = 0; i < reps; i++)
        sink += (int64_t)c->cube_sum_s(os[0], w / 2, 31, 9);
    t1 = checkasm_now_ns();
    for (int i = 0; i < reps; i++)
        sink += (int64_t)s->cube_sum_s(os[0], w / 2, 31, 9);
    t2 = checkasm_now_ns();
    checkasm_bench_report("adm_cube_sum_s", isa, (t1 - t0) / reps, (t2 - t1) / reps);
    t0 = checkasm_now_ns();
    for (int i = 0; i < reps; i++)
        sink += (int64_t)c->cube_sum0(bands[0], w / 2);
    t1 = checkasm_now_ns();
    for (int i = 0; i < reps; i++)
        sink += (int64_t)s->cube_sum0(bands[0], w / 2);
    t2 = checkasm_now_ns();
    checkasm_bench_report("adm_cube_sum0", isa, (t1 - t0) / reps, (t2 - t1) / reps);
    t0 = checkasm_now_ns();
    for (int i = 0; i < reps; i++)
        c->threshold(os[0] + 1, os[1] + 1, os[2] + 1, ts32[0], w / 2 - 2, rs32[0]);
    t1 = checkasm_now_ns();
    for (int i = 0; i < reps; i++)
        s->threshold(os[0] + 1, os[1] + 1, os[2] + 1, ts32[0], w / 2 - 2, rs32[0]);
    t2 = checkasm_now_ns();
    checkasm_bench_report("adm_threshold", isa, (t1 - t0) / reps, (t2 - t1) / reps);
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
    check_decouple_s(&c, &s, &prev, isa->name);
    check_cube_sum_s(&c, &s, &prev, isa->name);
    check_threshold(&c, &s, &prev, isa->name);
    if (checkasm_benching() && memcmp(&s, &prev, sizeof(s)))
        bench(&c, &s, isa->name);
}
