/*
 * Unit test of the CAMBI ("cambi") and SpEED ("speed_chroma", "speed_temporal")
 * extractors.
 *
 * Checks the spec's intermediate check values (visibility thresholds, window
 * sizes, mask thresholds, reciprocal table, SpEED filters), compares every
 * per-frame value of cambi (default and VMAF v1 options) and speed_chroma (v1
 * options) on several clips with the golden JSON text at the printed precision,
 * and exercises the error paths and speed_temporal.
 *
 * Build (from the repository root):
 *   gcc -std=c11 -D_GNU_SOURCE -O2 -Iinclude -Isrc tests/unit/cambi_speed_test.c \
 *       src/feature/cambi.c src/feature/cambi_picture.c src/feature/speed.c \
 *       src/feature/speed_chroma.c src/feature/speed_temporal.c \
 *       src/feature/speed_linalg.c src/feature/speed_resample.c -lm -o cambi_speed_test
 * Run: ./cambi_speed_test [testdata-dir]  (default $VMAFX_TESTDATA or
 *      /work/shared/testdata). Exit status 0 when every check passed.
 *
 * The core functions the extractors call are stubbed here and record values.
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feature/cambi_internal.h"
#include "feature/extractor.h"
#include "feature/extractors.h"
#include "feature/speed_internal.h"
#include "feature_store.h"
#include "fex_instance.h"

/* ---- stubs of the core: the "store" is a record list -------------------- */

typedef struct Record {
    char name[96];
    unsigned index;
    double value;
} Record;

typedef struct Recorder {
    Record *recs;
    size_t count, cap;
} Recorder;

int vmafx_store_append(VmafxFeatureStore *store, const char *key, double value, unsigned index)
{
    Recorder *r = (Recorder *)store;
    for (size_t i = 0; i < r->count; i++)
        if (r->recs[i].index == index && !strcmp(r->recs[i].name, key))
            return -EINVAL;
    if (strlen(key) >= sizeof(r->recs[0].name))
        return -EINVAL;
    if (r->count == r->cap) {
        const size_t cap = r->cap ? 2 * r->cap : 256;
        Record *recs = realloc(r->recs, cap * sizeof(*recs));
        if (!recs)
            return -ENOMEM;
        r->recs = recs;
        r->cap = cap;
    }
    Record *rec = &r->recs[r->count++];
    strcpy(rec->name, key);
    rec->index = index;
    rec->value = value;
    return 0;
}

int vmafx_fex_write(VmafxFexCtx *ctx, const char *name, double value, unsigned index)
{
    return vmafx_store_append(ctx->inst->store, name, value, index);
}

int vmafx_fex_write_unsuffixed(VmafxFexCtx *ctx, const char *name, double value,
                               unsigned index)
{
    return vmafx_store_append(ctx->inst->store, name, value, index);
}

int vmafx_fex_write_aggregate(VmafxFexCtx *ctx, const char *name, double value)
{
    return vmafx_store_append(ctx->inst->store, name, value, ~0u);
}

int vmafx_fex_read(VmafxFexCtx *ctx, const char *name, unsigned index, double *value)
{
    const Recorder *r = (const Recorder *)ctx->inst->store;
    for (size_t i = 0; i < r->count; i++)
        if (r->recs[i].index == index && !strcmp(r->recs[i].name, name)) {
            *value = r->recs[i].value;
            return 0;
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
        fprintf(stderr, "FAIL: %s\n", what);
    }
}

/* ---- extractor harness ---------------------------------------------------- */

typedef struct Harness {
    const VmafxFeatureExtractor *fex;
    void *priv;
    Recorder rec;
    VmafxFexInstance inst;
    VmafxFexCtx ctx;
    bool inited;
} Harness;

