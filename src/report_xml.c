/*
 * XML report, the default format (spec C.4). No escaping, as upstream.
 */
#include <errno.h>
#include <stdio.h>

#include "report.h"
#include "report_internal.h"

static const struct {
    enum VmafPoolingMethod method;
    const char *name;
} xml_pool_methods[] = {
    { VMAF_POOL_METHOD_MIN, "min" },
    { VMAF_POOL_METHOD_MAX, "max" },
    { VMAF_POOL_METHOD_MEAN, "mean" },
    { VMAF_POOL_METHOD_HARMONIC_MEAN, "harmonic_mean" },
};

static void write_frames(FILE *out, const VmafxFeatureStore *store,
                         const VmafxReportParams *params)
{
    const unsigned keys = vmafx_store_key_count(store);
    const unsigned end = vmafx_report_frame_end(store);
    char buf[VMAFX_VALUE_BUF];

    for (unsigned i = 0; i < end; i++) {
        if (!vmafx_report_frame_selected(store, i, params->n_subsample))
            continue;
        fprintf(out, "    <frame frameNum=\"%u\" ", i);
        for (unsigned k = 0; k < keys; k++) {
            double v;
            if (vmafx_store_get_at(store, k, i, &v))
                continue;
            vmafx_format_value(buf, sizeof(buf), v);
            fprintf(out, "%s=\"%s\" ",
                    vmafx_key_alias(vmafx_store_key_name(store, k)), buf);
        }
        fputs("/>\n", out);
    }
}

static void write_pooled(FILE *out, const VmafxFeatureStore *store,
                         const VmafxReportParams *params)
{
    const unsigned keys = vmafx_store_key_count(store);
    const unsigned hi = params->pic_cnt - 1; /* wraps to UINT_MAX with no pictures */
    char buf[VMAFX_VALUE_BUF];

    for (unsigned k = 0; k < keys; k++) {
        double pooled[4];
        int err = 0;
        for (unsigned m = 0; m < 4 && !err; m++)
            err = vmafx_pool_key(store, k, xml_pool_methods[m].method, 0, hi,
                                 params->n_subsample, &pooled[m]);

        fprintf(out, "    <metric name=\"%s\" ",
                vmafx_key_alias(vmafx_store_key_name(store, k)));
        for (unsigned m = 0; m < 4 && !err; m++) {
            vmafx_format_value(buf, sizeof(buf), pooled[m]);
            fprintf(out, "%s=\"%s\" ", xml_pool_methods[m].name, buf);
        }
        for (unsigned q = 0; q < params->n_percentiles && !err; q++) {
            double v;
            if (vmafx_pool_key_percentile(store, k, params->percentiles[q], 0, hi,
                                          params->n_subsample, &v))
                break;
            vmafx_format_value(buf, sizeof(buf), v);
            fprintf(out, "p%g=\"%s\" ", params->percentiles[q], buf);
        }
        fputs("/>\n", out);
    }
}

int vmafx_report_write_xml(FILE *out, const VmafxFeatureStore *store,
                           const VmafxReportParams *params)
{
    char buf[VMAFX_VALUE_BUF];

    fprintf(out, "<VMAF version=\"%s\">\n", params->version ? params->version : "");
    fprintf(out, "  <params qualityWidth=\"%u\" qualityHeight=\"%u\" />\n",
            params->width, params->height);
    fprintf(out, "  <fyi fps=\"%.2f\" />\n", params->fps);

    fputs("  <frames>\n", out);
    write_frames(out, store, params);
    fputs("  </frames>\n", out);

    fputs("  <pooled_metrics>\n", out);
    write_pooled(out, store, params);
    fputs("  </pooled_metrics>\n", out);

    fputs("  <aggregate_metrics ", out);
    const unsigned aggregates = vmafx_store_aggregate_count(store);
    for (unsigned a = 0; a < aggregates; a++) {
        vmafx_format_value(buf, sizeof(buf), vmafx_store_aggregate_value(store, a));
        fprintf(out, "%s=\"%s\" ", vmafx_store_aggregate_name(store, a), buf);
    }
    fputs("/>\n", out);
    fputs("</VMAF>\n", out);

    return ferror(out) ? -EIO : 0;
}
