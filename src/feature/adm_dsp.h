/*
 * Integer ADM: hot leaf kernels of the scale-0 wavelet transform behind a
 * per-instance function table. The C kernels in adm_dsp.c are the reference.
 */
#ifndef VMAFX_SRC_FEATURE_ADM_DSP_H
#define VMAFX_SRC_FEATURE_ADM_DSP_H

#include <stdint.h>

/* Analysis filters scaled by 2^15 (spec 4.3). */
#define ADM_DWT_L0 15826
#define ADM_DWT_L1 27411
#define ADM_DWT_L2 7345
#define ADM_DWT_L3 (-4240)
#define ADM_DWT_G0 (-4240)
#define ADM_DWT_G1 (-7345)
#define ADM_DWT_G2 27411
#define ADM_DWT_G3 (-15826)

/*
 * Vertical pass of one scale-0 output row (spec 4.6): for every column x < w
 * of the input rows r0..r3 (uint8_t for [0], uint16_t otherwise), the low and
 * high outputs at l[1 + x], g[1 + x]. [1]: 9..12-bit samples (32-bit sums),
 * [2]: 13..16 bits (64-bit sums). `shift` is the bit depth. For [1], [2] a
 * sample above the depth (garbage in) must give the C kernel's wrapped result.
 */
typedef void (*AdmDwt0VertFn)(const void *r0, const void *r1, const void *r2, const void *r3,
                              int w, int shift, int16_t *l, int16_t *g);

/*
 * Horizontal pass of one scale-0 output row: bw outputs from the padded line
 * buffers l, g (index 1 + x holds column x, w + 3 entries, 2 * bw <= w + 1).
 * A into oa (rounded by 2^16, int32); with oh != NULL also the H, V, D bands.
 */
typedef void (*AdmDwt0HorizFn)(const int16_t *l, const int16_t *g, int bw, int32_t *oa,
                               int16_t *oh, int16_t *ov, int16_t *od);

/*
 * Scale-0 masker maps of n columns (spec 8.1): with c_b the CSF-weighted
 * int16 value of z_b (H, V with rho_hv, rounded by 2^14 >> 15; D with rho_d,
 * + 65535 >> 17), phi = sum_b int16((4369 |c_b| + 2048) >> 12) and
 * psi = sum_b int16((8738 |c_b| + 2048) >> 12). phi and psi are overwritten.
 */
typedef void (*AdmCm0MaskerFn)(const int16_t *zh, const int16_t *zv, const int16_t *zd, int n,
                               int rho_hv, int rho_d, int32_t *phi, int32_t *psi);

/*
 * Scale-0 pooled row sum of one band (spec 8.3-8.5) over n columns: with
 * x = rho * y[j], zz = max(int32(|x| - (uint32(thr[j]) << sig)), 0) and
 * zsq = wrap32((zz^2 + 2^(q-1)) >> q), returns sum_j (zsq * zz + 2^(e-1)) >> e
 * (arithmetic shift, int64 wrap). 0 <= rho < 2^16, 0 <= sig < 32,
 * 1 <= q <= 62, 1 <= e <= 62.
 */
typedef int64_t (*AdmCm0PoolFn)(const int16_t *y, const int32_t *thr, int n, int rho, int sig,
                                int q, int e);

/*
 * Scale-0 decoupling (spec 5) of n positions of one row: o, t the reference
 * and distorted H, V, D rows, r, a the restored and additive outputs.
 * rcp holds Rcp(q) = 2^30 div q for q = 0..32768 (rcp[0] = 0, never used);
 * 1 <= egl <= 100 (the option's range).
 */
typedef void (*AdmDecouple0Fn)(const int16_t *const o[3], const int16_t *const t[3],
                               int16_t *const r[3], int16_t *const a[3], int n,
                               const uint32_t *rcp, double egl);

/*
 * Scales 1-3, vertical pass of one output row (spec 4.7): for x < w,
 * l[1 + x], g[1 + x] = wrap32((sum + round) >> sv) of the int64 tap sums over
 * rows r0..r3, round = 2^(sv-1) (0 for sv == 0), 0 <= sv <= 16.
 */
