/*
 * stdio transport: one JSON-RPC message per line on stdin, answers and
 * notifications one per line on stdout (logs go to stderr). Scoring jobs run
 * on their own threads so that cancellations and pings are read meanwhile.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "transport.h"

typedef struct StdioOut {
    pthread_mutex_t lock;
    int broken;            /* stdout failed: stop writing */
} StdioOut;

typedef struct StdioJob {
    McpServer *srv;
    StdioOut *out;
    JsonRpcMsg msg;        /* owned */
    McpJob *job;
} StdioJob;

/* Writes one message as a line; takes msg. */
static void write_msg(StdioOut *out, json_object *msg)
{
    if (!msg)
        return;
    const char *text = jsonrpc_to_string(msg);
    pthread_mutex_lock(&out->lock);
    if (!out->broken && (fputs(text, stdout) == EOF || fputc('\n', stdout) == EOF ||
                         fflush(stdout) == EOF))
        out->broken = 1;
    pthread_mutex_unlock(&out->lock);
    json_object_put(msg);
}

static void emit(void *ctx, json_object *msg)
{
    write_msg(ctx, msg);
}

static void *job_thread(void *arg)
{
    StdioJob *j = arg;
    McpCall call = { .srv = j->srv, .session = "stdio", .job = j->job, .emit = emit,
                     .emit_ctx = j->out };
    write_msg(j->out, mcp_handle(&call, &j->msg));
    mcp_jobs_untrack(&j->srv->jobs, j->job);
    jsonrpc_msg_free(&j->msg);
    McpServer *srv = j->srv;
    free(j);
    mcp_worker_leave(srv);
    return NULL;
}

/* Starts a job thread; on failure answers at once (busy). Takes msg. */
static void start_job(McpServer *srv, StdioOut *out, JsonRpcMsg *msg)
{
    char key[sizeof(((McpJob *)0)->key)];
    mcp_job_key("stdio", msg->id, key, sizeof(key));
    StdioJob *j = calloc(1, sizeof(*j));
    McpJob *job = j ? mcp_jobs_track(&srv->jobs, key) : NULL;
    if (job) {
        j->srv = srv;
        j->out = out;
        j->msg = *msg;
        j->job = job;
        pthread_attr_t attr;
        pthread_t tid;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        mcp_worker_enter(srv);
        const int r = pthread_create(&tid, &attr, job_thread, j);
        pthread_attr_destroy(&attr);
        if (!r)
            return;
        mcp_worker_leave(srv);
        mcp_jobs_untrack(&srv->jobs, job);
        *msg = j->msg;
    }
    free(j);
    /* without a job entry the tool answers "busy" */
    McpCall call = { .srv = srv, .session = "stdio" };
    write_msg(out, mcp_handle(&call, msg));
    jsonrpc_msg_free(msg);
}

static void handle_line(McpServer *srv, StdioOut *out, const char *line, size_t len)
{
    size_t i = 0;
    while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
        i++;
    if (i == len)
        return; /* blank line */
    JsonRpcMsg msg;
    const int code = jsonrpc_parse(&msg, line, len);
    if (code) {
        write_msg(out, mcp_parse_error_answer(srv, &msg, code));
    } else if (mcp_is_job_request(&msg)) {
        start_job(srv, out, &msg);
        return;
    } else {
        McpCall call = { .srv = srv, .session = "stdio", .emit = emit, .emit_ctx = out };
        write_msg(out, mcp_handle(&call, &msg));
    }
    jsonrpc_msg_free(&msg);
}

typedef struct LineBuf {
    char *data;
    size_t len, cap, limit;
    int overflow;          /* dropping the rest of an over-long line */
} LineBuf;

/* Feeds bytes; answers every complete line. */
static int feed(McpServer *srv, StdioOut *out, LineBuf *b, const char *bytes, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (bytes[i] == '\n') {
            if (b->overflow) {
                write_msg(out, jsonrpc_error(NULL, JSONRPC_INVALID_REQUEST,
                                             "Invalid Request: message too long"));
                b->overflow = 0;
            } else {
                handle_line(srv, out, b->data, b->len);
            }
            b->len = 0;
            continue;
        }
        if (b->overflow)
            continue;
        if (b->len == b->limit) {
            b->overflow = 1;
            continue;
        }
        if (b->len == b->cap) {
            const size_t cap = b->cap ? b->cap * 2 : 4096;
            char *p = realloc(b->data, cap);
            if (!p)
                return -ENOMEM;
            b->data = p;
            b->cap = cap;
        }
        b->data[b->len++] = bytes[i];
    }
    return 0;
}

int mcp_run_stdio(McpServer *srv, const sigset_t *sigs)
{
    StdioOut out = { .broken = 0 };
    pthread_mutex_init(&out.lock, NULL);
    LineBuf buf = { .limit = srv->cfg->max_body };
    const int sfd = signalfd(-1, sigs, SFD_CLOEXEC);
    int signalled = 0;
    for (;;) {
        struct pollfd fds[2] = { { .fd = STDIN_FILENO, .events = POLLIN },
                                 { .fd = sfd, .events = POLLIN } };
        const int n = poll(fds, sfd >= 0 ? 2 : 1, -1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        if (sfd >= 0 && (fds[1].revents & POLLIN)) {
            signalled = 1;
            break;
        }
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            char chunk[65536];
            const ssize_t got = read(STDIN_FILENO, chunk, sizeof(chunk));
            if (got < 0 && errno == EINTR)
                continue;
            if (got <= 0)
                break; /* EOF: the client closed our input */
            if (feed(srv, &out, &buf, chunk, (size_t)got))
                break;
        }
    }
    if (buf.len && !buf.overflow) /* a last message without a newline */
        handle_line(srv, &out, buf.data, buf.len);
    free(buf.data);
    /* EOF lets running jobs finish (within their time limit); a signal gives them the
     * grace period. Then they are stopped, which they notice before the next frame. */
    mcp_workers_wait(srv, signalled ? srv->cfg->grace_s : srv->cfg->job_timeout_s);
    mcp_jobs_stop_all(&srv->jobs);
    while (mcp_workers_wait(srv, 3600)) {
    }
    if (sfd >= 0)
        close(sfd);
    pthread_mutex_destroy(&out.lock);
    return 0;
}