/* Applies the option defaults, then "name=value" overrides (value parsed like the core). */
static int harness_open(Harness *h, const VmafxFeatureExtractor *fex, const char *const *opts)
{
    memset(h, 0, sizeof(*h));
    h->fex = fex;
    h->priv = calloc(1, fex->priv_size);
    if (!h->priv)
        return -ENOMEM;
    h->inst.store = (VmafxFeatureStore *)&h->rec;
    h->ctx.inst = &h->inst;
    for (const VmafxOption *o = fex->options; o && o->name; o++) {
        char *f = (char *)h->priv + o->offset;
        const char *text = NULL;
        for (const char *const *p = opts; p && *p; p += 2)
            if (!strcmp(p[0], o->name))
                text = p[1];
        switch (o->type) {
        case VMAFX_OPT_BOOL: *(bool *)f = text ? !strcmp(text, "true") : o->def.b; break;
        case VMAFX_OPT_INT: *(int *)f = text ? atoi(text) : o->def.i; break;
        case VMAFX_OPT_DOUBLE: *(double *)f = text ? atof(text) : o->def.d; break;
        case VMAFX_OPT_STRING: *(const char **)f = text ? text : o->def.s; break;
        }
    }
    return 0;
}

static int harness_init(Harness *h, enum VmafPixelFormat fmt, unsigned bpc, unsigned w,
                        unsigned hh)
{
    const int err = h->fex->init(&h->ctx, h->priv, fmt, bpc, w, hh);
    h->inited = true; /* close must accept a failed init */
    return err;
}

static void harness_close(Harness *h)
{
    if (h->fex && h->fex->close && h->priv)
        h->fex->close(h->priv);
    free(h->priv);
    free(h->rec.recs);
    memset(h, 0, sizeof(*h));
}

static bool harness_get(const Harness *h, const char *name, unsigned index, double *v)
{
    for (size_t i = 0; i < h->rec.count; i++)
        if (h->rec.recs[i].index == index && !strcmp(h->rec.recs[i].name, name)) {
            *v = h->rec.recs[i].value;
            return true;
        }
    return false;
}

/* ---- pictures ------------------------------------------------------------- */

static void pic_free(VmafPicture *p)
{
    for (int i = 0; i < 3; i++)
        free(p->data[i]);
    memset(p, 0, sizeof(*p));
}

static int pic_alloc(VmafPicture *p, enum VmafPixelFormat fmt, unsigned bpc, unsigned w,
                     unsigned h)
{
    memset(p, 0, sizeof(*p));
    p->pix_fmt = fmt;
    p->bpc = bpc;
    const unsigned sx = fmt == VMAF_PIX_FMT_YUV420P || fmt == VMAF_PIX_FMT_YUV422P;
    const unsigned sy = fmt == VMAF_PIX_FMT_YUV420P;
    for (int i = 0; i < 3; i++) {
        if (i && fmt == VMAF_PIX_FMT_YUV400P)
            break;
        p->w[i] = i ? (w + sx) >> sx : w;
        p->h[i] = i ? (h + sy) >> sy : h;
        p->stride[i] = (ptrdiff_t)p->w[i] << (bpc > 8);
        p->data[i] = calloc((size_t)p->stride[i], p->h[i]);
        if (!p->data[i]) {
            pic_free(p);
            return -ENOMEM;
        }
    }
    return 0;
}

/* Reads frame `n` of a raw planar file into p (allocated). */
static bool read_frame(const char *path, VmafPicture *p, unsigned n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t frame = 0;
    for (int i = 0; i < 3 && p->data[i]; i++)
        frame += (size_t)p->stride[i] * p->h[i];
    bool ok = fseek(f, (long)(frame * n), SEEK_SET) == 0;
    for (int i = 0; ok && i < 3 && p->data[i]; i++)
        ok = fread(p->data[i], (size_t)p->stride[i] * p->h[i], 1, f) == 1;
    fclose(f);
    return ok;
}

/* ---- golden JSON (text lookup) ------------------------------------------- */

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    const long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = n > 0 ? malloc((size_t)n + 1) : NULL;
    if (s && fread(s, (size_t)n, 1, f) == 1)
        s[n] = '\0';
    else {
        free(s);
        s = NULL;
    }
    fclose(f);
    return s;
}

