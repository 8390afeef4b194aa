/*
 * Integer ADM: reference kernels of the scale-0 transform and the ISA ladder.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "cpu.h"
#include "feature/adm_dsp.h"
#include "feature/integer_adm_decouple.h"

/* Every float/double operation must round on its own (spec 0): no fused
 * multiply-add. GCC keeps contraction off in ISO C mode (-std=c11). */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#define ADM_PIXEL uint8_t
#define ADM_SUM int32_t
#define ADM_USUM uint32_t
#define ADM_SFX u8
#include "feature/integer_adm_dwt0_tmpl.c"
#undef ADM_PIXEL
#undef ADM_SUM
#undef ADM_USUM
#undef ADM_SFX

/* 9..12 bits: the tap sums still fit in 32 bits. */
#define ADM_PIXEL uint16_t
#define ADM_SUM int32_t
#define ADM_USUM uint32_t
#define ADM_SFX u16n
#include "feature/integer_adm_dwt0_tmpl.c"
#undef ADM_PIXEL
#undef ADM_SUM
#undef ADM_USUM
#undef ADM_SFX

/* 13..16 bits: 64-bit sums. */
#define ADM_PIXEL uint16_t
#define ADM_SUM int64_t
#define ADM_USUM uint64_t
#define ADM_SFX u16w
#include "feature/integer_adm_dwt0_tmpl.c"
#undef ADM_PIXEL
#undef ADM_SUM
#undef ADM_USUM
#undef ADM_SFX

void vmafx_adm_dwt0_horiz_c(const int16_t *l, const int16_t *g, int bw, int32_t *oa,
                            int16_t *oh, int16_t *ov, int16_t *od)
{
    for (int j = 0; j < bw; j++) {
        const int16_t *p = l + 2 * j;
        const int32_t sa = ADM_DWT_L0 * p[0] + ADM_DWT_L1 * p[1] +
                           ADM_DWT_L2 * p[2] + ADM_DWT_L3 * p[3];
        oa[j] = (sa + 32768) >> 16;
    }
    if (!oh)
        return;
    for (int j = 0; j < bw; j++) {
        const int16_t *p = l + 2 * j;
        const int16_t *q = g + 2 * j;
        const int32_t sv = ADM_DWT_G0 * p[0] + ADM_DWT_G1 * p[1] +
                           ADM_DWT_G2 * p[2] + ADM_DWT_G3 * p[3];
        const int32_t sh = ADM_DWT_L0 * q[0] + ADM_DWT_L1 * q[1] +
                           ADM_DWT_L2 * q[2] + ADM_DWT_L3 * q[3];
        const int32_t sd = ADM_DWT_G0 * q[0] + ADM_DWT_G1 * q[1] +
                           ADM_DWT_G2 * q[2] + ADM_DWT_G3 * q[3];
        ov[j] = (int16_t)((sv + 32768) >> 16);
        oh[j] = (int16_t)((sh + 32768) >> 16);
        od[j] = (int16_t)((sd + 32768) >> 16);
    }
}

void vmafx_adm_cm0_masker_c(const int16_t *zh, const int16_t *zv, const int16_t *zd, int n,
                            int rho_hv, int rho_d, int32_t *phi, int32_t *psi)
{
    const int16_t *const z[3] = { zh, zv, zd };
    const int32_t rho[3] = { rho_hv, rho_hv, rho_d };
    static const int shift[3] = { 15, 15, 17 };
    static const int32_t round[3] = { 16384, 16384, 65535 }; /* sic, D */

    for (int j = 0; j < n; j++)
        phi[j] = psi[j] = 0;
    for (int b = 0; b < 3; b++) {
        for (int j = 0; j < n; j++) {
            const int16_t c = (int16_t)((rho[b] * z[b][j] + round[b]) >> shift[b]);
            const int32_t ac = abs(c);
            phi[j] += (int16_t)((4369 * ac + 2048) >> 12);
            psi[j] += (int16_t)((8738 * ac + 2048) >> 12);
        }
    }
}

