/*
 * Unit test of the integer VIF ("vif") and integer PSNR ("psnr") extractors.
 *
 * Runs both extractors over the test clips and compares every per-frame value,
 * printed as the report writers print it, with the golden JSON text of the
 * reference build (default options and vif_enhn_gain_limit = 1). Also checks the
 * spec's check values, option effects and error paths.
 *
 * Build (from the repository root):
 *   gcc -std=c11 -D_GNU_SOURCE -O2 -Iinclude -Isrc tests/unit/vif_psnr_test.c \
 *       src/feature/integer_vif.c src/feature/integer_vif_log2.c \
 *       src/feature/integer_psnr.c -lm -o vif_psnr_test
 * Run: ./vif_psnr_test [testdata-dir]   (default /work/shared/testdata,
 *      or $VMAFX_TESTDATA). Exit status 0 when every check passed.
 *
 * The core functions the extractors call are stubbed here and record values.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feature/extractor.h"
#include "feature/extractors.h"
#include "feature/integer_vif_log2.h"

/* ---- stubs of the core ------------------------------------------------- */

#define AGGREGATE_INDEX UINT_MAX

typedef struct Record {
    char name[64];
    unsigned index;
    double value;
} Record;

struct VmafxFexCtx {
    Record *recs;
    size_t count, cap;
};

static int ctx_store(VmafxFexCtx *ctx, const char *name, double value, unsigned index)
{
    for (size_t i = 0; i < ctx->count; i++) {
        if (ctx->recs[i].index == index && !strcmp(ctx->recs[i].name, name))
            return -EINVAL;
    }
    if (strlen(name) >= sizeof(ctx->recs[0].name))
        return -EINVAL;
    if (ctx->count == ctx->cap) {
        const size_t cap = ctx->cap ? 2 * ctx->cap : 256;
        Record *recs = realloc(ctx->recs, cap * sizeof(*recs));
        if (!recs)
            return -ENOMEM;
        ctx->recs = recs;
        ctx->cap = cap;
    }
    Record *r = &ctx->recs[ctx->count++];
    strcpy(r->name, name);
    r->index = index;
    r->value = value;
    return 0;
}

int vmafx_fex_write(VmafxFexCtx *ctx, const char *name, double value, unsigned index)
{
    return ctx_store(ctx, name, value, index);
}

int vmafx_fex_write_aggregate(VmafxFexCtx *ctx, const char *name, double value)
{
    return ctx_store(ctx, name, value, AGGREGATE_INDEX);
}

int vmafx_fex_read(VmafxFexCtx *ctx, const char *name, unsigned index, double *value)
{
    for (size_t i = 0; i < ctx->count; i++) {
        if (ctx->recs[i].index == index && !strcmp(ctx->recs[i].name, name)) {
            *value = ctx->recs[i].value;
            return 0;
        }
    }
    return -EINVAL;
}

unsigned vmafx_fex_cpu_flags(const VmafxFexCtx *ctx)
{
    (void)ctx;
    return 0;
}

static bool ctx_get(VmafxFexCtx *ctx, const char *name, unsigned index, double *value)
{
    return vmafx_fex_read(ctx, name, index, value) == 0;
}

static void ctx_reset(VmafxFexCtx *ctx)
{
    ctx->count = 0;
}

/* ---- checks -------------------------------------------------------------- */

static unsigned n_checks, n_failures;

static void check(bool ok, const char *what)
{
    n_checks++;
    if (!ok) {
        n_failures++;
        printf("FAIL: %s\n", what);
    }
}

/* Number formatting of the report writers (motion-model-reports.md C.2). */
static void format_value(char *buf, size_t size, double v)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "null");
        return;
    }
    const double a = fabs(v);
    const int whole = a >= 2147483648.0 ? INT_MIN : (int)a;
    double frac = a - whole;
    int zeros = 0;
    while (frac < 1.0 && frac != 0.0) {
        frac *= 10.0;
        zeros++;
    }
    snprintf(buf, size, zeros <= 6 ? "%.6f" : "%.16f", v);
}

/* ---- golden JSON (text lookup) ------------------------------------------- */

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *text = NULL;
    if (fseek(f, 0, SEEK_END) == 0) {
        const long size = ftell(f);
        if (size >= 0 && fseek(f, 0, SEEK_SET) == 0 && (text = malloc((size_t)size + 1))) {
            if (fread(text, 1, (size_t)size, f) != (size_t)size) {
                free(text);
                text = NULL;
            } else {
                text[size] = '\0';
            }
        }
    }
    fclose(f);
    return text;
}

