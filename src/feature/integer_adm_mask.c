/*
 * Integer ADM: decoupling, contrast masking, pooling and the denominator
 * (spec integer-adm.md sections 5, 7, 8, 9).
 *
 * Band index 0 is H, 1 is V, 2 is D everywhere; float sums follow that order.
 * Scale 0 works on int16 bands with 16-bit CSF factors, scales 1-3 on int32
 * bands with 32-bit factors; the two families differ in every shift, so they
 * are written out separately.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "feature/integer_adm_decouple.h"
#include "feature/integer_adm_internal.h"

/* Every float/double operation must round on its own (spec 0): no fused
 * multiply-add. GCC keeps contraction off in ISO C mode (-std=c11). */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

/* Two's-complement narrowing to 32 bits (spec wrap32). */
static inline int32_t wrap32(int64_t x)
{
    return (int32_t)(uint32_t)(uint64_t)x;
}

static inline int ceil_log2(double x)
{
    return (int)ceil(log2(x));
}

/* Scale 0: rows of the processing region through the decoupling kernel. */
void vmafx_adm_decouple0(const AdmDsp *dsp, const VmafxAdmGeom *g, const int16_t *const o[3],
                         const int16_t *const t[3], int16_t *const r[3],
                         int16_t *const a[3], const uint32_t *rcp, double egl)
{
    for (int i = g->py0; i < g->py1; i++) {
        const ptrdiff_t row = (ptrdiff_t)i * g->w + g->px0;
        const int16_t *const orow[3] = { o[0] + row, o[1] + row, o[2] + row };
        const int16_t *const trow[3] = { t[0] + row, t[1] + row, t[2] + row };
        int16_t *const rrow[3] = { r[0] + row, r[1] + row, r[2] + row };
        int16_t *const arow[3] = { a[0] + row, a[1] + row, a[2] + row };
        dsp->decouple0(orow, trow, rrow, arow, g->px1 - g->px0, rcp, egl);
    }
}

/* Attenuation ratio k of scales 1-3: large |o| renormalised to 15 bits. */
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

void vmafx_adm_decouple_s(const VmafxAdmGeom *g, const int32_t *const o[3],
                          const int32_t *const t[3], int32_t *const r[3],
                          int32_t *const a[3], const uint32_t *rcp, double egl)
{
    for (int i = g->py0; i < g->py1; i++) {
        for (int j = g->px0; j < g->px1; j++) {
            const ptrdiff_t idx = (ptrdiff_t)i * g->w + j;
            int64_t ob[3], tb[3], rb[3], kb[3];
            for (int b = 0; b < 3; b++) {
                ob[b] = o[b][idx];
                tb[b] = t[b][idx];
                kb[b] = ratio_s(ob[b], tb[b], rcp);
                rb[b] = wrap32((kb[b] * ob[b] + 16384) >> 15);
            }
            const int flag = vmafx_adm_angle_flag(ob[0], ob[1], tb[0], tb[1]);
            for (int b = 0; b < 3; b++) {
                if (flag && kb[b] > 0)
                    rb[b] = wrap32(vmafx_adm_gain_limit(rb[b], ob[b], tb[b], egl));
                r[b][idx] = (int32_t)rb[b];
                a[b][idx] = wrap32(tb[b] - rb[b]);
            }
        }
    }
}

/* Thresholds of pooled row i into buf->thr[x0..x1): own centre terms plus the
 * eight neighbours' terms, borders mirrored as in spec 8.2. The result is
 * wrapped to 32 bits, so the sums are formed modulo 2^32 (vectorisable). */
static void threshold_row(const VmafxAdmGeom *g, int i, const VmafxAdmMaskBuf *buf)
{
    const int w = g->w;
    const int px0 = g->px0, px1 = g->px1, x0 = g->x0, x1 = g->x1;
    const int up = i == 0 ? 1 : i - 1;
    const int dn = i + 1 == g->h ? g->h - 1 : i + 1;
    const uint32_t *restrict pu = (const uint32_t *)buf->phi + (ptrdiff_t)up * w;
    const uint32_t *restrict pm = (const uint32_t *)buf->phi + (ptrdiff_t)i * w;
    const uint32_t *restrict pd = (const uint32_t *)buf->phi + (ptrdiff_t)dn * w;
    const uint32_t *restrict cm = (const uint32_t *)buf->psi + (ptrdiff_t)i * w;
    uint32_t *restrict vs = buf->vs; /* column x at vs[1 + x] */
    uint32_t *restrict thr = (uint32_t *)buf->thr;

    /* local bounds and restrict pointers let the compiler vectorise both loops */
    for (int j = px0; j < px1; j++)
        vs[1 + j] = pu[j] + pm[j] + pd[j];
    if (x0 == 0)
        vs[0] = vs[2];
    if (x1 == w)
        vs[w + 1] = vs[w];
    for (int j = x0; j < x1; j++)
        thr[j] = cm[j] - pm[j] + vs[j] + vs[j + 1] + vs[j + 2];
}