int64_t vmafx_adm_cm0_pool_c(const int16_t *y, const int32_t *thr, int n, int rho, int sig,
                             int q, int e)
{
    const int64_t q_round = (int64_t)1 << (q - 1);
    const int64_t e_round = (int64_t)1 << (e - 1);
    uint64_t sum = 0;

    for (int j = 0; j < n; j++) {
        const int32_t x = rho * y[j];
        const uint32_t tshift = (uint32_t)thr[j] << sig;
        int32_t zz = (int32_t)((uint32_t)abs(x) - tshift);
        zz = zz < 0 ? 0 : zz;
        const int64_t zsq = (int32_t)(uint32_t)(((int64_t)zz * zz + q_round) >> q);
        sum += (uint64_t)((zsq * zz + e_round) >> e);
    }
    return (int64_t)sum;
}

/* Attenuation ratio k (Q15, clamped to [0, 1]) of scale 0, |o| <= 32768.
 * rcp[0] is 0, so o == 0 only needs the final select (k = 1). */
static inline int32_t ratio0(int32_t o, int32_t t, const uint32_t *rcp)
{
    const int64_t prod = (int64_t)rcp[o < 0 ? -o : o] * t;
    int64_t k = ((o < 0 ? -prod : prod) + 16384) >> 15;
    k = k < 0 ? 0 : k > 32768 ? 32768 : k;
    return o == 0 ? 32768 : (int32_t)k;
}

void vmafx_adm_decouple0_c(const int16_t *const o[3], const int16_t *const t[3],
                           int16_t *const r[3], int16_t *const a[3], int n,
                           const uint32_t *rcp, double egl)
{
    for (int j = 0; j < n; j++) {
        const int flag = vmafx_adm_angle_flag(o[0][j], o[1][j], t[0][j], t[1][j]);
        for (int b = 0; b < 3; b++) {
            const int32_t ob = o[b][j], tb = t[b][j];
            const int32_t k = ratio0(ob, tb, rcp);
            int32_t rb = (int16_t)((k * ob + 16384) >> 15);
            if (flag && k > 0)
                rb = (int16_t)vmafx_adm_gain_limit(rb, ob, tb, egl);
            r[b][j] = (int16_t)rb;
            a[b][j] = (int16_t)(tb - rb);
        }
    }
}

static inline int64_t round_shift(int64_t s, int sh)
{
    return sh ? (s + ((int64_t)1 << (sh - 1))) >> sh : s;
}

void vmafx_adm_dwt_s_vert_c(const int32_t *r0, const int32_t *r1, const int32_t *r2,
                            const int32_t *r3, int w, int sv, int32_t *l, int32_t *g)
{
    for (int x = 0; x < w; x++) {
        const int64_t p0 = r0[x], p1 = r1[x], p2 = r2[x], p3 = r3[x];
        const int64_t sl = ADM_DWT_L0 * p0 + ADM_DWT_L1 * p1 + ADM_DWT_L2 * p2 +
                           ADM_DWT_L3 * p3;
        const int64_t sg = ADM_DWT_G0 * p0 + ADM_DWT_G1 * p1 + ADM_DWT_G2 * p2 +
                           ADM_DWT_G3 * p3;
        l[1 + x] = (int32_t)(uint32_t)(uint64_t)round_shift(sl, sv);
        g[1 + x] = (int32_t)(uint32_t)(uint64_t)round_shift(sg, sv);
    }
}

static inline int32_t tap_lo(const int32_t *p, int sh)
{
    const int64_t s = ADM_DWT_L0 * (int64_t)p[0] + ADM_DWT_L1 * (int64_t)p[1] +
                      ADM_DWT_L2 * (int64_t)p[2] + ADM_DWT_L3 * (int64_t)p[3];
    return (int32_t)(uint32_t)(uint64_t)round_shift(s, sh);
}

static inline int32_t tap_hi(const int32_t *p, int sh)
{
    const int64_t s = ADM_DWT_G0 * (int64_t)p[0] + ADM_DWT_G1 * (int64_t)p[1] +
                      ADM_DWT_G2 * (int64_t)p[2] + ADM_DWT_G3 * (int64_t)p[3];
    return (int32_t)(uint32_t)(uint64_t)round_shift(s, sh);
}

