/*
 * Unit test of the "float_ssim", "float_ms_ssim", "ciede" and "psnr_hvs"
 * extractors (spec ssim-msssim-ciede-psnrhvs.md).
 *
 * Runs the four extractors over every golden pair and compares each per-frame
 * value, printed as the report writers print it, with the golden *.default.json
 * text of the reference build. Also checks the spec's constant-colour CIEDE
 * values, option effects, degenerate sizes and refusals.
 *
 * Build (from the repository root):
 *   gcc -std=c11 -D_GNU_SOURCE -O2 -ffp-contract=off -Iinclude -Isrc \
 *       tests/unit/ssim_ciede_hvs_test.c src/feature/float_ssim_core.c \
 *       src/feature/float_ssim.c src/feature/float_ms_ssim.c src/feature/ciede.c \
 *       src/feature/psnr_hvs.c src/log.c -lm -o ssim_ciede_hvs_test
 * Run: ./ssim_ciede_hvs_test [testdata-dir]   (default /work/shared/testdata,
 *      or $VMAFX_TESTDATA). Exit status 0 when every check passed, 77 without
 *      test data.
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

/* ---- stubs of the core ------------------------------------------------- */

typedef struct Record {
    char name[64];
    unsigned index;
    double value;
} Record;

struct VmafxFexCtx {
    Record *recs;
    size_t count, cap;
};

