/*
 * Test harness shared by the extractor unit tests (vif_psnr_test.c,
 * float_features_test.c): stubs of the core's extractor API that record every
 * written value, report-style number formatting, golden JSON lookups, a reader
 * for the test clips, and helpers to run extractor instances over a clip pair.
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
bool golden_lookup(const char *json, unsigned frame, const char *key, char *out,
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

bool clip_open(Clip *clip, const char *name, const ClipPair *cp)
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
bool clip_read(Clip *clip, uint8_t *buf)
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
void picture_wrap(VmafPicture *pic, uint8_t *buf, enum VmafPixelFormat fmt,
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

void set_bool(Instance *inst, const char *name, bool v)
{
    const VmafxOption *o = instance_option(inst, name);
    memcpy((uint8_t *)inst->priv + o->offset, &v, sizeof(v));
}

void set_double(Instance *inst, const char *name, double v)
{
    const VmafxOption *o = instance_option(inst, name);
    memcpy((uint8_t *)inst->priv + o->offset, &v, sizeof(v));
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

unsigned n_compared, n_identical;
double max_abs_diff;

/* Compares the recorded `name` of every frame with the golden `key`. */
void compare_golden(VmafxFexCtx *ctx, const char *json, const char *json_name,
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
