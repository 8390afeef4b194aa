/*
 * The MCP layer shared by both transports: protocol version negotiation,
 * initialize / ping / tools/list / tools/call, progress and cancellation.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#ifndef VMAFX_MCP_MCP_H
#define VMAFX_MCP_MCP_H

#include <pthread.h>
#include <stdatomic.h>

#include <json-c/json.h>

#include "config.h"
#include "jobs.h"
#include "jsonrpc.h"
#include "metrics.h"

/* Revisions the official TypeScript SDK speaks (its SUPPORTED_PROTOCOL_VERSIONS), newest first. */
#define MCP_LATEST_PROTOCOL "2025-11-25"
extern const char *const mcp_protocol_versions[];

typedef struct McpServer {
    const McpConfig *cfg;
    McpJobs jobs;
    McpMetrics metrics;
    json_object *tool_list;     /* built once: the tools/list result */
    pthread_mutex_t workers_lock;
    pthread_cond_t workers_done;
    unsigned workers;           /* detached job threads alive */
    atomic_int stopping;
} McpServer;

/* Receives a server-to-client notification; takes ownership of msg. */
typedef void (*McpEmitFn)(void *ctx, json_object *msg);

typedef struct McpCall {
    McpServer *srv;
    const char *session;   /* prefix of job keys ("stdio", or an HTTP session id) */
    McpJob *job;           /* tracked by the transport for job tools; else NULL */
    McpEmitFn emit;        /* NULL: progress is not sent */
    void *emit_ctx;
    char protocol[16];     /* out: version agreed by initialize */
    unsigned http_status;  /* out: REST status matching a tool result (200, 400, 403, 503...) */
} McpCall;

int mcp_server_init(McpServer *srv, const McpConfig *cfg);
void mcp_server_destroy(McpServer *srv);

/* Detached worker bookkeeping, so shutdown can wait for every job thread. */
void mcp_worker_enter(McpServer *srv);
void mcp_worker_leave(McpServer *srv);
/* Waits until no worker is left or timeout_s passed; returns those left. */
unsigned mcp_workers_wait(McpServer *srv, double timeout_s);

int mcp_version_supported(const char *version);

/* True for a tools/call of a tool that runs a scoring job. */
int mcp_is_job_request(const JsonRpcMsg *msg);
/* The key under which a request's job is tracked ("session|id"). */
void mcp_job_key(const char *session, json_object *id, char *out, size_t out_size);

/*
 * Answers one parsed message. Returns the answer (owned by the caller), or
 * NULL when none is due: notifications, client responses, cancelled requests.
 */
json_object *mcp_handle(McpCall *call, const JsonRpcMsg *msg);

/* The error answer to a message that jsonrpc_parse() refused (code from it). */
json_object *mcp_parse_error_answer(McpServer *srv, const JsonRpcMsg *msg, int code);

/* tools.c */
json_object *mcp_tools_build_list(void);
int mcp_tool_is_job(const char *name);
/* Runs a tool. 0 with *result (a CallToolResult), -ENOENT for an unknown tool,
 * -ECANCELED when the client cancelled (no answer due). */
int mcp_tools_call(McpCall *call, const char *name, json_object *args,
                   json_object *progress_token, json_object **result);

#endif /* VMAFX_MCP_MCP_H */