/* Copies the golden text of `key` at frame `frame` into out; false if absent. */
static bool golden_lookup(const char *json, unsigned frame, const char *key, char *out,
                          size_t size)
{
    char pat[128];
    snprintf(pat, sizeof(pat), "\"frameNum\": %u,", frame);
    const char *start = strstr(json, pat);
    if (!start)
        return false;
    start += strlen(pat);
    const char *end = strstr(start, "\"frameNum\"");
    if (!end)
        end = strstr(start, "\"pooled_metrics\"");
    snprintf(pat, sizeof(pat), "\"%s\": ", key);
    const char *hit = strstr(start, pat);
    if (!hit || (end && hit > end))
        return false;
    hit += strlen(pat);
    size_t n = strcspn(hit, ",\n\r }");
    if (n >= size)
        return false;
    memcpy(out, hit, n);
    out[n] = '\0';
    return true;
}

/* ---- clips ------------------------------------------------------------------- */

typedef struct ClipPair {
    const char *ref, *dist; /* file names in the test data folder */
    unsigned w, h, bpc, frames;
    enum VmafPixelFormat pix_fmt;
} ClipPair;

static const ClipPair clip_pairs[] = {
    { "cockatoo_576x324_420p8_ref.yuv", "cockatoo_576x324_420p8_x264crf18.yuv", 576, 324, 8, 12, VMAF_PIX_FMT_YUV420P },
    { "cockatoo_576x324_420p8_ref.yuv", "cockatoo_576x324_420p8_x264crf28.yuv", 576, 324, 8, 12, VMAF_PIX_FMT_YUV420P },
    { "cockatoo_576x324_420p8_ref.yuv", "cockatoo_576x324_420p8_x264crf38.yuv", 576, 324, 8, 12, VMAF_PIX_FMT_YUV420P },
    { "cockatoo_576x324_420p8_ref.yuv", "cockatoo_576x324_420p8_x264crf48.yuv", 576, 324, 8, 12, VMAF_PIX_FMT_YUV420P },
    { "cockatoo_576x324_420p8_ref.yuv", "cockatoo_576x324_420p8_ref.yuv", 576, 324, 8, 12, VMAF_PIX_FMT_YUV420P },
    { "launch_576x324_420p8_ref.yuv", "launch_576x324_420p8_aomcrf45.yuv", 576, 324, 8, 12, VMAF_PIX_FMT_YUV420P },
    { "launch_576x324_420p8_ref.yuv", "launch_576x324_420p8_gblur1p5.yuv", 576, 324, 8, 12, VMAF_PIX_FMT_YUV420P },
    { "launch_576x324_420p8_ref.yuv", "launch_576x324_420p8_scale2x.yuv", 576, 324, 8, 12, VMAF_PIX_FMT_YUV420P },
    { "city_576x324_420p8_ref.y4m", "city_576x324_420p8_svtav1crf63.y4m", 576, 324, 8, 12, VMAF_PIX_FMT_YUV420P },
    { "city_576x324_420p8_ref.y4m", "city_576x324_420p8_vp9crf56.y4m", 576, 324, 8, 12, VMAF_PIX_FMT_YUV420P },
    { "city_576x324_420p8_ref.y4m", "city_576x324_420p8_x265crf40.y4m", 576, 324, 8, 12, VMAF_PIX_FMT_YUV420P },
    { "cockatoolong_576x324_420p8_ref.y4m", "cockatoolong_576x324_420p8_x264crf34.y4m", 576, 324, 8, 48, VMAF_PIX_FMT_YUV420P },
    { "city_320x180_420p10_ref.yuv", "city_320x180_420p10_x265crf30.yuv", 320, 180, 10, 6, VMAF_PIX_FMT_YUV420P },
    { "city_320x180_420p10_ref.y4m", "city_320x180_420p10_x265crf30.y4m", 320, 180, 10, 6, VMAF_PIX_FMT_YUV420P },
    { "launch_320x180_420p12_ref.y4m", "launch_320x180_420p12_x265crf34.y4m", 320, 180, 12, 6, VMAF_PIX_FMT_YUV420P },
    { "dog_320x180_420p16_ref.yuv", "dog_320x180_420p16_j2kcl150.yuv", 320, 180, 16, 4, VMAF_PIX_FMT_YUV420P },
    { "birds_320x180_422p8_ref.yuv", "birds_320x180_422p8_x264crf35.yuv", 320, 180, 8, 6, VMAF_PIX_FMT_YUV422P },
    { "cockatoo_320x180_444p8_ref.y4m", "cockatoo_320x180_444p8_vp9crf45.y4m", 320, 180, 8, 6, VMAF_PIX_FMT_YUV444P },
    { "dog_1920x1080_420p8_ref.yuv", "dog_1920x1080_420p8_x264crf32.yuv", 1920, 1080, 8, 6, VMAF_PIX_FMT_YUV420P },
};