typedef void (*AdmDwtSVertFn)(const int32_t *r0, const int32_t *r1, const int32_t *r2,
                              const int32_t *r3, int w, int sv, int32_t *l, int32_t *g);

/*
 * Scales 1-3, horizontal pass: bw outputs from the padded line buffers l, g
 * (w + 3 entries each, 2 * bw <= w + 1, reads never go past index w + 2),
 * rounded by 2^(sh-1) >> sh, 1 <= sh <= 16. oa may be NULL.
 */
typedef void (*AdmDwtSHorizFn)(const int32_t *l, const int32_t *g, int w, int bw, int sh,
                               int32_t *oa, int32_t *oh, int32_t *ov, int32_t *od);

/*
 * Scales 1-3 masker maps of n columns (spec 8.1): with
 * c_b = wrap32((rho_b * z_b + 2^27) >> 28) (rho_hv for H, V, rho_d for D),
 * phi = sum_b int32((143165577 |c_b| - 2^31) >> 32) and psi likewise with
 * 286331153 (sums modulo 2^32). phi and psi are overwritten.
 */
typedef void (*AdmCmSMaskerFn)(const int32_t *zh, const int32_t *zv, const int32_t *zd, int n,
                               uint32_t rho_hv, uint32_t rho_d, int32_t *phi, int32_t *psi);

/*
 * Scales 1-3 pooled row sum of one band over n columns: with
 * x = wrap32((rho * y[j] + 2^27) >> 28), zz = max(wrap32(|x| - thr[j]), 0),
 * zsq = wrap32((zz^2 + 2^29) >> 30), returns sum_j (zsq * zz + 2^(e-1)) >> e
 * (arithmetic shift, int64 wrap), 1 <= e <= 62.
 */
typedef int64_t (*AdmCmSPoolFn)(const int32_t *y, const int32_t *thr, int n, uint32_t rho, int e);

/*
 * Sum of |o[j]|^3 over 0 <= n <= 2^16 entries (the row sums of the scale-0
 * denominator, spec 9.1); exact: every term is at most 2^45.
 */
typedef uint64_t (*AdmCubeSum0Fn)(const int16_t *o, int n);

/*
 * Scales 1-3 decoupling (spec 5) of n positions of one row, as decouple0 on
 * int32 bands (any int32 values): |o| >= 2^15 is renormalised to 15 bits before
 * the rcp lookup (spec 5.2), k and every product are exact in 64 bits, r and
 * a = wrap32(t - r) are int32. rcp holds 32769 entries (Rcp(q) = 2^30 div q,
 * rcp[0] = 0 is never used); 1 <= egl <= 100.
 */
typedef void (*AdmDecoupleSFn)(const int32_t *const o[3], const int32_t *const t[3],
                               int32_t *const r[3], int32_t *const a[3], int n,
                               const uint32_t *rcp, double egl);

/*
 * Scales 1-3 denominator row sum (spec 9.2) over n entries: with u = |o[j]|,
 * sum_j (((u^2 + 2^q) >> q) * u + round) >> e, round = 2^(e-1) (0 for e == 0),
 * every step in uint64 modulo 2^64. 0 <= q <= 62, 0 <= e <= 63.
 */
typedef uint64_t (*AdmCubeSumSFn)(const int32_t *o, int n, int q, int e);

/*
 * Pooling thresholds of n columns (spec 8.2), modulo 2^32: with the phi rows
 * pu, pm, pd above, at and below the row and its psi row cm,
 * thr[j] = cm[j] - pm[j] + sum over dx in -1..1 of (pu + pm + pd)[j + dx].
 * Reads columns -1..n of the phi rows (band edges are the caller's).
 */
typedef void (*AdmThresholdFn)(const int32_t *pu, const int32_t *pm, const int32_t *pd,
                               const int32_t *cm, int n, int32_t *thr);

typedef struct AdmDsp {
    AdmDwt0VertFn dwt0_vert[3]; /* [0] 8-bit, [1] 9..12-bit, [2] 13..16-bit */
    AdmDwt0HorizFn dwt0_horiz;
    AdmCm0MaskerFn cm0_masker;
    AdmCm0PoolFn cm0_pool;
    AdmDecouple0Fn decouple0;
    AdmDwtSVertFn dwt_s_vert;
    AdmDwtSHorizFn dwt_s_horiz;
    AdmCmSMaskerFn cms_masker;
    AdmCmSPoolFn cms_pool;
    AdmCubeSum0Fn cube_sum0;
    AdmDecoupleSFn decouple_s;
    AdmCubeSumSFn cube_sum_s;
    AdmThresholdFn threshold;
} AdmDsp;

