/*
 * HTTP transport on one port (libmicrohttpd, a thread per connection):
 *   POST/DELETE /mcp   MCP Streamable HTTP (GET answers 405: no server-initiated stream)
 *   GET /healthz, GET /readyz, GET /metrics, POST /v1/score   REST
 * Every route needs "Authorization: Bearer TOKEN"; without a configured token
 * every request gets 401. Checks run before the body is read: token, route,
 * method, declared Content-Length; the body is then capped while it arrives.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "auth.h"
#include "http_session.h"
#include "transport.h"

#define MAX_CONNECTIONS 128
#define IDLE_TIMEOUT_S 60

typedef struct HttpServer {
    McpServer *srv;
    McpSessions sessions;
    char local_origins[3][64];
    atomic_ullong rest_ids;
} HttpServer;

typedef struct Request {
    McpRoute route;
    double start;
    unsigned status;
    char *body;
    size_t len, cap;
    int too_big;
} Request;

/* ---- responses ---- */

static enum MHD_Result queue(struct MHD_Connection *c, Request *rq, unsigned status,
                             struct MHD_Response *resp)
{
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    rq->status = status;
    const enum MHD_Result r = MHD_queue_response(c, status, resp);
    MHD_destroy_response(resp);
    return r;
}

static enum MHD_Result reply(struct MHD_Connection *c, Request *rq, unsigned status,
                             const char *type, const char *body, const char *session)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(
        strlen(body), (void *)body, MHD_RESPMEM_MUST_COPY);
    if (!resp)
        return MHD_NO;
    if (*type)
        MHD_add_response_header(resp, "Content-Type", type);
    if (session)
        MHD_add_response_header(resp, "Mcp-Session-Id", session);
    if (status == 401)
        MHD_add_response_header(resp, "WWW-Authenticate", "Bearer realm=\"vmaf-mcp\"");
    if (status == 405)
        MHD_add_response_header(resp, "Allow", rq->route == MCP_ROUTE_MCP ? "POST, DELETE"
                                : rq->route == MCP_ROUTE_SCORE ? "POST" : "GET");
    if (status == 503)
        MHD_add_response_header(resp, "Retry-After", "1");
    return queue(c, rq, status, resp);
}

/* {"error": text} with a status. */
static enum MHD_Result reply_error(struct MHD_Connection *c, Request *rq, unsigned status,
                                   const char *text)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "error", json_object_new_string(text));
    const enum MHD_Result r = reply(c, rq, status, "application/json", jsonrpc_to_string(o), NULL);
    json_object_put(o);
    return r;
}

/* A JSON-RPC message as the whole body; takes msg. */
static enum MHD_Result reply_rpc(struct MHD_Connection *c, Request *rq, unsigned status,
                                 json_object *msg, const char *session)
{
    if (!msg)
        return reply_error(c, rq, 500, "out of memory");
    const enum MHD_Result r = reply(c, rq, status, "application/json", jsonrpc_to_string(msg),
                                    session);
    json_object_put(msg);
    return r;
}

/* ---- SSE stream for a job request ---- */

typedef struct SseStream {
    pthread_mutex_t lock;
    pthread_cond_t more;
    char *buf;
    size_t len, cap, off;
    int done, refs;
    HttpServer *hs;
    JsonRpcMsg msg;                 /* owned */
    McpJob *job;                    /* NULL once the job thread released it */
    char session[MCP_SESSION_ID_LEN + 1];
} SseStream;

static void sse_unref(SseStream *s)
{
    pthread_mutex_lock(&s->lock);
    const int left = --s->refs;
    pthread_mutex_unlock(&s->lock);
    if (left)
        return;
    jsonrpc_msg_free(&s->msg);
    free(s->buf);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->more);
    free(s);
}

/* Appends one SSE event carrying msg; takes msg. */
static void sse_emit(void *ctx, json_object *msg)
{
    SseStream *s = ctx;
    const char *text = jsonrpc_to_string(msg);
    const size_t need = strlen(text) + 32;
    pthread_mutex_lock(&s->lock);
    if (s->len + need > s->cap) {
        const size_t cap = (s->len + need) * 2;
        char *p = realloc(s->buf, cap);
        if (p) {
            s->buf = p;
            s->cap = cap;
        }
    }
    if (s->len + need <= s->cap) {
        s->len += (size_t)snprintf(s->buf + s->len, s->cap - s->len,
                                   "event: message\ndata: %s\n\n", text);
        pthread_cond_signal(&s->more);
    }
    pthread_mutex_unlock(&s->lock);
    json_object_put(msg);
}