static bool golden_lookup(const char *json, unsigned frame, const char *key, char *out,
                          size_t size)
{
    char pat[128];
    snprintf(pat, sizeof(pat), "\"frameNum\": %u,", frame);
    const char *p = strstr(json, pat);
    if (!p)
        return false;
    const char *end = strstr(p + 1, "\"frameNum\"");
    snprintf(pat, sizeof(pat), "\"%s\": ", key);
    const char *k = strstr(p, pat);
    if (!k || (end && k > end))
        return false;
    k += strlen(pat);
    size_t n = strcspn(k, ",\n}");
    if (n >= size)
        return false;
    memcpy(out, k, n);
    out[n] = '\0';
    return true;
}

/* Formats like the report writers: %.6f, or 10 significant digits below 1e-6. */
static void format_value(double v, char *out, size_t size)
{
    if (v != 0.0 && fabs(v) < 1e-6)
        snprintf(out, size, "%.10g", v);
    else
        snprintf(out, size, "%.6f", v);
    /* the JSON writer drops trailing zeros */
    if (strchr(out, '.') && !strchr(out, 'e')) {
        size_t n = strlen(out);
        while (n > 1 && out[n - 1] == '0')
            out[--n] = '\0';
        if (out[n - 1] == '.')
            out[--n] = '\0';
    }
}

static bool same_number(const char *a, const char *b)
{
    return !strcmp(a, b) || strtod(a, NULL) == strtod(b, NULL);
}

/* ---- check values ------------------------------------------------------- */

static void test_cambi_constants(void)
{
    static const int bt1886[7] = { 0, 178, 305, 432, 559, 686, 813 };
    static const int pq[3] = { 0, 233, 1023 };
    Harness h;
    const char *const o1[] = { "max_log_contrast", "5", "cambi_vis_lum_threshold", "0.06", NULL };
    if (harness_open(&h, &vmafx_fex_cambi, o1))
        return;
    check(harness_init(&h, VMAF_PIX_FMT_YUV420P, 8, 576, 324) == 0, "cambi init 576x324");
    const CambiState *st = h.priv;
    for (int d = 1; d <= 6; d++)
        check(st->thr[d] == bt1886[d], "bt1886 T(d)");
    for (int d = 7; d <= 32; d++)
        check(st->thr[d] == 1023, "bt1886 T(7..32)");
    check(st->vlt_luma == 78, "vlt_luma 0.06 bt1886");
    check(st->enc.ws == 9 && st->enc.theta == 16, "576x324 window 9, theta 16");
    check(st->rcp[82] != 1.0f / 82.0f && st->rcp[83] != 1.0f / 83.0f, "rcp decimal rule");
    check(st->rcp[81] == 1.0f / 81.0f && st->rcp[0] == 0.0f, "rcp plain");
    harness_close(&h);

    const char *const o2[] = { "eotf", "pq", "cambi_vis_lum_threshold", "0.06", NULL };
    harness_open(&h, &vmafx_fex_cambi, o2);
    check(harness_init(&h, VMAF_PIX_FMT_YUV420P, 8, 1920, 1080) == 0, "cambi init pq");
    st = h.priv;
    check(st->thr[1] == pq[1] && st->thr[2] == pq[2], "pq T(d)");
    check(st->vlt_luma == 108, "vlt_luma 0.06 pq");
    check(st->enc.ws == 33 && st->enc.theta == 21, "1920x1080 window 33, theta 21");
    harness_close(&h);

    const char *const o3[] = { "cambi_high_res_speedup", "1080", NULL };
    harness_open(&h, &vmafx_fex_cambi, o3);
    check(harness_init(&h, VMAF_PIX_FMT_YUV420P, 8, 1920, 1080) == 0, "cambi init hrs");
    st = h.priv;
    check(st->hrs && st->enc.ws == 17, "hrs 1080 window 17");
    harness_close(&h);
    harness_open(&h, &vmafx_fex_cambi, o3);
    check(harness_init(&h, VMAF_PIX_FMT_YUV420P, 8, 1280, 720) == 0, "cambi init hrs small");
    st = h.priv;
    check(!st->hrs && st->enc.ws == 21 && st->enc.theta == 19, "hrs inactive at 720p");
    harness_close(&h);
}