void vmafx_adm_dsp_init(AdmDsp *dsp, unsigned cpu_flags);

void vmafx_adm_dwt0_vert_u8_c(const void *r0, const void *r1, const void *r2, const void *r3,
                              int w, int shift, int16_t *l, int16_t *g);
void vmafx_adm_dwt0_vert_u16n_c(const void *r0, const void *r1, const void *r2,
                                const void *r3, int w, int shift, int16_t *l, int16_t *g);
void vmafx_adm_dwt0_vert_u16w_c(const void *r0, const void *r1, const void *r2,
                                const void *r3, int w, int shift, int16_t *l, int16_t *g);
void vmafx_adm_dwt0_horiz_c(const int16_t *l, const int16_t *g, int bw, int32_t *oa,
                            int16_t *oh, int16_t *ov, int16_t *od);

void vmafx_adm_cm0_masker_c(const int16_t *zh, const int16_t *zv, const int16_t *zd, int n,
                            int rho_hv, int rho_d, int32_t *phi, int32_t *psi);
int64_t vmafx_adm_cm0_pool_c(const int16_t *y, const int32_t *thr, int n, int rho, int sig,
                             int q, int e);
void vmafx_adm_decouple0_c(const int16_t *const o[3], const int16_t *const t[3],
                           int16_t *const r[3], int16_t *const a[3], int n,
                           const uint32_t *rcp, double egl);
void vmafx_adm_dwt_s_vert_c(const int32_t *r0, const int32_t *r1, const int32_t *r2,
                            const int32_t *r3, int w, int sv, int32_t *l, int32_t *g);
void vmafx_adm_cms_masker_c(const int32_t *zh, const int32_t *zv, const int32_t *zd, int n,
                            uint32_t rho_hv, uint32_t rho_d, int32_t *phi, int32_t *psi);
int64_t vmafx_adm_cms_pool_c(const int32_t *y, const int32_t *thr, int n, uint32_t rho, int e);
uint64_t vmafx_adm_cube_sum0_c(const int16_t *o, int n);
void vmafx_adm_decouple_s_c(const int32_t *const o[3], const int32_t *const t[3],
                            int32_t *const r[3], int32_t *const a[3], int n,
                            const uint32_t *rcp, double egl);
uint64_t vmafx_adm_cube_sum_s_c(const int32_t *o, int n, int q, int e);
void vmafx_adm_threshold_c(const int32_t *pu, const int32_t *pm, const int32_t *pd,
                           const int32_t *cm, int n, int32_t *thr);
void vmafx_adm_dwt_s_horiz_c(const int32_t *l, const int32_t *g, int w, int bw, int sh,
                             int32_t *oa, int32_t *oh, int32_t *ov, int32_t *od);

void vmafx_adm_dwt0_vert_u8_avx2(const void *r0, const void *r1, const void *r2,
                                 const void *r3, int w, int shift, int16_t *l, int16_t *g);
void vmafx_adm_dwt0_vert_u16n_avx2(const void *r0, const void *r1, const void *r2,
                                   const void *r3, int w, int shift, int16_t *l, int16_t *g);
void vmafx_adm_dwt0_vert_u16w_avx2(const void *r0, const void *r1, const void *r2,
                                   const void *r3, int w, int shift, int16_t *l, int16_t *g);
void vmafx_adm_dwt0_horiz_avx2(const int16_t *l, const int16_t *g, int bw, int32_t *oa,
                               int16_t *oh, int16_t *ov, int16_t *od);

void vmafx_adm_cm0_masker_avx2(const int16_t *zh, const int16_t *zv, const int16_t *zd, int n,
                               int rho_hv, int rho_d, int32_t *phi, int32_t *psi);
int64_t vmafx_adm_cm0_pool_avx2(const int16_t *y, const int32_t *thr, int n, int rho, int sig,
                                int q, int e);
