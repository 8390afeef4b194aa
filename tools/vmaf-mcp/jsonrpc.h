/*
 * JSON-RPC 2.0 messages (one per line on stdio, one per POST on HTTP):
 * strict parsing into a request, notification or response, and builders for
 * the answers. JSON values are json-c objects.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#ifndef VMAFX_MCP_JSONRPC_H
#define VMAFX_MCP_JSONRPC_H

#include <stddef.h>

#include <json-c/json.h>

enum JsonRpcError {
    JSONRPC_PARSE_ERROR = -32700,
    JSONRPC_INVALID_REQUEST = -32600,
    JSONRPC_METHOD_NOT_FOUND = -32601,
    JSONRPC_INVALID_PARAMS = -32602,
    JSONRPC_INTERNAL_ERROR = -32603,
    JSONRPC_SERVER_ERROR = -32000,   /* transport-level refusals */
    JSONRPC_REQUEST_CANCELLED = -32800,
};

/* Nesting deeper than this is a parse error (the fork's server allowed 50). */
#define JSONRPC_MAX_DEPTH 64
/* Longest method name and id we keep. */
#define JSONRPC_MAX_NAME 128

typedef enum JsonRpcKind {
    JSONRPC_KIND_REQUEST,
    JSONRPC_KIND_NOTIFICATION,
    JSONRPC_KIND_RESPONSE,     /* a client's answer; we send no requests, so ignored */
} JsonRpcKind;

typedef struct JsonRpcMsg {
    json_object *root;     /* owned */
    JsonRpcKind kind;
    json_object *id;       /* borrowed from root: string or integer; NULL when absent */
    const char *method;    /* borrowed from root */
    json_object *params;   /* borrowed: object, array or NULL */
    const char *error;     /* static text for an error answer */
} JsonRpcMsg;

/*
 * Parses one message from buf[0..len). Returns 0, or a JSON-RPC error code
 * (JSONRPC_PARSE_ERROR, JSONRPC_INVALID_REQUEST) with msg->error set and
 * msg->id set when the id could still be read, so the error answer can carry
 * it. Always call jsonrpc_msg_free() afterwards.
 */
int jsonrpc_parse(JsonRpcMsg *msg, const char *buf, size_t len);
void jsonrpc_msg_free(JsonRpcMsg *msg);

/* One strict JSON value filling buf (whitespace aside), or NULL. Owned by the caller. */
json_object *jsonrpc_parse_value(const char *buf, size_t len);

/* {"jsonrpc":"2.0","id":id,"result":result}; takes result, copies id (NULL: null). */
json_object *jsonrpc_result(json_object *id, json_object *result);
/* {"jsonrpc":"2.0","id":id,"error":{"code":code,"message":message}}. */
json_object *jsonrpc_error(json_object *id, int code, const char *message);
/* {"jsonrpc":"2.0","method":method,"params":params}; takes params. */
json_object *jsonrpc_notification(const char *method, json_object *params);

/* A key that tells ids apart ("s:abc" vs "n:1"), written to out (size >= 160). */
void jsonrpc_id_key(json_object *id, char *out, size_t out_size);

/* Compact serialization; the string belongs to obj. */
const char *jsonrpc_to_string(json_object *obj);

#endif /* VMAFX_MCP_JSONRPC_H */
