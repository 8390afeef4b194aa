/*
 * libFuzzer target: the bytes are one JSON-RPC message as vmaf-mcp receives
 * it (an HTTP body or a stdio line), parsed by tools/vmaf-mcp/jsonrpc.c.
 * Whatever the outcome, the error answer or the id key must be buildable and
 * serialisable, and everything must be freed.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "jsonrpc.h"

#include "fuzz_standalone.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    JsonRpcMsg msg;
    const int code = jsonrpc_parse(&msg, (const char *)data, size);
    json_object *answer;
    if (code) {
        answer = jsonrpc_error(msg.id, code, msg.error ? msg.error : "?");
    } else {
        char key[JSONRPC_MAX_NAME + 32];
        jsonrpc_id_key(msg.id, key, sizeof(key));
        /* echo params the way a result would carry them */
        answer = jsonrpc_result(msg.id, msg.params ? json_object_get(msg.params) : NULL);
        if (msg.method && strlen(msg.method) > JSONRPC_MAX_NAME)
            __builtin_trap();
    }
    if (answer) {
        const char *text = jsonrpc_to_string(answer);
        /* what we send must parse back */
        json_object *back = jsonrpc_parse_value(text, strlen(text));
        if (!back)
            __builtin_trap();
        json_object_put(back);
    }
    json_object_put(answer);
    jsonrpc_msg_free(&msg);
    return 0;
}
