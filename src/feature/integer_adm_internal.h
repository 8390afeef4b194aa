/*
 * Integer ADM ("adm"): pieces shared by the extractor's source files.
 *
 * Spec: docs/spec/integer-adm.md. Band arrays are row-major with the band
 * width as stride. Scale 0 keeps detail bands in int16, scales 1-3 in int32;
 * approximation bands are int32 at every scale (they feed the next scale).
 */
#ifndef VMAFX_SRC_FEATURE_INTEGER_ADM_INTERNAL_H
#define VMAFX_SRC_FEATURE_INTEGER_ADM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "feature/adm_dsp.h"

#define VMAFX_ADM_SCALES 4
/* Smallest frame side the four-level transform accepts (spec 13). */
#define VMAFX_ADM_MIN_SIDE 33
/* Reciprocal table Rcp(q) = 2^30 / q, q = 1..32768 (index 0 unused). */
#define VMAFX_ADM_RCP_SIZE 32769

/* Cube-root exponent: binary32 nearest to 1/3 (not cbrtf, spec 0 / 14.1). */
#define VMAFX_ADM_THIRD 0x1.555556p-2f

/* CSF factors of all scales for one option set (spec 6). */
typedef struct VmafxAdmCsf {
    float f_hv[VMAFX_ADM_SCALES];     /* float factors, H and V bands */
    float f_d[VMAFX_ADM_SCALES];      /* float factor, D band */
    uint16_t rho0_hv, rho0_d;         /* scale 0 fixed point (Q21 / Q23) */
    uint32_t rho_hv[VMAFX_ADM_SCALES];/* scales 1-3, Q32; index 0 unused */
    uint32_t rho_d[VMAFX_ADM_SCALES];
} VmafxAdmCsf;

/* Fills `csf` for csf mode 0..3 (spec 6.1-6.5). Untabulated (rdh, nvd) pairs
 * of modes 2/3 get upstream's -22 factor, as the spec describes. */
void vmafx_adm_csf_setup(VmafxAdmCsf *csf, int mode, double nvd, int rdh,
                         double csf_scale, double csf_diag_scale);

/* Band geometry of one scale (spec 4.1, 4.2). */
typedef struct VmafxAdmGeom {
    int in_w, in_h;          /* transform input size */
    int w, h;                /* band size */
    int x0, x1, y0, y1;      /* pooling region [x0,x1) x [y0,y1) */
    int px0, px1, py0, py1;  /* pooling region plus a one-sample ring, clipped */
} VmafxAdmGeom;

/* Scale-0 transform of a luma plane (spec 4.6). `stride` counts samples.
 * With bh == NULL only the approximation band is made (adm_skip_scale0).
 * `dsp` supplies the row kernels.
 * `tmp` holds 2 * (w + 3) int16 values. */
void vmafx_adm_dwt0_u8(const AdmDsp *dsp, const uint8_t *src, ptrdiff_t stride, int w,
                       int h, int32_t *a, int16_t *bh, int16_t *bv, int16_t *bd,
                       int16_t *tmp);
void vmafx_adm_dwt0_u16(const AdmDsp *dsp, const uint16_t *src, ptrdiff_t stride, int w,
                        int h, int bpc, int32_t *a, int16_t *bh, int16_t *bv,
                        int16_t *bd, int16_t *tmp);

/* Transform of scale 1..3 (spec 4.7) from the previous A band (w x h).
 * `a` may be NULL (last scale). `tmp` holds 2 * (w + 3) int32 values. */
void vmafx_adm_dwt_s(const AdmDsp *dsp, const int32_t *src, int w, int h, int scale, int32_t *a,
                     int32_t *bh, int32_t *bv, int32_t *bd, int32_t *tmp);

/* Work rows and maps for contrast masking, sized for the scale-0 band. */
typedef struct VmafxAdmMaskBuf {
    int32_t *phi;  /* band-sized: neighbour terms summed over H, V, D */
    int32_t *psi;  /* band-sized: centre terms summed over H, V, D */
    uint32_t *vs;  /* band width + 2: vertical 3-sums of phi, modulo 2^32 */
    int32_t *thr;  /* band width: thresholds of one row */
} VmafxAdmMaskBuf;

/* Scale 0 (int16 bands). Decoupling over the processing region (spec 5). */
void vmafx_adm_decouple0(const AdmDsp *dsp, const VmafxAdmGeom *g, const int16_t *const o[3],
                         const int16_t *const t[3], int16_t *const r[3],
                         int16_t *const a[3], const uint32_t *rcp, double egl);
/* Masked, pooled value of target y under masker z (spec 8), one float. */
float vmafx_adm_cm0(const AdmDsp *dsp, const VmafxAdmGeom *g, const int16_t *const y[3],
                    const int16_t *const z[3], const VmafxAdmCsf *csf,
                    double noise_weight, const VmafxAdmMaskBuf *buf);
/* Denominator of the scale (spec 9.1, 9.3). */
float vmafx_adm_den0(const AdmDsp *dsp, const VmafxAdmGeom *g, const int16_t *const o[3],
                     const VmafxAdmCsf *csf, double noise_weight);

/* Scales 1-3 (int32 bands), same roles. */
void vmafx_adm_decouple_s(const VmafxAdmGeom *g, const int32_t *const o[3],
                          const int32_t *const t[3], int32_t *const r[3],
                          int32_t *const a[3], const uint32_t *rcp, double egl);
float vmafx_adm_cm_s(const AdmDsp *dsp, const VmafxAdmGeom *g, int scale, const int32_t *const y[3],
                     const int32_t *const z[3], const VmafxAdmCsf *csf,
                     double noise_weight, const VmafxAdmMaskBuf *buf);
float vmafx_adm_den_s(const VmafxAdmGeom *g, int scale, const int32_t *const o[3],
                      const VmafxAdmCsf *csf, double noise_weight);

#endif /* VMAFX_SRC_FEATURE_INTEGER_ADM_INTERNAL_H */
