/*
 * CSV and SUB (MicroDVD subtitle) reports (spec C.6, C.7): per-frame values only.
 * Absent values are skipped, not left empty, as upstream does.
 */
#include <errno.h>
#include <stdio.h>

#include "report.h"
#include "report_internal.h"

int vmafx_report_write_csv(FILE *out, const VmafxFeatureStore *store,
                           const VmafxReportParams *params)
{
    const unsigned keys = vmafx_store_key_count(store);
    const unsigned end = vmafx_report_frame_end(store);
    char buf[VMAFX_VALUE_BUF];

    fputs("Frame,", out);
    for (unsigned k = 0; k < keys; k++)
        fprintf(out, "%s,", vmafx_key_alias(vmafx_store_key_name(store, k)));
    fputc('\n', out);

    for (unsigned i = 0; i < end; i++) {
        if (!vmafx_report_frame_selected(store, i, params->n_subsample))
            continue;
        fprintf(out, "%u,", i);
        for (unsigned k = 0; k < keys; k++) {
            double v;
            if (vmafx_store_get_at(store, k, i, &v))
                continue;
            vmafx_format_value(buf, sizeof(buf), v);
            fprintf(out, "%s,", buf);
        }
        fputc('\n', out);
    }
    return ferror(out) ? -EIO : 0;
}

int vmafx_report_write_sub(FILE *out, const VmafxFeatureStore *store,
                           const VmafxReportParams *params)
{
    const unsigned keys = vmafx_store_key_count(store);
    const unsigned end = vmafx_report_frame_end(store);
    char buf[VMAFX_VALUE_BUF];

    for (unsigned i = 0; i < end; i++) {
        if (!vmafx_report_frame_selected(store, i, params->n_subsample))
            continue;
        fprintf(out, "{%u}{%u}frame: %u|", i, i + 1, i);
        for (unsigned k = 0; k < keys; k++) {
            double v;
            if (vmafx_store_get_at(store, k, i, &v))
                continue;
            vmafx_format_value(buf, sizeof(buf), v);
            fprintf(out, "%s: %s|", vmafx_key_alias(vmafx_store_key_name(store, k)), buf);
        }
        fputc('\n', out);
    }
    return ferror(out) ? -EIO : 0;
}
