/*
 * Version strings. VMAFX_REPORT_VERSION is what vmaf_version() returns and what
 * reports print; the conformance build pins it to the upstream revision the golden
 * files came from, so that reports are byte-identical.
 */
#include "common.h"
#include "libvmaf/libvmaf.h"
#include "libvmaf/vmafx.h"
#include "vmafx_config.h"

VMAFX_EXPORT const char *vmaf_version(void)
{
    return VMAFX_REPORT_VERSION;
}

VMAFX_EXPORT const char *vmafx_version(void)
{
    return VMAFX_PROJECT_VERSION;
}
