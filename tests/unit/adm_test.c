/*
 * Unit test of the integer ADM extractor ("adm"): runs it over the test clips
 * with the default, NEG (egl 1) and v1.0.16 option sets and compares the
 * printed per-frame values with the golden JSON text (the 4K model's ADM keys
 * are the default ones and are checked too).
 *
 * Build (from the repository root):
 *   gcc -std=c11 -D_GNU_SOURCE -O2 -Iinclude -Isrc tests/unit/adm_test.c \
 *       src/feature/integer_adm*.c -lm -o adm_test
 *   ./adm_test [testdata_dir]     (default /work/shared/testdata)
 * Returns 0 when every value matches.
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feature/extractor.h"
#include "feature/extractors.h"

/* ---- core stubs: record what the extractor writes ---- */

#define MAX_VALUES 64

struct VmafxFexCtx {
    int n;
    char name[MAX_VALUES][64];
    double value[MAX_VALUES];
};

int vmafx_fex_write(VmafxFexCtx *ctx, const char *name, double value, unsigned index)
{
    (void)index;
    for (int i = 0; i < ctx->n; i++)
        if (!strcmp(ctx->name[i], name))
            return -EINVAL;
    if (ctx->n >= MAX_VALUES)
        return -ENOMEM;
    snprintf(ctx->name[ctx->n], sizeof(ctx->name[0]), "%s", name);
    ctx->value[ctx->n++] = value;
    return 0;
}

int vmafx_fex_read(VmafxFexCtx *ctx, const char *name, unsigned index, double *value)
{
    (void)index;
    for (int i = 0; i < ctx->n; i++)
        if (!strcmp(ctx->name[i], name)) {
            *value = ctx->value[i];
            return 0;
        }
    return -EINVAL;
}

int vmafx_fex_write_aggregate(VmafxFexCtx *ctx, const char *name, double value)
{
    (void)ctx;
    (void)name;
    (void)value;
    return 0;
}

unsigned vmafx_fex_cpu_flags(const VmafxFexCtx *ctx)
{
    (void)ctx;
    return 0;
}

/* ---- helpers ---- */

/* Report number formatting (motion-model-reports.md C.2); JSON null for NaN. */
static void format_value(double v, char *buf, size_t n)
{
    if (isnan(v) || isinf(v)) {
        snprintf(buf, n, "null");
        return;
    }
    const double a = fabs(v);
    const double w = a >= 2147483648.0 ? -2147483648.0 : (double)(int32_t)a;
    double fr = a - w;
    int z = 0;
    while (fr < 1.0 && fr != 0.0) {
        fr *= 10.0;
        z++;
    }
    snprintf(buf, n, z <= 6 ? "%.6f" : "%.16f", v);
}

static const char *alias(const char *name)
{
    static const char *const table[][2] = {
        { "VMAF_integer_feature_adm2_score", "integer_adm2" },
        { "VMAF_integer_feature_aim_score", "integer_aim" },
        { "VMAF_integer_feature_adm3_score", "integer_adm3" },
    };
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
        if (!strcmp(table[i][0], name))
            return table[i][1];
    return name;
}

static const VmafxOption *find_option(const char *name)
{
    for (const VmafxOption *o = vmafx_fex_adm.options; o->name; o++)
        if (!strcmp(o->name, name))
            return o;
    return NULL;
}

static void set_defaults(void *priv)
{
    for (const VmafxOption *o = vmafx_fex_adm.options; o->name; o++) {
        char *field = (char *)priv + o->offset;
        switch (o->type) {
        case VMAFX_OPT_BOOL: *(bool *)field = o->def.b; break;
        case VMAFX_OPT_INT: *(int *)field = o->def.i; break;
        case VMAFX_OPT_DOUBLE: *(double *)field = o->def.d; break;
        case VMAFX_OPT_STRING: *(const char **)field = o->def.s; break;
        }
    }
}

/* Sets a numeric option from text, as the core would (atof / atoi). */
static void set_option(void *priv, const char *name, const char *text)
{
    const VmafxOption *o = find_option(name);
    if (!o) {
        fprintf(stderr, "unknown option %s\n", name);
        exit(2);
    }
    char *field = (char *)priv + o->offset;
    if (o->type == VMAFX_OPT_INT)
        *(int *)field = atoi(text);
    else if (o->type == VMAFX_OPT_DOUBLE)
        *(double *)field = atof(text);
    else if (o->type == VMAFX_OPT_BOOL)
        *(bool *)field = !strcmp(text, "true");
}

