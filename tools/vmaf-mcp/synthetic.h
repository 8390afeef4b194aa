/*
 * A built-in synthetic reference/distorted pair: a textured moving pattern
 * and a blurred, requantised copy. Deterministic, so run_benchmark scores are
 * reproducible; bounded in size and length.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#ifndef VMAFX_MCP_SYNTHETIC_H
#define VMAFX_MCP_SYNTHETIC_H

#include <json-c/json.h>

#include "score.h"

#define SYNTH_MIN_SIDE 64u
#define SYNTH_MAX_W 3840u
#define SYNTH_MAX_H 2160u
#define SYNTH_MAX_FRAMES 300u

typedef struct SynthParams {
    unsigned w, h, frames;
} SynthParams;

/* Scores the synthetic pair; *out as scorer_finish() plus the parameters. */
int synth_score(const SynthParams *p, const ScoreOptions *opt, const McpConfig *cfg,
                const ScoreHooks *hooks, json_object **out, char *err, size_t err_size);

#endif /* VMAFX_MCP_SYNTHETIC_H */
