/*
 * MCP request dispatch (transport independent).
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "libvmaf/vmafx.h"

#include "mcp.h"

const char *const mcp_protocol_versions[] = {
    MCP_LATEST_PROTOCOL, "2025-06-18", "2025-03-26", "2024-11-05", "2024-10-07", NULL,
};

int mcp_server_init(McpServer *srv, const McpConfig *cfg)
{
    memset(srv, 0, sizeof(*srv));
    srv->cfg = cfg;
    mcp_metrics_init(&srv->metrics);
    atomic_init(&srv->stopping, 0);
    int r = mcp_jobs_init(&srv->jobs, cfg->max_jobs, cfg->job_timeout_s);
    if (r)
        return r;
    pthread_mutex_init(&srv->workers_lock, NULL);
    pthread_cond_init(&srv->workers_done, NULL);
    srv->tool_list = mcp_tools_build_list();
    return srv->tool_list ? 0 : -ENOMEM;
}

void mcp_server_destroy(McpServer *srv)
{
    json_object_put(srv->tool_list);
    mcp_jobs_destroy(&srv->jobs);
    pthread_mutex_destroy(&srv->workers_lock);
    pthread_cond_destroy(&srv->workers_done);
}

void mcp_worker_enter(McpServer *srv)
{
    pthread_mutex_lock(&srv->workers_lock);
    srv->workers++;
    pthread_mutex_unlock(&srv->workers_lock);
}

void mcp_worker_leave(McpServer *srv)
{
    pthread_mutex_lock(&srv->workers_lock);
    if (!--srv->workers)
        pthread_cond_broadcast(&srv->workers_done);
    pthread_mutex_unlock(&srv->workers_lock);
}

unsigned mcp_workers_wait(McpServer *srv, double timeout_s)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += (time_t)timeout_s;
    pthread_mutex_lock(&srv->workers_lock);
    while (srv->workers && pthread_cond_timedwait(&srv->workers_done, &srv->workers_lock,
                                                  &until) != ETIMEDOUT) {
    }
    const unsigned left = srv->workers;
    pthread_mutex_unlock(&srv->workers_lock);
    return left;
}

int mcp_version_supported(const char *version)
{
    for (unsigned i = 0; version && mcp_protocol_versions[i]; i++) {
        if (!strcmp(version, mcp_protocol_versions[i]))
            return 1;
    }
    return 0;
}

static json_object *get_member(json_object *obj, const char *key)
{
    json_object *v = NULL;
    if (!json_object_is_type(obj, json_type_object) || !json_object_object_get_ex(obj, key, &v))
        return NULL;
    return v;
}

int mcp_is_job_request(const JsonRpcMsg *msg)
{
    if (msg->kind != JSONRPC_KIND_REQUEST || strcmp(msg->method, "tools/call"))
        return 0;
    json_object *name = get_member(msg->params, "name");
    return json_object_is_type(name, json_type_string) &&
           mcp_tool_is_job(json_object_get_string(name));
}

void mcp_job_key(const char *session, json_object *id, char *out, size_t out_size)
{
    char idkey[JSONRPC_MAX_NAME + 32];
    jsonrpc_id_key(id, idkey, sizeof(idkey));
    snprintf(out, out_size, "%s|%s", session, idkey);
}

static json_object *rpc_error(McpServer *srv, json_object *id, int code, const char *text)
{
    atomic_fetch_add(&srv->metrics.rpc_errors, 1);
    return jsonrpc_error(id, code, text);
}

json_object *mcp_parse_error_answer(McpServer *srv, const JsonRpcMsg *msg, int code)
{
    return rpc_error(srv, msg->id, code, msg->error ? msg->error : "Invalid Request");
}

static json_object *initialize(McpCall *call, const JsonRpcMsg *msg)
{
    json_object *requested = get_member(msg->params, "protocolVersion");
    if (!json_object_is_type(requested, json_type_string))
        return rpc_error(call->srv, msg->id, JSONRPC_INVALID_PARAMS,
                         "initialize: params.protocolVersion (string) is required");
    const char *want = json_object_get_string(requested);
    /* Answer the client's revision when we speak it, else our newest. */
    const char *agreed = mcp_version_supported(want) ? want : MCP_LATEST_PROTOCOL;
    snprintf(call->protocol, sizeof(call->protocol), "%s", agreed);

    json_object *result = json_object_new_object();
    json_object *caps = json_object_new_object();
    json_object *tools = json_object_new_object();
    json_object *info = json_object_new_object();
    json_object_object_add(tools, "listChanged", json_object_new_boolean(0));
    json_object_object_add(caps, "tools", tools);
    json_object_object_add(info, "name", json_object_new_string("vmaf-mcp"));
    json_object_object_add(info, "title", json_object_new_string("VMAFX video quality scoring"));
    json_object_object_add(info, "version", json_object_new_string(vmafx_version()));
    json_object_object_add(result, "protocolVersion", json_object_new_string(agreed));
    json_object_object_add(result, "capabilities", caps);
    json_object_object_add(result, "serverInfo", info);
    json_object_object_add(result, "instructions", json_object_new_string(
        "Scores video quality (VMAF) in-process with the VMAFX library. Use vmaf_score with "
        "reference and distorted file paths inside the server's allowed roots; raw .yuv inputs "
        "need width, height, pixfmt and bitdepth, .y4m inputs need none."));
    return jsonrpc_result(msg->id, result);
}