static int cmp_option_name(const void *a, const void *b)
{
    return strcmp((*(const VmafxOption *const *)a)->name,
                  (*(const VmafxOption *const *)b)->name);
}

/* Key suffix from the option table (spec 3.2), to check the table itself. */
static void key_suffix(const void *priv, char *buf, size_t n)
{
    const VmafxOption *set[32];
    int count = 0;
    for (const VmafxOption *o = vmafx_fex_adm.options; o->name && count < 32; o++) {
        if (!o->feature_param)
            continue;
        const char *field = (const char *)priv + o->offset;
        bool differs = false;
        if (o->type == VMAFX_OPT_BOOL) differs = *(const bool *)field != o->def.b;
        if (o->type == VMAFX_OPT_INT) differs = *(const int *)field != o->def.i;
        if (o->type == VMAFX_OPT_DOUBLE) differs = *(const double *)field != o->def.d;
        if (differs)
            set[count++] = o;
    }
    qsort(set, (size_t)count, sizeof(set[0]), cmp_option_name);
    buf[0] = '\0';
    for (int i = 0; i < count; i++) {
        const VmafxOption *o = set[i];
        const char *field = (const char *)priv + o->offset;
        const char *al = o->alias ? o->alias : o->name;
        size_t len = strlen(buf);
        if (o->type == VMAFX_OPT_BOOL)
            snprintf(buf + len, n - len, "_%s", al);
        else if (o->type == VMAFX_OPT_INT)
            snprintf(buf + len, n - len, "_%s_%d", al, *(const int *)field);
        else
            snprintf(buf + len, n - len, "_%s_%g", al, *(const double *)field);
    }
}

static char *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)len, f) != (size_t)len) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) {
        buf[len] = '\0';
        if (size)
            *size = (size_t)len;
    }
    return buf;
}

/* Value text of `key` in frame `frame` of a golden JSON document. */
static bool golden_text(const char *json, unsigned frame, const char *key, char *out,
                        size_t n)
{
    char pat[300];
    snprintf(pat, sizeof(pat), "\"frameNum\": %u,", frame);
    const char *start = strstr(json, pat);
    if (!start)
        return false;
    const char *end = strstr(start + 1, "\"frameNum\"");
    snprintf(pat, sizeof(pat), "\"%s\": ", key);
    const char *hit = strstr(start, pat);
    if (!hit || (end && hit > end))
        return false;
    hit += strlen(pat);
    size_t len = strcspn(hit, ",\n}");
    if (len >= n)
        return false;
    memcpy(out, hit, len);
    out[len] = '\0';
    return true;
}

/* ---- clips ---- */

typedef struct Clip {
    FILE *f;
    bool y4m;
    unsigned w, h, bpc;
    size_t frame_bytes; /* all planes */
    unsigned char *buf;
} Clip;

static int clip_open(Clip *c, const char *path, unsigned w, unsigned h, unsigned bpc,
                     int chroma) /* chroma: 420, 422, 444 (yuv only) */
{
    memset(c, 0, sizeof(*c));
    c->f = fopen(path, "rb");
    if (!c->f)
        return -1;
    size_t len = strlen(path);
    c->y4m = len > 4 && !strcmp(path + len - 4, ".y4m");
    if (c->y4m) {
        char line[512];
        if (!fgets(line, sizeof(line), c->f))
            return -1;
        chroma = 420;
        bpc = 8;
        for (char *tok = strtok(line, " \n"); tok; tok = strtok(NULL, " \n")) {
            if (tok[0] == 'W')
                w = (unsigned)atoi(tok + 1);
            else if (tok[0] == 'H')
                h = (unsigned)atoi(tok + 1);
            else if (tok[0] == 'C') {
                chroma = atoi(tok + 1);
                const char *p = strchr(tok, 'p'); /* C420p10; not C420mpeg2 */
                if (p && p[1] >= '0' && p[1] <= '9')
                    bpc = (unsigned)atoi(p + 1);
            }
        }
    }
    c->w = w;
    c->h = h;
    c->bpc = bpc;
    const size_t bytes = bpc > 8 ? 2 : 1;
    size_t cw = w, ch = h;
    if (chroma == 420) {
        cw = w / 2;
        ch = h / 2;
    } else if (chroma == 422) {
        cw = w / 2;
    }
    c->frame_bytes = ((size_t)w * h + 2 * cw * ch) * bytes;
    c->buf = malloc(c->frame_bytes);
    return c->buf ? 0 : -1;
}