/* Per-row rounding shift of the row sums (spec 8.5). */
static inline int64_t row_round(int64_t rowsum, int shift)
{
    return (rowsum + ((int64_t)1 << (shift - 1))) >> shift;
}

float vmafx_adm_cm0(const AdmDsp *dsp, const VmafxAdmGeom *g, const int16_t *const y[3],
                    const int16_t *const z[3], const VmafxAdmCsf *csf,
                    double noise_weight, const VmafxAdmMaskBuf *buf)
{
    static const int thr_shift[3] = { 10, 10, 12 };
    static const int sq_shift[3] = { 29, 29, 30 };
    const int32_t rho[3] = { csf->rho0_hv, csf->rho0_hv, csf->rho0_d };
    const int w = g->w;

    /* Masker maps: phi and psi of the CSF-weighted masker, summed over bands. */
    for (int i = g->py0; i < g->py1; i++) {
        const ptrdiff_t row = (ptrdiff_t)i * w + g->px0;
        dsp->cm0_masker(z[0] + row, z[1] + row, z[2] + row, g->px1 - g->px0, rho[0], rho[2],
                        buf->phi + row, buf->psi + row);
    }

    const int rho_acc = ceil_log2(g->h);
    const int e_hv = (int)ceil(log2((double)w) - 4.0);
    const int e_d = (int)ceil(log2((double)w) - 3.0);
    const int cube_shift[3] = { e_hv, e_hv, e_d };
    int64_t sum[3] = { 0, 0, 0 };

    for (int i = g->y0; i < g->y1; i++) {
        threshold_row(g, i, buf);
        for (int b = 0; b < 3; b++) {
            const int16_t *yb = y[b] + (ptrdiff_t)i * w;
            const int64_t rowsum = dsp->cm0_pool(yb + g->x0, buf->thr + g->x0, g->x1 - g->x0,
                                                 rho[b], thr_shift[b], sq_shift[b],
                                                 cube_shift[b]);
            sum[b] += row_round(rowsum, rho_acc);
        }
    }

    const int area = (g->x1 - g->x0) * (g->y1 - g->y0);
    const float nf = powf((float)((double)area * noise_weight), VMAFX_ADM_THIRD);
    float n[3];
    for (int b = 0; b < 3; b++) {
        const int ex = (b == 2 ? 57 - e_d : 52 - e_hv) - rho_acc;
        const float f = (float)((double)sum[b] / ldexp(1.0, ex));
        n[b] = powf(f, VMAFX_ADM_THIRD) + nf;
    }
    return (n[0] + n[1]) + n[2];
}

float vmafx_adm_cm_s(const AdmDsp *dsp, const VmafxAdmGeom *g, int scale,
                     const int32_t *const y[3], const int32_t *const z[3], const VmafxAdmCsf *csf,
                     double noise_weight, const VmafxAdmMaskBuf *buf)
{
    static const int f_base[VMAFX_ADM_SCALES] = { 0, 45, 39, 36 };
    const int64_t rho[3] = { csf->rho_hv[scale], csf->rho_hv[scale], csf->rho_d[scale] };
    const int w = g->w;

    /* Masker maps. The rounding constant of phi/psi is subtracted (upstream's
     * +2^31 overflows its int32 variable), so phi(0) = psi(0) = -1. */
    for (int i = g->py0; i < g->py1; i++) {
        const ptrdiff_t row = (ptrdiff_t)i * w + g->px0;
        dsp->cms_masker(z[0] + row, z[1] + row, z[2] + row, g->px1 - g->px0,
                        (uint32_t)rho[0], (uint32_t)rho[2], buf->phi + row, buf->psi + row);
    }

    const int rho_acc = ceil_log2(g->h);
    const int e = ceil_log2(w);
    int64_t sum[3] = { 0, 0, 0 };

    for (int i = g->y0; i < g->y1; i++) {
        threshold_row(g, i, buf);
        for (int b = 0; b < 3; b++) {
            const int32_t *yb = y[b] + (ptrdiff_t)i * w;
            const int64_t rowsum =
                dsp->cms_pool(yb + g->x0, buf->thr + g->x0, g->x1 - g->x0, (uint32_t)rho[b], e);
            sum[b] += row_round(rowsum, rho_acc);
        }
    }

    const int area = (g->x1 - g->x0) * (g->y1 - g->y0);
    const float nf = powf((float)((double)area * noise_weight), VMAFX_ADM_THIRD);
    const float scale_div = ldexpf(1.0f, f_base[scale] - e - rho_acc);
    float n[3];
    for (int b = 0; b < 3; b++) {
        const float f = (float)sum[b] / scale_div;
        n[b] = powf(f, VMAFX_ADM_THIRD) + nf;
    }
    return (n[0] + n[1]) + n[2];
}

