/*
 * Unit test of the integer motion extractor (spec motion-model-reports.md A):
 * worked examples, option behaviour, a direct formula check on random planes
 * (8..16 bits, small odd sizes), and every motion value of the golden reports
 * (per frame and pooled) recomputed from the reference clips.
 *
 * Usage: motion_test [testdata-dir]   (default $VMAFX_TESTDATA or
 * /work/shared/testdata; golden checks are skipped when it is absent)
 *
 * Build: gcc -Iinclude -Isrc tests/unit/motion_test.c tests/unit/stub_feature_store.c
 *        src/pooling.c src/report_format.c src/alias.c -lm
 * The extractor source is included directly so that its internals can be driven;
 * the core's VmafxFexCtx is stubbed on top of the (stub) feature store.
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feature/integer_motion.c"
#include "feature_store.h"
#include "report.h"

static int failures;

#define CHECK(cond, ...)                                          \
    do {                                                          \
        if (!(cond)) {                                            \
            failures++;                                           \
            fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__); \
            fprintf(stderr, __VA_ARGS__);                         \
            fputc('\n', stderr);                                  \
        }                                                         \
    } while (0)

/* ---------------------------------------------------------------- core stubs */

struct VmafxFexCtx {
    VmafxFeatureStore *store;
};

int vmafx_fex_write(VmafxFexCtx *ctx, const char *name, double value, unsigned index)
{
    return vmafx_store_append(ctx->store, name, value, index);
}

int vmafx_fex_read(VmafxFexCtx *ctx, const char *name, unsigned index, double *value)
{
    return vmafx_store_get(ctx->store, name, index, value);
}

int vmafx_fex_write_aggregate(VmafxFexCtx *ctx, const char *name, double value)
{
    return vmafx_store_append_aggregate(ctx->store, name, value);
}

unsigned vmafx_fex_cpu_flags(const VmafxFexCtx *ctx)
{
    (void)ctx;
    return 0;
}

/* One extractor instance, as the core would set it up. */
typedef struct Instance {
    VmafxFexCtx ctx;
    MotionPriv priv;
} Instance;

static void instance_open(Instance *in)
{
    memset(in, 0, sizeof(*in));
    if (vmafx_store_create(&in->ctx.store))
        abort();
    for (const VmafxOption *o = vmafx_fex_motion.options; o->name; o++) {
        char *field = (char *)&in->priv + o->offset;
        switch (o->type) {
        case VMAFX_OPT_BOOL: *(bool *)field = o->def.b; break;
        case VMAFX_OPT_INT: *(int *)field = o->def.i; break;
        case VMAFX_OPT_DOUBLE: *(double *)field = o->def.d; break;
        case VMAFX_OPT_STRING: *(const char **)field = o->def.s; break;
        }
    }
}

static void instance_close(Instance *in)
{
    vmafx_fex_motion.close(&in->priv);
    vmafx_store_destroy(in->ctx.store);
}

static double get(const Instance *in, const char *name, unsigned i)
{
    double v = NAN;
    if (vmafx_store_get(in->ctx.store, name, i, &v))
        return NAN;
    return v;
}

static const char *fmtv(double v)
{
    static char buf[400];
    vmafx_format_value(buf, sizeof(buf), v);
    return buf;
}

/* ---------------------------------------------------------------- A.4 examples */

/* Runs flush on made-up SAD scores and checks motion2 / motion3. */
static void check_flush(const char *what, const double *s, unsigned n, bool mffw, bool mma,
                        double mbf, double mbo, const double *want2, const double *want3)
{
    Instance in;
    instance_open(&in);
    in.priv.five_frame_window = mffw;
    in.priv.moving_average = mma;
    in.priv.blend_factor = mbf;
    in.priv.blend_offset = mbo;
    for (unsigned i = 0; i < n; i++)
        CHECK(!keep_sad(&in.priv, i, s[i]), "%s keep", what);
    CHECK(!vmafx_fex_motion.flush(&in.ctx, &in.priv), "%s flush", what);
    for (unsigned i = 0; i < n; i++) {
        CHECK(get(&in, MOTION2_NAME, i) == want2[i], "%s motion2[%u] = %g, want %g", what, i,
              get(&in, MOTION2_NAME, i), want2[i]);
        CHECK(get(&in, MOTION3_NAME, i) == want3[i], "%s motion3[%u] = %g, want %g", what, i,
              get(&in, MOTION3_NAME, i), want3[i]);
    }
    /* Key order: motion2 is written first. */
    CHECK(!n || !strcmp(vmafx_store_key_name(in.ctx.store, 0), MOTION2_NAME), "%s order", what);
    CHECK(!vmafx_fex_motion.flush(&in.ctx, &in.priv), "%s second flush", what);
    instance_close(&in);
}

