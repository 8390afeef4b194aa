/*
 * Allowlist checks. What is refused: empty names, embedded NUL bytes, URL
 * schemes ("x://", "file:"), "-" (stdin), anything whose realpath is not a
 * regular file under an allowed root.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "paths.h"

static int has_scheme(const char *s)
{
    size_t i = 0;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
        return 0;
    while ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
           (s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' || s[i] == '.')
        i++;
    return s[i] == ':' && i >= 2;
}

static int inside(const char *root, const char *path)
{
    const size_t n = strlen(root);
    if (n == 1 && root[0] == '/')
        return path[0] == '/';
    return !strncmp(root, path, n) && (path[n] == '/' || path[n] == '\0');
}

int mcp_path_resolve(const McpConfig *cfg, const char *arg, size_t len, char *out,
                     char *err, size_t err_size)
{
    if (!arg || !len) {
        snprintf(err, err_size, "empty path");
        return -EINVAL;
    }
    if (strlen(arg) != len) {
        snprintf(err, err_size, "path contains a NUL byte");
        return -EINVAL;
    }
    if (len >= PATH_MAX) {
        snprintf(err, err_size, "path is longer than %d bytes", PATH_MAX - 1);
        return -EINVAL;
    }
    if (has_scheme(arg)) {
        snprintf(err, err_size, "'%.64s': URLs are not accepted, give a local file path", arg);
        return -EINVAL;
    }
    if (!strcmp(arg, "-")) {
        snprintf(err, err_size, "reading from stdin is not supported here");
        return -EINVAL;
    }
    if (!cfg->n_roots) {
        snprintf(err, err_size, "'%.200s' refused: no allowed roots are configured "
                 "(set VMAF_MCP_ALLOW or --allow)", arg);
        return -EACCES;
    }
    char canon[PATH_MAX];
    if (!realpath(arg, canon)) {
        snprintf(err, err_size, "'%.200s' refused: cannot resolve it (%s)", arg, strerror(errno));
        return errno == ENOENT ? -ENOENT : -EACCES;
    }
    unsigned i = 0;
    while (i < cfg->n_roots && !inside(cfg->roots[i], canon))
        i++;
    if (i == cfg->n_roots) {
        snprintf(err, err_size, "'%.200s' refused: it is outside the allowed roots "
                 "(VMAF_MCP_ALLOW)", arg);
        return -EACCES;
    }
    struct stat st;
    if (stat(canon, &st) || !S_ISREG(st.st_mode)) {
        snprintf(err, err_size, "'%.200s' refused: not a regular file", arg);
        return -EINVAL;
    }
    memcpy(out, canon, strlen(canon) + 1);
    return 0;
}
