/*
 * Unit test of the float extractors float_vif, float_adm and float_motion.
 *
 * Runs the three extractors over every test clip pair and compares each
 * per-frame value, printed as the report writers print it, with the golden
 * *.float.json (default options) and *.neg.json (egl = 1) text of the
 * reference build. Also checks the spec's check values (filters, reciprocal
 * estimate, scale sums), option effects and error paths.
 *
 * Build (from the repository root):
 *   gcc -std=c11 -D_GNU_SOURCE -O2 -ffp-contract=off -Iinclude -Isrc \
 *       tests/unit/float_features_test.c src/feature/float_common.c \
 *       src/feature/float_resample.c src/feature/float_vif.c src/feature/float_adm.c \
 *       src/feature/float_adm_rcp.c src/feature/float_motion.c -lm -o float_features_test
 * Run: ./float_features_test [testdata-dir]   (default /work/shared/testdata,
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
#include "feature/float_adm_rcp.h"

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

static void set_int(Instance *inst, const char *name, int v)
{
    const VmafxOption *o = instance_option(inst, name);
    memcpy((uint8_t *)inst->priv + o->offset, &v, sizeof(v));
}

static void set_string(Instance *inst, const char *name, const char *v)
{
    const VmafxOption *o = instance_option(inst, name);
    memcpy((uint8_t *)inst->priv + o->offset, &v, sizeof(v));
}

/* ---- golden pairs ----------------------------------------------------------------- */

static const struct {
    const char *name, *key;
} float_keys[] = {
    { "VMAF_feature_adm2_score", "adm2" },
    { "VMAF_feature_aim_score", "aim" },
    { "VMAF_feature_adm3_score", "adm3" },
    { "VMAF_feature_adm_scale0_score", "adm_scale0" },
    { "VMAF_feature_adm_scale1_score", "adm_scale1" },
    { "VMAF_feature_adm_scale2_score", "adm_scale2" },
    { "VMAF_feature_adm_scale3_score", "adm_scale3" },
    { "VMAF_feature_motion2_score", "motion2" },
    { "VMAF_feature_motion_score", "motion" },
    { "VMAF_feature_vif_scale0_score", "vif_scale0" },
    { "VMAF_feature_vif_scale1_score", "vif_scale1" },
    { "VMAF_feature_vif_scale2_score", "vif_scale2" },
    { "VMAF_feature_vif_scale3_score", "vif_scale3" },
    { "VMAF_feature_motion3_score", "motion3" },
};

static void test_golden_pair(const ClipPair *cp)
{
    Instance insts[3];
    VmafxFexCtx ctxs[3] = { { 0 } };
    if (!instance_new(&insts[0], &vmafx_fex_float_adm) ||
        !instance_new(&insts[1], &vmafx_fex_float_motion) ||
        !instance_new(&insts[2], &vmafx_fex_float_vif)) {
        check(false, "allocation");
        exit(1);
    }

    const unsigned before = n_identical, compared = n_compared;
    const bool ran = run_pair(cp, cp->frames, insts, 3, ctxs);
    char what[256];
    snprintf(what, sizeof(what), "run %s", cp->dist);
    check(ran, what);

    char path[512];
    snprintf(path, sizeof(path), "%s/golden/%s.float.json", testdata_dir, cp->dist);
    char *golden = read_text(path);
    check(golden != NULL, "golden file readable");
    if (ran && golden) {
        for (size_t k = 0; k < sizeof(float_keys) / sizeof(float_keys[0]); k++) {
            const char *name = float_keys[k].name;
            VmafxFexCtx *ctx = !strncmp(float_keys[k].key, "adm", 3) ||
                                       !strcmp(float_keys[k].key, "aim") ? &ctxs[0]
                               : !strncmp(float_keys[k].key, "motion", 6) ? &ctxs[1]
                                                                          : &ctxs[2];
            compare_golden(ctx, golden, "float", cp->frames, name, float_keys[k].key);
        }
    }
    printf("%-44s %4u/%4u identical\n", cp->dist, n_identical - before, n_compared - compared);

    free(golden);
    for (unsigned i = 0; i < 3; i++) {
        instance_free(&insts[i]);
        free(ctxs[i].recs);
    }
}

/* ---- spec check values ---------------------------------------------------------------- */

static bool near_text(double v, const char *want)
{
    char got[64];
    snprintf(got, sizeof(got), "%.6f", v);
    return !strcmp(got, want);
}

