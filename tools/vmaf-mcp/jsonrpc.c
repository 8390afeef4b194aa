/*
 * JSON-RPC 2.0 parsing with json-c's strict tokener: the whole buffer must be
 * exactly one JSON value (trailing whitespace aside), nesting is bounded, and
 * batches are refused (MCP 2025-06-18 dropped them).
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <stdio.h>
#include <string.h>

#include "jsonrpc.h"

static int only_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return 0;
    }
    return 1;
}

json_object *jsonrpc_parse_value(const char *buf, size_t len)
{
    if (len > (size_t)INT32_MAX)
        return NULL;
    json_tokener *tok = json_tokener_new_ex(JSONRPC_MAX_DEPTH);
    if (!tok)
        return NULL;
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
    json_object *obj = json_tokener_parse_ex(tok, buf, (int)len);
    size_t used = json_tokener_get_parse_end(tok);
    if (!obj && json_tokener_get_error(tok) == json_tokener_continue && used == len) {
        /* a bare number at the end of the buffer needs a delimiter to complete */
        obj = json_tokener_parse_ex(tok, " ", 1);
        used = len;
    }
    const enum json_tokener_error jerr = json_tokener_get_error(tok);
    json_tokener_free(tok);
    if (jerr != json_tokener_success || used > len || !only_space(buf + used, len - used)) {
        json_object_put(obj);
        return NULL;
    }
    return obj;
}

static int fail(JsonRpcMsg *msg, int code, const char *text)
{
    msg->error = text;
    return code;
}

static int valid_id(json_object *id)
{
    const enum json_type t = json_object_get_type(id);
    if (t == json_type_string) {
        const size_t len = (size_t)json_object_get_string_len(id);
        return len <= JSONRPC_MAX_NAME && strlen(json_object_get_string(id)) == len;
    }
    return t == json_type_int;
}

int jsonrpc_parse(JsonRpcMsg *msg, const char *buf, size_t len)
{
    memset(msg, 0, sizeof(*msg));
    if (!buf)
        return fail(msg, JSONRPC_PARSE_ERROR, "Parse error: empty message");
    msg->root = jsonrpc_parse_value(buf, len);
    if (!msg->root) {
        return fail(msg, only_space(buf, len) ? JSONRPC_INVALID_REQUEST : JSONRPC_PARSE_ERROR,
                    only_space(buf, len) ? "Invalid Request: empty message"
                                         : "Parse error: not one well-formed JSON value");
    }
    if (json_object_is_type(msg->root, json_type_array))
        return fail(msg, JSONRPC_INVALID_REQUEST, "Invalid Request: batches are not supported");
    if (!json_object_is_type(msg->root, json_type_object))
        return fail(msg, JSONRPC_INVALID_REQUEST, "Invalid Request: not a JSON object");

    json_object *id = NULL, *version = NULL, *method = NULL, *params = NULL;
    const int has_id = json_object_object_get_ex(msg->root, "id", &id);
    if (has_id && valid_id(id))
        msg->id = id;
    if (!json_object_object_get_ex(msg->root, "jsonrpc", &version) ||
        !json_object_is_type(version, json_type_string) ||
        strcmp(json_object_get_string(version), "2.0"))
        return fail(msg, JSONRPC_INVALID_REQUEST, "Invalid Request: jsonrpc must be \"2.0\"");
    if (has_id && !msg->id)
        return fail(msg, JSONRPC_INVALID_REQUEST,
                    "Invalid Request: id must be a string or an integer");

    if (!json_object_object_get_ex(msg->root, "method", &method)) {
        if (has_id && (json_object_object_get_ex(msg->root, "result", NULL) ||
                       json_object_object_get_ex(msg->root, "error", NULL))) {
            msg->kind = JSONRPC_KIND_RESPONSE;
            return 0;
        }
        return fail(msg, JSONRPC_INVALID_REQUEST, "Invalid Request: no method");
    }
    if (!json_object_is_type(method, json_type_string) ||
        json_object_get_string_len(method) == 0 ||
        json_object_get_string_len(method) > JSONRPC_MAX_NAME ||
        strlen(json_object_get_string(method)) != (size_t)json_object_get_string_len(method))
        return fail(msg, JSONRPC_INVALID_REQUEST, "Invalid Request: method must be a short string");
    if (json_object_object_get_ex(msg->root, "params", &params) && params &&
        !json_object_is_type(params, json_type_object) &&
        !json_object_is_type(params, json_type_array))
        return fail(msg, JSONRPC_INVALID_REQUEST,
                    "Invalid Request: params must be an object or an array");
    msg->method = json_object_get_string(method);
    msg->params = params;
    msg->kind = has_id ? JSONRPC_KIND_REQUEST : JSONRPC_KIND_NOTIFICATION;
    return 0;
}

void jsonrpc_msg_free(JsonRpcMsg *msg)
{
    json_object_put(msg->root);
    memset(msg, 0, sizeof(*msg));
}

static json_object *envelope(json_object *id)
{
    json_object *obj = json_object_new_object();
    if (!obj)
        return NULL;
    json_object_object_add(obj, "jsonrpc", json_object_new_string("2.0"));
    json_object_object_add(obj, "id", id ? json_object_get(id) : NULL);
    return obj;
}

json_object *jsonrpc_result(json_object *id, json_object *result)
{
    json_object *obj = envelope(id);
    if (!obj) {
        json_object_put(result);
        return NULL;
    }
    json_object_object_add(obj, "result", result ? result : json_object_new_object());
    return obj;
}

json_object *jsonrpc_error(json_object *id, int code, const char *message)
{
    json_object *obj = envelope(id);
    json_object *err = json_object_new_object();
    if (!obj || !err) {
        json_object_put(obj);
        json_object_put(err);
        return NULL;
    }
    json_object_object_add(err, "code", json_object_new_int(code));
    json_object_object_add(err, "message", json_object_new_string(message));
    json_object_object_add(obj, "error", err);
    return obj;
}

json_object *jsonrpc_notification(const char *method, json_object *params)
{
    json_object *obj = json_object_new_object();
    if (!obj) {
        json_object_put(params);
        return NULL;
    }
    json_object_object_add(obj, "jsonrpc", json_object_new_string("2.0"));
    json_object_object_add(obj, "method", json_object_new_string(method));
    json_object_object_add(obj, "params", params);
    return obj;
}

void jsonrpc_id_key(json_object *id, char *out, size_t out_size)
{
    if (json_object_is_type(id, json_type_string))
        snprintf(out, out_size, "s:%s", json_object_get_string(id));
    else if (json_object_is_type(id, json_type_int))
        snprintf(out, out_size, "n:%lld", (long long)json_object_get_int64(id));
    else
        snprintf(out, out_size, "-");
}

const char *jsonrpc_to_string(json_object *obj)
{
    return json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
}