static void test_flush_examples(void)
{
    const double s[5] = { 0, 4, 6, 3, 5 };
    check_flush("defaults", s, 5, false, false, 1.0, 40.0,
                (const double[]){ 0, 4, 3, 3, 5 }, (const double[]){ 4, 4, 3, 3, 5 });
    check_flush("mma", s, 5, false, true, 1.0, 40.0,
                (const double[]){ 0, 4, 3, 3, 5 }, (const double[]){ 4, 4, 3.5, 3, 4 });
    check_flush("mffw", (const double[]){ 0, 0, 7, 2, 9 }, 5, true, false, 1.0, 40.0,
                (const double[]){ 0, 0, 2, 7, 9 }, (const double[]){ 7, 7, 2, 7, 9 });
    /* mbf 0.5, mbo 3: x = 5 gives 4; x = 4 gives 3.5; x = 3 gives 3. */
    check_flush("blend", s, 5, false, false, 0.5, 3.0,
                (const double[]){ 0, 4, 3, 3, 5 }, (const double[]){ 3.5, 3.5, 3, 3, 4 });
    check_flush("one frame", (const double[]){ 0 }, 1, false, false, 1.0, 40.0,
                (const double[]){ 0 }, (const double[]){ 0 });
    check_flush("mffw two frames", (const double[]){ 0, 0 }, 2, true, false, 1.0, 40.0,
                (const double[]){ 0, 0 }, (const double[]){ 0, 0 });
    check_flush("none", NULL, 0, false, false, 1.0, 40.0, NULL, NULL);
}

static void fill_picture(VmafPicture *pic, void *data, unsigned bpc, unsigned w, unsigned h)
{
    memset(pic, 0, sizeof(*pic));
    pic->pix_fmt = VMAF_PIX_FMT_YUV400P;
    pic->bpc = bpc;
    pic->w[0] = w;
    pic->h[0] = h;
    pic->stride[0] = (ptrdiff_t)w * (bpc > 8 ? 2 : 1);
    pic->data[0] = data;
}