static const char *testdata_dir = "/work/shared/testdata";

typedef struct Clip {
    FILE *f;
    bool y4m;
    size_t frame_bytes;
} Clip;

static void plane_geometry(enum VmafPixelFormat fmt, unsigned w, unsigned h, unsigned p,
                           unsigned *pw, unsigned *ph)
{
    unsigned sh = 0, sv = 0;
    if (p > 0) {
        sh = fmt == VMAF_PIX_FMT_YUV420P || fmt == VMAF_PIX_FMT_YUV422P;
        sv = fmt == VMAF_PIX_FMT_YUV420P;
    }
    *pw = w >> sh;
    *ph = h >> sv;
}

static size_t frame_size(enum VmafPixelFormat fmt, unsigned w, unsigned h, unsigned bpc)
{
    size_t n = 0;
    const unsigned planes = fmt == VMAF_PIX_FMT_YUV400P ? 1 : 3;
    for (unsigned p = 0; p < planes; p++) {
        unsigned pw, ph;
        plane_geometry(fmt, w, h, p, &pw, &ph);
        n += (size_t)pw * ph;
    }
    return n * (bpc > 8 ? 2 : 1);
}

static bool clip_open(Clip *clip, const char *name, const ClipPair *cp)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", testdata_dir, name);
    clip->f = fopen(path, "rb");
    if (!clip->f) {
        printf("cannot open %s\n", path);
        return false;
    }
    const size_t len = strlen(name);
    clip->y4m = len > 4 && !strcmp(name + len - 4, ".y4m");
    clip->frame_bytes = frame_size(cp->pix_fmt, cp->w, cp->h, cp->bpc);
    if (clip->y4m) { /* stream header: one line */
        int c;
        while ((c = fgetc(clip->f)) != EOF && c != '\n')
            ;
        if (c == EOF)
            return false;
    }
    return true;
}

/* Reads one frame (little-endian 16-bit words for > 8 bits; host assumed LE). */
static bool clip_read(Clip *clip, uint8_t *buf)
{
    if (clip->y4m) {
        char tag[5];
        if (fread(tag, 1, 5, clip->f) != 5 || memcmp(tag, "FRAME", 5))
            return false;
        int c;
        while ((c = fgetc(clip->f)) != EOF && c != '\n')
            ;
        if (c == EOF)
            return false;
    }
    return fread(buf, 1, clip->frame_bytes, clip->f) == clip->frame_bytes;
}

/* Describes a packed frame buffer as a picture (strides equal the widths). */
static void picture_wrap(VmafPicture *pic, uint8_t *buf, enum VmafPixelFormat fmt,
                         unsigned bpc, unsigned w, unsigned h)
{
    memset(pic, 0, sizeof(*pic));
    pic->pix_fmt = fmt;
    pic->bpc = bpc;
    const unsigned bytes = bpc > 8 ? 2 : 1;
    const unsigned planes = fmt == VMAF_PIX_FMT_YUV400P ? 1 : 3;
    for (unsigned p = 0; p < planes; p++) {
        plane_geometry(fmt, w, h, p, &pic->w[p], &pic->h[p]);
        pic->stride[p] = (ptrdiff_t)pic->w[p] * bytes;
        pic->data[p] = buf;
        buf += (size_t)pic->stride[p] * pic->h[p];
    }
}

/* ---- extractor instances --------------------------------------------------- */

typedef struct Instance {
    const VmafxFeatureExtractor *fex;
    void *priv;
} Instance;