int vmafx_fex_write(VmafxFexCtx *ctx, const char *name, double value, unsigned index)
{
    for (size_t i = 0; i < ctx->count; i++)
        if (ctx->recs[i].index == index && !strcmp(ctx->recs[i].name, name))
            return -EINVAL;
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

int vmafx_fex_write_aggregate(VmafxFexCtx *ctx, const char *name, double value)
{
    return vmafx_fex_write(ctx, name, value, UINT_MAX);
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

/* Number formatting of the report writers: %.6f, %.16f for tiny fractions. */
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

static bool value_is(VmafxFexCtx *ctx, const char *name, unsigned index, const char *expect)
{
    double v;
    char buf[64];
    if (!name || !expect || vmafx_fex_read(ctx, name, index, &v))
        return false;
    format_value(buf, sizeof(buf), v);
    const bool same = !strcmp(buf, expect);
    if (!same)
        printf("  %s[%u] = %s, expected %s\n", name, index, buf, expect);
    return same;
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
    const size_t n = strcspn(hit, ",\n\r }");
    if (n >= size)
        return false;
    memcpy(out, hit, n);
    out[n] = '\0';
    return true;
}

/* ---- pictures ------------------------------------------------------------------ */

typedef struct ClipPair {
    const char *ref, *dist; /* file names in the test data folder */
    unsigned w, h, bpc, frames;
    enum VmafPixelFormat pix_fmt;
} ClipPair;

#define P420 VMAF_PIX_FMT_YUV420P
static const ClipPair clip_pairs[] = {
    { "cockatoo_576x324_420p8_ref.yuv", "cockatoo_576x324_420p8_x264crf18.yuv", 576, 324, 8, 12, P420 },
    { "cockatoo_576x324_420p8_ref.yuv", "cockatoo_576x324_420p8_x264crf28.yuv", 576, 324, 8, 12, P420 },
    { "cockatoo_576x324_420p8_ref.yuv", "cockatoo_576x324_420p8_x264crf38.yuv", 576, 324, 8, 12, P420 },
    { "cockatoo_576x324_420p8_ref.yuv", "cockatoo_576x324_420p8_x264crf48.yuv", 576, 324, 8, 12, P420 },
    { "cockatoo_576x324_420p8_ref.yuv", "cockatoo_576x324_420p8_ref.yuv", 576, 324, 8, 12, P420 },
    { "launch_576x324_420p8_ref.yuv", "launch_576x324_420p8_aomcrf45.yuv", 576, 324, 8, 12, P420 },
    { "launch_576x324_420p8_ref.yuv", "launch_576x324_420p8_gblur1p5.yuv", 576, 324, 8, 12, P420 },
    { "launch_576x324_420p8_ref.yuv", "launch_576x324_420p8_scale2x.yuv", 576, 324, 8, 12, P420 },
    { "city_576x324_420p8_ref.y4m", "city_576x324_420p8_svtav1crf63.y4m", 576, 324, 8, 12, P420 },
    { "city_576x324_420p8_ref.y4m", "city_576x324_420p8_vp9crf56.y4m", 576, 324, 8, 12, P420 },
    { "city_576x324_420p8_ref.y4m", "city_576x324_420p8_x265crf40.y4m", 576, 324, 8, 12, P420 },
    { "cockatoolong_576x324_420p8_ref.y4m", "cockatoolong_576x324_420p8_x264crf34.y4m", 576, 324, 8, 48, P420 },
    { "city_320x180_420p10_ref.yuv", "city_320x180_420p10_x265crf30.yuv", 320, 180, 10, 6, P420 },
    { "city_320x180_420p10_ref.y4m", "city_320x180_420p10_x265crf30.y4m", 320, 180, 10, 6, P420 },
    { "launch_320x180_420p12_ref.y4m", "launch_320x180_420p12_x265crf34.y4m", 320, 180, 12, 6, P420 },
    { "dog_320x180_420p16_ref.yuv", "dog_320x180_420p16_j2kcl150.yuv", 320, 180, 16, 4, P420 },
    { "birds_320x180_422p8_ref.yuv", "birds_320x180_422p8_x264crf35.yuv", 320, 180, 8, 6, VMAF_PIX_FMT_YUV422P },
    { "cockatoo_320x180_444p8_ref.y4m", "cockatoo_320x180_444p8_vp9crf45.y4m", 320, 180, 8, 6, VMAF_PIX_FMT_YUV444P },
    { "dog_1920x1080_420p8_ref.yuv", "dog_1920x1080_420p8_x264crf32.yuv", 1920, 1080, 8, 6, P420 },
};

static const char *testdata_dir = "/work/shared/testdata";

/* A picture laid out like vmaf_picture_alloc's: rows of 32-sample multiples, zero padding. */
static bool picture_new(VmafPicture *pic, enum VmafPixelFormat fmt, unsigned bpc, unsigned w,
                        unsigned h)
{
    memset(pic, 0, sizeof(*pic));
    pic->pix_fmt = fmt;
    pic->bpc = bpc;
    const unsigned hbd = bpc > 8;
    const unsigned sh = fmt == VMAF_PIX_FMT_YUV420P || fmt == VMAF_PIX_FMT_YUV422P;
    const unsigned sv = fmt == VMAF_PIX_FMT_YUV420P;
    const unsigned planes = fmt == VMAF_PIX_FMT_YUV400P ? 1 : 3;
    size_t total = 0;
    for (unsigned p = 0; p < planes; p++) {
        pic->w[p] = p ? w >> sh : w;
        pic->h[p] = p ? h >> sv : h;
        pic->stride[p] = (ptrdiff_t)(((pic->w[p] + 31u) & ~31u) << hbd);
        total += (size_t)pic->stride[p] * pic->h[p];
    }
    uint8_t *buf = calloc(1, total ? total : 1);
    if (!buf)
        return false;
    for (unsigned p = 0; p < planes; p++) {
        pic->data[p] = buf;
        buf += (size_t)pic->stride[p] * pic->h[p];
    }
    return true;
}

static void picture_free(VmafPicture *pic)
{
    free(pic->data[0]);
    pic->data[0] = NULL;
}

/* Sets every sample of plane p to v. */
static void picture_fill(VmafPicture *pic, unsigned p, unsigned v)
{
    for (unsigned i = 0; i < pic->h[p]; i++) {
        uint8_t *line = (uint8_t *)pic->data[p] + (ptrdiff_t)i * pic->stride[p];
        for (unsigned j = 0; j < pic->w[p]; j++) {
            if (pic->bpc > 8)
                ((uint16_t *)line)[j] = (uint16_t)v;
            else
                line[j] = (uint8_t)v;
        }
    }
}

typedef struct Clip {
    FILE *f;
    bool y4m;
} Clip;

static bool clip_open(Clip *clip, const char *name)
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
    if (clip->y4m) { /* stream header: one line */
        int c;
        while ((c = fgetc(clip->f)) != EOF && c != '\n')
            ;
        if (c == EOF)
            return false;
    }
    return true;
}

/* Reads one planar frame into pic (little-endian 16-bit words for > 8 bits). */
static bool clip_read(Clip *clip, VmafPicture *pic)
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
    const size_t bytes = pic->bpc > 8 ? 2 : 1;
    for (unsigned p = 0; p < 3; p++) {
        for (unsigned i = 0; i < pic->h[p]; i++) {
            uint8_t *line = (uint8_t *)pic->data[p] + (ptrdiff_t)i * pic->stride[p];
            if (fread(line, bytes, pic->w[p], clip->f) != pic->w[p])
                return false;
        }
    }
    return true;
}

