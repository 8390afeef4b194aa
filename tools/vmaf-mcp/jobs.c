/*
 * Job registry: a short mutex-protected list. Lists stay small (at most
 * MCP_MAX_TRACKED entries), so linear scans are fine.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jobs.h"

double mcp_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int mcp_jobs_init(McpJobs *jobs, unsigned cap, unsigned timeout_s)
{
    memset(jobs, 0, sizeof(*jobs));
    jobs->cap = cap;
    jobs->timeout_s = timeout_s;
    atomic_init(&jobs->shutting_down, 0);
    return -pthread_mutex_init(&jobs->lock, NULL);
}

void mcp_jobs_destroy(McpJobs *jobs)
{
    McpJob *j = jobs->head;
    while (j) {
        McpJob *next = j->next;
        free(j);
        j = next;
    }
    pthread_mutex_destroy(&jobs->lock);
}

McpJob *mcp_jobs_track(McpJobs *jobs, const char *key)
{
    McpJob *job = calloc(1, sizeof(*job));
    if (!job)
        return NULL;
    snprintf(job->key, sizeof(job->key), "%s", key);
    atomic_init(&job->stop, MCP_STOP_NONE);
    pthread_mutex_lock(&jobs->lock);
    if (jobs->tracked >= MCP_MAX_TRACKED) {
        pthread_mutex_unlock(&jobs->lock);
        free(job);
        return NULL;
    }
    if (atomic_load(&jobs->shutting_down))
        atomic_store(&job->stop, MCP_STOP_SHUTDOWN);
    job->next = jobs->head;
    jobs->head = job;
    jobs->tracked++;
    pthread_mutex_unlock(&jobs->lock);
    return job;
}

int mcp_jobs_acquire(McpJobs *jobs, McpJob *job)
{
    int ret = -EBUSY;
    pthread_mutex_lock(&jobs->lock);
    if (jobs->running < jobs->cap && !atomic_load(&jobs->shutting_down)) {
        jobs->running++;
        job->has_slot = 1;
        job->deadline = mcp_now() + jobs->timeout_s;
        ret = 0;
    }
    pthread_mutex_unlock(&jobs->lock);
    return ret;
}

void mcp_jobs_untrack(McpJobs *jobs, McpJob *job)
{
    if (!job)
        return;
    pthread_mutex_lock(&jobs->lock);
    for (McpJob **p = &jobs->head; *p; p = &(*p)->next) {
        if (*p == job) {
            *p = job->next;
            jobs->tracked--;
            break;
        }
    }
    if (job->has_slot)
        jobs->running--;
    pthread_mutex_unlock(&jobs->lock);
    free(job);
}

unsigned mcp_jobs_cancel(McpJobs *jobs, const char *key)
{
    unsigned n = 0;
    pthread_mutex_lock(&jobs->lock);
    for (McpJob *j = jobs->head; j; j = j->next) {
        if (!strcmp(j->key, key)) {
            int expected = MCP_STOP_NONE;
            atomic_compare_exchange_strong(&j->stop, &expected, MCP_STOP_CANCELLED);
            n++;
        }
    }
    pthread_mutex_unlock(&jobs->lock);
    return n;
}

void mcp_jobs_stop_all(McpJobs *jobs)
{
    pthread_mutex_lock(&jobs->lock);
    atomic_store(&jobs->shutting_down, 1);
    for (McpJob *j = jobs->head; j; j = j->next) {
        int expected = MCP_STOP_NONE;
        atomic_compare_exchange_strong(&j->stop, &expected, MCP_STOP_SHUTDOWN);
    }
    pthread_mutex_unlock(&jobs->lock);
}

unsigned mcp_jobs_running(McpJobs *jobs)
{
    pthread_mutex_lock(&jobs->lock);
    const unsigned n = jobs->running;
    pthread_mutex_unlock(&jobs->lock);
    return n;
}

McpStopReason mcp_job_should_stop(McpJob *job)
{
    if (!job)
        return MCP_STOP_NONE;
    const int stop = atomic_load(&job->stop);
    if (stop != MCP_STOP_NONE)
        return (McpStopReason)stop;
    if (job->has_slot && mcp_now() > job->deadline)
        return MCP_STOP_TIMEOUT;
    return MCP_STOP_NONE;
}
