/*
 * Prometheus exposition of the server counters.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <string.h>

#include "metrics.h"

static const unsigned status_codes[MCP_STATUS_SLOTS - 1] = {
    200, 202, 400, 401, 403, 404, 405, 406, 413, 415, 500, 503, 504,
};
static const double bucket_bounds[MCP_BUCKETS] = {
    0.001, 0.005, 0.025, 0.1, 0.25, 1, 5, 30, 120, 600,
};
static const char *const route_names[MCP_ROUTE_COUNT] = {
    "/mcp", "/healthz", "/readyz", "/metrics", "/v1/score", "other",
};
static const char *const outcome_names[MCP_JOB_OUTCOMES] = {
    "ok", "error", "busy", "cancelled", "timeout",
};

static void histogram_init(McpHistogram *h)
{
    for (unsigned i = 0; i < MCP_BUCKETS; i++)
        atomic_init(&h->buckets[i], 0);
    atomic_init(&h->count, 0);
    atomic_init(&h->sum_us, 0);
}

void mcp_metrics_init(McpMetrics *m)
{
    for (unsigned r = 0; r < MCP_ROUTE_COUNT; r++)
        for (unsigned s = 0; s < MCP_STATUS_SLOTS; s++)
            atomic_init(&m->requests[r][s], 0);
    for (unsigned o = 0; o < MCP_JOB_OUTCOMES; o++)
        atomic_init(&m->jobs[o], 0);
    histogram_init(&m->request_seconds);
    histogram_init(&m->job_seconds);
    atomic_init(&m->rpc_errors, 0);
}

static void observe(McpHistogram *h, double seconds)
{
    if (!(seconds >= 0))
        seconds = 0;
    unsigned i = 0;
    while (i < MCP_BUCKETS && seconds > bucket_bounds[i])
        i++;
    if (i < MCP_BUCKETS)
        atomic_fetch_add(&h->buckets[i], 1);
    atomic_fetch_add(&h->count, 1);
    atomic_fetch_add(&h->sum_us, (unsigned long long)(seconds * 1e6));
}

void mcp_metrics_request(McpMetrics *m, McpRoute route, unsigned status, double seconds)
{
    unsigned slot = 0;
    while (slot < MCP_STATUS_SLOTS - 1 && status_codes[slot] != status)
        slot++;
    atomic_fetch_add(&m->requests[route < MCP_ROUTE_COUNT ? route : MCP_ROUTE_OTHER][slot], 1);
    observe(&m->request_seconds, seconds);
}

void mcp_metrics_job(McpMetrics *m, McpJobOutcome outcome, double seconds)
{
    atomic_fetch_add(&m->jobs[outcome], 1);
    if (outcome != MCP_JOB_BUSY)
        observe(&m->job_seconds, seconds);
}

static void write_histogram(FILE *out, const char *name, const char *help, McpHistogram *h)
{
    fprintf(out, "# HELP %s %s\n# TYPE %s histogram\n", name, help, name);
    unsigned long long cumulative = 0;
    for (unsigned i = 0; i < MCP_BUCKETS; i++) {
        cumulative += atomic_load(&h->buckets[i]);
        fprintf(out, "%s_bucket{le=\"%g\"} %llu\n", name, bucket_bounds[i], cumulative);
    }
    const unsigned long long count = atomic_load(&h->count);
    fprintf(out, "%s_bucket{le=\"+Inf\"} %llu\n", name, count);
    fprintf(out, "%s_sum %.6f\n%s_count %llu\n", name,
            (double)atomic_load(&h->sum_us) * 1e-6, name, count);
}

void mcp_metrics_write(McpMetrics *m, FILE *out, unsigned jobs_running, unsigned max_jobs)
{
    fputs("# HELP vmaf_mcp_http_requests_total HTTP requests answered, by route and status.\n"
          "# TYPE vmaf_mcp_http_requests_total counter\n", out);
    for (unsigned r = 0; r < MCP_ROUTE_COUNT; r++) {
        for (unsigned s = 0; s < MCP_STATUS_SLOTS; s++) {
            const unsigned long long n = atomic_load(&m->requests[r][s]);
            if (!n)
                continue;
            char code[8];
            if (s < MCP_STATUS_SLOTS - 1)
                snprintf(code, sizeof(code), "%u", status_codes[s]);
            else
                snprintf(code, sizeof(code), "other");
            fprintf(out, "vmaf_mcp_http_requests_total{route=\"%s\",code=\"%s\"} %llu\n",
                    route_names[r], code, n);
        }
    }
    unsigned long long errors = 0;
    for (unsigned r = 0; r < MCP_ROUTE_COUNT; r++)
        for (unsigned s = 2; s < MCP_STATUS_SLOTS; s++) /* every code from 400 on */
            errors += atomic_load(&m->requests[r][s]);
    fprintf(out, "# HELP vmaf_mcp_http_errors_total HTTP answers with a 4xx or 5xx status.\n"
                 "# TYPE vmaf_mcp_http_errors_total counter\nvmaf_mcp_http_errors_total %llu\n",
            errors);
    fprintf(out, "# HELP vmaf_mcp_jsonrpc_errors_total JSON-RPC error answers.\n"
                 "# TYPE vmaf_mcp_jsonrpc_errors_total counter\nvmaf_mcp_jsonrpc_errors_total %llu\n",
            atomic_load(&m->rpc_errors));
    write_histogram(out, "vmaf_mcp_http_request_duration_seconds",
                    "Time from request to answer.", &m->request_seconds);
    fputs("# HELP vmaf_mcp_jobs_total Scoring jobs by outcome.\n"
          "# TYPE vmaf_mcp_jobs_total counter\n", out);
    for (unsigned o = 0; o < MCP_JOB_OUTCOMES; o++)
        fprintf(out, "vmaf_mcp_jobs_total{outcome=\"%s\"} %llu\n", outcome_names[o],
                atomic_load(&m->jobs[o]));
    write_histogram(out, "vmaf_mcp_job_duration_seconds", "Wall time of scoring jobs.",
                    &m->job_seconds);
    fprintf(out, "# HELP vmaf_mcp_jobs_running Scoring jobs running now.\n"
                 "# TYPE vmaf_mcp_jobs_running gauge\nvmaf_mcp_jobs_running %u\n"
                 "# HELP vmaf_mcp_jobs_max Cap on concurrent scoring jobs.\n"
                 "# TYPE vmaf_mcp_jobs_max gauge\nvmaf_mcp_jobs_max %u\n",
            jobs_running, max_jobs);
}
