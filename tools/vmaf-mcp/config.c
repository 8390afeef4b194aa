/*
 * Settings. Where the fork's Python server already named a setting we accept
 * the same environment variable, so its users can switch without edits.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libvmaf/vmafx.h"

#include "config.h"

static void usage(FILE *out)
{
    fputs("usage: vmaf-mcp [--transport stdio|http] [options]\n"
          "  (no arguments: MCP over stdio)\n"
          "  --transport stdio|http   transport (default stdio)\n"
          "  --bind ADDR              HTTP bind address [VMAFX_MCP_HTTP_BIND, 127.0.0.1]\n"
          "  --port N                 HTTP port [VMAFX_PORT, 8080]\n"
          "  --token-file PATH        bearer token read from a file [VMAFX_MCP_HTTP_TOKEN]\n"
          "  --allow ROOTS            colon-separated allowed roots [VMAF_MCP_ALLOW]\n"
          "  --max-jobs N             scoring jobs at once [VMAF_MCP_MAX_CONCURRENT, 2]\n"
          "  --job-timeout S          seconds per job [VMAF_MCP_JOB_TIMEOUT_S, 600]\n"
          "  --max-body BYTES         HTTP body limit [VMAFX_MCP_HTTP_MAX_BODY, 1048576]\n"
          "  --allow-origin ORIGIN    extra allowed Origin header value (repeatable)\n"
          "                           [VMAFX_MCP_HTTP_ORIGINS, comma-separated]\n"
          "  --grace S                SIGTERM grace period for running jobs [10]\n"
          "  --help, --version\n", out);
}

static int parse_uint(const char *s, unsigned long long lo, unsigned long long hi,
                      unsigned long long *out)
{
    if (!s || !*s || *s == '-' || *s == '+')
        return -EINVAL;
    char *end;
    errno = 0;
    const unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return -EINVAL;
    *out = v;
    return 0;
}

static int set_bind(McpConfig *cfg, const char *addr, char *err, size_t err_size)
{
    unsigned char tmp[16];
    if (!strcmp(addr, "localhost"))
        addr = "127.0.0.1";
    if (strlen(addr) >= sizeof(cfg->bind) ||
        (inet_pton(AF_INET, addr, tmp) != 1 && inet_pton(AF_INET6, addr, tmp) != 1)) {
        snprintf(err, err_size, "bind address '%.64s' is not a numeric IPv4/IPv6 address", addr);
        return -EINVAL;
    }
    snprintf(cfg->bind, sizeof(cfg->bind), "%s", addr);
    return 0;
}

static int set_token(McpConfig *cfg, const char *token, size_t len, char *err, size_t err_size)
{
    while (len && (token[len - 1] == '\n' || token[len - 1] == '\r'))
        len--;
    if (!len) /* an empty token would accept "Bearer " */
        return 0;
    if (len > 4096) {
        snprintf(err, err_size, "the bearer token is longer than 4096 bytes");
        return -EINVAL;
    }
    char *copy = strndup(token, len);
    if (!copy)
        return -ENOMEM;
    free(cfg->token);
    cfg->token = copy;
    return 0;
}

static int read_token_file(McpConfig *cfg, const char *path, char *err, size_t err_size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, err_size, "cannot read the token file %.200s: %s", path, strerror(errno));
        return -errno;
    }
    char buf[4100];
    const size_t n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    return set_token(cfg, buf, n, err, err_size);
}

int mcp_config_add_roots(McpConfig *cfg, const char *list, char *err, size_t err_size)
{
    char *copy = strdup(list);
    if (!copy)
        return -ENOMEM;
    int ret = 0;
    char *save = NULL;
    for (char *item = strtok_r(copy, ":", &save); item; item = strtok_r(NULL, ":", &save)) {
        char *canon = realpath(item, NULL);
        if (!canon) /* a root that does not exist allows nothing */
            continue;
        if (cfg->n_roots == MCP_MAX_ROOTS) {
            free(canon);
            snprintf(err, err_size, "more than %d allowed roots", MCP_MAX_ROOTS);
            ret = -EINVAL;
            break;
        }
        cfg->roots[cfg->n_roots++] = canon;
    }
    free(copy);
    return ret;
}

static int add_origins(McpConfig *cfg, const char *list, char *err, size_t err_size)
{
    char *copy = strdup(list);
    if (!copy)
        return -ENOMEM;
    int ret = 0;
    char *save = NULL;
    for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
        if (cfg->n_origins == MCP_MAX_ORIGINS) {
            snprintf(err, err_size, "more than %d allowed origins", MCP_MAX_ORIGINS);
            ret = -EINVAL;
            break;
        }
        if (!(cfg->origins[cfg->n_origins] = strdup(item))) {
            ret = -ENOMEM;
            break;
        }
        cfg->n_origins++;
    }
    free(copy);
    return ret;
}

typedef struct NumSetting {
    const char *flag, *env, *env_alias;
    unsigned long long lo, hi;
} NumSetting;

enum { NUM_PORT, NUM_JOBS, NUM_TIMEOUT, NUM_BODY, NUM_GRACE, NUM_COUNT };