static void test_rcp(void)
{
    check(vmafx_float_adm_rcp(1.0f) == 0x1.ffep-1f, "RCP(1.0) = 0x1.ffep-1");
    check(vmafx_float_adm_rcp(3.0f) == 0x1.555p-2f, "RCP(3.0) = 0x1.555p-2");
    check(vmafx_float_adm_rcp(-1.0f) == -0x1.ffep-1f, "RCP(-1.0)");
    check(isinf(vmafx_float_adm_rcp(0.0f)) && vmafx_float_adm_rcp(0.0f) > 0, "RCP(0) = inf");
    check(isinf(vmafx_float_adm_rcp(-0.0f)) && vmafx_float_adm_rcp(-0.0f) < 0, "RCP(-0) = -inf");
    check(vmafx_float_adm_rcp(0x1p126f) == 0.0f, "RCP(2^126) = 0");
    check(vmafx_float_adm_rcp(INFINITY) == 0.0f, "RCP(inf) = 0");
    check(isnan(vmafx_float_adm_rcp(NAN)), "RCP(NaN) = NaN");
    check(vmafx_float_adm_rcp(0x1p-126f) == 0x1.ffep+125f, "RCP(2^-126)");
}

/* Spec 2.8 and 3.11: frame-0 scale sums with debug=true. */
static void test_check_values(void)
{
    Instance insts[3];
    VmafxFexCtx ctxs[3] = { { 0 } };
    if (!instance_new(&insts[0], &vmafx_fex_float_vif) ||
        !instance_new(&insts[1], &vmafx_fex_float_adm) ||
        !instance_new(&insts[2], &vmafx_fex_float_motion))
        exit(1);
    set_bool(&insts[0], "debug", true);
    set_bool(&insts[1], "debug", true);
    check(run_pair(&clip_pairs[2], 3, insts, 3, ctxs), "check-value run");

    static const char *const vif_want[4][2] = {
        { "280831.406250", "629440.125000" },
        { "104616.695312", "147414.093750" },
        { "30493.339844", "37484.437500" },
        { "8656.773438", "9877.723633" },
    };
    static const char *const adm_want[4][2] = {
        { "32.192844", "34.654686" },
        { "32.349422", "39.774521" },
        { "65.494873", "75.187370" },
        { "124.038025", "130.710434" },
    };
    for (unsigned s = 0; s < 4; s++) {
        char name[64], what[128];
        double num = NAN, den = NAN;
        snprintf(name, sizeof(name), "vif_num_scale%u", s);
        ctx_get(&ctxs[0], name, 0, &num);
        snprintf(name, sizeof(name), "vif_den_scale%u", s);
        ctx_get(&ctxs[0], name, 0, &den);
        snprintf(what, sizeof(what), "VIF scale %u sums %.6f / %.6f", s, num, den);
        check(near_text(num, vif_want[s][0]) && near_text(den, vif_want[s][1]), what);
        snprintf(name, sizeof(name), "adm_num_scale%u", s);
        ctx_get(&ctxs[1], name, 0, &num);
        snprintf(name, sizeof(name), "adm_den_scale%u", s);
        ctx_get(&ctxs[1], name, 0, &den);
        snprintf(what, sizeof(what), "ADM scale %u sums %.6f / %.6f", s, num, den);
        check(near_text(num, adm_want[s][0]) && near_text(den, adm_want[s][1]), what);
    }
    double v = NAN;
    check(ctx_get(&ctxs[1], "VMAF_feature_adm3_score", 0, &v) && near_text(v, "0.927133"),
          "adm3 check value");
    check(ctx_get(&ctxs[2], "VMAF_feature_motion_score", 1, &v) && near_text(v, "7.430415"),
          "motion S_1 check value");
    check(ctx_get(&ctxs[2], "VMAF_feature_motion3_score", 0, &v) && near_text(v, "7.430415"),
          "motion3 frame 0 quirk");
    check(ctx_get(&ctxs[2], "VMAF_feature_motion2_score", 1, &v) && near_text(v, "6.070430"),
          "motion2 frame 1");
    for (unsigned i = 0; i < 3; i++) {
        instance_free(&insts[i]);
        free(ctxs[i].recs);
    }
}

/* ---- options ------------------------------------------------------------------------- */

/* Runs one instance (already configured) over the first frames of a pair. */
static bool run_one(Instance *inst, VmafxFexCtx *ctx, const ClipPair *cp, unsigned frames)
{
    return run_pair(cp, frames, inst, 1, ctx);
}