static void test_speed_constants(void)
{
    static const uint32_t aa[5] = { 0x3d9aedc6, 0x3dcaf6b8, 0x3df6259e, 0x3e0a2cd8, 0x3e0f9c33 };
    static const uint32_t lm[2] = { 0x3e2a5f21, 0x3f2ad06f };
    SpeedParams p = { 1.0, 1.0, "nearest", 0.19, 0.1, 45.0, 5, false };
    SpeedModel m;
    memset(&m, 0, sizeof(m));
    check(vmafx_speed_model_init(&m, &p, 288, 162) == 0, "speed model 288x162");
    check(m.n_aa == 9 && m.n_lm == 3, "filter sizes");
    for (unsigned i = 0; i < 9; i++) {
        uint32_t bits;
        memcpy(&bits, &m.g_aa[i], 4);
        check(bits == aa[i < 5 ? i : 8 - i], "G_aa taps");
    }
    for (unsigned i = 0; i < 3; i++) {
        uint32_t bits;
        memcpy(&bits, &m.g_lm[i], 4);
        check(bits == lm[i < 2 ? i : 2 - i], "G_lm taps");
    }
    check(m.wt == 15 && m.ht == 10 && m.blocks == 6 && m.sw == 11 && m.sh == 6,
          "576x324 chroma geometry");
    check(m.base == 45.89414978027344f, "v1 base");
    vmafx_speed_model_close(&m);

    p.kernelscale = 0.3;
    check(vmafx_speed_model_init(&m, &p, 288, 162) == -EINVAL, "unknown kernel scale");
    p.kernelscale = 2.0;
    check(vmafx_speed_model_init(&m, &p, 288, 162) == 0 && m.n_aa == 19 && m.n_lm == 5,
          "ks 2 sizes");
    vmafx_speed_model_close(&m);
    p.kernelscale = 1.0;
    p.prescale_method = "area";
    p.prescale = 0.5;
    check(vmafx_speed_model_init(&m, &p, 288, 162) == -EINVAL, "unknown prescale method");
    p.prescale_method = "bilinear";
    check(vmafx_speed_model_init(&m, &p, 160, 90) == -EINVAL, "plane too small after prescale");
    p.prescale = 1.0005;
    check(vmafx_speed_model_init(&m, &p, 1920, 1080) == -EINVAL, "prescale near 1 resizing");

    /* eigenvalues of a diagonal matrix are its diagonal; solve of the identity */
    float k[SPEED_DIM][SPEED_DIM] = { { 0 } }, lam[SPEED_DIM], y[SPEED_DIM], x[SPEED_DIM];
    for (unsigned i = 0; i < SPEED_DIM; i++) {
        k[i][i] = 1.0f + (float)i;
        y[i] = 2.0f * (1.0f + (float)i);
    }
    vmafx_speed_eigenvalues(k, lam);
    bool ok = true;
    for (unsigned i = 0; i < SPEED_DIM; i++)
        ok = ok && lam[i] == 1.0f + (float)i;
    check(ok, "diagonal eigenvalues");
    check(vmafx_speed_solve(k, y, 1, x) == 0, "diagonal solve");
    ok = true;
    for (unsigned i = 0; i < SPEED_DIM; i++)
        ok = ok && fabsf(x[i] - 2.0f) < 1e-5f;
    check(ok, "diagonal solution");
}

/* ---- golden comparisons --------------------------------------------------- */

typedef struct Clip {
    const char *ref, *dist, *golden;
    enum VmafPixelFormat fmt;
    unsigned bpc, w, h, frames;
} Clip;

