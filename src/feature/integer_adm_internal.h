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

/* A luma plane, the scale-0 transform's input. `stride` counts samples. */
typedef struct VmafxAdmPlane {
    const void *data;
    ptrdiff_t stride;
    int w, h, bpc;
} VmafxAdmPlane;

/* Output row i of the scale-0 transform (spec 4.6): the A row into oa and,
 * unless oh is NULL, the detail rows into oh, ov, od (band width entries each).
 * `dsp` supplies the row kernels; `tmp` holds 2 * (w + 3) int16 values. */
void vmafx_adm_dwt0_row(const AdmDsp *dsp, const VmafxAdmPlane *src, int i, int32_t *oa,
                        int16_t *oh, int16_t *ov, int16_t *od, int16_t *tmp);

/* Output row i of scale 1..3 (spec 4.7) from the previous A band (w x h).
 * `oa` may be NULL (last scale). `tmp` holds 2 * (w + 3) int32 values. */
void vmafx_adm_dwt_s_row(const AdmDsp *dsp, const int32_t *src, int w, int h, int scale, int i,
                         int32_t *oa, int32_t *oh, int32_t *ov, int32_t *od, int32_t *tmp);

/*
 * Work rows of a scale's pipeline, sized for the scale-0 band width w0 (int16
 * rows of scale 0 use the same storage). A scale is computed row by row: the
 * transform makes band row k of both pictures, which is decoupled and fed to
 * both maskers at once, and pooled row i follows as soon as the masker rows
 * i - 1 .. i + 1 exist. Rings keep row y in slot y % 3.
 */
typedef struct VmafxAdmRows {
    int32_t *det[2][3]; /* one row: reference, distorted detail bands H, V, D */
    int32_t *dec[2][3]; /* rings: restored r and additive a of H, V, D */
    int32_t *phi[2];    /* rings: masker neighbour terms of the num and aim passes */
    int32_t *psi[2];    /* rings: masker centre terms */
    int32_t *thr;       /* one row: thresholds of the pooled row */
    int16_t *tmp16;     /* scale-0 transform line buffers, 2 * (w + 3) */
    int32_t *tmp32;     /* scales 1-3 transform line buffers, 2 * (w0 + 3) */
} VmafxAdmRows;

/* Per-scale results (spec 8.6, 9.3): numerator, additive impairment, denominator. */
typedef struct VmafxAdmScore {
    float num, aim, den;
} VmafxAdmScore;

/* Options a scale's pipeline needs. */
typedef struct VmafxAdmParams {
    const uint32_t *rcp; /* Rcp(q) = 2^30 / q, q = 0..32768 */
    double egl;          /* adm_enhn_gain_limit */
    double noise_weight;
    int skip_aim;
    const VmafxAdmCsf *csf;
} VmafxAdmParams;

/* Scale 0 of a picture pair: transform (A rows into ref_a, dis_a), decoupling,
 * masking, pooling and the denominator. */
VmafxAdmScore vmafx_adm_scale0(const AdmDsp *dsp, const VmafxAdmGeom *g,
                               const VmafxAdmPlane *ref, const VmafxAdmPlane *dis,
                               int32_t *ref_a, int32_t *dis_a, const VmafxAdmParams *par,
                               const VmafxAdmRows *rows);

/* Scale 1..3 from the previous A bands (g->in_w x g->in_h); ref_a, dis_a
 * receive this scale's A bands unless NULL (last scale). */
VmafxAdmScore vmafx_adm_scale_s(const AdmDsp *dsp, const VmafxAdmGeom *g, int scale,
                                const int32_t *ref_in, const int32_t *dis_in, int32_t *ref_a,
                                int32_t *dis_a, const VmafxAdmParams *par,
                                const VmafxAdmRows *rows);

#endif /* VMAFX_SRC_FEATURE_INTEGER_ADM_INTERNAL_H */