static void *sse_job_thread(void *arg)
{
    SseStream *s = arg;
    McpServer *srv = s->hs->srv;
    McpCall call = { .srv = srv, .session = s->session, .job = s->job, .emit = sse_emit,
                     .emit_ctx = s };
    json_object *answer = mcp_handle(&call, &s->msg);
    if (answer) /* none when cancelled: the stream just ends */
        sse_emit(s, answer);
    pthread_mutex_lock(&s->lock);
    McpJob *job = s->job;
    s->job = NULL;
    pthread_mutex_unlock(&s->lock);
    mcp_jobs_untrack(&srv->jobs, job);
    pthread_mutex_lock(&s->lock);
    s->done = 1;
    pthread_cond_signal(&s->more);
    pthread_mutex_unlock(&s->lock);
    sse_unref(s);
    mcp_worker_leave(srv);
    return NULL;
}

static ssize_t sse_read(void *cls, uint64_t pos, char *out, size_t max)
{
    (void)pos;
    SseStream *s = cls;
    pthread_mutex_lock(&s->lock);
    while (s->off == s->len && !s->done) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 1;
        pthread_cond_timedwait(&s->more, &s->lock, &until);
    }
    ssize_t n = MHD_CONTENT_READER_END_OF_STREAM;
    if (s->off < s->len) {
        const size_t k = s->len - s->off < max ? s->len - s->off : max;
        memcpy(out, s->buf + s->off, k);
        s->off += k;
        if (s->off == s->len)
            s->off = s->len = 0;
        n = (ssize_t)k;
    }
    pthread_mutex_unlock(&s->lock);
    return n;
}

/* The response is gone (sent, or the client left): a job still running is cancelled. */
static void sse_free(void *cls)
{
    SseStream *s = cls;
    pthread_mutex_lock(&s->lock);
    if (s->job) {
        int expected = MCP_STOP_NONE;
        atomic_compare_exchange_strong(&s->job->stop, &expected, MCP_STOP_CANCELLED);
    }
    pthread_mutex_unlock(&s->lock);
    sse_unref(s);
}

/* Starts the job thread and answers with an event stream. Takes msg and job on success. */
static int start_sse(HttpServer *hs, struct MHD_Connection *c, Request *rq, JsonRpcMsg *msg,
                     McpJob *job, const char *session, enum MHD_Result *ret)
{
    SseStream *s = calloc(1, sizeof(*s));
    if (!s)
        return -ENOMEM;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->more, NULL);
    s->hs = hs;
    s->job = job;
    s->refs = 2;
    snprintf(s->session, sizeof(s->session), "%s", session);
    struct MHD_Response *resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 16384,
                                                                  sse_read, s, sse_free);
    if (!resp) {
        pthread_mutex_destroy(&s->lock);
        pthread_cond_destroy(&s->more);
        free(s);
        return -ENOMEM;
    }
    s->msg = *msg;
    pthread_attr_t attr;
    pthread_t tid;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    mcp_worker_enter(hs->srv);
    const int r = pthread_create(&tid, &attr, sse_job_thread, s);
    pthread_attr_destroy(&attr);
    if (r) {
        mcp_worker_leave(hs->srv);
        memset(&s->msg, 0, sizeof(s->msg));
        s->job = NULL;
        s->refs = 1;
        MHD_destroy_response(resp); /* calls sse_free: frees s */
        return -EAGAIN;
    }
    memset(msg, 0, sizeof(*msg));
    MHD_add_response_header(resp, "Content-Type", "text/event-stream");
    MHD_add_response_header(resp, "Mcp-Session-Id", session);
    *ret = queue(c, rq, 200, resp);
    return 0;
}

/* ---- /mcp ---- */