/* ---- extractor instances --------------------------------------------------- */

typedef struct Instance {
    const VmafxFeatureExtractor *fex;
    void *priv;
    VmafxFexCtx ctx;
} Instance;

/* Allocates priv and stores every option's default, as the core does. */
static bool instance_new(Instance *inst, const VmafxFeatureExtractor *fex)
{
    memset(inst, 0, sizeof(*inst));
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
    for (const VmafxOption *o = inst->fex->options; o && o->name; o++)
        if (!strcmp(o->name, name))
            return o;
    printf("no option %s\n", name);
    abort();
}

static void set_bool(Instance *inst, const char *name, bool v)
{
    const VmafxOption *o = instance_option(inst, name);
    check(o->type == VMAFX_OPT_BOOL && !o->feature_param, "option is a plain bool");
    memcpy((uint8_t *)inst->priv + o->offset, &v, sizeof(v));
}

static void set_int(Instance *inst, const char *name, int v)
{
    const VmafxOption *o = instance_option(inst, name);
    check(o->type == VMAFX_OPT_INT && !o->feature_param, "option is a plain int");
    memcpy((uint8_t *)inst->priv + o->offset, &v, sizeof(v));
}

static void instance_free(Instance *inst)
{
    if (inst->fex->close)
        inst->fex->close(inst->priv);
    free(inst->priv);
    free(inst->ctx.recs);
    memset(inst, 0, sizeof(*inst));
}

/* ---- golden pairs ----------------------------------------------------------------- */

static unsigned n_compared, n_identical;

static bool run_pair(const ClipPair *cp, Instance *insts, unsigned n_inst)
{
    Clip ref = { 0 }, dis = { 0 };
    VmafPicture rp = { 0 }, dp = { 0 };
    bool ok = clip_open(&ref, cp->ref) && clip_open(&dis, cp->dist) &&
              picture_new(&rp, cp->pix_fmt, cp->bpc, cp->w, cp->h) &&
              picture_new(&dp, cp->pix_fmt, cp->bpc, cp->w, cp->h);
    for (unsigned i = 0; ok && i < n_inst; i++) {
        const int err = insts[i].fex->init(&insts[i].ctx, insts[i].priv, cp->pix_fmt, cp->bpc,
                                           cp->w, cp->h);
        if (err) {
            printf("%s init: %d\n", insts[i].fex->name, err);
            ok = false;
        }
    }
    for (unsigned f = 0; ok && f < cp->frames; f++) {
        if (!clip_read(&ref, &rp) || !clip_read(&dis, &dp)) {
            printf("read error, frame %u of %s\n", f, cp->dist);
            ok = false;
            break;
        }
        for (unsigned i = 0; ok && i < n_inst; i++) {
            const int err = insts[i].fex->extract(&insts[i].ctx, insts[i].priv, &rp, &dp, f);
            if (err) {
                printf("%s extract frame %u: %d\n", insts[i].fex->name, f, err);
                ok = false;
            }
        }
    }
    picture_free(&rp);
    picture_free(&dp);
    if (ref.f)
        fclose(ref.f);
    if (dis.f)
        fclose(dis.f);
    return ok;
}

