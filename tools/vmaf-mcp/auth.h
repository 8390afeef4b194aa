/*
 * Bearer token check for the HTTP routes.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#ifndef VMAFX_MCP_AUTH_H
#define VMAFX_MCP_AUTH_H

#include <stddef.h>

/*
 * Compares a candidate with the secret in time that depends only on the
 * secret's length (not on where they differ, nor on the candidate's length).
 * Returns 1 when equal.
 */
int mcp_ct_equal(const char *candidate, size_t candidate_len, const char *secret,
                 size_t secret_len);

/*
 * Checks an Authorization header value ("Bearer TOKEN") against token.
 * A NULL token (none configured) or header refuses: fail closed.
 */
int mcp_bearer_ok(const char *header, const char *token);

#endif /* VMAFX_MCP_AUTH_H */