static bool clip_read(Clip *c)
{
    if (c->y4m) {
        char line[256];
        if (!fgets(line, sizeof(line), c->f) || strncmp(line, "FRAME", 5))
            return false;
    }
    return fread(c->buf, 1, c->frame_bytes, c->f) == c->frame_bytes;
}

static void clip_close(Clip *c)
{
    if (c->f)
        fclose(c->f);
    free(c->buf);
}

static void clip_picture(const Clip *c, VmafPicture *pic)
{
    memset(pic, 0, sizeof(*pic));
    pic->pix_fmt = VMAF_PIX_FMT_YUV420P;
    pic->bpc = c->bpc;
    pic->w[0] = c->w;
    pic->h[0] = c->h;
    pic->stride[0] = (ptrdiff_t)c->w * (c->bpc > 8 ? 2 : 1);
    pic->data[0] = c->buf;
}

/* ---- the golden comparison ---- */

typedef struct OptionSet {
    const char *golden;     /* golden file variant */
    const char *opts[6][2]; /* option name, value */
    const char *suffix;     /* expected key suffix */
} OptionSet;

static const OptionSet option_sets[] = {
    { "default", { { NULL, NULL } }, "" },
    { "4k", { { NULL, NULL } }, "" }, /* the 4K model uses default ADM options */
    { "neg", { { "adm_enhn_gain_limit", "1.0" }, { NULL, NULL } }, "_egl_1" },
    { "v1",
      { { "adm_csf_mode", "2" }, { "adm_dlm_weight", "0.7" },
        { "adm_enhn_gain_limit", "1.0" }, { "adm_min_val", "0.5" },
        { "adm_noise_weight", "0.02" }, { NULL, NULL } },
      "_csf_2_dlmw_0.7_egl_1_min_0.5_nw_0.02" },
};
#define N_SETS (sizeof(option_sets) / sizeof(option_sets[0]))

typedef struct Pair {
    const char *ref, *dist;
    unsigned w, h, bpc;
    int chroma;
} Pair;

static const Pair pairs[] = {
    { "cockatoo_576x324_420p8_ref.yuv", "cockatoo_576x324_420p8_x264crf38.yuv", 576, 324, 8, 420 },
    { "cockatoo_576x324_420p8_ref.yuv", "cockatoo_576x324_420p8_x264crf18.yuv", 576, 324, 8, 420 },
    { "cockatoo_576x324_420p8_ref.yuv", "cockatoo_576x324_420p8_x264crf28.yuv", 576, 324, 8, 420 },
    { "cockatoo_576x324_420p8_ref.yuv", "cockatoo_576x324_420p8_x264crf48.yuv", 576, 324, 8, 420 },
    { "cockatoo_576x324_420p8_ref.yuv", "cockatoo_576x324_420p8_ref.yuv", 576, 324, 8, 420 },
    { "launch_576x324_420p8_ref.yuv", "launch_576x324_420p8_aomcrf45.yuv", 576, 324, 8, 420 },
    { "launch_576x324_420p8_ref.yuv", "launch_576x324_420p8_gblur1p5.yuv", 576, 324, 8, 420 },
    { "launch_576x324_420p8_ref.yuv", "launch_576x324_420p8_scale2x.yuv", 576, 324, 8, 420 },
    { "city_576x324_420p8_ref.y4m", "city_576x324_420p8_svtav1crf63.y4m", 0, 0, 0, 0 },
    { "city_576x324_420p8_ref.y4m", "city_576x324_420p8_vp9crf56.y4m", 0, 0, 0, 0 },
    { "city_576x324_420p8_ref.y4m", "city_576x324_420p8_x265crf40.y4m", 0, 0, 0, 0 },
    { "cockatoolong_576x324_420p8_ref.y4m", "cockatoolong_576x324_420p8_x264crf34.y4m", 0, 0, 0, 0 },
    { "city_320x180_420p10_ref.yuv", "city_320x180_420p10_x265crf30.yuv", 320, 180, 10, 420 },
    { "city_320x180_420p10_ref.y4m", "city_320x180_420p10_x265crf30.y4m", 0, 0, 0, 0 },
    { "launch_320x180_420p12_ref.y4m", "launch_320x180_420p12_x265crf34.y4m", 0, 0, 0, 0 },
    { "dog_320x180_420p16_ref.yuv", "dog_320x180_420p16_j2kcl150.yuv", 320, 180, 16, 420 },
    { "birds_320x180_422p8_ref.yuv", "birds_320x180_422p8_x264crf35.yuv", 320, 180, 8, 422 },
    { "cockatoo_320x180_444p8_ref.y4m", "cockatoo_320x180_444p8_vp9crf45.y4m", 0, 0, 0, 0 },
    { "dog_1920x1080_420p8_ref.yuv", "dog_1920x1080_420p8_x264crf32.yuv", 1920, 1080, 8, 420 },
};