static void compare_golden(VmafxFexCtx *ctx, const char *json, const char *json_name,
                           unsigned frames, const char *key)
{
    for (unsigned f = 0; f < frames; f++) {
        char golden[64], mine[64], what[256];
        if (!golden_lookup(json, f, key, golden, sizeof(golden)))
            continue; /* not in this golden file (psnr_hvs at 16 bits) */
        double v;
        snprintf(what, sizeof(what), "%s frame %u %s", json_name, f, key);
        if (vmafx_fex_read(ctx, key, f, &v)) {
            check(false, what);
            continue;
        }
        format_value(mine, sizeof(mine), v);
        n_compared++;
        if (!strcmp(mine, golden)) {
            n_identical++;
        } else {
            char msg[400];
            snprintf(msg, sizeof(msg), "%s: %s, golden %s", what, mine, golden);
            check(false, msg);
        }
    }
}

static void test_golden_pairs(void)
{
    static const char *const keys[] = {
        "float_ssim", "float_ms_ssim", "ciede2000", "psnr_hvs_y", "psnr_hvs_cb", "psnr_hvs_cr",
        "psnr_hvs",
    };
    for (size_t c = 0; c < sizeof(clip_pairs) / sizeof(clip_pairs[0]); c++) {
        const ClipPair *cp = &clip_pairs[c];
        char path[512];
        snprintf(path, sizeof(path), "%s/golden/%s.default.json", testdata_dir, cp->dist);
        char *json = read_text(path);
        if (!json) {
            check(false, path);
            continue;
        }
        Instance insts[4];
        const VmafxFeatureExtractor *fexs[4] = {
            &vmafx_fex_float_ssim, &vmafx_fex_float_ms_ssim, &vmafx_fex_ciede,
            &vmafx_fex_psnr_hvs,
        };
        const unsigned n_inst = cp->bpc > 12 ? 3 : 4; /* psnr_hvs refuses 16 bits */
        for (unsigned i = 0; i < n_inst; i++)
            if (!instance_new(&insts[i], fexs[i]))
                abort();
        const unsigned before = n_identical;
        check(run_pair(cp, insts, n_inst), cp->dist);
        for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
            const unsigned owner = k < 3 ? (unsigned)k : 3; /* instance writing keys[k] */
            if (owner < n_inst)
                compare_golden(&insts[owner].ctx, json, cp->dist, cp->frames, keys[k]);
        }
        printf("%-45s %u identical\n", cp->dist, n_identical - before);
        for (unsigned i = 0; i < n_inst; i++)
            instance_free(&insts[i]);
        free(json);
    }
}

/* ---- spec check values and behaviour ------------------------------------------------ */

/* Runs one extractor on a single frame pair; returns init/extract status. */
static int run_once(Instance *inst, const VmafPicture *ref, const VmafPicture *dist)
{
    int err = inst->fex->init(&inst->ctx, inst->priv, ref->pix_fmt, ref->bpc, ref->w[0],
                              ref->h[0]);
    if (!err)
        err = inst->fex->extract(&inst->ctx, inst->priv, ref, dist, 0);
    return err;
}

/* Constant-colour 16x16 4:4:4 frames (spec 3.4.1). */
static void test_ciede_colours(void)
{
    static const struct {
        unsigned bpc, ref[3], dist[3];
        const char *score;
    } cases[] = {
        { 8, { 128, 128, 128 }, { 128, 140, 120 }, "23.204636" },
        { 8, { 100, 128, 128 }, { 104, 110, 150 }, "19.509958" },
        { 8, { 16, 128, 128 }, { 235, 128, 128 }, "1.258267" },
        { 8, { 81, 90, 240 }, { 82, 92, 236 }, "42.950804" },
        { 8, { 145, 54, 34 }, { 140, 60, 40 }, "33.504544" },
        { 8, { 179, 141, 236 }, { 180, 137, 234 }, "47.963557" },
        { 8, { 205, 133, 172 }, { 205, 127, 172 }, "40.864775" },
        { 8, { 41, 240, 110 }, { 41, 235, 118 }, "38.081281" },
        { 10, { 400, 600, 300 }, { 410, 590, 310 }, "42.399751" },
        { 10, { 64, 512, 512 }, { 940, 512, 512 }, "1.258267" },
        { 10, { 716, 564, 944 }, { 720, 548, 936 }, "47.963557" },
    };
    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        VmafPicture r, d;
        if (!picture_new(&r, VMAF_PIX_FMT_YUV444P, cases[c].bpc, 16, 16) ||
            !picture_new(&d, VMAF_PIX_FMT_YUV444P, cases[c].bpc, 16, 16))
            abort();
        for (unsigned p = 0; p < 3; p++) {
            picture_fill(&r, p, cases[c].ref[p]);
            picture_fill(&d, p, cases[c].dist[p]);
        }
        Instance inst;
        if (!instance_new(&inst, &vmafx_fex_ciede))
            abort();
        char what[96];
        snprintf(what, sizeof(what), "ciede colour case %zu", c);
        check(run_once(&inst, &r, &d) == 0 && value_is(&inst.ctx, "ciede2000", 0, cases[c].score),
              what);
        instance_free(&inst);
        picture_free(&r);
        picture_free(&d);
    }
}

