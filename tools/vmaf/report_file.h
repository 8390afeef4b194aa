/*
 * The -o target. Checked and created before scoring; the report goes to a
 * temporary file next to the target and is renamed over it at the end, so a
 * failed run never truncates an existing report. "-" is stdout; an existing
 * non-regular target (a device, a FIFO) is written directly.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#ifndef VMAFX_TOOLS_REPORT_FILE_H
#define VMAFX_TOOLS_REPORT_FILE_H

#include <stddef.h>
#include <stdio.h>

#include "libvmaf/libvmaf.h"

typedef struct ReportFile {
    FILE *f;           /* NULL: no report */
    int is_stdout;
    char *target;      /* owned: path renamed over at commit (NULL: direct write) */
    char *tmp_path;    /* owned: temporary file, unlinked unless committed */
} ReportFile;

/*
 * Opens the report destination for `path`, refusing a path that names one of
 * the `n_inputs` input files. Returns a CliExit status; err says why.
 */
int report_file_open(ReportFile *rf, const char *path, const char *const *inputs,
                     unsigned n_inputs, char *err, size_t err_size);

/* Writes the report and moves it into place. Returns a CliExit status. */
int report_file_commit(ReportFile *rf, VmafContext *vmaf, enum VmafOutputFormat fmt,
                       const char *path, char *err, size_t err_size);

/* Removes an uncommitted temporary file and frees everything. */
void report_file_close(ReportFile *rf);

#endif /* VMAFX_TOOLS_REPORT_FILE_H */
