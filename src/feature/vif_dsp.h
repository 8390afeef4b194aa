/*
 * Integer VIF: the hot leaf kernels behind a per-instance function table.
 *
 * The C kernels in vif_dsp.c are the reference; the x86 kernels must give
 * identical results for every input (tests/checkasm compares them).
 * vmafx_vif_dsp_init() picks the best kernel the allowed CPU flags permit.
 */
#ifndef VMAFX_SRC_FEATURE_VIF_DSP_H
#define VMAFX_SRC_FEATURE_VIF_DSP_H

#include <stddef.h>
#include <stdint.h>

/* Columns per strip of the C filter passes (their accumulators live on the stack). */
#define VMAFX_VIF_STRIP 256
#define VMAFX_VIF_MAX_TAPS 17

/*
 * Vertically filtered statistics of one row. Each array has w entries; the
 * horizontal pass additionally reads taps / 2 mirrored entries on both sides,
 * which the caller fills before calling it.
 */
typedef struct VifStatRow {
    uint32_t *mu1, *mu2, *xx, *yy, *xy;
} VifStatRow;

/*
 * Vertical statistics pass of one row (spec 1.5 step 1): for every column j,
 *   mu1 = R(sum_k filt[k] * x_k, mean_shift)    mu2 likewise for y
 *   xx  = R(sum_k filt[k] * x_k^2, sq_shift)    yy, xy likewise
 * with x_k = ref_rows[k][j], y_k = dis_rows[k][j], R(v, s) = (v + 2^(s-1)) >> s
 * (R(v, 0) = v), results truncated to 32 bits. `filt` is symmetric with `taps`
 * (odd, <= 17) entries summing to 65536; mean_shift >= 1.
 * The 8-bit variant reads uint8_t rows, the 16-bit one uint16_t rows.
 */
typedef void (*VifVertStatsFn)(const void *const *ref_rows, const void *const *dis_rows,
                               const uint16_t *filt, unsigned taps, unsigned w,
                               unsigned mean_shift, unsigned sq_shift, const VifStatRow *out);

/*
 * Horizontal statistics pass of one row (spec 1.5 steps 2-3), reading the
 * padded rows of `v`: the variances s1, s2 (not clamped) and covariance s12.
 */
typedef void (*VifHoriStatsFn)(const VifStatRow *v, const uint16_t *filt, unsigned taps,
                               unsigned w, int32_t *s1, int32_t *s2, int32_t *s12);

/*
 * Vertical pass of the down-sampling filter (spec 1.4):
 * out[j] = R(sum_k filt[k] * rows[k][j], shift), shift >= 1, truncated to 16 bits.
 */
typedef void (*VifVertFilterFn)(const void *const *rows, const uint16_t *filt, unsigned taps,
                                unsigned w, unsigned shift, uint16_t *out);

/*
 * Horizontal pass of the down-sampling kept at even columns:
 * out[j] = R(sum_k filt[k] * row[2j - taps/2 + k], 16) for j < out_w, where
 * `row` is padded by taps / 2 mirrored entries on both sides and
 * 2 * out_w <= w (the unpadded row width).
 */
typedef void (*VifHoriDecimateFn)(const uint16_t *row, const uint16_t *filt, unsigned taps,
                                  uint16_t *out, unsigned out_w);

/* Noise variance 2 on the 2^16 scale and L(VMAFX_VIF_SNSQ) = 2048 * 17. */
#define VMAFX_VIF_SNSQ 131072
#define VMAFX_VIF_LOG_OFFSET 34816

/* Exact per-scale accumulators of spec 1.6 (integer, so summation order is free). */
typedef struct VifSums {
    int64_t num_log;    /* NL */
    int64_t den_log;    /* DL */
    int64_t flat_var;   /* QF */
    int64_t flat_count; /* CF */
} VifSums;

/*
 * Adds the spec 1.6 terms of w pixels (s1, s2, s12 from the horizontal pass)
 * to `sums`. The double expressions are evaluated per pixel in the order the
 * spec gives (no contraction), so any lane width gives the same terms.
 * 1 <= gain_limit <= 100. `log2_table` holds the VMAFX_VIF_LOG2_SIZE entries of
 * integer_vif_log2.h and one more readable entry after them (any value): the
 * SIMD kernels gather 32 bits per lookup.
 */