typedef struct Tally {
    unsigned compared, equal, missing;
    double max_diff;
} Tally;

static void compare_frame(const char *json, unsigned frame, const VmafxFexCtx *ctx,
                          const char *suffix, const char *label, Tally *t)
{
    for (int i = 0; i < ctx->n; i++) {
        char key[256], want[64], got[64];
        snprintf(key, sizeof(key), "%s%s", alias(ctx->name[i]), suffix);
        if (!golden_text(json, frame, key, want, sizeof(want))) {
            t->missing++;
            continue;
        }
        format_value(ctx->value[i], got, sizeof(got));
        t->compared++;
        if (!strcmp(want, got)) {
            t->equal++;
        } else {
            const double d = fabs(atof(want) - ctx->value[i]);
            if (d > t->max_diff || isnan(d))
                t->max_diff = d;
            printf("  DIFF %s frame %u %s: golden %s, got %s\n", label, frame, key, want, got);
        }
    }
}

static int run_pair(const char *dir, const Pair *pr, Tally *t)
{
    char path[1024];
    Clip ref, dis;
    snprintf(path, sizeof(path), "%s/%s", dir, pr->ref);
    if (clip_open(&ref, path, pr->w, pr->h, pr->bpc, pr->chroma))
        return fprintf(stderr, "cannot open %s\n", path), -1;
    snprintf(path, sizeof(path), "%s/%s", dir, pr->dist);
    if (clip_open(&dis, path, pr->w, pr->h, pr->bpc, pr->chroma))
        return fprintf(stderr, "cannot open %s\n", path), -1;

    void *priv[N_SETS];
    char *json[N_SETS];
    int ret = 0;
    for (size_t s = 0; s < N_SETS; s++) {
        const OptionSet *os = &option_sets[s];
        priv[s] = calloc(1, vmafx_fex_adm.priv_size);
        set_defaults(priv[s]);
        for (int k = 0; os->opts[k][0]; k++)
            set_option(priv[s], os->opts[k][0], os->opts[k][1]);
        char suffix[256];
        key_suffix(priv[s], suffix, sizeof(suffix));
        if (strcmp(suffix, os->suffix)) {
            printf("  suffix mismatch: %s vs %s\n", suffix, os->suffix);
            ret = -1;
        }
        int err = vmafx_fex_adm.init(NULL, priv[s], VMAF_PIX_FMT_YUV420P, ref.bpc, ref.w, ref.h);
        if (err) {
            printf("  init failed %d\n", err);
            ret = -1;
        }
        snprintf(path, sizeof(path), "%s/golden/%s.%s.json", dir, pr->dist, os->golden);
        json[s] = read_file(path, NULL);
        if (!json[s]) {
            printf("  no golden %s\n", path);
            ret = -1;
        }
    }

    unsigned frame = 0;
    while (ret == 0 && clip_read(&ref) && clip_read(&dis)) {
        VmafPicture rp, dp;
        clip_picture(&ref, &rp);
        clip_picture(&dis, &dp);
        for (size_t s = 0; s < N_SETS; s++) {
            VmafxFexCtx ctx = { 0 };
            int err = vmafx_fex_adm.extract(&ctx, priv[s], &rp, &dp, frame);
            if (err) {
                printf("  extract failed %d\n", err);
                ret = -1;
                break;
            }
            char label[256];
            snprintf(label, sizeof(label), "%s[%s]", pr->dist, option_sets[s].golden);
            compare_frame(json[s], frame, &ctx, option_sets[s].suffix, label, t);
        }
        frame++;
    }
    printf("%-45s %u frames\n", pr->dist, frame);

    for (size_t s = 0; s < N_SETS; s++) {
        vmafx_fex_adm.close(priv[s]);
        free(priv[s]);
        free(json[s]);
    }
    clip_close(&ref);
    clip_close(&dis);
    return ret;
}