float vmafx_adm_den0(const AdmDsp *dsp, const VmafxAdmGeom *g, const int16_t *const o[3],
                     const VmafxAdmCsf *csf, double noise_weight)
{
    const int area = (g->x1 - g->x0) * (g->y1 - g->y0);
    int zs = ceil_log2((double)area) - 20;
    zs = zs < 0 ? 0 : zs;
    const uint64_t z_round = zs > 0 ? (uint64_t)1 << (zs - 1) : 0;
    const float f[3] = { csf->f_hv[0], csf->f_hv[0], csf->f_d[0] };
    const float nf = powf((float)((double)area * noise_weight), VMAFX_ADM_THIRD);
    float d[3];

    for (int b = 0; b < 3; b++) {
        uint64_t sum = 0;
        for (int i = g->y0; i < g->y1; i++) {
            const int16_t *ob = o[b] + (ptrdiff_t)i * g->w;
            const uint64_t rowsum = dsp->cube_sum0(ob + g->x0, g->x1 - g->x0);
            sum += (rowsum + z_round) >> zs;
        }
        const double c = ((double)sum / ldexp(1.0, 18 - zs)) * pow((double)f[b], 3.0);
        d[b] = powf((float)c, VMAFX_ADM_THIRD) + nf;
    }
    return (d[0] + d[1]) + d[2];
}

float vmafx_adm_den_s(const VmafxAdmGeom *g, int scale, const int32_t *const o[3],
                      const VmafxAdmCsf *csf, double noise_weight)
{
    static const int sq_shift[VMAFX_ADM_SCALES] = { 0, 31, 30, 31 };
    static const int k_shift[VMAFX_ADM_SCALES] = { 0, 32, 27, 23 };
    const int wp = g->x1 - g->x0, hp = g->y1 - g->y0;
    const int e = ceil_log2(wp), gs = ceil_log2(hp);
    const uint64_t e_round = (uint64_t)trunc(pow(2.0, e - 1));
    const uint64_t g_round = (uint64_t)trunc(pow(2.0, gs - 1));
    const int q = sq_shift[scale];
    /* Squaring adds 2^q, not 2^(q-1) (spec 9.2 quirk). */
    const uint64_t q_add = (uint64_t)1 << q;
    const float f[3] = { csf->f_hv[scale], csf->f_hv[scale], csf->f_d[scale] };
    const float nf = powf((float)((double)(wp * hp) * noise_weight), VMAFX_ADM_THIRD);
    float d[3];

    for (int b = 0; b < 3; b++) {
        uint64_t sum = 0;
        for (int i = g->y0; i < g->y1; i++) {
            const int32_t *ob = o[b] + (ptrdiff_t)i * g->w;
            uint64_t rowsum = 0;
            for (int j = g->x0; j < g->x1; j++) {
                const uint64_t u = (uint64_t)llabs((int64_t)ob[j]);
                rowsum += ((((u * u + q_add) >> q) * u) + e_round) >> e;
            }
            sum += (rowsum + g_round) >> gs;
        }
        const double c = ((double)sum / ldexp(1.0, k_shift[scale] - gs - e)) *
                         pow((double)f[b], 3.0);
        d[b] = powf((float)c, VMAFX_ADM_THIRD) + nf;
    }
    return (d[0] + d[1]) + d[2];
}