void vmafx_adm_decouple0_avx2(const int16_t *const o[3], const int16_t *const t[3],
                              int16_t *const r[3], int16_t *const a[3], int n,
                              const uint32_t *rcp, double egl);
void vmafx_adm_dwt_s_vert_avx2(const int32_t *r0, const int32_t *r1, const int32_t *r2,
                               const int32_t *r3, int w, int sv, int32_t *l, int32_t *g);
void vmafx_adm_cms_masker_avx2(const int32_t *zh, const int32_t *zv, const int32_t *zd,
                               int n, uint32_t rho_hv, uint32_t rho_d, int32_t *phi,
                               int32_t *psi);
int64_t vmafx_adm_cms_pool_avx2(const int32_t *y, const int32_t *thr, int n, uint32_t rho,
                                int e);
void vmafx_adm_dwt_s_horiz_avx2(const int32_t *l, const int32_t *g, int w, int bw, int sh,
                                int32_t *oa, int32_t *oh, int32_t *ov, int32_t *od);
uint64_t vmafx_adm_cube_sum0_avx2(const int16_t *o, int n);
void vmafx_adm_decouple_s_avx2(const int32_t *const o[3], const int32_t *const t[3],
                               int32_t *const r[3], int32_t *const a[3], int n,
                               const uint32_t *rcp, double egl);
uint64_t vmafx_adm_cube_sum_s_avx2(const int32_t *o, int n, int q, int e);
void vmafx_adm_threshold_avx2(const int32_t *pu, const int32_t *pm, const int32_t *pd,
                              const int32_t *cm, int n, int32_t *thr);

/* AVX-512 (F, BW, DQ, VL) kernels (src/feature/x86/adm_avx512.c), same contracts. */
void vmafx_adm_dwt0_vert_u8_avx512(const void *r0, const void *r1, const void *r2,
                                   const void *r3, int w, int shift, int16_t *l, int16_t *g);
void vmafx_adm_dwt0_vert_u16n_avx512(const void *r0, const void *r1, const void *r2,
                                     const void *r3, int w, int shift, int16_t *l, int16_t *g);
void vmafx_adm_dwt0_vert_u16w_avx512(const void *r0, const void *r1, const void *r2,
                                     const void *r3, int w, int shift, int16_t *l, int16_t *g);
void vmafx_adm_dwt0_horiz_avx512(const int16_t *l, const int16_t *g, int bw, int32_t *oa,
                                 int16_t *oh, int16_t *ov, int16_t *od);
void vmafx_adm_cm0_masker_avx512(const int16_t *zh, const int16_t *zv, const int16_t *zd,
                                 int n, int rho_hv, int rho_d, int32_t *phi, int32_t *psi);
int64_t vmafx_adm_cm0_pool_avx512(const int16_t *y, const int32_t *thr, int n, int rho,
                                  int sig, int q, int e);
void vmafx_adm_decouple0_avx512(const int16_t *const o[3], const int16_t *const t[3],
                                int16_t *const r[3], int16_t *const a[3], int n,
                                const uint32_t *rcp, double egl);
void vmafx_adm_dwt_s_vert_avx512(const int32_t *r0, const int32_t *r1, const int32_t *r2,
                                 const int32_t *r3, int w, int sv, int32_t *l, int32_t *g);
void vmafx_adm_dwt_s_horiz_avx512(const int32_t *l, const int32_t *g, int w, int bw, int sh,
                                  int32_t *oa, int32_t *oh, int32_t *ov, int32_t *od);
void vmafx_adm_cms_masker_avx512(const int32_t *zh, const int32_t *zv, const int32_t *zd,
                                 int n, uint32_t rho_hv, uint32_t rho_d, int32_t *phi,
                                 int32_t *psi);
int64_t vmafx_adm_cms_pool_avx512(const int32_t *y, const int32_t *thr, int n, uint32_t rho,
                                  int e);
uint64_t vmafx_adm_cube_sum0_avx512(const int16_t *o, int n);
void vmafx_adm_decouple_s_avx512(const int32_t *const o[3], const int32_t *const t[3],
                                 int32_t *const r[3], int32_t *const a[3], int n,
                                 const uint32_t *rcp, double egl);
