/*
 * Report destination handling (see report_file.h).
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libvmaf/vmafx.h"

#include "cli_args.h"
#include "report_file.h"

static int same_file(const struct stat *a, const char *path)
{
    struct stat b;
    return !strcmp(path, "-") ? 0 : !stat(path, &b) && a->st_dev == b.st_dev && a->st_ino == b.st_ino;
}

int report_file_open(ReportFile *rf, const char *path, const char *const *inputs,
                     unsigned n_inputs, char *err, size_t err_size)
{
    memset(rf, 0, sizeof(*rf));
    if (!strcmp(path, "-")) {
        rf->f = stdout;
        rf->is_stdout = 1;
        return CLI_EXIT_OK;
    }
    struct stat st;
    const int exists = !stat(path, &st);
    if (exists) {
        for (unsigned i = 0; i < n_inputs; i++) {
            if (same_file(&st, inputs[i])) {
                snprintf(err, err_size, "-o '%.200s' is one of the input files; refusing to "
                         "overwrite it", path);
                return CLI_EXIT_USAGE;
            }
        }
        if (S_ISDIR(st.st_mode)) {
            snprintf(err, err_size, "cannot write report '%.200s': is a directory", path);
            return CLI_EXIT_IO;
        }
        if (!S_ISREG(st.st_mode)) {
            /* a device or FIFO cannot be replaced by rename; write straight to it */
            rf->f = fopen(path, "w");
            if (!rf->f) {
                snprintf(err, err_size, "cannot write report '%.200s': %s", path,
                         strerror(errno));
                return CLI_EXIT_IO;
            }
            return CLI_EXIT_OK;
        }
    }
    /* rename over the file a symlink points to, not over the link itself */
    rf->target = exists ? realpath(path, NULL) : strdup(path);
    const size_t len = rf->target ? strlen(rf->target) : 0;
    rf->tmp_path = rf->target ? malloc(len + sizeof(".vmafx-XXXXXX")) : NULL;
    if (!rf->tmp_path) {
        snprintf(err, err_size, "cannot write report '%.200s': %s", path,
                 rf->target ? "out of memory" : strerror(errno));
        return CLI_EXIT_IO;
    }
    memcpy(rf->tmp_path, rf->target, len);
    memcpy(rf->tmp_path + len, ".vmafx-XXXXXX", sizeof(".vmafx-XXXXXX"));
    const int fd = mkstemp(rf->tmp_path);
    if (fd < 0) {
        snprintf(err, err_size, "cannot write report '%.200s': %s", path, strerror(errno));
        free(rf->tmp_path);
        rf->tmp_path = NULL;
        return CLI_EXIT_IO;
    }
    /* mkstemp makes 0600; give the report the mode a plain create would give */
    mode_t mode;
    if (exists) {
        mode = st.st_mode & 07777;
    } else {
        const mode_t mask = umask(022);
        umask(mask);
        mode = 0666 & ~mask;
    }
    if (fchmod(fd, mode)) {
        /* not fatal: the report is still written, only with a tighter mode */
    }
    rf->f = fdopen(fd, "w");
    if (!rf->f) {
        snprintf(err, err_size, "cannot write report '%.200s': %s", path, strerror(errno));
        close(fd);
        return CLI_EXIT_IO;
    }
    return CLI_EXIT_OK;
}

int report_file_commit(ReportFile *rf, VmafContext *vmaf, enum VmafOutputFormat fmt,
                       const char *path, char *err, size_t err_size)
{
    if (!rf->f)
        return CLI_EXIT_OK;
    int r = vmafx_write_output_stream(vmaf, rf->f, fmt);
    if (fflush(rf->f) && !r)
        r = -errno;
    if (!rf->is_stdout) {
        if (fclose(rf->f) && !r)
            r = -errno;
        rf->f = NULL;
    }
    if (!r && rf->tmp_path && rename(rf->tmp_path, rf->target))
        r = -errno;
    if (r) {
        snprintf(err, err_size, "cannot write report '%.200s': %s", path,
                 r == -EINVAL ? "the library rejected the report" : strerror(-r));
        return CLI_EXIT_IO;
    }
    free(rf->tmp_path);
    rf->tmp_path = NULL;
    return CLI_EXIT_OK;
}

void report_file_close(ReportFile *rf)
{
    if (rf->f && !rf->is_stdout)
        fclose(rf->f);
    if (rf->tmp_path)
        unlink(rf->tmp_path);
    free(rf->tmp_path);
    free(rf->target);
    memset(rf, 0, sizeof(*rf));
}