static const NumSetting num_settings[NUM_COUNT] = {
    [NUM_PORT] = { "--port", "VMAFX_PORT", NULL, 1, 65535 },
    [NUM_JOBS] = { "--max-jobs", "VMAF_MCP_MAX_CONCURRENT", "VMAFX_MCP_MAX_JOBS", 1, 256 },
    [NUM_TIMEOUT] = { "--job-timeout", "VMAF_MCP_JOB_TIMEOUT_S", "VMAF_MCP_SUBPROCESS_TIMEOUT_S",
                      1, 86400 },
    [NUM_BODY] = { "--max-body", "VMAFX_MCP_HTTP_MAX_BODY", NULL, 1024, 64u << 20 },
    [NUM_GRACE] = { "--grace", "VMAFX_MCP_GRACE_S", NULL, 0, 3600 },
};

static int set_num(McpConfig *cfg, unsigned which, const char *val, const char *source,
                   char *err, size_t err_size)
{
    const NumSetting *s = &num_settings[which];
    unsigned long long v;
    if (parse_uint(val, s->lo, s->hi, &v)) {
        snprintf(err, err_size, "%s: '%.32s' is not a number in [%llu, %llu]", source, val,
                 s->lo, s->hi);
        return -EINVAL;
    }
    switch (which) {
    case NUM_PORT: cfg->port = (unsigned)v; break;
    case NUM_JOBS: cfg->max_jobs = (unsigned)v; break;
    case NUM_TIMEOUT: cfg->job_timeout_s = (unsigned)v; break;
    case NUM_BODY: cfg->max_body = (size_t)v; break;
    default: cfg->grace_s = (unsigned)v; break;
    }
    return 0;
}

static int load_env(McpConfig *cfg, char *err, size_t err_size)
{
    const char *v;
    int ret = 0;
    for (unsigned i = 0; i < NUM_COUNT && !ret; i++) {
        const NumSetting *s = &num_settings[i];
        if ((v = getenv(s->env)) && *v)
            ret = set_num(cfg, i, v, s->env, err, err_size);
        else if (s->env_alias && (v = getenv(s->env_alias)) && *v)
            ret = set_num(cfg, i, v, s->env_alias, err, err_size);
    }
    if (!ret && (v = getenv("VMAFX_MCP_HTTP_BIND")) && *v)
        ret = set_bind(cfg, v, err, err_size);
    if (!ret && (v = getenv("VMAFX_MCP_HTTP_TOKEN")))
        ret = set_token(cfg, v, strlen(v), err, err_size);
    if (!ret && (v = getenv("VMAF_MCP_ALLOW")) && *v)
        ret = mcp_config_add_roots(cfg, v, err, err_size);
    if (!ret && (v = getenv("VMAFX_MCP_HTTP_ORIGINS")) && *v)
        ret = add_origins(cfg, v, err, err_size);
    return ret;
}

static int load_flags(McpConfig *cfg, int argc, char **argv, char *err, size_t err_size)
{
    for (int i = 1; i < argc; i++) {
        const char *flag = argv[i];
        if (!strcmp(flag, "--help") || !strcmp(flag, "-h")) {
            usage(stdout);
            return 1;
        }
        if (!strcmp(flag, "--version")) {
            printf("vmaf-mcp (VMAFX %s)\n", vmafx_version());
            return 1;
        }
        if (i + 1 >= argc) {
            snprintf(err, err_size, "unknown flag or missing value: '%.64s' (see --help)", flag);
            return -EINVAL;
        }
        const char *val = argv[++i];
        int ret = -EINVAL, matched = 0;
        for (unsigned k = 0; k < NUM_COUNT; k++) {
            if (!strcmp(flag, num_settings[k].flag)) {
                ret = set_num(cfg, k, val, flag, err, err_size);
                matched = 1;
            }
        }
        if (matched) {
        } else if (!strcmp(flag, "--transport")) {
            if (!strcmp(val, "stdio") || !strcmp(val, "http")) {
                cfg->transport = val[0] == 's' ? MCP_TRANSPORT_STDIO : MCP_TRANSPORT_HTTP;
                ret = 0;
            } else {
                snprintf(err, err_size, "--transport: expected stdio or http, not '%.32s'", val);
            }
        } else if (!strcmp(flag, "--bind")) {
            ret = set_bind(cfg, val, err, err_size);
        } else if (!strcmp(flag, "--token-file")) {
            ret = read_token_file(cfg, val, err, err_size);
        } else if (!strcmp(flag, "--allow")) {
            ret = mcp_config_add_roots(cfg, val, err, err_size);
        } else if (!strcmp(flag, "--allow-origin")) {
            ret = add_origins(cfg, val, err, err_size);
        } else {
            snprintf(err, err_size, "unknown flag '%.64s' (see --help)", flag);
        }
        if (ret)
            return ret;
    }
    return 0;
}

int mcp_config_load(McpConfig *cfg, int argc, char **argv, char *err, size_t err_size)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->transport = MCP_TRANSPORT_STDIO;
    snprintf(cfg->bind, sizeof(cfg->bind), "127.0.0.1");
    cfg->port = 8080;
    cfg->max_body = 1u << 20;
    cfg->max_jobs = 2;
    cfg->job_timeout_s = 600;
    cfg->grace_s = 10;
    cfg->max_sessions = 256;
    const int ret = load_env(cfg, err, err_size);
    return ret ? ret : load_flags(cfg, argc, argv, err, err_size);
}

void mcp_config_free(McpConfig *cfg)
{
    free(cfg->token);
    for (unsigned i = 0; i < cfg->n_roots; i++)
        free(cfg->roots[i]);
    for (unsigned i = 0; i < cfg->n_origins; i++)
        free(cfg->origins[i]);
    memset(cfg, 0, sizeof(*cfg));
}