static void test_pipeline_example(void)
{
    uint8_t prev[12], cur[12];
    memset(prev, 10, sizeof(prev));
    memset(cur, 10, sizeof(cur));
    prev[1 * 4 + 1] = 20;

    Instance in;
    instance_open(&in);
    CHECK(!vmafx_fex_motion.init(&in.ctx, &in.priv, VMAF_PIX_FMT_YUV400P, 8, 4, 3), "init");
    VmafPicture p0, p1;
    fill_picture(&p0, prev, 8, 4, 3);
    fill_picture(&p1, cur, 8, 4, 3);
    CHECK(!vmafx_fex_motion.extract(&in.ctx, &in.priv, &p0, &p0, 0), "extract 0");
    CHECK(!vmafx_fex_motion.extract(&in.ctx, &in.priv, &p1, &p1, 1), "extract 1");
    CHECK(get(&in, SAD_NAME, 0) == 0.0, "sad 0");
    CHECK(get(&in, SAD_NAME, 1) == 4948.0 / 256.0 / 12.0, "sad 1 = %.17g",
          get(&in, SAD_NAME, 1));
    /* Direction check: the vertical pass of the last row (row 2) holds 1250 at column 1. */
    {
        int64_t vrow[4 + 4]; /* VMAFX_MOTION_SCRATCH(4) bytes: the C kernel's last row */
        CHECK(vmafx_motion_blur_sad_c(in.priv.plane[0], in.priv.plane[1], 4, 3, 8, vrow) == 4948,
              "SAD");
        CHECK(vrow[1] == 1250, "V(2,1) = %lld", (long long)vrow[1]);
        CHECK(in.priv.dsp.blur_sad(in.priv.plane[0], in.priv.plane[1], 4, 3, 8,
                                   in.priv.scratch) == 4948, "SAD, chosen kernel");
    }
    CHECK(isnan(get(&in, DEBUG_NAME, 1)), "no debug key by default");
    /* A duplicate index is refused. */
    CHECK(vmafx_fex_motion.extract(&in.ctx, &in.priv, &p1, &p1, 1) == -EINVAL, "dup");
    CHECK(!vmafx_fex_motion.flush(&in.ctx, &in.priv), "flush");
    CHECK(get(&in, MOTION3_NAME, 0) == get(&in, SAD_NAME, 1), "motion3[0] = s1");
    CHECK(get(&in, MOTION2_NAME, 1) == get(&in, SAD_NAME, 1), "last motion2 = s");
    instance_close(&in);

    /* force_zero, debug, fps weight and max value. */
    instance_open(&in);
    in.priv.debug = true;
    in.priv.fps_weight = 2.0;
    in.priv.max_val = 1.5;
    CHECK(!vmafx_fex_motion.init(&in.ctx, &in.priv, VMAF_PIX_FMT_YUV400P, 8, 4, 3), "init");
    vmafx_fex_motion.extract(&in.ctx, &in.priv, &p0, &p0, 0);
    vmafx_fex_motion.extract(&in.ctx, &in.priv, &p1, &p1, 1);
    CHECK(get(&in, SAD_NAME, 1) == 1.5 && get(&in, DEBUG_NAME, 1) == 1.5, "clamp + debug");
    CHECK(!strcmp(vmafx_store_key_name(in.ctx.store, 1), DEBUG_NAME), "debug after sad");
    instance_close(&in);

    instance_open(&in);
    in.priv.force_zero = true;
    CHECK(!vmafx_fex_motion.init(&in.ctx, &in.priv, VMAF_PIX_FMT_YUV400P, 8, 4, 3), "init");
    vmafx_fex_motion.extract(&in.ctx, &in.priv, &p0, &p0, 0);
    vmafx_fex_motion.extract(&in.ctx, &in.priv, &p1, &p1, 1);
    vmafx_fex_motion.flush(&in.ctx, &in.priv);
    CHECK(get(&in, SAD_NAME, 1) == 0 && get(&in, MOTION2_NAME, 1) == 0 &&
          get(&in, MOTION3_NAME, 0) == 0, "force_zero");
    instance_close(&in);

    /* Geometry and index rules. */
    instance_open(&in);
    CHECK(vmafx_fex_motion.init(&in.ctx, &in.priv, VMAF_PIX_FMT_YUV400P, 8, 2, 3) == -EINVAL,
          "W < 3");
    instance_close(&in);
    instance_open(&in);
    CHECK(vmafx_fex_motion.init(&in.ctx, &in.priv, VMAF_PIX_FMT_YUV400P, 8, 3, 2) == -EINVAL,
          "H < 3");
    instance_close(&in);
    instance_open(&in);
    CHECK(!vmafx_fex_motion.init(&in.ctx, &in.priv, VMAF_PIX_FMT_YUV400P, 8, 4, 3), "init");
    CHECK(vmafx_fex_motion.extract(&in.ctx, &in.priv, &p0, &p0, 1) == -EINVAL,
          "first index 1");
    CHECK(!vmafx_fex_motion.extract(&in.ctx, &in.priv, &p0, &p0, 0), "then index 0");
    instance_close(&in);
}

/* ---------------------------------------------------------------- formula check */

static unsigned long long rng_state = 88172645463325252ull;
static unsigned rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (unsigned)(rng_state >> 16);
}

static int mirror_ref(int i, int n)
{
    return i < 0 ? -i : i >= n ? 2 * n - 2 - i : i;
}

static long long floor_div_pow2(long long a, unsigned s)
{
    const long long d = 1ll << s;
    long long q = a / d;
    if (a % d != 0 && a < 0)
        q--;
    return q;
}

