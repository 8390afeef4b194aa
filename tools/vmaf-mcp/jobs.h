/*
 * In-flight scoring requests: a cap on jobs running at once (the rest get a
 * busy answer), cancellation by request id, and a per-job deadline.
 * Thread-safe; one McpJobs per server.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#ifndef VMAFX_MCP_JOBS_H
#define VMAFX_MCP_JOBS_H

#include <pthread.h>
#include <stdatomic.h>

/* Requests tracked at once (running or about to be refused); beyond: busy at once. */
#define MCP_MAX_TRACKED 64

typedef enum McpStopReason {
    MCP_STOP_NONE = 0,
    MCP_STOP_CANCELLED,   /* client cancelled or went away */
    MCP_STOP_TIMEOUT,     /* per-job time limit */
    MCP_STOP_SHUTDOWN,    /* server stopping */
} McpStopReason;

typedef struct McpJob {
    char key[224];            /* session + request id */
    atomic_int stop;          /* McpStopReason */
    double deadline;          /* monotonic seconds; set when the job gets its slot */
    int has_slot;
    struct McpJob *next;
} McpJob;

typedef struct McpJobs {
    pthread_mutex_t lock;
    unsigned cap, running, tracked, timeout_s;
    McpJob *head;
    atomic_int shutting_down;
} McpJobs;

int mcp_jobs_init(McpJobs *jobs, unsigned cap, unsigned timeout_s);
void mcp_jobs_destroy(McpJobs *jobs);

/* Starts tracking a request under key (for cancellation). NULL: too many in flight. */
McpJob *mcp_jobs_track(McpJobs *jobs, const char *key);
/* Takes a running slot and starts the deadline. 0, or -EBUSY at the cap. */
int mcp_jobs_acquire(McpJobs *jobs, McpJob *job);
/* Releases the slot (if any) and frees the job. NULL is a no-op. */
void mcp_jobs_untrack(McpJobs *jobs, McpJob *job);
/* Marks every tracked job with key as cancelled; returns how many. */
unsigned mcp_jobs_cancel(McpJobs *jobs, const char *key);
/* Stops every job (server shutdown) and refuses new slots. */
void mcp_jobs_stop_all(McpJobs *jobs);
unsigned mcp_jobs_running(McpJobs *jobs);

/* The reason to stop now (deadline included), or MCP_STOP_NONE. */
McpStopReason mcp_job_should_stop(McpJob *job);

double mcp_now(void);

#endif /* VMAFX_MCP_JOBS_H */