/* Allocates priv and stores every option's default, as the core does. */
static bool instance_new(Instance *inst, const VmafxFeatureExtractor *fex)
{
    inst->fex = fex;
    inst->priv = calloc(1, fex->priv_size);
    if (!inst->priv)
        return false;
    for (const VmafxOption *o = fex->options; o && o->name; o++) {
        uint8_t *field = (uint8_t *)inst->priv + o->offset;
        switch (o->type) {
        case VMAFX_OPT_BOOL: memcpy(field, &o->def.b, sizeof(bool)); break;
        case VMAFX_OPT_INT: memcpy(field, &o->def.i, sizeof(int)); break;
        case VMAFX_OPT_DOUBLE: memcpy(field, &o->def.d, sizeof(double)); break;
        case VMAFX_OPT_STRING: memcpy(field, &o->def.s, sizeof(const char *)); break;
        }
    }
    return true;
}

static const VmafxOption *instance_option(const Instance *inst, const char *name)
{
    for (const VmafxOption *o = inst->fex->options; o && o->name; o++) {
        if (!strcmp(o->name, name))
            return o;
    }
    printf("no option %s\n", name);
    abort();
}

static void set_bool(Instance *inst, const char *name, bool v)
{
    const VmafxOption *o = instance_option(inst, name);
    memcpy((uint8_t *)inst->priv + o->offset, &v, sizeof(v));
}

static void set_double(Instance *inst, const char *name, double v)
{
    const VmafxOption *o = instance_option(inst, name);
    memcpy((uint8_t *)inst->priv + o->offset, &v, sizeof(v));
}

static void instance_free(Instance *inst)
{
    if (inst->fex->close)
        inst->fex->close(inst->priv);
    free(inst->priv);
    inst->priv = NULL;
}

/*
 * Runs the instances over `frames` frames of a pair (flush at the end). Returns
 * false on an I/O or extractor error.
 */
static bool run_pair(const ClipPair *cp, unsigned frames, Instance *insts, unsigned n_inst,
                     VmafxFexCtx *ctxs)
{
    Clip ref = { 0 }, dis = { 0 };
    uint8_t *ref_buf = NULL, *dis_buf = NULL;
    bool ok = clip_open(&ref, cp->ref, cp) && clip_open(&dis, cp->dist, cp);
    if (ok) {
        ref_buf = malloc(ref.frame_bytes);
        dis_buf = malloc(dis.frame_bytes);
        ok = ref_buf && dis_buf;
    }
    for (unsigned i = 0; ok && i < n_inst; i++) {
        const int err = insts[i].fex->init(&ctxs[i], insts[i].priv, cp->pix_fmt, cp->bpc,
                                           cp->w, cp->h);
        if (err) {
            printf("%s init: %d\n", insts[i].fex->name, err);
            ok = false;
        }
    }
    for (unsigned f = 0; ok && f < frames; f++) {
        if (!clip_read(&ref, ref_buf) || !clip_read(&dis, dis_buf)) {
            printf("read error, frame %u of %s\n", f, cp->dist);
            ok = false;
            break;
        }
        VmafPicture rp, dp;
        picture_wrap(&rp, ref_buf, cp->pix_fmt, cp->bpc, cp->w, cp->h);
        picture_wrap(&dp, dis_buf, cp->pix_fmt, cp->bpc, cp->w, cp->h);
        for (unsigned i = 0; ok && i < n_inst; i++) {
            const int err = insts[i].fex->extract(&ctxs[i], insts[i].priv, &rp, &dp, f);
            if (err) {
                printf("%s extract frame %u: %d\n", insts[i].fex->name, f, err);
                ok = false;
            }
        }
    }
    for (unsigned i = 0; ok && i < n_inst; i++) {
        if (insts[i].fex->flush && insts[i].fex->flush(&ctxs[i], insts[i].priv))
            ok = false;
    }
    free(ref_buf);
    free(dis_buf);
    if (ref.f)
        fclose(ref.f);
    if (dis.f)
        fclose(dis.f);
    return ok;
}

/* ---- golden comparison -------------------------------------------------------- */

static unsigned n_compared, n_identical;
static double max_abs_diff;