static void test_options(void)
{
    const ClipPair *cp = &clip_pairs[12]; /* 320x180, 10-bit */
    /* vif_skip_scale0: scale 0 reported as 0, scales 1..3 unchanged */
    {
        Instance a, b;
        VmafxFexCtx ca = { 0 }, cb = { 0 };
        if (!instance_new(&a, &vmafx_fex_float_vif) || !instance_new(&b, &vmafx_fex_float_vif))
            exit(1);
        set_bool(&b, "vif_skip_scale0", true);
        set_bool(&b, "debug", true);
        check(run_one(&a, &ca, cp, 2) && run_one(&b, &cb, cp, 2), "skip_scale0 runs");
        bool same = true;
        for (unsigned f = 0; f < 2; f++) {
            double x, y;
            for (unsigned s = 1; s < 4; s++) {
                char name[64];
                snprintf(name, sizeof(name), "VMAF_feature_vif_scale%u_score", s);
                same &= ctx_get(&ca, name, f, &x) && ctx_get(&cb, name, f, &y) && x == y;
            }
            same &= ctx_get(&cb, "VMAF_feature_vif_scale0_score", f, &y) && y == 0.0;
            same &= ctx_get(&cb, "vif_den_scale0", f, &y) && y == -1.0;
        }
        check(same, "vif_skip_scale0");
        instance_free(&a);
        instance_free(&b);
        free(ca.recs);
        free(cb.recs);
    }
    /* every prescale method and a few kernel scales run and give finite values */
    {
        static const char *const methods[4] = { "nearest", "bilinear", "bicubic", "lanczos4" };
        static const double scales[3] = { 0.5, 1.5, 2.0 };
        for (unsigned m = 0; m < 4; m++) {
            for (unsigned k = 0; k < 3; k++) {
                Instance a;
                VmafxFexCtx ca = { 0 };
                if (!instance_new(&a, &vmafx_fex_float_vif))
                    exit(1);
                set_string(&a, "vif_prescale_method", methods[m]);
                set_double(&a, "vif_prescale", scales[k]);
                double v = NAN;
                char what[128];
                snprintf(what, sizeof(what), "prescale %s %g", methods[m], scales[k]);
                check(run_one(&a, &ca, cp, 1) &&
                          ctx_get(&ca, "VMAF_feature_vif_scale0_score", 0, &v) && isfinite(v),
                      what);
                instance_free(&a);
                free(ca.recs);
            }
        }
        static const double kss[3] = { 0.5, 1.5, 4.0 / 3.0 };
        for (unsigned k = 0; k < 3; k++) {
            Instance a;
            VmafxFexCtx ca = { 0 };
            if (!instance_new(&a, &vmafx_fex_float_vif))
                exit(1);
            set_double(&a, "vif_kernelscale", kss[k]);
            double v = NAN;
            check(run_one(&a, &ca, &clip_pairs[2], 1) &&
                      ctx_get(&ca, "VMAF_feature_vif_scale3_score", 0, &v) && isfinite(v),
                  "vif_kernelscale");
            instance_free(&a);
            free(ca.recs);
        }
    }
    /* motion options: force_zero, add_scale1, add_uv, filter sizes */
    {
        Instance a;
        VmafxFexCtx ca = { 0 };
        if (!instance_new(&a, &vmafx_fex_float_motion))
            exit(1);
        set_bool(&a, "motion_force_zero", true);
        double v = -1.0;
        check(run_one(&a, &ca, cp, 3) && ctx_get(&ca, "VMAF_feature_motion3_score", 2, &v) &&
                  v == 0.0,
              "motion_force_zero");
        instance_free(&a);
        free(ca.recs);

        static const char *const flags[2] = { "motion_add_scale1", "motion_add_uv" };
        for (unsigned i = 0; i < 4; i++) {
            VmafxFexCtx cb = { 0 };
            if (!instance_new(&a, &vmafx_fex_float_motion))
                exit(1);
            if (i < 2)
                set_bool(&a, flags[i], true);
            else
                set_int(&a, "motion_filter_size", i == 2 ? 3 : 1);
            v = NAN;
            check(run_one(&a, &cb, cp, 3) && ctx_get(&cb, "VMAF_feature_motion2_score", 2, &v) &&
                      isfinite(v) && v > 0.0,
                  "motion option variant");
            instance_free(&a);
            free(cb.recs);
        }
    }
    /* ADM options that change the path */
    {
        for (unsigned i = 0; i < 4; i++) {
            Instance a;
            VmafxFexCtx ca = { 0 };
            if (!instance_new(&a, &vmafx_fex_float_adm))
                exit(1);
            if (i == 0)
                set_bool(&a, "adm_skip_scale0", true);
            else if (i == 1)
                set_double(&a, "adm_p_norm", 2.0);
            else if (i == 2)
                set_int(&a, "adm_bypass_cm", 1);
            else
                set_bool(&a, "adm_adm3_apply_hm", true);
            double v = NAN;
            check(run_one(&a, &ca, cp, 1) && ctx_get(&ca, "VMAF_feature_adm2_score", 0, &v) &&
                      isfinite(v),
                  "adm option variant");
            if (i == 0)
                check(ctx_get(&ca, "VMAF_feature_adm_scale0_score", 0, &v) && v == 0.0,
                      "adm_skip_scale0 gives adm_scale0 = 0");
            instance_free(&a);
            free(ca.recs);
        }
    }
}

