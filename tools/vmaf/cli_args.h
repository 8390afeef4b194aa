/*
 * Command-line parsing of the vmaf tool. Pure: no I/O besides writing usage
 * text on request, so it can be fuzzed.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#ifndef VMAFX_TOOLS_CLI_ARGS_H
#define VMAFX_TOOLS_CLI_ARGS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "libvmaf/libvmaf.h"
#include "input.h"

/* Process exit status of the tool (documented in docs/cli.md). */
enum CliExit {
    CLI_EXIT_OK = 0,
    CLI_EXIT_USAGE = 1,  /* bad flag or bad flag value */
    CLI_EXIT_IO = 2,     /* unreadable, malformed, mismatched or short input; unwritable output */
    CLI_EXIT_SCORE = 3,  /* model load, extractor or pooling failure */
};

enum CliAction { CLI_ACTION_RUN = 0, CLI_ACTION_HELP, CLI_ACTION_VERSION, CLI_ACTION_LIST_MODELS,
    CLI_ACTION_LIST_FEATURES };

#define CLI_MAX_MODELS 32
#define CLI_MAX_FEATURES 32
#define CLI_MAX_THREADS 1024u

#define CLI_MAX_PERCENTILES 16

typedef struct CliSettings {
    enum CliAction action;
    const char *ref_path, *dist_path;   /* borrowed from argv */
    InputGeometry raw;                  /* valid when raw_given */
    int raw_given;
    const char *output_path;            /* NULL: no report; "-": stdout */
    enum VmafOutputFormat output_fmt;   /* XML unless --json/--csv/--sub */
    unsigned threads, subsample;
    uint64_t cpumask, gpumask;
    /* --model and --feature arguments in command-line order, CTC expansions included */
    const char *model_args[CLI_MAX_MODELS];
    unsigned n_models;
    const char *feature_args[CLI_MAX_FEATURES];
    unsigned n_features;
    int common_bitdepth;                /* from --aom_ctc v6.0 and later */
    unsigned frame_cnt;                 /* 0: no limit */
    unsigned frame_skip_ref, frame_skip_dist;
    int no_prediction, quiet;
    double percentiles[CLI_MAX_PERCENTILES]; /* --percentiles (VMAFX extension) */
    unsigned n_percentiles;
} CliSettings;

/*
 * Parses argv[1..argc-1] into *s. Returns 0, or -EINVAL with one line (no
 * trailing newline) in err. Strings in *s point into argv or static storage.
 */
int cli_parse_args(CliSettings *s, int argc, char *const *argv, char *err, size_t err_size);

/* Writes the usage text. */
void cli_print_usage(FILE *f);

#endif /* VMAFX_TOOLS_CLI_ARGS_H */