/* Reads frame `frame` of a golden clip into pic. */
static bool load_frame(const char *name, unsigned frame, VmafPicture *pic)
{
    Clip clip = { 0 };
    bool ok = clip_open(&clip, name);
    for (unsigned f = 0; ok && f <= frame; f++)
        ok = clip_read(&clip, pic);
    if (clip.f)
        fclose(clip.f);
    return ok;
}

static void test_options(void)
{
    VmafPicture r, d;
    if (!picture_new(&r, P420, 8, 576, 324) || !picture_new(&d, P420, 8, 576, 324))
        abort();
    check(load_frame("cockatoo_576x324_420p8_ref.yuv", 0, &r) &&
              load_frame("cockatoo_576x324_420p8_x264crf38.yuv", 0, &d),
          "load cockatoo frame 0");

    Instance inst;
    /* enable_lcs: keys in order, linear values, score unchanged */
    instance_new(&inst, &vmafx_fex_float_ssim);
    set_bool(&inst, "enable_lcs", true);
    check(run_once(&inst, &r, &d) == 0 && inst.ctx.count == 4 &&
              !strcmp(inst.ctx.recs[0].name, "float_ssim") &&
              !strcmp(inst.ctx.recs[1].name, "float_ssim_l") &&
              !strcmp(inst.ctx.recs[3].name, "float_ssim_s"),
          "float_ssim enable_lcs keys");
    instance_free(&inst);

    instance_new(&inst, &vmafx_fex_float_ms_ssim);
    set_bool(&inst, "enable_lcs", true);
    check(run_once(&inst, &r, &d) == 0 && inst.ctx.count == 16 &&
              !strcmp(inst.ctx.recs[1].name, "float_ms_ssim_l_scale0") &&
              !strcmp(inst.ctx.recs[6].name, "float_ms_ssim_c_scale0") &&
              !strcmp(inst.ctx.recs[15].name, "float_ms_ssim_s_scale4"),
          "float_ms_ssim enable_lcs keys");
    instance_free(&inst);

    /* dB forms on identical input: +inf, or the clip value 104 at 576x324 8-bit */
    const VmafxFeatureExtractor *ssims[2] = { &vmafx_fex_float_ssim, &vmafx_fex_float_ms_ssim };
    const char *names[2] = { "float_ssim", "float_ms_ssim" };
    for (unsigned k = 0; k < 2; k++) {
        instance_new(&inst, ssims[k]);
        set_bool(&inst, "enable_db", true);
        check(run_once(&inst, &r, &r) == 0 && value_is(&inst.ctx, names[k], 0, "null"),
              "enable_db identical -> null");
        instance_free(&inst);
        instance_new(&inst, ssims[k]);
        set_bool(&inst, "enable_db", true);
        set_bool(&inst, "clip_db", true);
        check(run_once(&inst, &r, &r) == 0 && value_is(&inst.ctx, names[k], 0, "104.000000"),
              "enable_db + clip_db identical -> 104");
        instance_free(&inst);
        instance_new(&inst, ssims[k]);
        set_bool(&inst, "clip_db", true); /* alone: no effect */
        check(run_once(&inst, &r, &r) == 0 && value_is(&inst.ctx, names[k], 0, "1.000000"),
              "clip_db alone");
        instance_free(&inst);
    }

    /* scale: explicit factors run, out-of-range values are refused */
    for (int s = 1; s <= 10; s++) {
        instance_new(&inst, &vmafx_fex_float_ssim);
        set_int(&inst, "scale", s);
        double v = 0.0;
        check(run_once(&inst, &r, &d) == 0 && !vmafx_fex_read(&inst.ctx, "float_ssim", 0, &v) &&
                  v > 0.5 && v <= 1.0,
              "float_ssim scale 1..10");
        instance_free(&inst);
    }
    const int bad_scales[2] = { -1, 11 };
    for (unsigned k = 0; k < 2; k++) {
        instance_new(&inst, &vmafx_fex_float_ssim);
        set_int(&inst, "scale", bad_scales[k]);
        check(run_once(&inst, &r, &d) == -EINVAL, "float_ssim scale out of range");
        instance_free(&inst);
    }
    const VmafxOption *o = NULL;
    instance_new(&inst, &vmafx_fex_float_ssim);
    o = instance_option(&inst, "scale");
    check(o->min == 0 && o->max == 10 && o->def.i == 0, "scale range 0..10");
    instance_free(&inst);

    /* geometry mismatch is refused, not read out of bounds */
    VmafPicture small;
    if (!picture_new(&small, P420, 8, 320, 180))
        abort();
    const VmafxFeatureExtractor *all[4] = { &vmafx_fex_float_ssim, &vmafx_fex_float_ms_ssim,
                                            &vmafx_fex_ciede, &vmafx_fex_psnr_hvs };
    for (unsigned k = 0; k < 4; k++) {
        instance_new(&inst, all[k]);
        check(inst.fex->init(&inst.ctx, inst.priv, P420, 8, 576, 324) == 0 &&
                  inst.fex->extract(&inst.ctx, inst.priv, &r, &small, 0) == -EINVAL,
              "size mismatch refused");
        instance_free(&inst);
    }
    picture_free(&small);
    picture_free(&r);
    picture_free(&d);
}

