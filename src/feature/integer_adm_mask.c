/*
 * Integer ADM: one scale, row by row, from the transform through decoupling,
 * contrast masking and pooling to the denominator (spec integer-adm.md
 * sections 4, 5, 7, 8, 9).
 *
 * Band index 0 is H, 1 is V, 2 is D everywhere; float sums follow that order.
 * Scale 0 works on int16 bands with 16-bit CSF factors, scales 1-3 on int32
 * bands with 32-bit factors; the two families differ in every shift, so they
 * are written out separately.
 *
 * Only the approximation bands, which feed the next scale, are kept whole.
 * Every other quantity lives in the few rows of VmafxAdmRows: band row k of
 * both pictures is transformed, decoupled and run through both maskers, and
 * pooled row i follows once the masker rows around it exist. The integer
 * sums are exact, so their order does not matter.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "feature/integer_adm_internal.h"

/* Every float/double operation must round on its own (spec 0): no fused
 * multiply-add. GCC keeps contraction off in ISO C mode (-std=c11). */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

static inline int ceil_log2(double x)
{
    return (int)ceil(log2(x));
}

/* Row y of a three-row ring of band-width rows. */
static inline int32_t *ring32(int32_t *base, int y, int w)
{
    return base + (ptrdiff_t)(y % 3) * w;
}

static inline int16_t *ring16(int32_t *base, int y, int w)
{
    return (int16_t *)base + (ptrdiff_t)(y % 3) * w;
}

/* Threshold of column j where a neighbour column lies outside the band: the
 * mirror of spec 8.2 (column -1 reads column 1, column w reads column w - 1). */
static int32_t threshold_edge(const uint32_t *pu, const uint32_t *pm, const uint32_t *pd,
                              const uint32_t *cm, int j, int w)
{
    uint32_t s = cm[j] - pm[j];
    for (int x = j - 1; x <= j + 1; x++) {
        const int m = x < 0 ? -x : x >= w ? 2 * w - 1 - x : x;
        s += pu[m] + pm[m] + pd[m];
    }
    return (int32_t)s;
}

/* Thresholds of pooled row i into thr[x0..x1) from the masker rings: own
 * centre terms plus the eight neighbours' terms, borders mirrored as in spec
 * 8.2, modulo 2^32. */
static void threshold_row(const AdmDsp *dsp, const VmafxAdmGeom *g, int i, int32_t *phi,
                          int32_t *psi, int32_t *thr)
{
    const int w = g->w;
    const int up = i == 0 ? 1 : i - 1;
    const int dn = i + 1 == g->h ? g->h - 1 : i + 1;
    const int32_t *pu = ring32(phi, up, w), *pm = ring32(phi, i, w), *pd = ring32(phi, dn, w);
    const int32_t *cm = ring32(psi, i, w);
    int j0 = g->x0, j1 = g->x1;

    /* only bands narrower than 15 pool their edge columns (spec 4.2) */
    if (j0 == 0) {
        thr[0] = threshold_edge((const uint32_t *)pu, (const uint32_t *)pm, (const uint32_t *)pd,
                                (const uint32_t *)cm, 0, w);
        j0 = 1;
    }
    if (j1 == w && j1 > j0) {
        thr[w - 1] = threshold_edge((const uint32_t *)pu, (const uint32_t *)pm,
                                    (const uint32_t *)pd, (const uint32_t *)cm, w - 1, w);
        j1 = w - 1;
    }
    if (j1 > j0)
        dsp->threshold(pu + j0, pm + j0, pd + j0, cm + j0, j1 - j0, thr + j0);
}

/* The last masker row that pooled row i reads: i + 1, mirrored at the end. */
static inline int last_needed(const VmafxAdmGeom *g, int i)
{
    return i + 1 < g->h ? i + 1 : g->h - 1;
}

/* Per-row rounding shift of the row sums (spec 8.5). */
static inline int64_t row_round(int64_t rowsum, int shift)
{
    return (rowsum + ((int64_t)1 << (shift - 1))) >> shift;
}

