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

/* The stub context: every value an extractor wrote, in order (names without suffixes). */
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
/* Whether the recorded value, printed like the reports, reads `expect` (prints it if not). */
bool value_is(VmafxFexCtx *ctx, const char *name, unsigned index, const char *expect);

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

void plane_geometry(enum VmafPixelFormat fmt, unsigned w, unsigned h, unsigned p,
                    unsigned *pw, unsigned *ph);
size_t frame_size(enum VmafPixelFormat fmt, unsigned w, unsigned h, unsigned bpc);

/* Zeroed picture, one allocation per plane, rows padded to 32 samples as the
 * library allocates them. Free with picture_free(). */
bool picture_new(VmafPicture *pic, enum VmafPixelFormat fmt, unsigned bpc, unsigned w,
                 unsigned h);
void picture_free(VmafPicture *pic);
/* Sets every sample of plane p to v. */
void picture_fill(VmafPicture *pic, unsigned p, unsigned v);
/* Describes a packed frame buffer as a picture (strides equal the widths; not owned). */
void picture_wrap(VmafPicture *pic, uint8_t *buf, enum VmafPixelFormat fmt, unsigned bpc,
                  unsigned w, unsigned h);

/* A raw planar (.yuv) or Y4M clip of the test data folder, read frame by frame. */
typedef struct Clip {
    FILE *f;
    bool y4m;
} Clip;

bool clip_open(Clip *clip, const char *name);
/* Reads the next frame into pic, which has the clip's geometry. */
bool clip_read(Clip *clip, VmafPicture *pic);
void clip_close(Clip *clip);

/* Both clips of a pair, with one picture each for the current frame. */
typedef struct PairReader {
    Clip ref, dist;
    VmafPicture rp, dp;
} PairReader;

bool pair_open(PairReader *pr, const ClipPair *cp);
bool pair_read(PairReader *pr);
void pair_close(PairReader *pr); /* also after a failed pair_open */

typedef struct Instance {
    const VmafxFeatureExtractor *fex;
    void *priv;
} Instance;

/* priv with every option at its default, as the core prepares it. */
bool instance_new(Instance *inst, const VmafxFeatureExtractor *fex);
const VmafxOption *instance_option(const Instance *inst, const char *name);
/*
 * Option setters; a wrong type aborts. They return whether the option is plain,
 * i.e. leaves the output names alone (the stub records names without suffixes).
 * set_option() parses text as the core does ("true"/"false", atoi, atof; a string
 * is kept by pointer); set_options() takes NULL-terminated name/value pairs.
 */
bool set_bool(Instance *inst, const char *name, bool v);
bool set_integer(Instance *inst, const char *name, int v);
bool set_double(Instance *inst, const char *name, double v);
bool set_option(Instance *inst, const char *name, const char *text);
void set_options(Instance *inst, const char *const *pairs);
void instance_free(Instance *inst);
/* Runs the instances over `frames` frames of a pair, then flushes; false on error. */
bool run_pair(const ClipPair *cp, unsigned frames, Instance *insts, unsigned n_inst,
              VmafxFexCtx *ctxs);

/* One recorded value against the golden text. */
typedef enum GoldenResult {
    GOLDEN_ABSENT,    /* the golden file has no such key at that frame */
    GOLDEN_UNWRITTEN, /* the extractor wrote no such value */
    GOLDEN_SAME,      /* printed like the reports, the value is the golden text */
    GOLDEN_DIFFERENT,
} GoldenResult;

typedef struct GoldenValue {
    char want[64], got[64]; /* golden text; value as the reports print it */
    double value;
} GoldenValue;

GoldenResult golden_compare(VmafxFexCtx *ctx, const char *json, unsigned frame,
                            const char *name, const char *key, GoldenValue *gv);

/* Golden comparison tallies and the per-frame comparison of one output. */
extern unsigned n_compared, n_identical;
extern double max_abs_diff;
void compare_golden(VmafxFexCtx *ctx, const char *json, const char *json_name,
                    unsigned frames, const char *name, const char *key);

#endif /* VMAFX_TESTS_UNIT_FEX_HARNESS_H */
