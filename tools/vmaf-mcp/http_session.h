/*
 * Streamable HTTP sessions: ids handed out by initialize (Mcp-Session-Id),
 * kept in a fixed table; the least recently used one is dropped when full.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#ifndef VMAFX_MCP_HTTP_SESSION_H
#define VMAFX_MCP_HTTP_SESSION_H

#include <pthread.h>

#define MCP_SESSION_ID_LEN 32   /* hex digits of 128 random bits */

typedef struct McpSession {
    char id[MCP_SESSION_ID_LEN + 1];   /* "" when the slot is free */
    char protocol[16];
    double last_used;
} McpSession;

typedef struct McpSessions {
    pthread_mutex_t lock;
    McpSession *slots;
    unsigned n;
} McpSessions;

int mcp_sessions_init(McpSessions *s, unsigned capacity);
void mcp_sessions_destroy(McpSessions *s);
/* Creates a session; its id goes to id_out. 0 or a negative errno. */
int mcp_sessions_create(McpSessions *s, const char *protocol, char *id_out);
/* 0 when id names a live session (its last use is updated), else -ENOENT. */
int mcp_sessions_touch(McpSessions *s, const char *id);
int mcp_sessions_remove(McpSessions *s, const char *id);
/* Random hex string of 2 * n_bytes digits (n_bytes <= 32). 0 or -EIO. */
int mcp_random_hex(char *out, unsigned n_bytes);

#endif /* VMAFX_MCP_HTTP_SESSION_H */