/* Spec 17.1 check values (debug outputs), cockatoo crf38 frame 0. */
static int check_debug_values(const char *dir)
{
    static const char *const want[][2] = {
        { "integer_adm_num", "254.090260" }, { "integer_adm_den", "280.343334" },
        { "integer_adm_num_scale0", "32.192879" }, { "integer_adm_den_scale0", "34.654686" },
        { "integer_adm_num_scale1", "32.349560" }, { "integer_adm_den_scale1", "39.774906" },
        { "integer_adm_num_scale2", "65.498024" }, { "integer_adm_den_scale2", "75.190903" },
        { "integer_adm_num_scale3", "124.049797" }, { "integer_adm_den_scale3", "130.722839" },
        { "integer_adm", "0.906354" },
    };
    char path[1024];
    Clip ref, dis;
    snprintf(path, sizeof(path), "%s/cockatoo_576x324_420p8_ref.yuv", dir);
    if (clip_open(&ref, path, 576, 324, 8, 420) || !clip_read(&ref))
        return -1;
    snprintf(path, sizeof(path), "%s/cockatoo_576x324_420p8_x264crf38.yuv", dir);
    if (clip_open(&dis, path, 576, 324, 8, 420) || !clip_read(&dis))
        return -1;
    void *priv = calloc(1, vmafx_fex_adm.priv_size);
    set_defaults(priv);
    set_option(priv, "debug", "true");
    int fails = 0;
    VmafxFexCtx ctx = { 0 };
    VmafPicture rp, dp;
    clip_picture(&ref, &rp);
    clip_picture(&dis, &dp);
    if (vmafx_fex_adm.init(NULL, priv, VMAF_PIX_FMT_YUV420P, 8, 576, 324) ||
        vmafx_fex_adm.extract(&ctx, priv, &rp, &dp, 0))
        fails++;
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        double v = NAN;
        char got[64];
        vmafx_fex_read(&ctx, want[i][0], 0, &v);
        format_value(v, got, sizeof(got));
        if (strcmp(got, want[i][1])) {
            printf("  debug %s: want %s got %s\n", want[i][0], want[i][1], got);
            fails++;
        }
    }
    if (ctx.n != 7 + 11) {
        printf("  debug run wrote %d values, want 18\n", ctx.n);
        fails++;
    }
    vmafx_fex_adm.close(priv);
    free(priv);
    clip_close(&ref);
    clip_close(&dis);
    return fails ? -1 : 0;
}

/* Inputs the extractor must refuse (spec 13). */
static int check_rejects(void)
{
    int fails = 0;
    void *priv = calloc(1, vmafx_fex_adm.priv_size);
    set_defaults(priv);
    if (vmafx_fex_adm.init(NULL, priv, VMAF_PIX_FMT_YUV420P, 8, 32, 64) != -EINVAL)
        fails++;
    vmafx_fex_adm.close(priv);
    if (vmafx_fex_adm.init(NULL, priv, VMAF_PIX_FMT_YUV420P, 8, 64, 32) != -EINVAL)
        fails++;
    vmafx_fex_adm.close(priv);
    set_option(priv, "adm_norm_view_dist", "1.5");
    if (vmafx_fex_adm.init(NULL, priv, VMAF_PIX_FMT_YUV420P, 8, 64, 64) != -EINVAL)
        fails++;
    vmafx_fex_adm.close(priv);

    /* Smallest accepted size runs, and a mismatching picture is refused. */
    set_defaults(priv);
    static uint16_t pix[33 * 33];
    for (int i = 0; i < 33 * 33; i++)
        pix[i] = (uint16_t)((i * 7919) & 1023);
    VmafPicture p = { 0 };
    p.bpc = 10;
    p.w[0] = p.h[0] = 33;
    p.stride[0] = 66;
    p.data[0] = pix;
    VmafxFexCtx ctx = { 0 };
    if (vmafx_fex_adm.init(NULL, priv, VMAF_PIX_FMT_YUV420P, 10, 33, 33) ||
        vmafx_fex_adm.extract(&ctx, priv, &p, &p, 0) || ctx.n != 7)
        fails++;
    p.w[0] = 34;
    if (vmafx_fex_adm.extract(&ctx, priv, &p, &p, 1) != -EINVAL)
        fails++;
    vmafx_fex_adm.close(priv);
    free(priv);
    if (fails)
        printf("  %d reject checks failed\n", fails);
    return fails ? -1 : 0;
}

