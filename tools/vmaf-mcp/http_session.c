/*
 * Session table. Small and bounded, so a linear scan under one mutex.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "http_session.h"
#include "jobs.h"

int mcp_random_hex(char *out, unsigned n_bytes)
{
    unsigned char raw[32];
    if (n_bytes > sizeof(raw) || getrandom(raw, n_bytes, 0) != (ssize_t)n_bytes)
        return -EIO;
    for (unsigned i = 0; i < n_bytes; i++)
        snprintf(out + 2 * i, 3, "%02x", raw[i]);
    return 0;
}

int mcp_sessions_init(McpSessions *s, unsigned capacity)
{
    s->n = capacity ? capacity : 1;
    s->slots = calloc(s->n, sizeof(*s->slots));
    if (!s->slots)
        return -ENOMEM;
    return -pthread_mutex_init(&s->lock, NULL);
}

void mcp_sessions_destroy(McpSessions *s)
{
    free(s->slots);
    s->slots = NULL;
    pthread_mutex_destroy(&s->lock);
}

static McpSession *find(McpSessions *s, const char *id)
{
    if (!id || strlen(id) != MCP_SESSION_ID_LEN)
        return NULL;
    for (unsigned i = 0; i < s->n; i++) {
        if (s->slots[i].id[0] && !strcmp(s->slots[i].id, id))
            return &s->slots[i];
    }
    return NULL;
}

int mcp_sessions_create(McpSessions *s, const char *protocol, char *id_out)
{
    char id[MCP_SESSION_ID_LEN + 1];
    if (mcp_random_hex(id, MCP_SESSION_ID_LEN / 2))
        return -EIO;
    pthread_mutex_lock(&s->lock);
    McpSession *slot = &s->slots[0];
    for (unsigned i = 0; i < s->n; i++) {
        McpSession *c = &s->slots[i];
        if (!c->id[0]) {
            slot = c;
            break;
        }
        if (c->last_used < slot->last_used)
            slot = c;
    }
    memcpy(slot->id, id, sizeof(id));
    snprintf(slot->protocol, sizeof(slot->protocol), "%s", protocol);
    slot->last_used = mcp_now();
    pthread_mutex_unlock(&s->lock);
    memcpy(id_out, id, sizeof(id));
    return 0;
}

int mcp_sessions_touch(McpSessions *s, const char *id)
{
    pthread_mutex_lock(&s->lock);
    McpSession *c = find(s, id);
    if (c)
        c->last_used = mcp_now();
    pthread_mutex_unlock(&s->lock);
    return c ? 0 : -ENOENT;
}

int mcp_sessions_remove(McpSessions *s, const char *id)
{
    pthread_mutex_lock(&s->lock);
    McpSession *c = find(s, id);
    if (c)
        memset(c, 0, sizeof(*c));
    pthread_mutex_unlock(&s->lock);
    return c ? 0 : -ENOENT;
}
