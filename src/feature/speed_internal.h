/*
 * SpEED-QA internals shared by "speed_chroma" and "speed_temporal" (spec
 * cambi-speed.md part 2): option block, the per-picture entropy model and the
 * 25x25 binary32 linear algebra it needs.
 */
#ifndef VMAFX_SRC_FEATURE_SPEED_INTERNAL_H
#define VMAFX_SRC_FEATURE_SPEED_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "libvmaf/picture.h"

#define SPEED_DIM 25      /* 5x5 patch dimension */
#define SPEED_MAX_TAPS 64 /* largest filter (ks 4: 37 taps) fits */

enum SpeedResample {
    SPEED_RESAMPLE_NEAREST,
    SPEED_RESAMPLE_BILINEAR,
    SPEED_RESAMPLE_BICUBIC,
    SPEED_RESAMPLE_LANCZOS4,
};

/* Options common to both extractors (parsed by the core; see the option tables). */
typedef struct SpeedParams {
    double kernelscale;
    double prescale;
    const char *prescale_method;
    double sigma_nn;
    double nn_floor;
    double max_val;
    int weight_var_mode; /* speed_chroma only; 0 for speed_temporal */
    bool use_ref_diff;   /* speed_temporal only */
} SpeedParams;

/* Geometry, filters and scratch of one plane size. Owned by one extractor instance. */
typedef struct SpeedModel {
    unsigned w0, h0;          /* analysed plane size */
    unsigned w1, h1;          /* after prescale */
    unsigned wo, ho;          /* after decimation by 16 */
    unsigned wt, ht;          /* truncated to whole 5x5 blocks */
    unsigned bh, bv, blocks;  /* blocks per row, per column, in all */
    unsigned sw, sh;          /* patch positions per row, per column */
    bool prescale;            /* resampling runs */
    enum SpeedResample method;
    int mode;                 /* speed_weight_var_mode */
    float sigma32, floor32, base;
    float g_aa[SPEED_MAX_TAPS], g_lm[SPEED_MAX_TAPS];
    unsigned n_aa, n_lm;

    /* scratch, allocated by vmafx_speed_model_init() */
    float *plane;  /* w0*h0 converted samples (input of prescale) */
    float *tv;     /* ho*w1 vertical filter output at the decimated rows */
    float *o;      /* wo*ho decimated picture */
    float *tmp;    /* wo*ho filter scratch */
    float *d;      /* wo*ho local-mean-removed picture */
    float *y;      /* 25*blocks right-hand sides */
    float *x;      /* 25*blocks solution */
} SpeedModel;

/* Validates the options, computes the geometry of a w0*h0 plane and allocates
 * scratch. Returns 0, -EINVAL (unsupported option or plane too small), -ENOMEM. */
/* Validates options that init() would reject (kernel scale, prescale method, mode). */
int vmafx_speed_params_check(const SpeedParams *p);

int vmafx_speed_model_init(SpeedModel *m, const SpeedParams *p, unsigned w0, unsigned h0);
void vmafx_speed_model_close(SpeedModel *m);

/* Converts plane `plane` (top-left w0*h0 part) of `pic` to centred binary32 samples and
 * prescales it into `out` (w1*h1). Returns 0 or -EINVAL (bad picture). */
int vmafx_speed_load_plane(SpeedModel *m, const VmafPicture *pic, unsigned plane, float *out);

/* Block entropies E and variance multipliers S (m->blocks each) of one w1*h1 picture.
 * Returns true when the covariance was singular or the solve failed. */
bool vmafx_speed_entropies(SpeedModel *m, const float *b1, float *e, float *s);

/* Score of a picture pair (spec 2.10) in weight mode m->mode. */
float vmafx_speed_pair_score(const SpeedModel *m, const float *er, const float *sr,
                             bool failed_r, const float *ed, const float *sd, bool failed_d);

/* Algorithm E: eigenvalues of the symmetric matrix k, in the algorithm's order. */
void vmafx_speed_eigenvalues(const float k[SPEED_DIM][SPEED_DIM], float lambda[SPEED_DIM]);

/* Algorithm Q: solves k*x = y for `cols` right-hand sides (row-major 25 x cols).
 * Returns 0, or -EDOM when a pivot is too small (x then unspecified). */
int vmafx_speed_solve(const float k[SPEED_DIM][SPEED_DIM], const float *y, unsigned cols,
                      float *x);

/* Prescale of a w0*h0 plane to w1*h1 (spec 2.4). */
void vmafx_speed_resample(enum SpeedResample method, const float *src, unsigned w0,
                          unsigned h0, float *dst, unsigned w1, unsigned h1);

#endif /* VMAFX_SRC_FEATURE_SPEED_INTERNAL_H */