/* Odd and minimal sizes, every bit depth family, unusual options and samples
 * above the bit depth: must run without error (and clean under sanitizers). */
static int check_sweep(void)
{
    static const unsigned sizes[][2] = { { 33, 33 }, { 34, 35 }, { 35, 34 },
                                         { 37, 101 }, { 100, 33 }, { 150, 41 } };
    static const unsigned depths[] = { 8, 10, 12, 16 };
    static const char *const opts[][2] = {
        { "adm_skip_scale0", "true" }, { "adm_skip_aim", "true" },
        { "adm_csf_mode", "1" },       { "adm_csf_mode", "3" },
        { "adm_norm_view_dist", "4" }, { "adm_enhn_gain_limit", "1.2" },
        { "debug", "true" },           { "adm_noise_weight", "0" },
    };
    const size_t n_opts = sizeof(opts) / sizeof(opts[0]);
    int fails = 0;
    uint32_t seed = 12345;
    for (size_t si = 0; si < sizeof(sizes) / sizeof(sizes[0]); si++) {
        const unsigned w = sizes[si][0], h = sizes[si][1];
        for (size_t di = 0; di < sizeof(depths) / sizeof(depths[0]); di++) {
            const unsigned bpc = depths[di];
            const size_t bytes = bpc > 8 ? 2 : 1;
            unsigned char *ref = malloc((size_t)w * h * bytes);
            unsigned char *dis = malloc((size_t)w * h * bytes);
            for (size_t i = 0; i < (size_t)w * h * bytes; i++) {
                seed = seed * 1664525u + 1013904223u;
                ref[i] = (unsigned char)(seed >> 24);
                dis[i] = (unsigned char)(ref[i] ^ ((seed >> 8) & 0x0f));
            }
            VmafPicture rp = { 0 }, dp = { 0 };
            rp.bpc = dp.bpc = bpc;
            rp.w[0] = dp.w[0] = w;
            rp.h[0] = dp.h[0] = h;
            rp.stride[0] = dp.stride[0] = (ptrdiff_t)(w * bytes);
            rp.data[0] = ref;
            dp.data[0] = dis;
            for (size_t oi = 0; oi <= n_opts; oi++) {
                void *priv = calloc(1, vmafx_fex_adm.priv_size);
                set_defaults(priv);
                if (oi < n_opts)
                    set_option(priv, opts[oi][0], opts[oi][1]);
                VmafxFexCtx ctx = { 0 };
                if (vmafx_fex_adm.init(NULL, priv, VMAF_PIX_FMT_YUV420P, bpc, w, h) ||
                    vmafx_fex_adm.extract(&ctx, priv, &rp, &dp, 0) || ctx.n < 7) {
                    printf("  sweep %ux%u %u-bit option %zu failed\n", w, h, bpc, oi);
                    fails++;
                }
                vmafx_fex_adm.close(priv);
                free(priv);
            }
            free(ref);
            free(dis);
        }
    }
    return fails ? -1 : 0;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "/work/shared/testdata";
    int ret = 0;
    Tally t = { 0, 0, 0, 0.0 };

    if (check_rejects() || check_sweep())
        ret = 1;
    if (check_debug_values(dir)) {
        printf("spec 17.1 debug values: FAIL\n");
        ret = 1;
    }
    for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
        if (run_pair(dir, &pairs[i], &t))
            ret = 1;
    printf("adm: %u values compared, %u identical, %u differ (max abs diff %g), "
           "%u keys not in golden\n",
           t.compared, t.equal, t.compared - t.equal, t.max_diff, t.missing);
    if (t.equal != t.compared || t.compared == 0 || t.missing)
        ret = 1;
    printf("%s\n", ret ? "FAIL" : "PASS");
    return ret;
}
