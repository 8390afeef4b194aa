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
 * [2]: 13..16 bits (64-bit sums). `shift` is the bit depth.
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

typedef struct AdmDsp {
    AdmDwt0VertFn dwt0_vert[3]; /* [0] 8-bit, [1] 9..12-bit, [2] 13..16-bit */
    AdmDwt0HorizFn dwt0_horiz;
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

void vmafx_adm_dwt0_vert_u8_avx2(const void *r0, const void *r1, const void *r2,
                                 const void *r3, int w, int shift, int16_t *l, int16_t *g);
void vmafx_adm_dwt0_horiz_avx2(const int16_t *l, const int16_t *g, int bw, int32_t *oa,
                               int16_t *oh, int16_t *ov, int16_t *od);

#endif /* VMAFX_SRC_FEATURE_ADM_DSP_H */