/* Compares the recorded `name` of every frame with the golden `key`. */
static void compare_golden(VmafxFexCtx *ctx, const char *json, const char *json_name,
                           unsigned frames, const char *name, const char *key)
{
    unsigned shown = 0;
    for (unsigned f = 0; f < frames; f++) {
        char want[64], got[64], what[256];
        double v;
        const bool have_golden = golden_lookup(json, f, key, want, sizeof(want));
        const bool have_value = ctx_get(ctx, name, f, &v);
        n_compared++;
        if (!have_golden || !have_value) {
            snprintf(what, sizeof(what), "%s frame %u %s: golden %s, value %s", json_name, f,
                     key, have_golden ? "present" : "missing", have_value ? "present" : "missing");
            check(false, what);
            continue;
        }
        format_value(got, sizeof(got), v);
        const bool same = !strcmp(want, got);
        const double diff = fabs(strtod(want, NULL) - strtod(got, NULL));
        if (diff > max_abs_diff)
            max_abs_diff = diff;
        n_identical += same;
        n_checks++;
        if (!same) {
            n_failures++;
            if (shown++ < 5)
                printf("FAIL: %s frame %u %s: golden %s, got %s\n", json_name, f, key, want, got);
        }
    }
}

static const char *const vif_score_names[4] = {
    "VMAF_integer_feature_vif_scale0_score",
    "VMAF_integer_feature_vif_scale1_score",
    "VMAF_integer_feature_vif_scale2_score",
    "VMAF_integer_feature_vif_scale3_score",
};

static void test_golden_pair(const ClipPair *cp)
{
    Instance insts[3];
    VmafxFexCtx ctxs[3] = { { 0 } };
    if (!instance_new(&insts[0], &vmafx_fex_vif) || !instance_new(&insts[1], &vmafx_fex_vif) ||
        !instance_new(&insts[2], &vmafx_fex_psnr)) {
        check(false, "allocation");
        exit(1);
    }
    set_double(&insts[1], "vif_enhn_gain_limit", 1.0);

    const unsigned before = n_identical, compared = n_compared;
    const bool ran = run_pair(cp, cp->frames, insts, 3, ctxs);
    char what[256];
    snprintf(what, sizeof(what), "run %s", cp->dist);
    check(ran, what);

    char path[512];
    snprintf(path, sizeof(path), "%s/golden/%s.default.json", testdata_dir, cp->dist);
    char *def = read_text(path);
    snprintf(path, sizeof(path), "%s/golden/%s.neg.json", testdata_dir, cp->dist);
    char *neg = read_text(path);
    check(def && neg, "golden files readable");
    if (ran && def && neg) {
        for (unsigned s = 0; s < 4; s++) {
            char key[64];
            snprintf(key, sizeof(key), "integer_vif_scale%u", s);
            compare_golden(&ctxs[0], def, "default", cp->frames, vif_score_names[s], key);
            snprintf(key, sizeof(key), "integer_vif_scale%u_egl_1", s);
            compare_golden(&ctxs[1], neg, "neg", cp->frames, vif_score_names[s], key);
        }
        static const char *const psnr_keys[3] = { "psnr_y", "psnr_cb", "psnr_cr" };
        for (unsigned p = 0; p < 3; p++)
            compare_golden(&ctxs[2], def, "default", cp->frames, psnr_keys[p], psnr_keys[p]);
    }
    printf("%-44s %3u/%3u identical\n", cp->dist, n_identical - before, n_compared - compared);

    free(def);
    free(neg);
    for (unsigned i = 0; i < 3; i++) {
        instance_free(&insts[i]);
        free(ctxs[i].recs);
    }
}

/* ---- spec check values ---------------------------------------------------------- */

static void test_log2_table(void)
{
    uint16_t *t = malloc(VMAFX_VIF_LOG2_SIZE * sizeof(*t));
    if (!t) {
        check(false, "allocation");
        return;
    }
    vmafx_vif_log2_table_fill(t);
    uint64_t sum = 0;
    for (unsigned i = 0; i < VMAFX_VIF_LOG2_SIZE; i++)
        sum += t[i];
    check(t[32768 - 32768] == 30720, "T[32768] = 30720");
    check(t[33108 - 32768] == 30751, "T[33108] = 30751 (binary32 quirk)");
    check(t[45000 - 32768] == 31657, "T[45000] = 31657");
    check(t[65535 - 32768] == 32768, "T[65535] = 32768");
    check(sum == 1044032097u, "sum of T = 1044032097");
    printf("log2 table: T[32768]=%u T[33108]=%u T[45000]=%u T[65535]=%u sum=%llu\n", t[0],
           t[33108 - 32768], t[45000 - 32768], t[65535 - 32768], (unsigned long long)sum);
    free(t);
}