uint64_t vmafx_adm_cube_sum_s_avx512(const int32_t *o, int n, int q, int e);
void vmafx_adm_threshold_avx512(const int32_t *pu, const int32_t *pm, const int32_t *pd,
                                const int32_t *cm, int n, int32_t *thr);

/* AVX-512 Ice Lake level (VNNI) kernels (src/feature/x86/adm_avx512icl.c). */
void vmafx_adm_dwt0_vert_u8_avx512icl(const void *r0, const void *r1, const void *r2,
                                      const void *r3, int w, int shift, int16_t *l, int16_t *g);
void vmafx_adm_dwt0_vert_u16n_avx512icl(const void *r0, const void *r1, const void *r2,
                                        const void *r3, int w, int shift, int16_t *l,
                                        int16_t *g);
void vmafx_adm_dwt0_vert_u16w_avx512icl(const void *r0, const void *r1, const void *r2,
                                        const void *r3, int w, int shift, int16_t *l,
                                        int16_t *g);
void vmafx_adm_dwt0_horiz_avx512icl(const int16_t *l, const int16_t *g, int bw, int32_t *oa,
                                    int16_t *oh, int16_t *ov, int16_t *od);
void vmafx_adm_dwt_s_vert_avx512icl(const int32_t *r0, const int32_t *r1, const int32_t *r2,
                                    const int32_t *r3, int w, int sv, int32_t *l, int32_t *g);

#if defined(__aarch64__)
/* aarch64 kernels (src/feature/arm/adm_neon.c), same contracts. */
void vmafx_adm_dwt0_vert_u8_neon(const void *r0, const void *r1, const void *r2,
                                 const void *r3, int w, int shift, int16_t *l, int16_t *g);
void vmafx_adm_dwt0_vert_u16n_neon(const void *r0, const void *r1, const void *r2,
                                   const void *r3, int w, int shift, int16_t *l, int16_t *g);
void vmafx_adm_dwt0_horiz_neon(const int16_t *l, const int16_t *g, int bw, int32_t *oa,
                               int16_t *oh, int16_t *ov, int16_t *od);
void vmafx_adm_cm0_masker_neon(const int16_t *zh, const int16_t *zv, const int16_t *zd, int n,
                               int rho_hv, int rho_d, int32_t *phi, int32_t *psi);
int64_t vmafx_adm_cm0_pool_neon(const int16_t *y, const int32_t *thr, int n, int rho, int sig,
                                int q, int e);
void vmafx_adm_cms_masker_neon(const int32_t *zh, const int32_t *zv, const int32_t *zd,
                               int n, uint32_t rho_hv, uint32_t rho_d, int32_t *phi,
                               int32_t *psi);
int64_t vmafx_adm_cms_pool_neon(const int32_t *y, const int32_t *thr, int n, uint32_t rho,
                                int e);
void vmafx_adm_dwt0_vert_u16w_neon(const void *r0, const void *r1, const void *r2,
                                   const void *r3, int w, int shift, int16_t *l, int16_t *g);
void vmafx_adm_decouple0_neon(const int16_t *const o[3], const int16_t *const t[3],
                              int16_t *const r[3], int16_t *const a[3], int n,
                              const uint32_t *rcp, double egl);
void vmafx_adm_dwt_s_vert_neon(const int32_t *r0, const int32_t *r1, const int32_t *r2,
                               const int32_t *r3, int w, int sv, int32_t *l, int32_t *g);
void vmafx_adm_dwt_s_horiz_neon(const int32_t *l, const int32_t *g, int w, int bw, int sh,
                                int32_t *oa, int32_t *oh, int32_t *ov, int32_t *od);
uint64_t vmafx_adm_cube_sum0_neon(const int16_t *o, int n);
void vmafx_adm_decouple_s_neon(const int32_t *const o[3], const int32_t *const t[3],
                               int32_t *const r[3], int32_t *const a[3], int n,
                               const uint32_t *rcp, double egl);
uint64_t vmafx_adm_cube_sum_s_neon(const int32_t *o, int n, int q, int e);
void vmafx_adm_threshold_neon(const int32_t *pu, const int32_t *pm, const int32_t *pd,
                              const int32_t *cm, int n, int32_t *thr);
#endif

#endif /* VMAFX_SRC_FEATURE_ADM_DSP_H */
