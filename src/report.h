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

/* Writes the whole report. 0 or -EINVAL (bad format) / -EIO. */
int vmafx_report_write(FILE *out, const VmafxFeatureStore *store,
                       enum VmafOutputFormat fmt, const VmafxReportParams *params);

#endif /* VMAFX_SRC_REPORT_H */