/* Spec 1.11: frame-0 num/den/score per scale with debug=true. */
static void test_check_values(const ClipPair *cp, const char *const expect[4][3])
{
    Instance inst;
    VmafxFexCtx ctx = { 0 };
    if (!instance_new(&inst, &vmafx_fex_vif))
        exit(1);
    set_bool(&inst, "debug", true);
    check(run_pair(cp, 1, &inst, 1, &ctx), "debug run");
    for (unsigned s = 0; s < 4; s++) {
        char name[64], got[3][64];
        double v[3] = { NAN, NAN, NAN };
        snprintf(name, sizeof(name), "integer_vif_num_scale%u", s);
        ctx_get(&ctx, name, 0, &v[0]);
        snprintf(name, sizeof(name), "integer_vif_den_scale%u", s);
        ctx_get(&ctx, name, 0, &v[1]);
        ctx_get(&ctx, vif_score_names[s], 0, &v[2]);
        for (unsigned k = 0; k < 3; k++) {
            format_value(got[k], sizeof(got[k]), v[k]);
            char what[256];
            snprintf(what, sizeof(what), "%s scale %u check value %u: want %s got %s", cp->dist,
                     s, k, expect[s][k], got[k]);
            check(!strcmp(got[k], expect[s][k]), what);
        }
        printf("  %s s%u: num %s den %s score %s\n", cp->dist, s, got[0], got[1], got[2]);
    }
    /* the debug summary keys */
    double num, den, vif;
    check(ctx_get(&ctx, "integer_vif", 0, &vif) && ctx_get(&ctx, "integer_vif_num", 0, &num) &&
          ctx_get(&ctx, "integer_vif_den", 0, &den) && vif == num / den,
          "debug summary keys");
    instance_free(&inst);
    free(ctx.recs);
}

static void test_spec_check_values(void)
{
    static const char *const cockatoo[4][3] = {
        { "280877.343750", "629406.937500", "0.446257" },
        { "104619.593750", "147411.609375", "0.709711" },
        { "30503.300781", "37491.445312", "0.813607" },
        { "8659.959961", "9878.041016", "0.876688" },
    };
    static const char *const city[4][3] = {
        { "258782.859375", "490207.625000", "0.527905" },
        { "84493.492188", "92601.875000", "0.912438" },
        { "19600.009766", "20487.839844", "0.956666" },
        { "4504.100098", "4617.929199", "0.975351" },
    };
    printf("spec 1.11 check values:\n");
    test_check_values(&clip_pairs[2], cockatoo);
    test_check_values(&clip_pairs[12], city);
}

/* vif_skip_scale0: scale 0 reported as 0 (den -1), scales 1..3 unchanged. */
static void test_skip_scale0(void)
{
    Instance insts[2];
    VmafxFexCtx ctxs[2] = { { 0 } };
    if (!instance_new(&insts[0], &vmafx_fex_vif) || !instance_new(&insts[1], &vmafx_fex_vif))
        exit(1);
    set_bool(&insts[1], "vif_skip_scale0", true);
    set_bool(&insts[1], "debug", true);
    const ClipPair *cp = &clip_pairs[12];
    check(run_pair(cp, 2, insts, 2, ctxs), "skip_scale0 run");
    bool same = true;
    for (unsigned f = 0; f < 2; f++) {
        double a, b;
        for (unsigned s = 1; s < 4; s++) {
            same &= ctx_get(&ctxs[0], vif_score_names[s], f, &a) &&
                    ctx_get(&ctxs[1], vif_score_names[s], f, &b) && a == b;
        }
        same &= ctx_get(&ctxs[1], vif_score_names[0], f, &b) && b == 0.0;
        same &= ctx_get(&ctxs[1], "integer_vif_num_scale0", f, &b) && b == 0.0;
        same &= ctx_get(&ctxs[1], "integer_vif_den_scale0", f, &b) && b == -1.0;
    }
    check(same, "vif_skip_scale0 keeps scales 1..3 and reports scale 0 as 0");
    for (unsigned i = 0; i < 2; i++) {
        instance_free(&insts[i]);
        free(ctxs[i].recs);
    }
}

