/*
 * Path allowlist: a client-supplied path is usable only when its canonical
 * form (realpath: symlinks and ".." resolved) is a regular file inside one of
 * the canonical allowed roots.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#ifndef VMAFX_MCP_PATHS_H
#define VMAFX_MCP_PATHS_H

#include <stddef.h>

#include "config.h"

/*
 * Resolves arg (len bytes, as received: an embedded NUL is refused) into out
 * (PATH_MAX bytes). Returns 0, or -EACCES/-EINVAL/-ENOENT with one line in err.
 */
int mcp_path_resolve(const McpConfig *cfg, const char *arg, size_t len, char *out,
                     char *err, size_t err_size);

#endif /* VMAFX_MCP_PATHS_H */
