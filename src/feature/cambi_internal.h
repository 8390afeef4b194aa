/*
 * CAMBI internals (spec cambi-speed.md part 1): the per-instance state and the
 * per-picture pipeline shared by cambi.c (options, initialisation, outputs) and
 * cambi_picture.c (preprocessing, mask, scales, contrast, pooling).
 */
#ifndef VMAFX_SRC_FEATURE_CAMBI_INTERNAL_H
#define VMAFX_SRC_FEATURE_CAMBI_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "libvmaf/picture.h"

#define CAMBI_SCALES 5
#define CAMBI_MAX_STEPS 32     /* N_d for max_log_contrast 5 */
#define CAMBI_MAX_WINDOW 4225  /* 65 * 65 */
#define CAMBI_HIST_OFFSET 64   /* histogram index of sample value 0 */
#define CAMBI_HIST_SIZE (CAMBI_HIST_OFFSET + 1025 + CAMBI_MAX_STEPS + 32)

/* Geometry of one scored picture kind (distorted: enc size; reference: src size). */
typedef struct CambiTarget {
    unsigned w, h;  /* processing size */
    unsigned ws;    /* odd window size */
    unsigned theta; /* spatial-mask threshold */
} CambiTarget;

typedef struct CambiState {
    /* options (parsed by the core) */
    double max_val;
    int enc_width, enc_height, enc_bitdepth;
    int src_width, src_height;
    int window_size;
    double topk, cambi_topk;
    double tvi_threshold;
    double vis_lum_threshold;
    int max_log_contrast;
    const char *eotf, *cambi_eotf;
    int high_res_speedup;
    bool full_ref;
    const char *heatmaps_path;

    /* stream */
    enum VmafPixelFormat pix_fmt;
    unsigned bpc, w, h;

    /* derived constants */
    bool hrs;                          /* high-resolution speed-up active */
    bool anti_dither;                  /* enc_bitdepth < 10 */
    unsigned steps;                    /* N_d */
    double pool_frac;                  /* K */
    int thr[CAMBI_MAX_STEPS + 1];      /* T(d), index d */
    int vlt_luma;
    CambiTarget enc, src;
    float rcp[CAMBI_MAX_WINDOW + 1];

    /* scratch sized for the larger target */
    uint16_t *img;    /* work picture, row pitch = target width */
    uint16_t *hz;     /* mode filter, horizontal pass */
    uint8_t *zero;    /* zero-derivative map */
    uint8_t *mask;
    uint16_t *colsum; /* mask box-sum column counts */
    unsigned *col_x;  /* resampling column indices */
    float *contrast;
    uint16_t hist[CAMBI_HIST_SIZE];
} CambiState;

/* Score of one picture's luma plane at target t (spec 1.5-1.7). 0 or -EINVAL. */
int vmafx_cambi_score_picture(CambiState *st, const VmafPicture *pic, const CambiTarget *t,
                              double *score);

#endif /* VMAFX_SRC_FEATURE_CAMBI_INTERNAL_H */