static const char *header(struct MHD_Connection *c, const char *name)
{
    return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

static int origin_ok(HttpServer *hs, struct MHD_Connection *c)
{
    const char *origin = header(c, "Origin");
    if (!origin)
        return 1; /* not a browser */
    for (unsigned i = 0; i < 3; i++) {
        if (!strcmp(origin, hs->local_origins[i]))
            return 1;
    }
    const McpConfig *cfg = hs->srv->cfg;
    for (unsigned i = 0; i < cfg->n_origins; i++) {
        if (!strcmp(origin, cfg->origins[i]))
            return 1;
    }
    return 0;
}

static int accepts(struct MHD_Connection *c, const char *type)
{
    const char *accept = header(c, "Accept");
    return accept && strstr(accept, type);
}

static json_object *rpc_refusal(McpServer *srv, int code, const char *text)
{
    atomic_fetch_add(&srv->metrics.rpc_errors, 1);
    return jsonrpc_error(NULL, code, text);
}

static enum MHD_Result mcp_job_request(HttpServer *hs, struct MHD_Connection *c, Request *rq,
                                       JsonRpcMsg *msg, const char *session)
{
    McpServer *srv = hs->srv;
    char key[sizeof(((McpJob *)0)->key)];
    mcp_job_key(session, msg->id, key, sizeof(key));
    McpJob *job = mcp_jobs_track(&srv->jobs, key);
    json_object *meta = NULL, *token = NULL;
    const int wants_progress = msg->params &&
        json_object_object_get_ex(msg->params, "_meta", &meta) &&
        json_object_object_get_ex(meta, "progressToken", &token);
    enum MHD_Result ret = MHD_NO;
    if (job && wants_progress && accepts(c, "text/event-stream") &&
        !start_sse(hs, c, rq, msg, job, session, &ret))
        return ret;
    /* plain JSON answer from this connection's thread; busy when job is NULL */
    McpCall call = { .srv = srv, .session = session, .job = job };
    json_object *answer = mcp_handle(&call, msg);
    mcp_jobs_untrack(&srv->jobs, job);
    if (!answer)
        answer = jsonrpc_error(msg->id, JSONRPC_REQUEST_CANCELLED, "Request cancelled");
    return reply_rpc(c, rq, 200, answer, session);
}

static enum MHD_Result mcp_post(HttpServer *hs, struct MHD_Connection *c, Request *rq)
{
    McpServer *srv = hs->srv;
    const char *type = header(c, "Content-Type");
    if (!type || strncasecmp(type, "application/json", 16))
        return reply_rpc(c, rq, 415, rpc_refusal(srv, JSONRPC_SERVER_ERROR,
                         "Unsupported Media Type: Content-Type must be application/json"), NULL);
    if (header(c, "Accept") && !accepts(c, "application/json") &&
        !accepts(c, "text/event-stream") && !accepts(c, "*/*"))
        return reply_rpc(c, rq, 406, rpc_refusal(srv, JSONRPC_SERVER_ERROR,
                         "Not Acceptable: accept application/json or text/event-stream"), NULL);
    JsonRpcMsg msg;
    const int code = jsonrpc_parse(&msg, rq->body ? rq->body : "", rq->len);
    if (code) {
        json_object *answer = mcp_parse_error_answer(srv, &msg, code);
        jsonrpc_msg_free(&msg);
        return reply_rpc(c, rq, 400, answer, NULL);
    }
    enum MHD_Result ret;
    if (msg.kind == JSONRPC_KIND_REQUEST && !strcmp(msg.method, "initialize")) {
        McpCall call = { .srv = srv, .session = "" };
        json_object *answer = mcp_handle(&call, &msg);
        char id[MCP_SESSION_ID_LEN + 1];
        if (call.protocol[0] && mcp_sessions_create(&hs->sessions, call.protocol, id)) {
            json_object_put(answer);
            ret = reply_error(c, rq, 500, "cannot create a session");
        } else {
            ret = reply_rpc(c, rq, 200, answer, call.protocol[0] ? id : NULL);
        }
        jsonrpc_msg_free(&msg);
        return ret;
    }
    const char *session = header(c, "Mcp-Session-Id");
    const char *version = header(c, "MCP-Protocol-Version");
    if (!session)
        ret = reply_rpc(c, rq, 400, rpc_refusal(srv, JSONRPC_SERVER_ERROR,
                        "Bad Request: Mcp-Session-Id header is required"), NULL);
    else if (mcp_sessions_touch(&hs->sessions, session))
        ret = reply_rpc(c, rq, 404, rpc_refusal(srv, -32001, "Session not found"), NULL);
    else if (version && !mcp_version_supported(version))
        ret = reply_rpc(c, rq, 400, rpc_refusal(srv, JSONRPC_SERVER_ERROR,
                        "Bad Request: unsupported MCP-Protocol-Version"), NULL);
    else if (msg.kind != JSONRPC_KIND_REQUEST) {
        McpCall call = { .srv = srv, .session = session };
        json_object_put(mcp_handle(&call, &msg)); /* cancellations; nothing to answer */
        ret = reply(c, rq, 202, "", "", NULL);
    } else if (mcp_is_job_request(&msg)) {
        ret = mcp_job_request(hs, c, rq, &msg, session);
    } else {
        McpCall call = { .srv = srv, .session = session };
        ret = reply_rpc(c, rq, 200, mcp_handle(&call, &msg), session);
    }
    jsonrpc_msg_free(&msg);
    return ret;
}

static enum MHD_Result mcp_delete(HttpServer *hs, struct MHD_Connection *c, Request *rq)
{
    const char *session = header(c, "Mcp-Session-Id");
    if (!session)
        return reply_error(c, rq, 400, "Mcp-Session-Id header is required");
    if (mcp_sessions_remove(&hs->sessions, session))
        return reply_error(c, rq, 404, "session not found");
    return reply(c, rq, 200, "", "", NULL);
}

/* ---- REST ---- */

static enum MHD_Result rest_score(HttpServer *hs, struct MHD_Connection *c, Request *rq)
{
    McpServer *srv = hs->srv;
    json_object *args = jsonrpc_parse_value(rq->body ? rq->body : "", rq->len);
    if (!json_object_is_type(args, json_type_object)) {
        json_object_put(args);
        return reply_error(c, rq, 400, "the body must be one JSON object of vmaf_score arguments");
    }
    char key[64], request_id[17];
    if (mcp_random_hex(request_id, 8))
        snprintf(request_id, sizeof(request_id), "%llu",
                 (unsigned long long)atomic_fetch_add(&hs->rest_ids, 1));
    snprintf(key, sizeof(key), "rest|%s", request_id);
    McpCall call = { .srv = srv, .session = "rest", .job = mcp_jobs_track(&srv->jobs, key),
                     .http_status = 500 };
    json_object *result = NULL;
    const int r = mcp_tools_call(&call, "vmaf_score", args, NULL, &result);
    mcp_jobs_untrack(&srv->jobs, call.job);
    json_object_put(args);
    json_object *structured = NULL, *content = NULL, *item = NULL, *text = NULL;
    enum MHD_Result ret;
    if (r || !result) {
        ret = reply_error(c, rq, 500, "internal error");
    } else if (json_object_object_get_ex(result, "structuredContent", &structured)) {
        json_object *body = json_object_get(structured);
        json_object_object_add(body, "request_id", json_object_new_string(request_id));
        ret = reply(c, rq, 200, "application/json", jsonrpc_to_string(body), NULL);
        json_object_put(body);
    } else {
        json_object *body = json_object_new_object();
        if (json_object_object_get_ex(result, "content", &content) &&
            (item = json_object_array_get_idx(content, 0)) &&
            json_object_object_get_ex(item, "text", &text))
            json_object_object_add(body, "error", json_object_get(text));
        json_object_object_add(body, "request_id", json_object_new_string(request_id));
        ret = reply(c, rq, call.http_status >= 400 ? call.http_status : 500, "application/json",
                    jsonrpc_to_string(body), NULL);
        json_object_put(body);
    }
    json_object_put(result);
    return ret;
}

static enum MHD_Result rest_get(HttpServer *hs, struct MHD_Connection *c, Request *rq)
{
    McpServer *srv = hs->srv;
    char text[256];
    if (rq->route == MCP_ROUTE_HEALTHZ)
        return reply(c, rq, 200, "application/json", "{\"status\":\"ok\"}", NULL);
    if (rq->route == MCP_ROUTE_READYZ) {
        const int stopping = atomic_load(&srv->stopping);
        snprintf(text, sizeof(text),
                 "{\"status\":\"%s\",\"jobs_running\":%u,\"max_jobs\":%u}",
                 stopping ? "stopping" : "ready", mcp_jobs_running(&srv->jobs),
                 srv->cfg->max_jobs);
        return reply(c, rq, stopping ? 503 : 200, "application/json", text, NULL);
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem)
        return reply_error(c, rq, 500, "out of memory");
    mcp_metrics_write(&srv->metrics, mem, mcp_jobs_running(&srv->jobs), srv->cfg->max_jobs);
    if (fclose(mem)) {
        free(buf);
        return reply_error(c, rq, 500, "out of memory");
    }
    const enum MHD_Result r = reply(c, rq, 200, "text/plain; version=0.0.4; charset=utf-8",
                                    buf, NULL);
    free(buf);
    return r;
}

/* ---- dispatch ---- */

static McpRoute route_of(const char *url)
{
    static const struct { const char *path; McpRoute route; } routes[] = {
        { "/mcp", MCP_ROUTE_MCP }, { "/healthz", MCP_ROUTE_HEALTHZ },
        { "/readyz", MCP_ROUTE_READYZ }, { "/metrics", MCP_ROUTE_METRICS },
        { "/v1/score", MCP_ROUTE_SCORE },
    };
    for (unsigned i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
        if (!strcmp(url, routes[i].path))
            return routes[i].route;
    }
    return MCP_ROUTE_OTHER;
}

static int method_ok(McpRoute route, const char *method)
{
    switch (route) {
    case MCP_ROUTE_MCP: return !strcmp(method, "POST") || !strcmp(method, "DELETE");
    case MCP_ROUTE_SCORE: return !strcmp(method, "POST");
    default: return !strcmp(method, "GET") || !strcmp(method, "HEAD");
    }
}

/* Checks made before any of the body is read; returns 0 to go on. */
static int precheck(HttpServer *hs, struct MHD_Connection *c, Request *rq, const char *method,
                    enum MHD_Result *ret)
{
    McpServer *srv = hs->srv;
    if (!mcp_bearer_ok(header(c, "Authorization"), srv->cfg->token))
        *ret = reply_error(c, rq, 401, srv->cfg->token ? "missing or wrong bearer token"
                           : "no token is configured on the server (VMAFX_MCP_HTTP_TOKEN): "
                             "every request is refused");
    else if (rq->route == MCP_ROUTE_OTHER)
        *ret = reply_error(c, rq, 404, "no such route");
    else if (!method_ok(rq->route, method))
        *ret = reply_error(c, rq, 405, "method not allowed on this route");
    else if (rq->route == MCP_ROUTE_MCP && !origin_ok(hs, c))
        *ret = reply_error(c, rq, 403, "Origin not allowed");
    else {
        const char *declared = header(c, "Content-Length");
        if (declared && strtoull(declared, NULL, 10) > srv->cfg->max_body)
            *ret = reply_error(c, rq, 413, "request body too large");
        else
            return 0;
    }
    return -1;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **con_cls)
{
    (void)version;
    HttpServer *hs = cls;
    Request *rq = *con_cls;
    if (!rq) {
        if (!(rq = calloc(1, sizeof(*rq))))
            return MHD_NO;
        rq->start = mcp_now();
        rq->route = route_of(url);
        *con_cls = rq;
        enum MHD_Result ret;
        if (precheck(hs, c, rq, method, &ret))
            return ret;
        if (!strcmp(method, "POST"))
            return MHD_YES; /* the body follows */
        if (rq->route == MCP_ROUTE_MCP)
            return mcp_delete(hs, c, rq);
        return rest_get(hs, c, rq);
    }
    if (*upload_size) {
        const size_t n = *upload_size;
        *upload_size = 0;
        if (rq->too_big || rq->len + n > hs->srv->cfg->max_body) {
            rq->too_big = 1;
            return MHD_YES; /* drain, then answer 413 */
        }
        if (rq->len + n + 1 > rq->cap) {
            const size_t cap = (rq->len + n + 1) * 2;
            char *p = realloc(rq->body, cap);
            if (!p)
                return MHD_NO;
            rq->body = p;
            rq->cap = cap;
        }
        memcpy(rq->body + rq->len, upload, n);
        rq->len += n;
        rq->body[rq->len] = '\0';
        return MHD_YES;
    }
    if (rq->too_big)
        return reply_error(c, rq, 413, "request body too large");
    return rq->route == MCP_ROUTE_MCP ? mcp_post(hs, c, rq) : rest_score(hs, c, rq);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode why)
{
    (void)c;
    (void)why;
    HttpServer *hs = cls;
    Request *rq = *con_cls;
    if (!rq)
        return;
    mcp_metrics_request(&hs->srv->metrics, rq->route, rq->status ? rq->status : 500,
                        mcp_now() - rq->start);
    free(rq->body);
    free(rq);
    *con_cls = NULL;
}

static int make_addr(const McpConfig *cfg, struct sockaddr_storage *ss, int *ipv6)
{
    memset(ss, 0, sizeof(*ss));
    struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;
    if (inet_pton(AF_INET, cfg->bind, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)cfg->port);
        *ipv6 = 0;
        return 0;
    }
    if (inet_pton(AF_INET6, cfg->bind, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t)cfg->port);
        *ipv6 = 1;
        return 0;
    }
    return -EINVAL;
}