static const Clip clips[] = {
    { "cockatoo_576x324_420p8_ref.yuv", "cockatoo_576x324_420p8_x264crf38.yuv",
      "cockatoo_576x324_420p8_x264crf38.yuv", VMAF_PIX_FMT_YUV420P, 8, 576, 324, 12 },
    { "cockatoo_576x324_420p8_ref.yuv", "cockatoo_576x324_420p8_ref.yuv",
      "cockatoo_576x324_420p8_ref.yuv", VMAF_PIX_FMT_YUV420P, 8, 576, 324, 12 },
    { "city_320x180_420p10_ref.yuv", "city_320x180_420p10_x265crf30.yuv",
      "city_320x180_420p10_x265crf30.yuv", VMAF_PIX_FMT_YUV420P, 10, 320, 180, 6 },
    { "birds_320x180_422p8_ref.yuv", "birds_320x180_422p8_x264crf35.yuv",
      "birds_320x180_422p8_x264crf35.yuv", VMAF_PIX_FMT_YUV422P, 8, 320, 180, 6 },
    { "dog_320x180_420p16_ref.yuv", "dog_320x180_420p16_j2kcl150.yuv",
      "dog_320x180_420p16_j2kcl150.yuv", VMAF_PIX_FMT_YUV420P, 16, 320, 180, 4 },
};

typedef struct Variant {
    const VmafxFeatureExtractor *fex;
    const char *const *opts;
    const char *suffix_json; /* "default" or "v1" */
    const char *names[3];    /* output names */
    const char *keys[3];     /* golden keys */
} Variant;

static const char *const cambi_v1_opts[] = { "cambi_high_res_speedup", "1080",
                                             "cambi_vis_lum_threshold", "0.06",
                                             "cambi_max_val", "17", NULL };
static const char *const speed_v1_opts[] = { "speed_nn_floor", "0.1", "speed_sigma_nn", "0.19",
                                             "speed_weight_var_mode", "5", "speed_max_val", "45",
                                             NULL };

static const Variant variants[] = {
    { &vmafx_fex_cambi, NULL, "default", { "Cambi_feature_cambi_score" }, { "cambi" } },
    { &vmafx_fex_cambi, cambi_v1_opts, "v1", { "Cambi_feature_cambi_score" },
      { "cambi_hrs_1080_cmxv_17_vlt_0.06" } },
    { &vmafx_fex_speed_chroma, speed_v1_opts, "v1",
      { "Speed_chroma_feature_speed_chroma_u_score", "Speed_chroma_feature_speed_chroma_v_score",
        "Speed_chroma_feature_speed_chroma_uv_score" },
      { "speed_chroma_u_mxv_45_nnf_0.1_snn_0.19_wvm_5",
        "speed_chroma_v_mxv_45_nnf_0.1_snn_0.19_wvm_5",
        "speed_chroma_uv_mxv_45_nnf_0.1_snn_0.19_wvm_5" } },
};

static unsigned n_golden, n_golden_same;
static double max_diff;

