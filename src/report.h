/*
 * Report writers (XML, JSON, CSV, SUB), pooling and number formatting, byte
 * compatible with upstream libvmaf 3.x.
 */
#ifndef VMAFX_SRC_REPORT_H
#define VMAFX_SRC_REPORT_H

#include <stdio.h>

#include "libvmaf/libvmaf.h"
#include "feature_store.h"

typedef struct VmafxReportParams {
    const char *version;  /* vmaf_version() */
    unsigned width, height; /* luma size latched from the first picture (0 if none) */
    unsigned pic_cnt;     /* pictures submitted: pooled range is [0, pic_cnt - 1] */
    unsigned n_subsample; /* 0/1: every frame */
    double fps;           /* pic_cnt / cpu seconds (may be NaN/inf) */
    const double *percentiles; /* VMAFX extension: extra pooled "p<N>" entries */
    unsigned n_percentiles;    /* 0: upstream's report, byte for byte */
} VmafxReportParams;

/* Printed name of a store key (alias table), or the key itself. */
const char *vmafx_key_alias(const char *key);

/* Upstream's number rule: "%.6f", or "%.16f" for tiny non-zero fractions. */
void vmafx_format_value(char *buf, size_t size, double value);

/*
 * Pools key k over [lo, hi], honouring subsampling (indices with i % n != 0 skipped).
 * Returns 0, or -EINVAL when the method is invalid or a participating index lacks a
 * value.
 */
int vmafx_pool_key(const VmafxFeatureStore *store, unsigned k,
                   enum VmafPoolingMethod method, unsigned lo, unsigned hi,
                   unsigned n_subsample, double *result);

/*
 * Percentile p (0..100) of key k over the participating indices of [lo, hi]:
 * linear interpolation between the two nearest order statistics (rank
 * p / 100 * (n - 1)). NaN when any value is NaN or none participates.
 * Returns 0 or -EINVAL (p out of range, a value missing).
 */
int vmafx_pool_key_percentile(const VmafxFeatureStore *store, unsigned k, double p,
                              unsigned lo, unsigned hi, unsigned n_subsample,
                              double *result);

/* Writes the whole report. 0 or -EINVAL (bad format) / -EIO. */
int vmafx_report_write(FILE *out, const VmafxFeatureStore *store,
                       enum VmafOutputFormat fmt, const VmafxReportParams *params);

#endif /* VMAFX_SRC_REPORT_H */