void vmafx_adm_dwt_s_horiz_c(const int32_t *l, const int32_t *g, int w, int bw, int sh,
                             int32_t *oa, int32_t *oh, int32_t *ov, int32_t *od)
{
    (void)w;
    if (oa)
        for (int j = 0; j < bw; j++)
            oa[j] = tap_lo(l + 2 * j, sh);
    for (int j = 0; j < bw; j++) {
        ov[j] = tap_hi(l + 2 * j, sh);
        oh[j] = tap_lo(g + 2 * j, sh);
        od[j] = tap_hi(g + 2 * j, sh);
    }
}

static inline int32_t wrap32(int64_t x)
{
    return (int32_t)(uint32_t)(uint64_t)x;
}

void vmafx_adm_cms_masker_c(const int32_t *zh, const int32_t *zv, const int32_t *zd, int n,
                            uint32_t rho_hv, uint32_t rho_d, int32_t *phi, int32_t *psi)
{
    const int32_t *const z[3] = { zh, zv, zd };
    const int64_t rho[3] = { rho_hv, rho_hv, rho_d };
    const int64_t c_round = (int64_t)1 << 27;

    for (int j = 0; j < n; j++)
        phi[j] = psi[j] = 0;
    for (int b = 0; b < 3; b++) {
        for (int j = 0; j < n; j++) {
            const int32_t c = wrap32((rho[b] * z[b][j] + c_round) >> 28);
            const int64_t ac = llabs((int64_t)c);
            phi[j] = (int32_t)((uint32_t)phi[j] +
                               (uint32_t)(int32_t)((143165577 * ac - 2147483648LL) >> 32));
            psi[j] = (int32_t)((uint32_t)psi[j] +
                               (uint32_t)(int32_t)((286331153 * ac - 2147483648LL) >> 32));
        }
    }
}

int64_t vmafx_adm_cms_pool_c(const int32_t *y, const int32_t *thr, int n, uint32_t rho, int e)
{
    const int64_t c_round = (int64_t)1 << 27;
    const int64_t e_round = (int64_t)1 << (e - 1);
    uint64_t sum = 0;

    for (int j = 0; j < n; j++) {
        const int32_t x = wrap32(((int64_t)rho * y[j] + c_round) >> 28);
        int32_t zz = wrap32(llabs((int64_t)x) - thr[j]);
        zz = zz < 0 ? 0 : zz;
        const int64_t zsq = wrap32(((int64_t)zz * zz + (1 << 29)) >> 30);
        sum += (uint64_t)((zsq * zz + e_round) >> e);
    }
    return (int64_t)sum;
}

uint64_t vmafx_adm_cube_sum0_c(const int16_t *o, int n)
{
    uint64_t sum = 0;
    for (int j = 0; j < n; j++) {
        const uint64_t u = (uint64_t)abs(o[j]);
        sum += u * u * u;
    }
    return sum;
}

/* Attenuation ratio k of scales 1-3 (spec 5.2): |o| >= 2^15 is first
 * renormalised to 15 bits, so the table lookup stays in range. */
static inline int64_t ratio_s(int64_t o, int64_t t, const uint32_t *rcp)
{
    if (o == 0)
        return 32768;
    const uint64_t u = (uint64_t)(o < 0 ? -o : o);
    int e = 0;
    uint64_t q = u;
    if (u >= 32768) {
        e = 64 - __builtin_clzll(u) - 15;
        q = (u + (1ull << (e - 1))) >> e;
    }
    const int64_t prod = (int64_t)rcp[q] * t;
    int64_t k = ((o < 0 ? -prod : prod) + ((int64_t)1 << (14 + e))) >> (15 + e);
    return k < 0 ? 0 : k > 32768 ? 32768 : k;
}