static void test_golden(const char *dir, const Clip *c, const Variant *v)
{
    char path[1024], rpath[1024], dpath[1024], got[64], want[64];
    snprintf(path, sizeof(path), "%s/golden/%s.%s.json", dir, c->golden, v->suffix_json);
    snprintf(rpath, sizeof(rpath), "%s/%s", dir, c->ref);
    snprintf(dpath, sizeof(dpath), "%s/%s", dir, c->dist);
    char *json = slurp(path);
    if (!json) {
        fprintf(stderr, "skip: %s\n", path);
        return;
    }
    VmafPicture ref, dist;
    Harness h;
    if (pic_alloc(&ref, c->fmt, c->bpc, c->w, c->h) ||
        pic_alloc(&dist, c->fmt, c->bpc, c->w, c->h) || harness_open(&h, v->fex, v->opts)) {
        check(false, "allocation");
        free(json);
        return;
    }
    check(harness_init(&h, c->fmt, c->bpc, c->w, c->h) == 0, "init for golden clip");
    for (unsigned n = 0; n < c->frames; n++) {
        if (!read_frame(rpath, &ref, n) || !read_frame(dpath, &dist, n)) {
            check(false, "read frame");
            break;
        }
        check(v->fex->extract(&h.ctx, h.priv, &ref, &dist, n) == 0, "extract");
        for (unsigned k = 0; k < 3 && v->names[k]; k++) {
            double val;
            if (!golden_lookup(json, n, v->keys[k], want, sizeof(want)))
                continue;
            if (!harness_get(&h, v->names[k], n, &val)) {
                check(false, "value written");
                continue;
            }
            format_value(val, got, sizeof(got));
            n_golden++;
            const double diff = fabs(val - strtod(want, NULL));
            if (diff > max_diff)
                max_diff = diff;
            if (same_number(got, want))
                n_golden_same++;
            else
                fprintf(stderr, "FAIL: %s frame %u %s: got %s, golden %s\n", c->golden, n,
                        v->keys[k], got, want);
            check(same_number(got, want), "golden value");
        }
    }
    harness_close(&h);
    pic_free(&ref);
    pic_free(&dist);
    free(json);
}

/* ---- error paths and speed_temporal --------------------------------------- */

static void test_errors(void)
{
    Harness h;
    harness_open(&h, &vmafx_fex_cambi, NULL);
    check(harness_init(&h, VMAF_PIX_FMT_YUV420P, 8, 176, 144) == -EINVAL, "cambi 176x144");
    harness_close(&h);
    const char *const hm[] = { "heatmaps_path", "/tmp/x", NULL };
    harness_open(&h, &vmafx_fex_cambi, hm);
    check(harness_init(&h, VMAF_PIX_FMT_YUV420P, 8, 576, 324) == -EINVAL, "heatmaps rejected");
    harness_close(&h);
    const char *const eo[] = { "cambi_eotf", "hlg", NULL };
    harness_open(&h, &vmafx_fex_cambi, eo);
    check(harness_init(&h, VMAF_PIX_FMT_YUV420P, 8, 576, 324) == -EINVAL, "unknown eotf");
    harness_close(&h);
    const char *const big[] = { "window_size", "127", NULL };
    harness_open(&h, &vmafx_fex_cambi, big);
    check(harness_init(&h, VMAF_PIX_FMT_YUV420P, 8, 3840, 2160) == -EINVAL, "window above 65");
    harness_close(&h);
    /* 3000x150: window radius beyond the scaled height */
    harness_open(&h, &vmafx_fex_cambi, NULL);
    check(harness_init(&h, VMAF_PIX_FMT_YUV420P, 8, 3000, 150) == -EINVAL, "extreme aspect");
    harness_close(&h);
    const char *const fr[] = { "full_ref", "true", "src_width", "640", "src_height", "200", NULL };
    harness_open(&h, &vmafx_fex_cambi, fr);
    check(harness_init(&h, VMAF_PIX_FMT_YUV420P, 8, 576, 324) == -EINVAL, "src/enc mismatch");
    harness_close(&h);

    /* a 10-bit picture with an out-of-range sample fails; full_ref writes three keys */
    VmafPicture p;
    if (pic_alloc(&p, VMAF_PIX_FMT_YUV420P, 10, 320, 180) == 0) {
        const char *const fr2[] = { "full_ref", "true", "cambi_max_val", "17", NULL };
        harness_open(&h, &vmafx_fex_cambi, fr2);
        check(harness_init(&h, VMAF_PIX_FMT_YUV420P, 10, 320, 180) == 0, "full_ref init");
        double v;
        check(h.fex->extract(&h.ctx, h.priv, &p, &p, 0) == 0, "full_ref extract");
        check(harness_get(&h, "cambi_source", 0, &v) && v == 0.0, "cambi_source");
        check(harness_get(&h, "cambi_full_reference", 0, &v) && v == 0.0, "cambi_full_reference");
        ((uint16_t *)p.data[0])[5] = 1024;
        check(h.fex->extract(&h.ctx, h.priv, &p, &p, 1) == -EINVAL, "sample above 10 bits");
        harness_close(&h);
        pic_free(&p);
    }

    harness_open(&h, &vmafx_fex_speed_chroma, NULL);
    check(harness_init(&h, VMAF_PIX_FMT_YUV400P, 8, 576, 324) == -EINVAL, "speed_chroma 4:0:0");
    harness_close(&h);
    harness_open(&h, &vmafx_fex_speed_chroma, NULL);
    check(harness_init(&h, VMAF_PIX_FMT_YUV420P, 9, 576, 324) == -EINVAL, "speed 9-bit");
    harness_close(&h);
    harness_open(&h, &vmafx_fex_speed_chroma, NULL);
    check(harness_init(&h, VMAF_PIX_FMT_YUV420P, 8, 64, 64) == -EINVAL, "speed tiny plane");
    harness_close(&h);
    const char *const up[] = { "speed_prescale", "2", NULL };
    harness_open(&h, &vmafx_fex_speed_temporal, up);
    check(harness_init(&h, VMAF_PIX_FMT_YUV420P, 8, 576, 324) == -EINVAL, "temporal upscale");
    harness_close(&h);
}