/* PSNR option effects on the identical-input pair (spec 2.3, 2.4). */
static void test_psnr_options(void)
{
    const ClipPair *cp = &clip_pairs[4]; /* cockatoo ref vs ref, 12 frames */
    Instance insts[3];
    VmafxFexCtx ctxs[3] = { { 0 } };
    for (unsigned i = 0; i < 3; i++) {
        if (!instance_new(&insts[i], &vmafx_fex_psnr))
            exit(1);
        set_bool(&insts[i], "enable_apsnr", true);
    }
    set_double(&insts[1], "min_sse", 0.5);
    set_bool(&insts[1], "enable_mse", true);
    set_bool(&insts[2], "enable_chroma", false);
    check(run_pair(cp, cp->frames, insts, 3, ctxs), "psnr option run");

    double v;
    check(ctx_get(&ctxs[0], "psnr_y", 11, &v) && v == 60.0, "identical 8-bit: psnr_y 60");
    check(ctx_get(&ctxs[0], "apsnr_y", AGGREGATE_INDEX, &v) && v == 115.0, "apsnr_y cap 115");
    check(ctx_get(&ctxs[0], "apsnr_cb", AGGREGATE_INDEX, &v) && v == 109.0, "apsnr_cb cap 109");
    check(ctx_get(&ctxs[0], "apsnr_cr", AGGREGATE_INDEX, &v) && v == 109.0, "apsnr_cr cap 109");
    check(!ctx_get(&ctxs[0], "mse_y", 0, &v), "no mse_y by default");
    check(ctx_get(&ctxs[1], "psnr_y", 0, &v) && v == 104.0, "min_sse 0.5: psnr_y cap 104");
    check(ctx_get(&ctxs[1], "psnr_cb", 0, &v) && v == 98.0, "min_sse 0.5: psnr_cb cap 98");
    check(ctx_get(&ctxs[1], "psnr_cr", 0, &v) && v == 98.0, "min_sse 0.5: psnr_cr cap 98");
    check(ctx_get(&ctxs[1], "mse_cr", 0, &v) && v == 0.0, "enable_mse: mse_cr 0");
    check(ctx_get(&ctxs[1], "apsnr_y", AGGREGATE_INDEX, &v) && v == 115.0,
          "min_sse does not change apsnr");
    check(!ctx_get(&ctxs[2], "psnr_cb", 0, &v), "enable_chroma=false: no psnr_cb");
    check(ctx_get(&ctxs[2], "apsnr_cb", AGGREGATE_INDEX, &v) && isinf(v) && v < 0,
          "enable_chroma=false: apsnr_cb -inf");
    for (unsigned i = 0; i < 3; i++) {
        instance_free(&insts[i]);
        free(ctxs[i].recs);
    }
}

