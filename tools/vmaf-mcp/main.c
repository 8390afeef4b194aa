/*
 * vmaf-mcp: an MCP server (stdio, or Streamable HTTP with a REST surface)
 * that scores video with the VMAFX library in-process, through its public
 * API only. See docs/mcp.md.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <signal.h>
#include <stdio.h>

#include "config.h"
#include "mcp.h"
#include "transport.h"

int main(int argc, char **argv)
{
    /* Signals are taken synchronously (sigwait/signalfd): block them before any thread. */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    McpConfig cfg;
    char err[512] = "";
    const int r = mcp_config_load(&cfg, argc, argv, err, sizeof(err));
    if (r) {
        if (r < 0)
            fprintf(stderr, "vmaf-mcp: %s\n", err);
        mcp_config_free(&cfg);
        return r < 0 ? 2 : 0;
    }
    if (!cfg.n_roots)
        fprintf(stderr, "vmaf-mcp: note: no allowed roots (VMAF_MCP_ALLOW); "
                        "every file path will be refused\n");
    McpServer srv;
    int status = 1;
    if (mcp_server_init(&srv, &cfg))
        fprintf(stderr, "vmaf-mcp: cannot initialise (out of memory?)\n");
    else
        status = cfg.transport == MCP_TRANSPORT_HTTP ? mcp_run_http(&srv, &sigs)
                                                     : mcp_run_stdio(&srv, &sigs);
    mcp_server_destroy(&srv);
    mcp_config_free(&cfg);
    return status;
}
