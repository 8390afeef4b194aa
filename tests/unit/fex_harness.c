/*
 * Test harness shared by the extractor unit tests (vif_psnr, float_features,
 * ssim_ciede_hvs, cambi_speed): stubs of the core's extractor API that record
 * every written value, report-style number formatting, golden JSON lookups,
 * pictures and a reader for the test clips, and helpers to set options and run
 * extractor instances over a clip pair.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fex_harness.h"

/* ---- stubs of the core ------------------------------------------------- */

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

/* The stub has no suffixes: every name is stored verbatim. */
int vmafx_fex_write_unsuffixed(VmafxFexCtx *ctx, const char *name, double value,
                               unsigned index)
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

bool ctx_get(VmafxFexCtx *ctx, const char *name, unsigned index, double *value)
{
    return vmafx_fex_read(ctx, name, index, value) == 0;
}

void ctx_reset(VmafxFexCtx *ctx)
{
    ctx->count = 0;
}

/* ---- checks -------------------------------------------------------------- */

unsigned n_checks, n_failures;

void check(bool ok, const char *what)
{
    n_checks++;
    if (!ok) {
        n_failures++;
        printf("FAIL: %s\n", what);
    }
}

/* Number formatting of the report writers (motion-model-reports.md C.2). */
void format_value(char *buf, size_t size, double v)
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

bool value_is(VmafxFexCtx *ctx, const char *name, unsigned index, const char *expect)
{
    double v;
    char buf[64];
    if (!name || !expect || !ctx_get(ctx, name, index, &v))
        return false;
    format_value(buf, sizeof(buf), v);
    const bool same = !strcmp(buf, expect);
    if (!same)
        printf("  %s[%u] = %s, expected %s\n", name, index, buf, expect);
    return same;
}

/* ---- golden JSON (text lookup) ------------------------------------------- */

char *read_text(const char *path)
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
bool golden_lookup(const char *json, unsigned frame, const char *key, char *out, size_t size)
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