/* The A.3 formula written out directly, with explicit floor division. */
static unsigned long long reference_sad(const uint16_t *p, const uint16_t *c, int w, int h,
                                        unsigned b)
{
    static const long long t[5] = { 3571, 16004, 26386, 16004, 3571 };
    long long *v = malloc((size_t)w * (size_t)h * sizeof(*v));
    if (!v)
        abort();
    for (int r = 0; r < h; r++)
        for (int x = 0; x < w; x++) {
            long long acc = 0;
            for (int k = 0; k < 5; k++) {
                const int rr = mirror_ref(r + k - 2, h);
                acc += t[k] * ((long long)p[rr * w + x] - c[rr * w + x]);
            }
            v[r * w + x] = floor_div_pow2(acc + (1ll << (b - 1)), b);
        }
    unsigned long long sad = 0;
    for (int r = 0; r < h; r++)
        for (int x = 0; x < w; x++) {
            long long acc = 0;
            for (int k = 0; k < 5; k++)
                acc += t[k] * v[r * w + mirror_ref(x + k - 2, w)];
            const long long hz = floor_div_pow2(acc + 32768, 16);
            sad += (unsigned long long)(hz < 0 ? -hz : hz);
        }
    free(v);
    return sad;
}

static void test_random_planes(void)
{
    unsigned checked = 0;
    for (unsigned iter = 0; iter < 300; iter++) {
        const unsigned b = 8 + iter % 9;
        const unsigned w = 3 + rnd() % 18, h = 3 + rnd() % 18;
        const unsigned maxv = (1u << b) - 1;
        uint16_t *p16 = malloc((size_t)w * h * 2), *c16 = malloc((size_t)w * h * 2);
        uint8_t *p8 = malloc((size_t)w * h), *c8 = malloc((size_t)w * h);
        if (!p16 || !c16 || !p8 || !c8)
            abort();
        for (unsigned i = 0; i < w * h; i++) {
            /* Extremes are frequent: they stress the accumulator widths. */
            const unsigned kind = rnd() % 4;
            p16[i] = (uint16_t)(kind == 0 ? maxv : kind == 1 ? 0 : rnd() % (maxv + 1));
            c16[i] = (uint16_t)(kind == 0 ? 0 : kind == 1 ? maxv : rnd() % (maxv + 1));
            p8[i] = (uint8_t)p16[i];
            c8[i] = (uint8_t)c16[i];
        }
        Instance in;
        instance_open(&in);
        CHECK(!vmafx_fex_motion.init(&in.ctx, &in.priv, VMAF_PIX_FMT_YUV400P, b, w, h),
              "init");
        VmafPicture pp, pc;
        fill_picture(&pp, b > 8 ? (void *)p16 : (void *)p8, b, w, h);
        fill_picture(&pc, b > 8 ? (void *)c16 : (void *)c8, b, w, h);
        CHECK(!vmafx_fex_motion.extract(&in.ctx, &in.priv, &pp, &pp, 0), "extract");
        CHECK(!vmafx_fex_motion.extract(&in.ctx, &in.priv, &pc, &pc, 1), "extract");
        const unsigned long long want = reference_sad(p16, c16, (int)w, (int)h, b);
        const double s = (((double)want / 256.0) / (double)(w * h)) * 1.0;
        CHECK(get(&in, SAD_NAME, 1) == (s < 10000.0 ? s : 10000.0),
              "random b=%u %ux%u: %.17g want %.17g", b, w, h, get(&in, SAD_NAME, 1), s);
        checked++;
        instance_close(&in);
        free(p16);
        free(c16);
        free(p8);
        free(c8);
    }
    printf("formula: %u random planes (8..16 bits, 3..20 samples) checked\n", checked);
}

/* ---------------------------------------------------------------- golden */

typedef struct Clip {
    unsigned w, h, bpc, frames;
    size_t frame_bytes, luma_offset; /* per-frame stride in the file, luma start */
    long data_start;
    bool y4m;
} Clip;

/* Geometry from a file name such as cockatoo_576x324_420p8_ref.yuv. */
static bool clip_from_name(const char *name, Clip *c)
{
    const char *p = strchr(name, '_');
    unsigned chroma;
    if (!p || sscanf(p + 1, "%ux%u_%up%u", &c->w, &c->h, &chroma, &c->bpc) != 4)
        return false;
    const size_t bps = c->bpc > 8 ? 2 : 1;
    const size_t luma = (size_t)c->w * c->h;
    const size_t cw = chroma == 444 ? c->w : (c->w + 1) / 2;
    const size_t ch = chroma == 420 ? (c->h + 1) / 2 : c->h;
    c->frame_bytes = (luma + 2 * cw * ch) * bps;
    c->y4m = strstr(name, ".y4m") != NULL;
    return true;
}