int mcp_run_http(McpServer *srv, const sigset_t *sigs)
{
    const McpConfig *cfg = srv->cfg;
    HttpServer hs = { .srv = srv };
    atomic_init(&hs.rest_ids, 1);
    snprintf(hs.local_origins[0], sizeof(hs.local_origins[0]), "http://127.0.0.1:%u", cfg->port);
    snprintf(hs.local_origins[1], sizeof(hs.local_origins[1]), "http://localhost:%u", cfg->port);
    snprintf(hs.local_origins[2], sizeof(hs.local_origins[2]), "http://[::1]:%u", cfg->port);
    struct sockaddr_storage addr;
    int ipv6 = 0;
    if (make_addr(cfg, &addr, &ipv6) || mcp_sessions_init(&hs.sessions, cfg->max_sessions)) {
        fprintf(stderr, "vmaf-mcp: bad bind address or out of memory\n");
        return 1;
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
                     MHD_USE_ITC | MHD_USE_ERROR_LOG;
    if (ipv6)
        flags |= MHD_USE_IPv6;
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, (uint16_t)cfg->port, NULL, NULL, on_request, &hs,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)MAX_CONNECTIONS,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_TIMEOUT_S,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, &hs,
        MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "vmaf-mcp: cannot listen on %s port %u\n", cfg->bind, cfg->port);
        mcp_sessions_destroy(&hs.sessions);
        return 1;
    }
    if (!cfg->token)
        fprintf(stderr, "vmaf-mcp: warning: no bearer token configured "
                        "(VMAFX_MCP_HTTP_TOKEN); every request will get 401\n");
    fprintf(stderr, "vmaf-mcp: listening on http://%s%s%s:%u/mcp\n", ipv6 ? "[" : "", cfg->bind,
            ipv6 ? "]" : "", cfg->port);
    int sig = 0;
    while (sigwait(sigs, &sig)) {
    }
    fprintf(stderr, "vmaf-mcp: signal %d: stopping (grace %u s)\n", sig, cfg->grace_s);
    atomic_store(&srv->stopping, 1);
    /* no new connections; requests in flight go on. The listen socket is ours now. */
    const MHD_socket listener = MHD_quiesce_daemon(d);
    if (listener != MHD_INVALID_SOCKET)
        close(listener);
    const double until = mcp_now() + cfg->grace_s;
    while (mcp_jobs_running(&srv->jobs) && mcp_now() < until) {
        struct timespec ts = { 0, 50 * 1000 * 1000 };
        nanosleep(&ts, NULL);
    }
    mcp_jobs_stop_all(&srv->jobs);
    while (mcp_workers_wait(srv, 3600)) {
    }
    MHD_stop_daemon(d);
    mcp_sessions_destroy(&hs.sessions);
    fprintf(stderr, "vmaf-mcp: stopped\n");
    return 0;
}