/* Sizes outside the domain, bad pictures, odd sizes on synthetic data. */
static void test_edges(void)
{
    VmafxFexCtx ctx = { 0 };
    Instance inst;
    if (!instance_new(&inst, &vmafx_fex_vif))
        exit(1);
    check(vmafx_fex_vif.init(&ctx, inst.priv, VMAF_PIX_FMT_YUV420P, 8, 15, 64) == -EINVAL,
          "vif rejects width 15");
    inst.fex->close(inst.priv);
    check(vmafx_fex_vif.init(&ctx, inst.priv, VMAF_PIX_FMT_YUV420P, 8, 64, 15) == -EINVAL,
          "vif rejects height 15");
    inst.fex->close(inst.priv);
    check(vmafx_fex_vif.init(&ctx, inst.priv, VMAF_PIX_FMT_YUV420P, 7, 64, 64) == -EINVAL,
          "vif rejects bpc 7");
    inst.fex->close(inst.priv);
    instance_free(&inst);

    /* odd and minimal sizes, 8 and 16 bits, worst-case full-range noise */
    static const unsigned sizes[][2] = { { 16, 16 }, { 17, 19 }, { 45, 35 }, { 33, 16 } };
    static const unsigned depths[] = { 8, 10, 16 };
    uint32_t seed = 12345;
    for (size_t si = 0; si < sizeof(sizes) / sizeof(sizes[0]); si++) {
        for (size_t di = 0; di < sizeof(depths) / sizeof(depths[0]); di++) {
            const unsigned w = sizes[si][0], h = sizes[si][1], bpc = depths[di];
            const size_t bytes = frame_size(VMAF_PIX_FMT_YUV422P, w, h, bpc);
            uint8_t *a = malloc(bytes), *b = malloc(bytes);
            if (!a || !b)
                exit(1);
            for (size_t i = 0; i < bytes; i++) {
                seed = seed * 1664525u + 1013904223u;
                a[i] = (uint8_t)(seed >> 24);
                seed = seed * 1664525u + 1013904223u;
                b[i] = (uint8_t)(seed >> 24);
            }
            if (bpc > 8 && bpc < 16) { /* keep samples inside the depth */
                for (size_t i = 0; i < bytes; i += 2) {
                    a[i + 1] &= (uint8_t)((1u << (bpc - 8)) - 1);
                    b[i + 1] &= (uint8_t)((1u << (bpc - 8)) - 1);
                }
            }
            VmafPicture rp, dp;
            picture_wrap(&rp, a, VMAF_PIX_FMT_YUV422P, bpc, w, h);
            picture_wrap(&dp, b, VMAF_PIX_FMT_YUV422P, bpc, w, h);
            Instance vi, pi;
            if (!instance_new(&vi, &vmafx_fex_vif) || !instance_new(&pi, &vmafx_fex_psnr))
                exit(1);
            set_bool(&vi, "debug", true);
            char what[128];
            snprintf(what, sizeof(what), "synthetic %ux%u %u-bit runs", w, h, bpc);
            bool ok = vmafx_fex_vif.init(&ctx, vi.priv, VMAF_PIX_FMT_YUV422P, bpc, w, h) == 0 &&
                      vmafx_fex_vif.extract(&ctx, vi.priv, &rp, &dp, 0) == 0 &&
                      vmafx_fex_vif.extract(&ctx, vi.priv, &rp, &rp, 1) == 0;
            const bool psnr_depth = bpc == 8 || bpc == 10 || bpc == 16;
            ok = ok && vmafx_fex_psnr.init(&ctx, pi.priv, VMAF_PIX_FMT_YUV422P, bpc, w, h) == 0 &&
                 vmafx_fex_psnr.extract(&ctx, pi.priv, &rp, &dp, 0) == (psnr_depth ? 0 : -EINVAL);
            check(ok, what);
            double v;
            snprintf(what, sizeof(what), "synthetic %ux%u %u-bit identical input: vif 1", w, h, bpc);
            check(ctx_get(&ctx, vif_score_names[0], 1, &v) && v == 1.0, what);
            /* a picture of another size is rejected */
            VmafPicture small = rp;
            small.w[0] = w - 1;
            check(vmafx_fex_vif.extract(&ctx, vi.priv, &small, &dp, 2) == -EINVAL,
                  "vif rejects a picture of another size");
            instance_free(&vi);
            instance_free(&pi);
            ctx_reset(&ctx);
            free(a);
            free(b);
        }
    }
    /* psnr: unsupported depth fails every extraction */
    {
        Instance pi;
        if (!instance_new(&pi, &vmafx_fex_psnr))
            exit(1);
        uint8_t buf[64 * 64 * 3 * 2] = { 0 };
        VmafPicture p;
        picture_wrap(&p, buf, VMAF_PIX_FMT_YUV444P, 9, 32, 32);
        check(vmafx_fex_psnr.init(&ctx, pi.priv, VMAF_PIX_FMT_YUV444P, 9, 32, 32) == 0 &&
              vmafx_fex_psnr.extract(&ctx, pi.priv, &p, &p, 0) == -EINVAL,
              "psnr fails at 9 bits");
        instance_free(&pi);
    }
    free(ctx.recs);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        testdata_dir = argv[1];
    else if (getenv("VMAFX_TESTDATA"))
        testdata_dir = getenv("VMAFX_TESTDATA");

    test_log2_table();
    test_spec_check_values();
    test_skip_scale0();
    test_psnr_options();
    test_edges();

    for (size_t i = 0; i < sizeof(clip_pairs) / sizeof(clip_pairs[0]); i++)
        test_golden_pair(&clip_pairs[i]);

    printf("golden values: %u compared, %u identical at report precision, max |diff| %g\n",
           n_compared, n_identical, max_abs_diff);
    printf("%u checks, %u failures\n", n_checks, n_failures);
    return n_failures ? 1 : 0;
}