/* Reads the luma plane of one frame (raw .yuv or .y4m) into buf. */
static bool read_luma(FILE *f, const Clip *c, unsigned frame, void *buf)
{
    const size_t bps = c->bpc > 8 ? 2 : 1;
    long pos;
    if (c->y4m) {
        /* Every FRAME line here is exactly "FRAME\n". */
        pos = c->data_start + (long)frame * (long)(c->frame_bytes + 6) + 6;
    } else {
        pos = (long)frame * (long)c->frame_bytes;
    }
    return !fseek(f, pos, SEEK_SET) &&
           fread(buf, bps, (size_t)c->w * c->h, f) == (size_t)c->w * c->h;
}

/* Text of the value printed for `key` in frame i of a golden JSON (or NULL). */
static bool golden_frame_value(const char *json, unsigned i, const char *key, char *out,
                               size_t size)
{
    char pat[320];
    snprintf(pat, sizeof(pat), "\"frameNum\": %u,", i);
    const char *f = strstr(json, pat);
    if (!f)
        return false;
    const char *next = strstr(f + 1, "\"frameNum\": ");
    if (!next)
        next = strstr(f, "\"pooled_metrics\"");
    snprintf(pat, sizeof(pat), "\"%s\": ", key);
    const char *v = strstr(f, pat);
    if (!v || (next && v > next))
        return false;
    v += strlen(pat);
    size_t n = strcspn(v, ",\n ");
    if (n >= size)
        return false;
    memcpy(out, v, n);
    out[n] = '\0';
    return true;
}

static bool golden_pooled_value(const char *json, const char *key, const char *method,
                                char *out, size_t size)
{
    char pat[320];
    const char *p = strstr(json, "\"pooled_metrics\"");
    snprintf(pat, sizeof(pat), "\"%s\": {", key);
    p = p ? strstr(p, pat) : NULL;
    snprintf(pat, sizeof(pat), "\"%s\": ", method);
    p = p ? strstr(p, pat) : NULL;
    if (!p)
        return false;
    p += strlen(pat);
    size_t n = strcspn(p, ",\n ");
    if (n >= size)
        return false;
    memcpy(out, p, n);
    out[n] = '\0';
    return true;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        buf[n] = '\0';
    fclose(f);
    return buf;
}

static unsigned golden_compared, golden_files;

