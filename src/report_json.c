/*
 * JSON report (spec C.5), including upstream's byte quirks: a non-finite
 * per-frame value is written as null without its line feed, and the frame
 * separator depends on the frame index, not on what was printed before.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>

#include "report.h"
#include "report_internal.h"

static const struct {
    enum VmafPoolingMethod method;
    const char *name;
} json_pool_methods[] = {
    { VMAF_POOL_METHOD_MIN, "min" },
    { VMAF_POOL_METHOD_MAX, "max" },
    { VMAF_POOL_METHOD_MEAN, "mean" },
    { VMAF_POOL_METHOD_HARMONIC_MEAN, "harmonic_mean" },
};

/* Writes a value, or null when it is NaN or infinite. */
static void put_value(FILE *out, double v)
{
    char buf[VMAFX_VALUE_BUF];
    if (!isfinite(v)) {
        fputs("null", out);
        return;
    }
    vmafx_format_value(buf, sizeof(buf), v);
    fputs(buf, out);
}

static void write_frame(FILE *out, const VmafxFeatureStore *store, unsigned i)
{
    const unsigned keys = vmafx_store_key_count(store);

    /* The last key present at this frame gets no comma. */
    unsigned last = 0;
    for (unsigned k = 0; k < keys; k++) {
        double v;
        if (!vmafx_store_get_at(store, k, i, &v))
            last = k;
    }

    fprintf(out, "    {\n      \"frameNum\": %u,\n      \"metrics\": {\n", i);
    for (unsigned k = 0; k < keys; k++) {
        double v;
        if (vmafx_store_get_at(store, k, i, &v))
            continue;
        fprintf(out, "        \"%s\": ", vmafx_key_alias(vmafx_store_key_name(store, k)));
        put_value(out, v);
        if (k != last)
            fputc(',', out);
        if (isfinite(v))
            fputc('\n', out);
    }
    fputs("      }\n    }", out);
}

static void write_frames(FILE *out, const VmafxFeatureStore *store,
                         const VmafxReportParams *params)
{
    const unsigned end = vmafx_report_frame_end(store);

    fputs("  \"frames\": [", out);
    for (unsigned i = 0; i < end; i++) {
        if (!vmafx_report_frame_selected(store, i, params->n_subsample))
            continue;
        fputs(i == 0 ? "\n" : ",\n", out);
        write_frame(out, store, i);
    }
    fputs("\n  ],\n", out);
}

static void write_pooled(FILE *out, const VmafxFeatureStore *store,
                         const VmafxReportParams *params)
{
    const unsigned keys = vmafx_store_key_count(store);
    const unsigned hi = params->pic_cnt - 1; /* wraps to UINT_MAX with no pictures */

    fputs("  \"pooled_metrics\": {", out);
    for (unsigned k = 0; k < keys; k++) {
        double pooled[4];
        int err = 0;
        for (unsigned m = 0; m < 4 && !err; m++)
            err = vmafx_pool_key(store, k, json_pool_methods[m].method, 0, hi,
                                 params->n_subsample, &pooled[m]);

        fprintf(out, "%s    \"%s\": {", k ? ",\n" : "\n",
                vmafx_key_alias(vmafx_store_key_name(store, k)));
        for (unsigned m = 0; m < 4 && !err; m++) {
            fprintf(out, "%s      \"%s\": ", m ? ",\n" : "\n", json_pool_methods[m].name);
            put_value(out, pooled[m]);
        }
        for (unsigned q = 0; q < params->n_percentiles && !err; q++) {
            double v;
            if (vmafx_pool_key_percentile(store, k, params->percentiles[q], 0, hi,
                                          params->n_subsample, &v))
                break;
            fprintf(out, ",\n      \"p%g\": ", params->percentiles[q]);
            put_value(out, v);
        }
        fputs("\n    }", out);
    }
    fputs("\n  },\n", out);
}

static void write_aggregates(FILE *out, const VmafxFeatureStore *store)
{
    const unsigned count = vmafx_store_aggregate_count(store);

    fputs("  \"aggregate_metrics\": {", out);
    for (unsigned a = 0; a < count; a++) {
        fprintf(out, "\n    \"%s\": ", vmafx_store_aggregate_name(store, a));
        put_value(out, vmafx_store_aggregate_value(store, a));
        if (a + 1 < count)
            fputc(',', out);
    }
    fputs("\n  }\n}\n", out);
}

int vmafx_report_write_json(FILE *out, const VmafxFeatureStore *store,
                            const VmafxReportParams *params)
{
    fprintf(out, "{\n  \"version\": \"%s\",\n", params->version ? params->version : "");
    if (isfinite(params->fps))
        fprintf(out, "  \"fps\": %.2f,\n", params->fps);
    else
        fputs("  \"fps\": null,\n", out);

    write_frames(out, store, params);
    write_pooled(out, store, params);
    write_aggregates(out, store);

    return ferror(out) ? -EIO : 0;
}
