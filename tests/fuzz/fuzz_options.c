/*
 * libFuzzer target for the vmaf tool's option parsers: the bytes, split at
 * NUL or newline, are an argv for cli_parse_args(); every --model and
 * --feature argument it accepts goes through model_spec_parse() /
 * feature_spec_parse(), and the whole input is also parsed as one --model and
 * one --feature string. Links against the library only for symbols that
 * model_spec.c references; the parsers call none of them.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli_args.h"
#include "model_spec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_MAX_ARGS 64

static void parse_one_model(const char *s)
{
    char err[256];
    ModelSpec m;
    model_spec_parse(&m, s, err, sizeof(err));
    (void)model_spec_name(&m);
    model_spec_free(&m);
}

static void parse_one_feature(const char *s)
{
    char err[256];
    FeatureSpec fs;
    feature_spec_parse(&fs, s, err, sizeof(err));
    feature_spec_free(&fs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *buf = malloc(size + 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    parse_one_model(buf);
    parse_one_feature(buf);

    char *argv[FUZZ_MAX_ARGS + 1] = { "vmaf" };
    int argc = 1;
    for (char *p = buf, *end = buf + size; p <= end && argc < FUZZ_MAX_ARGS; argc++) {
        argv[argc] = p;
        while (p < end && *p && *p != '\n')
            p++;
        *p++ = '\0';
    }
    argv[argc] = NULL;
    CliSettings s;
    char err[256];
    if (!cli_parse_args(&s, argc, argv, err, sizeof(err))) {
        for (unsigned i = 0; i < s.n_models; i++)
            parse_one_model(s.model_args[i]);
        for (unsigned i = 0; i < s.n_features; i++)
            parse_one_feature(s.feature_args[i]);
    }
    free(buf);
    return 0;
}

#include "fuzz_standalone.h"