typedef void (*VifAccumulateFn)(const int32_t *s1, const int32_t *s2, const int32_t *s12,
                                unsigned w, double gain_limit, const uint16_t *log2_table,
                                VifSums *sums);

typedef struct VifDsp {
    VifVertStatsFn vert_stats[2];   /* [0]: uint8_t rows, [1]: uint16_t rows */
    VifHoriStatsFn hori_stats;
    VifVertFilterFn vert_filter[2]; /* [0]: uint8_t rows, [1]: uint16_t rows */
    VifHoriDecimateFn hori_decimate;
    VifAccumulateFn accumulate;
} VifDsp;

/* Fills `dsp` with the fastest kernels allowed by `cpu_flags` (VMAFX_CPU_*). */
void vmafx_vif_dsp_init(VifDsp *dsp, unsigned cpu_flags);

/* The reference kernels. */
void vmafx_vif_vert_stats_8_c(const void *const *ref_rows, const void *const *dis_rows,
                              const uint16_t *filt, unsigned taps, unsigned w,
                              unsigned mean_shift, unsigned sq_shift, const VifStatRow *out);
void vmafx_vif_vert_stats_16_c(const void *const *ref_rows, const void *const *dis_rows,
                               const uint16_t *filt, unsigned taps, unsigned w,
                               unsigned mean_shift, unsigned sq_shift, const VifStatRow *out);
void vmafx_vif_hori_stats_c(const VifStatRow *v, const uint16_t *filt, unsigned taps,
                            unsigned w, int32_t *s1, int32_t *s2, int32_t *s12);
void vmafx_vif_vert_filter_8_c(const void *const *rows, const uint16_t *filt, unsigned taps,
                               unsigned w, unsigned shift, uint16_t *out);
void vmafx_vif_vert_filter_16_c(const void *const *rows, const uint16_t *filt, unsigned taps,
                                unsigned w, unsigned shift, uint16_t *out);
void vmafx_vif_hori_decimate_c(const uint16_t *row, const uint16_t *filt, unsigned taps,
                               uint16_t *out, unsigned out_w);
void vmafx_vif_accumulate_c(const int32_t *s1, const int32_t *s2, const int32_t *s12,
                            unsigned w, double gain_limit, const uint16_t *log2_table,
                            VifSums *sums);

/* x86-64 kernels (src/feature/x86/vif_*.c), same contracts. */
void vmafx_vif_vert_stats_8_avx2(const void *const *ref_rows, const void *const *dis_rows,
                                 const uint16_t *filt, unsigned taps, unsigned w,
                                 unsigned mean_shift, unsigned sq_shift, const VifStatRow *out);
void vmafx_vif_vert_stats_16_avx2(const void *const *ref_rows, const void *const *dis_rows,
                                  const uint16_t *filt, unsigned taps, unsigned w,
                                  unsigned mean_shift, unsigned sq_shift, const VifStatRow *out);
void vmafx_vif_hori_stats_avx2(const VifStatRow *v, const uint16_t *filt, unsigned taps,
                               unsigned w, int32_t *s1, int32_t *s2, int32_t *s12);
void vmafx_vif_vert_filter_8_avx2(const void *const *rows, const uint16_t *filt,
                                  unsigned taps, unsigned w, unsigned shift, uint16_t *out);
void vmafx_vif_vert_filter_16_avx2(const void *const *rows, const uint16_t *filt,
                                   unsigned taps, unsigned w, unsigned shift, uint16_t *out);
void vmafx_vif_hori_decimate_avx2(const uint16_t *row, const uint16_t *filt, unsigned taps,
                                  uint16_t *out, unsigned out_w);
void vmafx_vif_accumulate_avx2(const int32_t *s1, const int32_t *s2, const int32_t *s12,
                               unsigned w, double gain_limit, const uint16_t *log2_table,
                               VifSums *sums);
void vmafx_vif_vert_stats_8_avx512(const void *const *ref_rows, const void *const *dis_rows,
                                   const uint16_t *filt, unsigned taps, unsigned w,
                                   unsigned mean_shift, unsigned sq_shift,
                                   const VifStatRow *out);
