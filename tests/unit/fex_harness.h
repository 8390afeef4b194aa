/*
 * Test harness shared by the extractor unit tests; see fex_harness.c.
 */
#ifndef VMAFX_TESTS_UNIT_FEX_HARNESS_H
#define VMAFX_TESTS_UNIT_FEX_HARNESS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "feature/extractor.h"

/* index under which the stub records aggregate values */
#define AGGREGATE_INDEX UINT_MAX

typedef struct Record {
    char name[64];
    unsigned index;
    double value;
} Record;

/* The stub context: every value an extractor wrote, in order. */
struct VmafxFexCtx {
    Record *recs;
    size_t count, cap;
};

bool ctx_get(VmafxFexCtx *ctx, const char *name, unsigned index, double *value);
void ctx_reset(VmafxFexCtx *ctx);

/* check() counts a result and prints `what` on failure. */
extern unsigned n_checks, n_failures;
void check(bool ok, const char *what);

/* Number formatting of the report writers (motion-model-reports.md C.2). */
void format_value(char *buf, size_t size, double v);

/* Whole file as a NUL-terminated string (caller frees), or NULL. */
char *read_text(const char *path);
/* Copies the golden text of `key` at frame `frame` into out; false if absent. */
bool golden_lookup(const char *json, unsigned frame, const char *key, char *out, size_t size);

typedef struct ClipPair {
    const char *ref, *dist; /* file names in the test data folder */
    unsigned w, h, bpc, frames;
    enum VmafPixelFormat pix_fmt;
} ClipPair;

/* Every golden clip pair of the test data, and the folder they are read from. */
extern const ClipPair clip_pairs[];
extern const size_t n_clip_pairs;
extern const char *testdata_dir;

typedef struct Clip {
    FILE *f;
    bool y4m;
    size_t frame_bytes;
} Clip;

void plane_geometry(enum VmafPixelFormat fmt, unsigned w, unsigned h, unsigned p,
                    unsigned *pw, unsigned *ph);
size_t frame_size(enum VmafPixelFormat fmt, unsigned w, unsigned h, unsigned bpc);
bool clip_open(Clip *clip, const char *name, const ClipPair *cp);
bool clip_read(Clip *clip, uint8_t *buf);
void picture_wrap(VmafPicture *pic, uint8_t *buf, enum VmafPixelFormat fmt, unsigned bpc,
                  unsigned w, unsigned h);

typedef struct Instance {
    const VmafxFeatureExtractor *fex;
    void *priv;
} Instance;

/* priv with every option at its default, as the core prepares it. */
bool instance_new(Instance *inst, const VmafxFeatureExtractor *fex);
const VmafxOption *instance_option(const Instance *inst, const char *name);
void set_bool(Instance *inst, const char *name, bool v);
void set_double(Instance *inst, const char *name, double v);
void instance_free(Instance *inst);
/* Runs the instances over `frames` frames of a pair, then flushes; false on error. */
bool run_pair(const ClipPair *cp, unsigned frames, Instance *insts, unsigned n_inst,
              VmafxFexCtx *ctxs);

/* Golden comparison tallies and the per-frame comparison of one output. */
extern unsigned n_compared, n_identical;
extern double max_abs_diff;
void compare_golden(VmafxFexCtx *ctx, const char *json, const char *json_name,
                    unsigned frames, const char *name, const char *key);

#endif /* VMAFX_TESTS_UNIT_FEX_HARNESS_H */