/* Invalid options and geometries fail cleanly. */
static void test_errors(void)
{
    VmafxFexCtx ctx = { 0 };
    Instance a;
    if (!instance_new(&a, &vmafx_fex_float_vif))
        exit(1);
    set_double(&a, "vif_kernelscale", 0.9);
    check(vmafx_fex_float_vif.init(&ctx, a.priv, VMAF_PIX_FMT_YUV420P, 8, 576, 324) == -EINVAL,
          "unsupported vif_kernelscale rejected");
    instance_free(&a);

    if (!instance_new(&a, &vmafx_fex_float_vif))
        exit(1);
    set_string(&a, "vif_prescale_method", "cubic");
    check(vmafx_fex_float_vif.init(&ctx, a.priv, VMAF_PIX_FMT_YUV420P, 8, 576, 324) == -EINVAL,
          "unknown prescale method rejected");
    instance_free(&a);

    if (!instance_new(&a, &vmafx_fex_float_vif))
        exit(1);
    check(vmafx_fex_float_vif.init(&ctx, a.priv, VMAF_PIX_FMT_YUV420P, 8, 15, 64) == -EINVAL,
          "float_vif rejects a too small picture");
    instance_free(&a);

    if (!instance_new(&a, &vmafx_fex_float_adm))
        exit(1);
    check(vmafx_fex_float_adm.init(&ctx, a.priv, VMAF_PIX_FMT_YUV420P, 8, 8, 64) == -EINVAL,
          "float_adm rejects a too small picture");
    instance_free(&a);

    if (!instance_new(&a, &vmafx_fex_float_adm))
        exit(1);
    set_int(&a, "adm_csf_mode", 1);
    check(vmafx_fex_float_adm.init(&ctx, a.priv, VMAF_PIX_FMT_YUV420P, 8, 64, 64) == -EINVAL,
          "float_adm refuses the unspecified CSF modes");
    instance_free(&a);

    if (!instance_new(&a, &vmafx_fex_float_motion))
        exit(1);
    set_bool(&a, "motion_add_uv", true);
    check(vmafx_fex_float_motion.init(&ctx, a.priv, VMAF_PIX_FMT_YUV400P, 8, 64, 64) == -EINVAL,
          "motion_add_uv rejects 4:0:0");
    instance_free(&a);

    /* smallest accepted sizes run without touching memory outside the planes */
    {
        const unsigned w = 24, h = 24;
        uint8_t *buf = calloc((size_t)w * h * 3, 1);
        if (!buf)
            exit(1);
        for (size_t i = 0; i < (size_t)w * h * 3; i++)
            buf[i] = (uint8_t)(i * 37u);
        VmafPicture p;
        picture_wrap(&p, buf, VMAF_PIX_FMT_YUV444P, 8, w, h);
        const VmafxFeatureExtractor *fx[3] = { &vmafx_fex_float_vif, &vmafx_fex_float_adm,
                                               &vmafx_fex_float_motion };
        for (unsigned i = 0; i < 3; i++) {
            VmafxFexCtx c = { 0 };
            if (!instance_new(&a, fx[i]))
                exit(1);
            bool ok = fx[i]->init(&c, a.priv, VMAF_PIX_FMT_YUV444P, 8, w, h) == 0;
            for (unsigned f = 0; ok && f < 2; f++)
                ok = fx[i]->extract(&c, a.priv, &p, &p, f) == 0;
            if (ok && fx[i]->flush)
                ok = fx[i]->flush(&c, a.priv) == 0;
            check(ok, "small picture runs");
            instance_free(&a);
            free(c.recs);
        }
        free(buf);
    }
    free(ctx.recs);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        testdata_dir = argv[1];
    else if (getenv("VMAFX_TESTDATA"))
        testdata_dir = getenv("VMAFX_TESTDATA");

    test_rcp();
    test_check_values();
    test_options();
    test_errors();

    for (size_t i = 0; i < sizeof(clip_pairs) / sizeof(clip_pairs[0]); i++)
        test_golden_pair(&clip_pairs[i]);

    printf("golden values: %u compared, %u identical at report precision, max |diff| %g\n",
           n_compared, n_identical, max_abs_diff);
    printf("%u checks, %u failures\n", n_checks, n_failures);
    return n_failures ? 1 : 0;
}