void vmafx_vif_hori_stats_avx512(const VifStatRow *v, const uint16_t *filt, unsigned taps,
                                 unsigned w, int32_t *s1, int32_t *s2, int32_t *s12);
void vmafx_vif_vert_stats_16_avx512(const void *const *ref_rows, const void *const *dis_rows,
                                    const uint16_t *filt, unsigned taps, unsigned w,
                                    unsigned mean_shift, unsigned sq_shift,
                                    const VifStatRow *out);
void vmafx_vif_vert_filter_8_avx512(const void *const *rows, const uint16_t *filt,
                                    unsigned taps, unsigned w, unsigned shift, uint16_t *out);
void vmafx_vif_vert_filter_16_avx512(const void *const *rows, const uint16_t *filt,
                                     unsigned taps, unsigned w, unsigned shift, uint16_t *out);
void vmafx_vif_hori_decimate_avx512(const uint16_t *row, const uint16_t *filt, unsigned taps,
                                    uint16_t *out, unsigned out_w);
void vmafx_vif_accumulate_avx512(const int32_t *s1, const int32_t *s2, const int32_t *s12,
                                 unsigned w, double gain_limit, const uint16_t *log2_table,
                                 VifSums *sums);
/* Ice Lake level (vif_avx512icl.c): AVX-512 with VNNI and VBMI. */
void vmafx_vif_vert_stats_8_avx512icl(const void *const *ref_rows, const void *const *dis_rows,
                                      const uint16_t *filt, unsigned taps, unsigned w,
                                      unsigned mean_shift, unsigned sq_shift,
                                      const VifStatRow *out);
void vmafx_vif_vert_stats_16_avx512icl(const void *const *ref_rows, const void *const *dis_rows,
                                       const uint16_t *filt, unsigned taps, unsigned w,
                                       unsigned mean_shift, unsigned sq_shift,
                                       const VifStatRow *out);
void vmafx_vif_vert_filter_8_avx512icl(const void *const *rows, const uint16_t *filt,
                                       unsigned taps, unsigned w, unsigned shift, uint16_t *out);
void vmafx_vif_vert_filter_16_avx512icl(const void *const *rows, const uint16_t *filt,
                                        unsigned taps, unsigned w, unsigned shift, uint16_t *out);
void vmafx_vif_hori_decimate_avx512icl(const uint16_t *row, const uint16_t *filt, unsigned taps,
                                       uint16_t *out, unsigned out_w);
void vmafx_vif_hori_stats_avx512icl(const VifStatRow *v, const uint16_t *filt, unsigned taps,
                                    unsigned w, int32_t *s1, int32_t *s2, int32_t *s12);

#if defined(__aarch64__)
/* aarch64 kernels (src/feature/arm/vif_neon.c), same contracts. */
void vmafx_vif_vert_stats_8_neon(const void *const *ref_rows, const void *const *dis_rows,
                                 const uint16_t *filt, unsigned taps, unsigned w,
                                 unsigned mean_shift, unsigned sq_shift, const VifStatRow *out);
void vmafx_vif_vert_stats_16_neon(const void *const *ref_rows, const void *const *dis_rows,
                                  const uint16_t *filt, unsigned taps, unsigned w,
                                  unsigned mean_shift, unsigned sq_shift, const VifStatRow *out);
void vmafx_vif_hori_stats_neon(const VifStatRow *v, const uint16_t *filt, unsigned taps,
                               unsigned w, int32_t *s1, int32_t *s2, int32_t *s12);
void vmafx_vif_vert_filter_8_neon(const void *const *rows, const uint16_t *filt,
                                  unsigned taps, unsigned w, unsigned shift, uint16_t *out);
void vmafx_vif_vert_filter_16_neon(const void *const *rows, const uint16_t *filt,
                                   unsigned taps, unsigned w, unsigned shift, uint16_t *out);
void vmafx_vif_hori_decimate_neon(const uint16_t *row, const uint16_t *filt, unsigned taps,
                                  uint16_t *out, unsigned out_w);
void vmafx_vif_accumulate_neon(const int32_t *s1, const int32_t *s2, const int32_t *s12,
                               unsigned w, double gain_limit, const uint16_t *log2_table,
                               VifSums *sums);
#endif

#endif /* VMAFX_SRC_FEATURE_VIF_DSP_H */
