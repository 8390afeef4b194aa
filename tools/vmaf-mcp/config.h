/*
 * vmaf-mcp settings: defaults, then environment variables, then flags.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#ifndef VMAFX_MCP_CONFIG_H
#define VMAFX_MCP_CONFIG_H

#include <stddef.h>

#define MCP_MAX_ROOTS 32
#define MCP_MAX_ORIGINS 16

typedef enum McpTransport {
    MCP_TRANSPORT_STDIO,
    MCP_TRANSPORT_HTTP,
} McpTransport;

typedef struct McpConfig {
    McpTransport transport;
    char bind[64];             /* numeric IPv4/IPv6 address */
    unsigned port;
    char *token;               /* owned; NULL: HTTP answers 401 to everything */
    size_t max_body;           /* bytes of an HTTP request body */
    unsigned max_jobs;         /* scoring jobs at once */
    unsigned job_timeout_s;    /* wall-clock limit of one job */
    unsigned grace_s;          /* SIGTERM: wait this long for jobs before cancelling */
    unsigned max_sessions;     /* MCP sessions kept over HTTP */
    char *roots[MCP_MAX_ROOTS];     /* owned, canonical (realpath) allowed roots */
    unsigned n_roots;
    char *origins[MCP_MAX_ORIGINS]; /* owned; extra allowed Origin values */
    unsigned n_origins;
} McpConfig;

/*
 * Fills cfg from the environment and argv. Returns 0 to run, 1 when --help or
 * --version was printed, or a negative errno with one line in err.
 * mcp_config_free() is safe afterwards in every case.
 */
int mcp_config_load(McpConfig *cfg, int argc, char **argv, char *err, size_t err_size);
void mcp_config_free(McpConfig *cfg);

/* Adds colon-separated roots (each resolved with realpath; missing ones are skipped). */
int mcp_config_add_roots(McpConfig *cfg, const char *list, char *err, size_t err_size);

#endif /* VMAFX_MCP_CONFIG_H */