static json_object *tools_call(McpCall *call, const JsonRpcMsg *msg)
{
    json_object *name = get_member(msg->params, "name");
    json_object *args = get_member(msg->params, "arguments");
    json_object *meta = get_member(msg->params, "_meta");
    json_object *token = get_member(meta, "progressToken");
    if (!json_object_is_type(name, json_type_string))
        return rpc_error(call->srv, msg->id, JSONRPC_INVALID_PARAMS,
                         "tools/call: params.name (string) is required");
    if (args && !json_object_is_type(args, json_type_object))
        return rpc_error(call->srv, msg->id, JSONRPC_INVALID_PARAMS,
                         "tools/call: params.arguments must be an object");
    if (token && !json_object_is_type(token, json_type_string) &&
        !json_object_is_type(token, json_type_int))
        token = NULL;
    json_object *result = NULL;
    const int r = mcp_tools_call(call, json_object_get_string(name), args, token, &result);
    if (r == -ENOENT) {
        char text[200];
        snprintf(text, sizeof(text), "Unknown tool: %.100s", json_object_get_string(name));
        return rpc_error(call->srv, msg->id, JSONRPC_INVALID_PARAMS, text);
    }
    if (r == -ECANCELED)
        return NULL;
    if (r || !result)
        return rpc_error(call->srv, msg->id, JSONRPC_INTERNAL_ERROR, "Internal error");
    return jsonrpc_result(msg->id, result);
}

static void notification(McpCall *call, const JsonRpcMsg *msg)
{
    if (strcmp(msg->method, "notifications/cancelled"))
        return; /* initialized, roots/list_changed, ...: nothing to do */
    json_object *id = get_member(msg->params, "requestId");
    if (!json_object_is_type(id, json_type_string) && !json_object_is_type(id, json_type_int))
        return;
    char key[sizeof(((McpJob *)0)->key)];
    mcp_job_key(call->session, id, key, sizeof(key));
    mcp_jobs_cancel(&call->srv->jobs, key);
}

json_object *mcp_handle(McpCall *call, const JsonRpcMsg *msg)
{
    if (msg->kind == JSONRPC_KIND_RESPONSE)
        return NULL;
    if (msg->kind == JSONRPC_KIND_NOTIFICATION) {
        notification(call, msg);
        return NULL;
    }
    if (msg->params && !json_object_is_type(msg->params, json_type_object))
        return rpc_error(call->srv, msg->id, JSONRPC_INVALID_PARAMS, "params must be an object");
    const char *m = msg->method;
    if (!strcmp(m, "initialize"))
        return initialize(call, msg);
    if (!strcmp(m, "ping"))
        return jsonrpc_result(msg->id, json_object_new_object());
    if (!strcmp(m, "tools/list")) {
        /* a copy: json-c reference counts and string caches are not thread-safe */
        json_object *copy = NULL;
        if (json_object_deep_copy(call->srv->tool_list, &copy, NULL))
            return rpc_error(call->srv, msg->id, JSONRPC_INTERNAL_ERROR, "out of memory");
        return jsonrpc_result(msg->id, copy);
    }
    if (!strcmp(m, "tools/call"))
        return tools_call(call, msg);
    char text[200];
    snprintf(text, sizeof(text), "Method not found: %.100s", m);
    return rpc_error(call->srv, msg->id, JSONRPC_METHOD_NOT_FOUND, text);
}
