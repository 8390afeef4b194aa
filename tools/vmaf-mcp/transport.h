/*
 * The two transports. Each returns the process exit status.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#ifndef VMAFX_MCP_TRANSPORT_H
#define VMAFX_MCP_TRANSPORT_H

#include <signal.h>

#include "mcp.h"

/* Newline-delimited JSON-RPC on stdin/stdout until EOF or a signal in sigs. */
int mcp_run_stdio(McpServer *srv, const sigset_t *sigs);

/* Streamable HTTP on /mcp plus the REST routes, until a signal in sigs. */
int mcp_run_http(McpServer *srv, const sigset_t *sigs);

#endif /* VMAFX_MCP_TRANSPORT_H */
