/*
 * Integer ADM: reference kernels of the scale-0 transform and the ISA ladder.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "cpu.h"
#include "feature/adm_dsp.h"

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

void vmafx_adm_dsp_init(AdmDsp *dsp, unsigned cpu_flags)
{
    dsp->dwt0_vert[0] = vmafx_adm_dwt0_vert_u8_c;
    dsp->dwt0_vert[1] = vmafx_adm_dwt0_vert_u16n_c;
    dsp->dwt0_vert[2] = vmafx_adm_dwt0_vert_u16w_c;
    dsp->dwt0_horiz = vmafx_adm_dwt0_horiz_c;
    dsp->cm0_masker = vmafx_adm_cm0_masker_c;
    dsp->cm0_pool = vmafx_adm_cm0_pool_c;
#if defined(__x86_64__)
    if (cpu_flags & VMAFX_CPU_AVX2) {
        dsp->dwt0_vert[0] = vmafx_adm_dwt0_vert_u8_avx2;
        dsp->dwt0_horiz = vmafx_adm_dwt0_horiz_avx2;
        dsp->cm0_masker = vmafx_adm_cm0_masker_avx2;
        dsp->cm0_pool = vmafx_adm_cm0_pool_avx2;
    }
#else
    (void)cpu_flags;
#endif
}
