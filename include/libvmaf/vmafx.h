/*
 * VMAFX extensions to the libvmaf 3.x API. Everything here carries the vmafx_
 * prefix so that it can never collide with a future upstream symbol.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#ifndef VMAFX_LIBVMAF_VMAFX_H
#define VMAFX_LIBVMAF_VMAFX_H

#include <stddef.h>
#include <stdio.h>

#include "libvmaf/libvmaf.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * As vmaf_write_output(), but to an open stream (for example stdout). The stream
 * stays open and owned by the caller. Returns 0, -EINVAL (NULL argument, invalid
 * format) or -EIO (write error).
 */
int vmafx_write_output_stream(VmafContext *vmaf, FILE *out, enum VmafOutputFormat fmt);

/*
 * Name of the i-th model compiled into the library ("vmaf_v0.6.1", ...), or NULL
 * past the end. Collections (bootstrap models) are listed too. Static strings.
 */
const char *vmafx_builtin_model_name(size_t i);

/*
 * Name of the i-th feature extractor of this build (the names vmaf_use_feature()
 * accepts, e.g. "psnr"), or NULL past the end. Static strings.
 */
const char *vmafx_feature_name(size_t i);

/*
 * Percentile pooling. vmafx_set_report_percentiles() makes every later report of
 * this context add, to each pooled metric, one entry per percentile named
 * "p<value>" ("p5", "p50" = median, "p99.5") after upstream's four methods; with
 * count 0 (the default) reports stay byte-identical to upstream's. At most 16
 * values, each in [0, 100]. The array is copied. Returns 0, -EINVAL or -ENOMEM.
 *
 * Percentile definition: the participating values (subsampling honoured) sorted
 * ascending, rank r = p / 100 * (n - 1), linear interpolation between the values at
 * floor(r) and ceil(r). NaN if any value is NaN.
 */
int vmafx_set_report_percentiles(VmafContext *vmaf, const double *percentiles,
                                 unsigned count);

/* Percentile of one stored key over [index_low, index_high]. 0 or -EINVAL. */
int vmafx_feature_score_percentile(VmafContext *vmaf, const char *feature_name,
                                   double percentile, double *score,
                                   unsigned index_low, unsigned index_high);

/* VMAFX's own version ("0.1.0"); vmaf_version() is the upstream-compatible one. */
const char *vmafx_version(void);

#ifdef __cplusplus
}
#endif

#endif /* VMAFX_LIBVMAF_VMAFX_H */