/* Noise floor of a scale's pooled values (spec 8.6, 9.3). */
static float noise_floor(const VmafxAdmGeom *g, double noise_weight)
{
    const int area = (g->x1 - g->x0) * (g->y1 - g->y0);
    return powf((float)((double)area * noise_weight), VMAFX_ADM_THIRD);
}

/* Pooled value of scale 0 from the band sums (spec 8.6). */
static float pooled0(const VmafxAdmGeom *g, const int64_t sum[3], int e_hv, int e_d,
                     int rho_acc, double noise_weight)
{
    const float nf = noise_floor(g, noise_weight);
    float n[3];
    for (int b = 0; b < 3; b++) {
        const int ex = (b == 2 ? 57 - e_d : 52 - e_hv) - rho_acc;
        const float f = (float)((double)sum[b] / ldexp(1.0, ex));
        n[b] = powf(f, VMAFX_ADM_THIRD) + nf;
    }
    return (n[0] + n[1]) + n[2];
}

VmafxAdmScore vmafx_adm_scale0(const AdmDsp *dsp, const VmafxAdmGeom *g,
                               const VmafxAdmPlane *ref, const VmafxAdmPlane *dis,
                               int32_t *ref_a, int32_t *dis_a, const VmafxAdmParams *par,
                               const VmafxAdmRows *rows)
{
    static const int thr_shift[3] = { 10, 10, 12 };
    static const int sq_shift[3] = { 29, 29, 30 };
    const VmafxAdmCsf *csf = par->csf;
    const int32_t rho[3] = { csf->rho0_hv, csf->rho0_hv, csf->rho0_d };
    const int w = g->w, n = g->px1 - g->px0, np = g->x1 - g->x0;
    const int passes = par->skip_aim ? 1 : 2;

    const int rho_acc = ceil_log2(g->h);
    const int e_hv = (int)ceil(log2((double)w) - 4.0);
    const int e_d = (int)ceil(log2((double)w) - 3.0);
    const int cube_shift[3] = { e_hv, e_hv, e_d };
    /* denominator (spec 9.1): row sums shifted by zs */
    const int area = np * (g->y1 - g->y0);
    int zs = ceil_log2((double)area) - 20;
    zs = zs < 0 ? 0 : zs;
    const uint64_t z_round = zs > 0 ? (uint64_t)1 << (zs - 1) : 0;

    int16_t *const o[3] = { (int16_t *)rows->det[0][0], (int16_t *)rows->det[0][1],
                            (int16_t *)rows->det[0][2] };
    int16_t *const t[3] = { (int16_t *)rows->det[1][0], (int16_t *)rows->det[1][1],
                            (int16_t *)rows->det[1][2] };
    int64_t sum[2][3] = { { 0, 0, 0 }, { 0, 0, 0 } };
    uint64_t dsum[3] = { 0, 0, 0 };
    int next = g->y0; /* next row to pool */

    for (int k = 0; k < g->h; k++) {
        vmafx_adm_dwt0_row(dsp, ref, k, ref_a + (ptrdiff_t)k * w, o[0], o[1], o[2], rows->tmp16);
        vmafx_adm_dwt0_row(dsp, dis, k, dis_a + (ptrdiff_t)k * w, t[0], t[1], t[2], rows->tmp16);

        if (k >= g->py0 && k < g->py1) {
            const int px0 = g->px0;
            const ptrdiff_t slot = (ptrdiff_t)(k % 3) * w + px0;
            const int16_t *const ok[3] = { o[0] + px0, o[1] + px0, o[2] + px0 };
            const int16_t *const tk[3] = { t[0] + px0, t[1] + px0, t[2] + px0 };
            int16_t *const r[3] = { ring16(rows->dec[0][0], k, w) + px0,
                                    ring16(rows->dec[0][1], k, w) + px0,
                                    ring16(rows->dec[0][2], k, w) + px0 };
            int16_t *const a[3] = { ring16(rows->dec[1][0], k, w) + px0,
                                    ring16(rows->dec[1][1], k, w) + px0,
                                    ring16(rows->dec[1][2], k, w) + px0 };
            dsp->decouple0(ok, tk, r, a, n, par->rcp, par->egl);
            /* num masks r by a, aim a by r */
            dsp->cm0_masker(a[0], a[1], a[2], n, rho[0], rho[2], rows->phi[0] + slot,
                            rows->psi[0] + slot);
            if (passes > 1)
                dsp->cm0_masker(r[0], r[1], r[2], n, rho[0], rho[2], rows->phi[1] + slot,
                                rows->psi[1] + slot);
        }
        if (k >= g->y0 && k < g->y1)
            for (int b = 0; b < 3; b++)
                dsum[b] += (dsp->cube_sum0(o[b] + g->x0, np) + z_round) >> zs;

        for (; next < g->y1 && last_needed(g, next) <= k; next++) {
            for (int pass = 0; pass < passes; pass++) {
                threshold_row(dsp, g, next, rows->phi[pass], rows->psi[pass], rows->thr);
                for (int b = 0; b < 3; b++) {
                    const int16_t *y = ring16(rows->dec[pass][b], next, w) + g->x0;
                    const int64_t rowsum = dsp->cm0_pool(y, rows->thr + g->x0, np, rho[b],
                                                         thr_shift[b], sq_shift[b],
                                                         cube_shift[b]);
                    sum[pass][b] += row_round(rowsum, rho_acc);
                }
            }
        }
    }

    VmafxAdmScore sc;
    sc.num = pooled0(g, sum[0], e_hv, e_d, rho_acc, par->noise_weight);
    sc.aim = passes > 1 ? pooled0(g, sum[1], e_hv, e_d, rho_acc, 0.0) : 0.0f;
    const float f[3] = { csf->f_hv[0], csf->f_hv[0], csf->f_d[0] };
    const float nf = noise_floor(g, par->noise_weight);
    float d[3];
    for (int b = 0; b < 3; b++) {
        const double c = ((double)dsum[b] / ldexp(1.0, 18 - zs)) * pow((double)f[b], 3.0);
        d[b] = powf((float)c, VMAFX_ADM_THIRD) + nf;
    }
    sc.den = (d[0] + d[1]) + d[2];
    return sc;
}

