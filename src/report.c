/*
 * Report entry point: frame selection shared by all formats, and the dispatch
 * by output format (spec C.4-C.8).
 */
#include <errno.h>

#include "report.h"
#include "report_internal.h"

unsigned vmafx_report_frame_end(const VmafxFeatureStore *store)
{
    unsigned end = 0;
    const unsigned keys = vmafx_store_key_count(store);
    for (unsigned k = 0; k < keys; k++) {
        const unsigned extent = vmafx_store_key_extent(store, k);
        if (extent > end)
            end = extent;
    }
    return end;
}

bool vmafx_report_frame_selected(const VmafxFeatureStore *store, unsigned i,
                                 unsigned n_subsample)
{
    if (n_subsample > 1 && i % n_subsample != 0)
        return false;
    const unsigned keys = vmafx_store_key_count(store);
    for (unsigned k = 0; k < keys; k++) {
        double v;
        if (!vmafx_store_get_at(store, k, i, &v))
            return true;
    }
    return false;
}

int vmafx_report_write(FILE *out, const VmafxFeatureStore *store,
                       enum VmafOutputFormat fmt, const VmafxReportParams *params)
{
    if (!out || !store || !params)
        return -EINVAL;

    switch (fmt) {
    case VMAF_OUTPUT_FORMAT_XML:
        return vmafx_report_write_xml(out, store, params);
    case VMAF_OUTPUT_FORMAT_JSON:
        return vmafx_report_write_json(out, store, params);
    case VMAF_OUTPUT_FORMAT_CSV:
        return vmafx_report_write_csv(out, store, params);
    case VMAF_OUTPUT_FORMAT_SUB:
        return vmafx_report_write_sub(out, store, params);
    default:
        return -EINVAL;
    }
}
