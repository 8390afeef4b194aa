/*
 * Helpers shared by the report writers (report*.c). Internal to the report code.
 */
#ifndef VMAFX_SRC_REPORT_INTERNAL_H
#define VMAFX_SRC_REPORT_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>

#include "feature_store.h"
#include "report.h"

/* Enough for "%.16f" of any double (up to 309 integer digits) and a sign. */
#define VMAFX_VALUE_BUF 344

/* One past the largest frame index written for any key (0 when none). */
unsigned vmafx_report_frame_end(const VmafxFeatureStore *store);

/*
 * Whether frame i gets a report line: not skipped by subsampling, and at least
 * one key has a value there.
 */
bool vmafx_report_frame_selected(const VmafxFeatureStore *store, unsigned i,
                                 unsigned n_subsample);

/* Each writer returns 0, or -EIO when the stream reports an error. */
int vmafx_report_write_xml(FILE *out, const VmafxFeatureStore *store,
                           const VmafxReportParams *params);
int vmafx_report_write_json(FILE *out, const VmafxFeatureStore *store,
                            const VmafxReportParams *params);
int vmafx_report_write_csv(FILE *out, const VmafxFeatureStore *store,
                           const VmafxReportParams *params);
int vmafx_report_write_sub(FILE *out, const VmafxFeatureStore *store,
                           const VmafxReportParams *params);

#endif /* VMAFX_SRC_REPORT_INTERNAL_H */