/* Pooled value of scales 1-3 from the band sums (spec 8.6). */
static float pooled_s(const VmafxAdmGeom *g, int scale, const int64_t sum[3], int e,
                      int rho_acc, double noise_weight)
{
    static const int f_base[VMAFX_ADM_SCALES] = { 0, 45, 39, 36 };
    const float nf = noise_floor(g, noise_weight);
    const float scale_div = ldexpf(1.0f, f_base[scale] - e - rho_acc);
    float n[3];
    for (int b = 0; b < 3; b++) {
        const float f = (float)sum[b] / scale_div;
        n[b] = powf(f, VMAFX_ADM_THIRD) + nf;
    }
    return (n[0] + n[1]) + n[2];
}

VmafxAdmScore vmafx_adm_scale_s(const AdmDsp *dsp, const VmafxAdmGeom *g, int scale,
                                const int32_t *ref_in, const int32_t *dis_in, int32_t *ref_a,
                                int32_t *dis_a, const VmafxAdmParams *par,
                                const VmafxAdmRows *rows)
{
    static const int sq_shift[VMAFX_ADM_SCALES] = { 0, 31, 30, 31 };
    static const int k_shift[VMAFX_ADM_SCALES] = { 0, 32, 27, 23 };
    const VmafxAdmCsf *csf = par->csf;
    const uint32_t rho[3] = { csf->rho_hv[scale], csf->rho_hv[scale], csf->rho_d[scale] };
    const int w = g->w, n = g->px1 - g->px0, np = g->x1 - g->x0, hp = g->y1 - g->y0;
    const int passes = par->skip_aim ? 1 : 2;

    const int rho_acc = ceil_log2(g->h);
    const int e = ceil_log2(w);
    /* denominator (spec 9.2): cube shift from the pooled width, row shift gs;
     * the kernel rounds by trunc(pow(2, e - 1)) too (0 for e == 0) */
    const int e_den = ceil_log2(np), gs = ceil_log2(hp);
    const uint64_t g_round = (uint64_t)trunc(pow(2.0, gs - 1));

    int32_t *const *o = rows->det[0], *const *t = rows->det[1];
    int64_t sum[2][3] = { { 0, 0, 0 }, { 0, 0, 0 } };
    uint64_t dsum[3] = { 0, 0, 0 };
    int next = g->y0; /* next row to pool */

    for (int k = 0; k < g->h; k++) {
        const ptrdiff_t arow = (ptrdiff_t)k * w;
        vmafx_adm_dwt_s_row(dsp, ref_in, g->in_w, g->in_h, scale, k, ref_a ? ref_a + arow : NULL,
                            o[0], o[1], o[2], rows->tmp32);
        vmafx_adm_dwt_s_row(dsp, dis_in, g->in_w, g->in_h, scale, k, dis_a ? dis_a + arow : NULL,
                            t[0], t[1], t[2], rows->tmp32);

        if (k >= g->py0 && k < g->py1) {
            const int px0 = g->px0;
            const ptrdiff_t slot = (ptrdiff_t)(k % 3) * w + px0;
            const int32_t *const ok[3] = { o[0] + px0, o[1] + px0, o[2] + px0 };
            const int32_t *const tk[3] = { t[0] + px0, t[1] + px0, t[2] + px0 };
            int32_t *const r[3] = { ring32(rows->dec[0][0], k, w) + px0,
                                    ring32(rows->dec[0][1], k, w) + px0,
                                    ring32(rows->dec[0][2], k, w) + px0 };
            int32_t *const a[3] = { ring32(rows->dec[1][0], k, w) + px0,
                                    ring32(rows->dec[1][1], k, w) + px0,
                                    ring32(rows->dec[1][2], k, w) + px0 };
            dsp->decouple_s(ok, tk, r, a, n, par->rcp, par->egl);
            /* Masker maps, num masking r by a, aim a by r. The rounding
             * constant of phi/psi is subtracted (upstream's +2^31 overflows
             * its int32 variable), so phi(0) = psi(0) = -1. */
            dsp->cms_masker(a[0], a[1], a[2], n, rho[0], rho[2], rows->phi[0] + slot,
                            rows->psi[0] + slot);
            if (passes > 1)
                dsp->cms_masker(r[0], r[1], r[2], n, rho[0], rho[2], rows->phi[1] + slot,
                                rows->psi[1] + slot);
        }
        if (k >= g->y0 && k < g->y1) {
            /* squaring adds 2^q, not 2^(q-1) (spec 9.2 quirk) */
            for (int b = 0; b < 3; b++)
                dsum[b] += (dsp->cube_sum_s(o[b] + g->x0, np, sq_shift[scale], e_den) + g_round) >>
                           gs;
        }

        for (; next < g->y1 && last_needed(g, next) <= k; next++) {
            for (int pass = 0; pass < passes; pass++) {
                threshold_row(dsp, g, next, rows->phi[pass], rows->psi[pass], rows->thr);
                for (int b = 0; b < 3; b++) {
                    const int32_t *y = ring32(rows->dec[pass][b], next, w) + g->x0;
                    const int64_t rowsum = dsp->cms_pool(y, rows->thr + g->x0, np, rho[b], e);
                    sum[pass][b] += row_round(rowsum, rho_acc);
                }
            }
        }
    }

    VmafxAdmScore sc;
    sc.num = pooled_s(g, scale, sum[0], e, rho_acc, par->noise_weight);
    sc.aim = passes > 1 ? pooled_s(g, scale, sum[1], e, rho_acc, 0.0) : 0.0f;
    const float f[3] = { csf->f_hv[scale], csf->f_hv[scale], csf->f_d[scale] };
    const float nf = noise_floor(g, par->noise_weight);
    float d[3];
    for (int b = 0; b < 3; b++) {
        const double c = ((double)dsum[b] / ldexp(1.0, k_shift[scale] - gs - e_den)) *
                         pow((double)f[b], 3.0);
        d[b] = powf((float)c, VMAFX_ADM_THIRD) + nf;
    }
    sc.den = (d[0] + d[1]) + d[2];
    return sc;
}