static void test_temporal(const char *dir)
{
    const Clip *c = &clips[0];
    char rpath[1024], dpath[1024];
    snprintf(rpath, sizeof(rpath), "%s/%s", dir, c->ref);
    snprintf(dpath, sizeof(dpath), "%s/%s", dir, c->dist);
    VmafPicture ref, dist;
    Harness h, same;
    if (pic_alloc(&ref, c->fmt, c->bpc, c->w, c->h) ||
        pic_alloc(&dist, c->fmt, c->bpc, c->w, c->h))
        return;
    harness_open(&h, &vmafx_fex_speed_temporal, NULL);
    harness_open(&same, &vmafx_fex_speed_temporal, NULL);
    check(harness_init(&h, c->fmt, c->bpc, c->w, c->h) == 0, "temporal init");
    check(harness_init(&same, c->fmt, c->bpc, c->w, c->h) == 0, "temporal init 2");
    const char *name = "Speed_temporal_feature_speed_temporal_score";
    for (unsigned n = 0; n < 4; n++) {
        if (!read_frame(rpath, &ref, n) || !read_frame(dpath, &dist, n))
            break;
        check(h.fex->extract(&h.ctx, h.priv, &ref, &dist, n) == 0, "temporal extract");
        check(same.fex->extract(&same.ctx, same.priv, &ref, &ref, n) == 0, "temporal same");
        double v, s;
        check(harness_get(&h, name, n, &v) && isfinite(v) && v >= 0.0 && (n || v == 0.0),
              "temporal value");
        check(harness_get(&same, name, n, &s) && s == 0.0, "temporal identical input is 0");
        if (n)
            check(v > 0.0, "temporal positive for a distorted clip");
    }
    harness_close(&h);
    harness_close(&same);
    pic_free(&ref);
    pic_free(&dist);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : getenv("VMAFX_TESTDATA");
    if (!dir)
        dir = "/work/shared/testdata";

    test_cambi_constants();
    test_speed_constants();
    test_errors();
    for (size_t c = 0; c < sizeof(clips) / sizeof(clips[0]); c++)
        for (size_t v = 0; v < sizeof(variants) / sizeof(variants[0]); v++)
            test_golden(dir, &clips[c], &variants[v]);
    test_temporal(dir);

    printf("cambi_speed: %u checks, %u failed; golden values %u/%u identical (max |diff| %.3g)\n",
           n_checks, n_failures, n_golden_same, n_golden, max_diff);
    return n_failures ? 1 : 0;
}