const ClipPair clip_pairs[] = {
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

const char *testdata_dir = "/work/shared/testdata";
const size_t n_clip_pairs = sizeof(clip_pairs) / sizeof(clip_pairs[0]);

void plane_geometry(enum VmafPixelFormat fmt, unsigned w, unsigned h, unsigned p,
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

size_t frame_size(enum VmafPixelFormat fmt, unsigned w, unsigned h, unsigned bpc)
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

bool picture_new(VmafPicture *pic, enum VmafPixelFormat fmt, unsigned bpc, unsigned w,
                 unsigned h)
{
    memset(pic, 0, sizeof(*pic));
    pic->pix_fmt = fmt;
    pic->bpc = bpc;
    const unsigned planes = fmt == VMAF_PIX_FMT_YUV400P ? 1 : 3;
    for (unsigned p = 0; p < planes; p++) {
        plane_geometry(fmt, w, h, p, &pic->w[p], &pic->h[p]);
        pic->stride[p] = (ptrdiff_t)(((pic->w[p] + 31u) & ~31u) << (bpc > 8));
        const size_t size = (size_t)pic->stride[p] * pic->h[p];
        /* a separate block per plane lets the sanitizer see a read past a plane */
        pic->data[p] = calloc(1, size ? size : 1);
        if (!pic->data[p]) {
            picture_free(pic);
            return false;
        }
    }
    return true;
}

void picture_free(VmafPicture *pic)
{
    for (unsigned p = 0; p < 3; p++) {
        free(pic->data[p]);
        pic->data[p] = NULL;
    }
}

void picture_fill(VmafPicture *pic, unsigned p, unsigned v)
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

void picture_wrap(VmafPicture *pic, uint8_t *buf, enum VmafPixelFormat fmt, unsigned bpc,
                  unsigned w, unsigned h)
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

/* Skips the rest of a Y4M header line; false at the end of the file. */
static bool skip_line(FILE *f)
{
    int c;
    while ((c = fgetc(f)) != EOF && c != '\n')
        ;
    return c != EOF;
}

bool clip_open(Clip *clip, const char *name)
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
    return !clip->y4m || skip_line(clip->f); /* Y4M stream header: one line */
}

/* Little-endian 16-bit words for > 8 bits (host assumed LE). */
bool clip_read(Clip *clip, VmafPicture *pic)
{
    if (clip->y4m) {
        char tag[5];
        if (fread(tag, 1, 5, clip->f) != 5 || memcmp(tag, "FRAME", 5) || !skip_line(clip->f))
            return false;
    }
    const size_t bytes = pic->bpc > 8 ? 2 : 1;
    const unsigned planes = pic->pix_fmt == VMAF_PIX_FMT_YUV400P ? 1 : 3;
    for (unsigned p = 0; p < planes; p++) {
        for (unsigned i = 0; i < pic->h[p]; i++) {
            uint8_t *line = (uint8_t *)pic->data[p] + (ptrdiff_t)i * pic->stride[p];
            if (fread(line, bytes, pic->w[p], clip->f) != pic->w[p])
                return false;
        }
    }
    return true;
}

void clip_close(Clip *clip)
{
    if (clip->f)
        fclose(clip->f);
    clip->f = NULL;
}

bool pair_open(PairReader *pr, const ClipPair *cp)
{
    memset(pr, 0, sizeof(*pr));
    return clip_open(&pr->ref, cp->ref) && clip_open(&pr->dist, cp->dist) &&
           picture_new(&pr->rp, cp->pix_fmt, cp->bpc, cp->w, cp->h) &&
           picture_new(&pr->dp, cp->pix_fmt, cp->bpc, cp->w, cp->h);
}

bool pair_read(PairReader *pr)
{
    return clip_read(&pr->ref, &pr->rp) && clip_read(&pr->dist, &pr->dp);
}

void pair_close(PairReader *pr)
{
    clip_close(&pr->ref);
    clip_close(&pr->dist);
    picture_free(&pr->rp);
    picture_free(&pr->dp);
}

/* ---- extractor instances --------------------------------------------------- */

/* Allocates priv and stores every option's default, as the core does. */
bool instance_new(Instance *inst, const VmafxFeatureExtractor *fex)
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

const VmafxOption *instance_option(const Instance *inst, const char *name)
{
    for (const VmafxOption *o = inst->fex->options; o && o->name; o++) {
        if (!strcmp(o->name, name))
            return o;
    }
    printf("no option %s\n", name);
    abort();
}

/* The option `name` of type `type` (aborts on another type: a test bug). */
static const VmafxOption *typed_option(const Instance *inst, const char *name,
                                       enum VmafxOptionType type)
{
    const VmafxOption *o = instance_option(inst, name);
    if (o->type != type) {
        printf("option %s has another type\n", name);
        abort();
    }
    return o;
}

bool set_bool(Instance *inst, const char *name, bool v)
{
    const VmafxOption *o = typed_option(inst, name, VMAFX_OPT_BOOL);
    memcpy((uint8_t *)inst->priv + o->offset, &v, sizeof(v));
    return !o->feature_param;
}

bool set_integer(Instance *inst, const char *name, int v)
{
    const VmafxOption *o = typed_option(inst, name, VMAFX_OPT_INT);
    memcpy((uint8_t *)inst->priv + o->offset, &v, sizeof(v));
    return !o->feature_param;
}

bool set_double(Instance *inst, const char *name, double v)
{
    const VmafxOption *o = typed_option(inst, name, VMAFX_OPT_DOUBLE);
    memcpy((uint8_t *)inst->priv + o->offset, &v, sizeof(v));
    return !o->feature_param;
}

bool set_option(Instance *inst, const char *name, const char *text)
{
    const VmafxOption *o = instance_option(inst, name);
    switch (o->type) {
    case VMAFX_OPT_BOOL:
        if (strcmp(text, "true") && strcmp(text, "false")) {
            printf("option %s: %s is not a bool\n", name, text);
            abort();
        }
        return set_bool(inst, name, !strcmp(text, "true"));
    case VMAFX_OPT_INT: return set_integer(inst, name, atoi(text));
    case VMAFX_OPT_DOUBLE: return set_double(inst, name, atof(text));
    case VMAFX_OPT_STRING: break;
    }
    memcpy((uint8_t *)inst->priv + o->offset, &text, sizeof(text));
    return !o->feature_param;
}

void set_options(Instance *inst, const char *const *pairs)
{
    for (const char *const *p = pairs; p && *p; p += 2)
        set_option(inst, p[0], p[1]);
}

void instance_free(Instance *inst)
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
bool run_pair(const ClipPair *cp, unsigned frames, Instance *insts, unsigned n_inst,
              VmafxFexCtx *ctxs)
{
    PairReader pr;
    bool ok = pair_open(&pr, cp);
    for (unsigned i = 0; ok && i < n_inst; i++) {
        const int err = insts[i].fex->init(&ctxs[i], insts[i].priv, cp->pix_fmt, cp->bpc,
                                           cp->w, cp->h);
        if (err) {
            printf("%s init: %d\n", insts[i].fex->name, err);
            ok = false;
        }
    }
    for (unsigned f = 0; ok && f < frames; f++) {
        if (!pair_read(&pr)) {
            printf("read error, frame %u of %s\n", f, cp->dist);
            ok = false;
            break;
        }
        for (unsigned i = 0; ok && i < n_inst; i++) {
            const int err = insts[i].fex->extract(&ctxs[i], insts[i].priv, &pr.rp, &pr.dp, f);
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
    pair_close(&pr);
    return ok;
}

/* ---- golden comparison -------------------------------------------------------- */

GoldenResult golden_compare(VmafxFexCtx *ctx, const char *json, unsigned frame,
                            const char *name, const char *key, GoldenValue *gv)
{
    if (!golden_lookup(json, frame, key, gv->want, sizeof(gv->want)))
        return GOLDEN_ABSENT;
    if (!ctx_get(ctx, name, frame, &gv->value))
        return GOLDEN_UNWRITTEN;
    format_value(gv->got, sizeof(gv->got), gv->value);
    return strcmp(gv->want, gv->got) ? GOLDEN_DIFFERENT : GOLDEN_SAME;
}

unsigned n_compared, n_identical;
double max_abs_diff;

/* Compares the recorded `name` of every frame with the golden `key`. */
void compare_golden(VmafxFexCtx *ctx, const char *json, const char *json_name,
                    unsigned frames, const char *name, const char *key)
{
    unsigned shown = 0;
    for (unsigned f = 0; f < frames; f++) {
        GoldenValue gv;
        const GoldenResult r = golden_compare(ctx, json, f, name, key, &gv);
        n_compared++;
        if (r == GOLDEN_ABSENT || r == GOLDEN_UNWRITTEN) {
            char what[256];
            snprintf(what, sizeof(what), "%s frame %u %s: %s missing", json_name, f, key,
                     r == GOLDEN_ABSENT ? "golden" : "value");
            check(false, what);
            continue;
        }
        const double diff = fabs(strtod(gv.want, NULL) - strtod(gv.got, NULL));
        if (diff > max_abs_diff)
            max_abs_diff = diff;
        n_identical += r == GOLDEN_SAME;
        n_checks++;
        if (r != GOLDEN_SAME) {
            n_failures++;
            if (shown++ < 5)
                printf("FAIL: %s frame %u %s: golden %s, got %s\n", json_name, f, key, gv.want,
                       gv.got);
        }
    }
}
