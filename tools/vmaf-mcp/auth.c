/*
 * Constant-time bearer token comparison.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <strings.h>
#include <string.h>

#include "auth.h"

int mcp_ct_equal(const char *candidate, size_t candidate_len, const char *secret,
                 size_t secret_len)
{
    /* volatile keeps the compiler from turning the loop into an early exit */
    volatile unsigned char diff = candidate_len != secret_len;
    for (size_t i = 0; i < secret_len; i++) {
        const unsigned char c = candidate_len ? (unsigned char)candidate[i % candidate_len] : 0;
        diff |= c ^ (unsigned char)secret[i];
    }
    return diff == 0;
}

int mcp_bearer_ok(const char *header, const char *token)
{
    if (!header || !token || !*token)
        return 0;
    if (strncasecmp(header, "Bearer ", 7))
        return 0;
    header += 7;
    while (*header == ' ')
        header++;
    size_t len = strlen(header);
    while (len && header[len - 1] == ' ')
        len--;
    return mcp_ct_equal(header, len, token, strlen(token));
}