void vmafx_adm_decouple_s_c(const int32_t *const o[3], const int32_t *const t[3],
                            int32_t *const r[3], int32_t *const a[3], int n,
                            const uint32_t *rcp, double egl)
{
    for (int j = 0; j < n; j++) {
        int64_t ob[3], tb[3], rb[3], kb[3];
        for (int b = 0; b < 3; b++) {
            ob[b] = o[b][j];
            tb[b] = t[b][j];
            kb[b] = ratio_s(ob[b], tb[b], rcp);
            rb[b] = wrap32((kb[b] * ob[b] + 16384) >> 15);
        }
        const int flag = vmafx_adm_angle_flag(ob[0], ob[1], tb[0], tb[1]);
        for (int b = 0; b < 3; b++) {
            if (flag && kb[b] > 0)
                rb[b] = wrap32(vmafx_adm_gain_limit(rb[b], ob[b], tb[b], egl));
            r[b][j] = (int32_t)rb[b];
            a[b][j] = wrap32(tb[b] - rb[b]);
        }
    }
}

uint64_t vmafx_adm_cube_sum_s_c(const int32_t *o, int n, int q, int e)
{
    const uint64_t q_add = (uint64_t)1 << q; /* 2^q, not 2^(q-1): spec 9.2 */
    const uint64_t e_round = e ? (uint64_t)1 << (e - 1) : 0;
    uint64_t sum = 0;
    for (int j = 0; j < n; j++) {
        const uint64_t u = (uint64_t)llabs((int64_t)o[j]);
        sum += ((((u * u + q_add) >> q) * u) + e_round) >> e;
    }
    return sum;
}

void vmafx_adm_threshold_c(const int32_t *pu, const int32_t *pm, const int32_t *pd,
                           const int32_t *cm, int n, int32_t *thr)
{
    /* column sums of the three phi rows, slid along; all modulo 2^32 */
#define ADM_COL(x) ((uint32_t)pu[x] + (uint32_t)pm[x] + (uint32_t)pd[x])
    uint32_t left = ADM_COL(-1), mid = ADM_COL(0);
    for (int j = 0; j < n; j++) {
        const uint32_t right = ADM_COL(j + 1);
        thr[j] = (int32_t)((uint32_t)cm[j] - (uint32_t)pm[j] + left + mid + right);
        left = mid;
        mid = right;
    }
#undef ADM_COL
}

