/*
 * Counters behind GET /metrics (Prometheus text format 0.0.4). Lock-free:
 * every field is an atomic updated by the request and job threads.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#ifndef VMAFX_MCP_METRICS_H
#define VMAFX_MCP_METRICS_H

#include <stdatomic.h>
#include <stdio.h>

typedef enum McpRoute {
    MCP_ROUTE_MCP,
    MCP_ROUTE_HEALTHZ,
    MCP_ROUTE_READYZ,
    MCP_ROUTE_METRICS,
    MCP_ROUTE_SCORE,
    MCP_ROUTE_OTHER,
    MCP_ROUTE_COUNT,
} McpRoute;

#define MCP_STATUS_SLOTS 14   /* the status codes we answer, plus "other" */
#define MCP_BUCKETS 10

typedef enum McpJobOutcome {
    MCP_JOB_OK,
    MCP_JOB_ERROR,
    MCP_JOB_BUSY,
    MCP_JOB_CANCELLED,
    MCP_JOB_TIMEOUT,
    MCP_JOB_OUTCOMES,
} McpJobOutcome;

typedef struct McpHistogram {
    atomic_ullong buckets[MCP_BUCKETS]; /* cumulative at output time */
    atomic_ullong count;
    atomic_ullong sum_us;
} McpHistogram;

typedef struct McpMetrics {
    atomic_ullong requests[MCP_ROUTE_COUNT][MCP_STATUS_SLOTS];
    McpHistogram request_seconds;
    atomic_ullong jobs[MCP_JOB_OUTCOMES];
    McpHistogram job_seconds;
    atomic_ullong rpc_errors;   /* JSON-RPC error answers */
} McpMetrics;

void mcp_metrics_init(McpMetrics *m);
void mcp_metrics_request(McpMetrics *m, McpRoute route, unsigned status, double seconds);
void mcp_metrics_job(McpMetrics *m, McpJobOutcome outcome, double seconds);
/* Writes the exposition text; jobs_running is sampled by the caller. */
void mcp_metrics_write(McpMetrics *m, FILE *out, unsigned jobs_running, unsigned max_jobs);

#endif /* VMAFX_MCP_METRICS_H */