static void test_refusals_and_sizes(void)
{
    Instance inst;
    /* MS-SSIM needs 176x176 */
    static const unsigned sizes[4][3] = {
        { 176, 176, 0 }, { 176, 144, 1 }, { 174, 176, 1 }, { 176, 174, 1 },
    };
    for (unsigned k = 0; k < 4; k++) {
        VmafPicture r, d;
        if (!picture_new(&r, P420, 8, sizes[k][0], sizes[k][1]) ||
            !picture_new(&d, P420, 8, sizes[k][0], sizes[k][1]))
            abort();
        picture_fill(&r, 0, 100);
        picture_fill(&d, 0, 101);
        instance_new(&inst, &vmafx_fex_float_ms_ssim);
        const int err = run_once(&inst, &r, &d);
        check(sizes[k][2] ? err == -EINVAL : err == 0, "ms_ssim size rule");
        instance_free(&inst);
        picture_free(&r);
        picture_free(&d);
    }

    /* psnr_hvs refuses > 12 bits; ciede and psnr_hvs refuse 4:0:0 */
    instance_new(&inst, &vmafx_fex_psnr_hvs);
    check(inst.fex->init(&inst.ctx, inst.priv, P420, 16, 64, 64) == -EINVAL, "psnr_hvs 16-bit");
    instance_free(&inst);
    instance_new(&inst, &vmafx_fex_psnr_hvs);
    check(inst.fex->init(&inst.ctx, inst.priv, VMAF_PIX_FMT_YUV400P, 8, 64, 64) == -EINVAL,
          "psnr_hvs 4:0:0");
    instance_free(&inst);
    instance_new(&inst, &vmafx_fex_ciede);
    check(inst.fex->init(&inst.ctx, inst.priv, VMAF_PIX_FMT_YUV400P, 8, 64, 64) == -EINVAL,
          "ciede 4:0:0");
    instance_free(&inst);
    instance_new(&inst, &vmafx_fex_ciede);
    check(inst.fex->init(&inst.ctx, inst.priv, P420, 9, 64, 64) == -EINVAL, "ciede 9-bit");
    instance_free(&inst);

    /* degenerate float_ssim sizes (spec 2.4): 10x10 -> NaN, 6x6 -> 0, 12x12 computes */
    static const struct {
        unsigned n;
        const char *expect;
    } degen[] = { { 10, "null" }, { 6, "0.000000" }, { 8, "0.000000" }, { 11, NULL }, { 12, NULL } };
    for (unsigned k = 0; k < sizeof(degen) / sizeof(degen[0]); k++) {
        VmafPicture r, d;
        if (!picture_new(&r, VMAF_PIX_FMT_YUV444P, 8, degen[k].n, degen[k].n) ||
            !picture_new(&d, VMAF_PIX_FMT_YUV444P, 8, degen[k].n, degen[k].n))
            abort();
        for (unsigned p = 0; p < 3; p++) {
            picture_fill(&r, p, 100 + p);
            picture_fill(&d, p, 90 + 3 * p);
        }
        instance_new(&inst, &vmafx_fex_float_ssim);
        set_bool(&inst, "enable_lcs", true);
        bool ok = run_once(&inst, &r, &d) == 0;
        if (degen[k].expect)
            ok = ok && value_is(&inst.ctx, "float_ssim", 0, degen[k].expect);
        check(ok, "float_ssim degenerate size");
        instance_free(&inst);
        /* psnr_hvs: planes below 8 samples give NaN (null) */
        instance_new(&inst, &vmafx_fex_psnr_hvs);
        ok = run_once(&inst, &r, &d) == 0;
        if (degen[k].n < 8)
            ok = ok && value_is(&inst.ctx, "psnr_hvs_y", 0, "null") &&
                 value_is(&inst.ctx, "psnr_hvs", 0, "null");
        check(ok, "psnr_hvs small size");
        instance_free(&inst);
        instance_new(&inst, &vmafx_fex_ciede);
        check(run_once(&inst, &r, &d) == 0, "ciede small size");
        instance_free(&inst);
        picture_free(&r);
        picture_free(&d);
    }

    /* odd sizes and tiny frames must not read outside the planes */
    static const unsigned odd[][2] = { { 1, 1 }, { 3, 5 }, { 33, 17 }, { 401, 333 } };
    for (unsigned k = 0; k < sizeof(odd) / sizeof(odd[0]); k++) {
        for (int fmt = VMAF_PIX_FMT_YUV420P; fmt <= VMAF_PIX_FMT_YUV444P; fmt++) {
            VmafPicture r, d;
            if (!picture_new(&r, (enum VmafPixelFormat)fmt, 10, odd[k][0], odd[k][1]) ||
                !picture_new(&d, (enum VmafPixelFormat)fmt, 10, odd[k][0], odd[k][1]))
                abort();
            picture_fill(&r, 0, 500);
            picture_fill(&d, 0, 700);
            for (unsigned s = 0; s <= 10; s++) {
                instance_new(&inst, &vmafx_fex_float_ssim);
                set_int(&inst, "scale", (int)s);
                check(run_once(&inst, &r, &d) == 0, "float_ssim odd size");
                instance_free(&inst);
            }
            instance_new(&inst, &vmafx_fex_psnr_hvs);
            run_once(&inst, &r, &d); /* any status; must not crash */
            instance_free(&inst);
            instance_new(&inst, &vmafx_fex_ciede);
            run_once(&inst, &r, &d);
            instance_free(&inst);
            picture_free(&r);
            picture_free(&d);
        }
    }
}

int main(int argc, char **argv)
{
    const char *env = getenv("VMAFX_TESTDATA");
    if (argc > 1)
        testdata_dir = argv[1];
    else if (env && *env)
        testdata_dir = env;

    char probe[512];
    snprintf(probe, sizeof(probe), "%s/golden/commands.txt", testdata_dir);
    FILE *f = fopen(probe, "rb");
    if (!f) {
        printf("no test data at %s: skipped\n", testdata_dir);
        return 77;
    }
    fclose(f);

    test_ciede_colours();
    test_refusals_and_sizes();
    test_options();
    test_golden_pairs();

    printf("golden values: %u compared, %u identical\n", n_compared, n_identical);
    printf("%u checks, %u failures\n", n_checks, n_failures);
    return n_failures ? 1 : 0;
}