void vmafx_adm_dsp_init(AdmDsp *dsp, unsigned cpu_flags)
{
    dsp->dwt0_vert[0] = vmafx_adm_dwt0_vert_u8_c;
    dsp->dwt0_vert[1] = vmafx_adm_dwt0_vert_u16n_c;
    dsp->dwt0_vert[2] = vmafx_adm_dwt0_vert_u16w_c;
    dsp->dwt0_horiz = vmafx_adm_dwt0_horiz_c;
    dsp->cm0_masker = vmafx_adm_cm0_masker_c;
    dsp->cm0_pool = vmafx_adm_cm0_pool_c;
    dsp->decouple0 = vmafx_adm_decouple0_c;
    dsp->dwt_s_vert = vmafx_adm_dwt_s_vert_c;
    dsp->dwt_s_horiz = vmafx_adm_dwt_s_horiz_c;
    dsp->cms_masker = vmafx_adm_cms_masker_c;
    dsp->cms_pool = vmafx_adm_cms_pool_c;
    dsp->cube_sum0 = vmafx_adm_cube_sum0_c;
    dsp->decouple_s = vmafx_adm_decouple_s_c;
    dsp->cube_sum_s = vmafx_adm_cube_sum_s_c;
    dsp->threshold = vmafx_adm_threshold_c;
#if defined(__x86_64__)
    if (cpu_flags & VMAFX_CPU_AVX2) {
        dsp->dwt0_vert[0] = vmafx_adm_dwt0_vert_u8_avx2;
        dsp->dwt0_vert[1] = vmafx_adm_dwt0_vert_u16n_avx2;
        dsp->dwt0_vert[2] = vmafx_adm_dwt0_vert_u16w_avx2;
        dsp->dwt0_horiz = vmafx_adm_dwt0_horiz_avx2;
        dsp->cm0_masker = vmafx_adm_cm0_masker_avx2;
        dsp->cm0_pool = vmafx_adm_cm0_pool_avx2;
        dsp->decouple0 = vmafx_adm_decouple0_avx2;
        dsp->dwt_s_vert = vmafx_adm_dwt_s_vert_avx2;
        dsp->dwt_s_horiz = vmafx_adm_dwt_s_horiz_avx2;
        dsp->cms_masker = vmafx_adm_cms_masker_avx2;
        dsp->cms_pool = vmafx_adm_cms_pool_avx2;
        dsp->cube_sum0 = vmafx_adm_cube_sum0_avx2;
        dsp->decouple_s = vmafx_adm_decouple_s_avx2;
        dsp->cube_sum_s = vmafx_adm_cube_sum_s_avx2;
        dsp->threshold = vmafx_adm_threshold_avx2;
    }
    if ((cpu_flags & (VMAFX_CPU_AVX2 | VMAFX_CPU_AVX512)) == (VMAFX_CPU_AVX2 | VMAFX_CPU_AVX512)) {
        dsp->dwt0_vert[0] = vmafx_adm_dwt0_vert_u8_avx512;
        dsp->dwt0_vert[1] = vmafx_adm_dwt0_vert_u16n_avx512;
        dsp->dwt0_vert[2] = vmafx_adm_dwt0_vert_u16w_avx512;
        dsp->dwt0_horiz = vmafx_adm_dwt0_horiz_avx512;
        dsp->cm0_masker = vmafx_adm_cm0_masker_avx512;
        dsp->cm0_pool = vmafx_adm_cm0_pool_avx512;
        dsp->decouple0 = vmafx_adm_decouple0_avx512;
        dsp->dwt_s_vert = vmafx_adm_dwt_s_vert_avx512;
        dsp->dwt_s_horiz = vmafx_adm_dwt_s_horiz_avx512;
        dsp->cms_masker = vmafx_adm_cms_masker_avx512;
        dsp->cms_pool = vmafx_adm_cms_pool_avx512;
        dsp->cube_sum0 = vmafx_adm_cube_sum0_avx512;
        dsp->decouple_s = vmafx_adm_decouple_s_avx512;
        dsp->cube_sum_s = vmafx_adm_cube_sum_s_avx512;
        dsp->threshold = vmafx_adm_threshold_avx512;
    }
    if ((cpu_flags & (VMAFX_CPU_AVX2 | VMAFX_CPU_AVX512 | VMAFX_CPU_AVX512ICL)) ==
        (VMAFX_CPU_AVX2 | VMAFX_CPU_AVX512 | VMAFX_CPU_AVX512ICL)) {
        dsp->dwt0_vert[0] = vmafx_adm_dwt0_vert_u8_avx512icl;
        dsp->dwt0_vert[1] = vmafx_adm_dwt0_vert_u16n_avx512icl;
        dsp->dwt0_vert[2] = vmafx_adm_dwt0_vert_u16w_avx512icl;
        dsp->dwt0_horiz = vmafx_adm_dwt0_horiz_avx512icl;
        dsp->dwt_s_vert = vmafx_adm_dwt_s_vert_avx512icl;
    }
#elif defined(__aarch64__)
    if (cpu_flags & VMAFX_CPU_NEON) {
        dsp->dwt0_vert[0] = vmafx_adm_dwt0_vert_u8_neon;
        dsp->dwt0_vert[1] = vmafx_adm_dwt0_vert_u16n_neon;
        dsp->dwt0_vert[2] = vmafx_adm_dwt0_vert_u16w_neon;
        dsp->dwt0_horiz = vmafx_adm_dwt0_horiz_neon;
        dsp->cm0_masker = vmafx_adm_cm0_masker_neon;
        dsp->cm0_pool = vmafx_adm_cm0_pool_neon;
        dsp->decouple0 = vmafx_adm_decouple0_neon;
        dsp->dwt_s_vert = vmafx_adm_dwt_s_vert_neon;
        dsp->dwt_s_horiz = vmafx_adm_dwt_s_horiz_neon;
        dsp->cms_masker = vmafx_adm_cms_masker_neon;
        dsp->cms_pool = vmafx_adm_cms_pool_neon;
        dsp->cube_sum0 = vmafx_adm_cube_sum0_neon;
        dsp->decouple_s = vmafx_adm_decouple_s_neon;
        dsp->cube_sum_s = vmafx_adm_cube_sum_s_neon;
        dsp->threshold = vmafx_adm_threshold_neon;
    }
#else
    (void)cpu_flags;
#endif
}