/* Runs motion on the reference clip of one golden report and compares. */
static void check_golden(const char *testdata, const char *json_name, const char *json,
                         const char *suffix, double max_val)
{
    /* "<content>_<geom>_<fmt>_<dist>.<ext>.<kind>.json" -> "<content>_<geom>_<fmt>_ref.<ext>" */
    char ref[512], path[1024];
    snprintf(ref, sizeof(ref), "%s", json_name);
    char *ext = strchr(ref, '.');
    char *us = ext ? memrchr(ref, '_', (size_t)(ext - ref)) : NULL;
    if (!us)
        return;
    const char *kind = strstr(ext, ".y4m") == ext ? ".y4m" : ".yuv";
    snprintf(us, sizeof(ref) - (size_t)(us - ref), "_ref%s", kind);

    Clip c;
    memset(&c, 0, sizeof(c));
    CHECK(clip_from_name(ref, &c), "%s: geometry", ref);
    snprintf(path, sizeof(path), "%s/%s", testdata, ref);
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL, "cannot open %s", path);
    if (!f)
        return;
    if (c.y4m) {
        char line[512];
        if (!fgets(line, sizeof(line), f))
            abort();
        c.data_start = (long)strlen(line);
    }
    fseek(f, 0, SEEK_END);
    const long size = ftell(f);
    c.frames = (unsigned)((size - c.data_start) / (long)(c.frame_bytes + (c.y4m ? 6 : 0)));

    Instance in;
    instance_open(&in);
    in.priv.max_val = max_val;
    CHECK(!vmafx_fex_motion.init(&in.ctx, &in.priv, VMAF_PIX_FMT_YUV420P, c.bpc, c.w, c.h),
          "init");
    void *buf = malloc((size_t)c.w * c.h * 2);
    if (!buf)
        abort();
    for (unsigned i = 0; i < c.frames; i++) {
        VmafPicture pic;
        CHECK(read_luma(f, &c, i, buf), "%s: frame %u", ref, i);
        fill_picture(&pic, buf, c.bpc, c.w, c.h);
        CHECK(!vmafx_fex_motion.extract(&in.ctx, &in.priv, &pic, &pic, i), "extract %u", i);
    }
    CHECK(!vmafx_fex_motion.flush(&in.ctx, &in.priv), "flush");
    free(buf);
    fclose(f);

    static const struct {
        const char *key, *printed;
    } outs[] = {
        { SAD_NAME, "VMAF_integer_feature_motion_sad_score" },
        { MOTION2_NAME, "integer_motion2" },
        { MOTION3_NAME, "integer_motion3" },
    };
    static const struct {
        enum VmafPoolingMethod m;
        const char *name;
    } methods[] = {
        { VMAF_POOL_METHOD_MIN, "min" },
        { VMAF_POOL_METHOD_MAX, "max" },
        { VMAF_POOL_METHOD_MEAN, "mean" },
        { VMAF_POOL_METHOD_HARMONIC_MEAN, "harmonic_mean" },
    };
    char printed[256], want[400];
    unsigned frames_in_json = 0;
    for (size_t o = 0; o < 3; o++) {
        snprintf(printed, sizeof(printed), "%s%s", outs[o].printed, suffix);
        for (unsigned i = 0; i < c.frames; i++) {
            if (!golden_frame_value(json, i, printed, want, sizeof(want))) {
                CHECK(0, "%s: no %s at %u", json_name, printed, i);
                continue;
            }
            frames_in_json = i + 1;
            const char *got = fmtv(get(&in, outs[o].key, i));
            CHECK(!strcmp(got, want), "%s: %s[%u] = %s, want %s", json_name, printed, i, got,
                  want);
            golden_compared++;
        }
        int k = -1;
        for (unsigned j = 0; j < vmafx_store_key_count(in.ctx.store); j++)
            if (!strcmp(vmafx_store_key_name(in.ctx.store, j), outs[o].key))
                k = (int)j;
        for (size_t m = 0; m < 4 && k >= 0; m++) {
            double v;
            CHECK(!vmafx_pool_key(in.ctx.store, (unsigned)k, methods[m].m, 0, c.frames - 1, 0,
                                  &v), "pool");
            CHECK(golden_pooled_value(json, printed, methods[m].name, want, sizeof(want)),
                  "%s: no pooled %s", json_name, printed);
            CHECK(!strcmp(fmtv(v), want), "%s: pooled %s %s = %s, want %s", json_name,
                  printed, methods[m].name, fmtv(v), want);
            golden_compared++;
        }
    }
    CHECK(frames_in_json == c.frames, "%s: %u frames in clip, %u in report", json_name,
          c.frames, frames_in_json);
    golden_files++;
    instance_close(&in);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcmp(s + a - b, suffix);
}

static void test_golden(const char *testdata)
{
    char dir[1024], path[2048];
    snprintf(dir, sizeof(dir), "%s/golden", testdata);
    DIR *d = opendir(dir);
    if (!d) {
        printf("golden: %s not found, skipped\n", dir);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!ends_with(e->d_name, ".json"))
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        char *json = slurp(path);
        if (!json)
            abort();
        if (strstr(json, "\"VMAF_integer_feature_motion_sad_score\": "))
            check_golden(testdata, e->d_name, json, "", 10000.0);
        if (strstr(json, "\"VMAF_integer_feature_motion_sad_score_mmxv_18\": "))
            check_golden(testdata, e->d_name, json, "_mmxv_18", 18.0);
        free(json);
    }
    closedir(d);
    printf("golden: %u motion runs, %u printed values (per frame and pooled) compared\n",
           golden_files, golden_compared);
    CHECK(golden_files > 0, "no golden motion values found");
}

int main(int argc, char **argv)
{
    const char *testdata = argc > 1 ? argv[1] : getenv("VMAFX_TESTDATA");
    if (!testdata)
        testdata = "/work/shared/testdata";

    test_flush_examples();
    test_pipeline_example();
    test_random_planes();
    test_golden(testdata);

    if (failures) {
        fprintf(stderr, "motion_test: %d failure(s)\n", failures);
        return 1;
    }
    printf("motion_test: all passed\n");
    return 0;
}
