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
 *       tests/unit/fex_harness.c src/feature/cambi.c src/feature/cambi_picture.c \
 *       src/feature/speed.c src/feature/speed_chroma.c src/feature/speed_temporal.c \
 *       src/feature/speed_linalg.c src/feature/speed_resample.c -lm -o cambi_speed_test
 * Run: ./cambi_speed_test [testdata-dir]  (default $VMAFX_TESTDATA or
 *      /work/shared/testdata). Exit status 0 when every check passed.
 *
 * The core functions the extractors call are stubbed by fex_harness.c.
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

#include "fex_harness.h"

/* An instance with NULL-terminated "name", "value" option pairs over the defaults. */
static bool open_with(Instance *inst, const VmafxFeatureExtractor *fex, const char *const *opts)
{
    if (!instance_new(inst, fex))
        return false;
    set_options(inst, opts);
    return true;
}

/* Status of init() for an instance with these options (closed again). */
static int init_status(const VmafxFeatureExtractor *fex, const char *const *opts,
                       enum VmafPixelFormat fmt, unsigned bpc, unsigned w, unsigned h)
{
    Instance inst;
    VmafxFexCtx ctx = { 0 };
    if (!open_with(&inst, fex, opts))
        return -ENOMEM;
    const int err = fex->init(&ctx, inst.priv, fmt, bpc, w, h);
    instance_free(&inst); /* close must accept a failed init */
    free(ctx.recs);
    return err;
}

/* ---- check values ------------------------------------------------------- */

static void test_cambi_constants(void)
{
    static const int bt1886[7] = { 0, 178, 305, 432, 559, 686, 813 };
    static const int pq[3] = { 0, 233, 1023 };
    Instance inst;
    VmafxFexCtx ctx = { 0 };
    const char *const o1[] = { "max_log_contrast", "5", "cambi_vis_lum_threshold", "0.06", NULL };
    if (!open_with(&inst, &vmafx_fex_cambi, o1))
        return;
    check(inst.fex->init(&ctx, inst.priv, VMAF_PIX_FMT_YUV420P, 8, 576, 324) == 0,
          "cambi init 576x324");
    const CambiState *st = inst.priv;
    for (int d = 1; d <= 6; d++)
        check(st->thr[d] == bt1886[d], "bt1886 T(d)");
    for (int d = 7; d <= 32; d++)
        check(st->thr[d] == 1023, "bt1886 T(7..32)");
    check(st->vlt_luma == 78, "vlt_luma 0.06 bt1886");
    check(st->enc.ws == 9 && st->enc.theta == 16, "576x324 window 9, theta 16");
    check(st->rcp[82] != 1.0f / 82.0f && st->rcp[83] != 1.0f / 83.0f, "rcp decimal rule");
    check(st->rcp[81] == 1.0f / 81.0f && st->rcp[0] == 0.0f, "rcp plain");
    instance_free(&inst);

    const char *const o2[] = { "eotf", "pq", "cambi_vis_lum_threshold", "0.06", NULL };
    open_with(&inst, &vmafx_fex_cambi, o2);
    check(inst.fex->init(&ctx, inst.priv, VMAF_PIX_FMT_YUV420P, 8, 1920, 1080) == 0,
          "cambi init pq");
    st = inst.priv;
    check(st->thr[1] == pq[1] && st->thr[2] == pq[2], "pq T(d)");
    check(st->vlt_luma == 108, "vlt_luma 0.06 pq");
    check(st->enc.ws == 33 && st->enc.theta == 21, "1920x1080 window 33, theta 21");
    instance_free(&inst);

    const char *const o3[] = { "cambi_high_res_speedup", "1080", NULL };
    open_with(&inst, &vmafx_fex_cambi, o3);
    check(inst.fex->init(&ctx, inst.priv, VMAF_PIX_FMT_YUV420P, 8, 1920, 1080) == 0,
          "cambi init hrs");
    st = inst.priv;
    check(st->hrs && st->enc.ws == 17, "hrs 1080 window 17");
    instance_free(&inst);
    open_with(&inst, &vmafx_fex_cambi, o3);
    check(inst.fex->init(&ctx, inst.priv, VMAF_PIX_FMT_YUV420P, 8, 1280, 720) == 0,
          "cambi init hrs small");
    st = inst.priv;
    check(!st->hrs && st->enc.ws == 21 && st->enc.theta == 19, "hrs inactive at 720p");
    instance_free(&inst);
    free(ctx.recs);
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

/* Pairs of the harness table compared here (all raw .yuv). */
static const unsigned golden_pairs[] = {
    2,  /* cockatoo 576x324 8-bit, crf 38 */
    4,  /* cockatoo ref against itself */
    12, /* city 320x180 10-bit */
    16, /* birds 320x180 4:2:2 */
    15, /* dog 320x180 16-bit */
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

static double max_diff; /* largest |value - golden| before printing */

static void test_golden(const ClipPair *cp, const Variant *v)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/golden/%s.%s.json", testdata_dir, cp->dist, v->suffix_json);
    char *json = read_text(path);
    if (!json) {
        fprintf(stderr, "skip: %s\n", path);
        return;
    }
    PairReader pr;
    Instance inst;
    VmafxFexCtx ctx = { 0 };
    if (!pair_open(&pr, cp) || !open_with(&inst, v->fex, v->opts)) {
        check(false, "allocation");
        pair_close(&pr);
        free(json);
        return;
    }
    check(inst.fex->init(&ctx, inst.priv, cp->pix_fmt, cp->bpc, cp->w, cp->h) == 0,
          "init for golden clip");
    for (unsigned n = 0; n < cp->frames; n++) {
        if (!pair_read(&pr)) {
            check(false, "read frame");
            break;
        }
        check(v->fex->extract(&ctx, inst.priv, &pr.rp, &pr.dp, n) == 0, "extract");
        for (unsigned k = 0; k < 3 && v->names[k]; k++) {
            GoldenValue gv;
            const GoldenResult r = golden_compare(&ctx, json, n, v->names[k], v->keys[k], &gv);
            if (r == GOLDEN_ABSENT)
                continue;
            if (r == GOLDEN_UNWRITTEN) {
                check(false, "value written");
                continue;
            }
            n_compared++;
            const double diff = fabs(gv.value - strtod(gv.want, NULL));
            if (diff > max_diff)
                max_diff = diff;
            if (r == GOLDEN_SAME)
                n_identical++;
            else
                printf("FAIL: %s frame %u %s: got %s, golden %s\n", cp->dist, n, v->keys[k],
                       gv.got, gv.want);
            check(r == GOLDEN_SAME, "golden value");
        }
    }
    instance_free(&inst);
    free(ctx.recs);
    pair_close(&pr);
    free(json);
}

/* ---- error paths and speed_temporal --------------------------------------- */

static void test_errors(void)
{
    static const char *const hm[] = { "heatmaps_path", "/tmp/x", NULL };
    static const char *const eo[] = { "cambi_eotf", "hlg", NULL };
    static const char *const big[] = { "window_size", "127", NULL };
    static const char *const fr[] = { "full_ref", "true", "src_width", "640", "src_height", "200",
                                      NULL };
    static const char *const up[] = { "speed_prescale", "2", NULL };
    static const struct {
        const VmafxFeatureExtractor *fex;
        const char *const *opts;
        enum VmafPixelFormat fmt;
        unsigned bpc, w, h;
        const char *what;
    } refused[] = {
        { &vmafx_fex_cambi, NULL, VMAF_PIX_FMT_YUV420P, 8, 176, 144, "cambi 176x144" },
        { &vmafx_fex_cambi, hm, VMAF_PIX_FMT_YUV420P, 8, 576, 324, "heatmaps rejected" },
        { &vmafx_fex_cambi, eo, VMAF_PIX_FMT_YUV420P, 8, 576, 324, "unknown eotf" },
        { &vmafx_fex_cambi, big, VMAF_PIX_FMT_YUV420P, 8, 3840, 2160, "window above 65" },
        /* window radius beyond the scaled height */
        { &vmafx_fex_cambi, NULL, VMAF_PIX_FMT_YUV420P, 8, 3000, 150, "extreme aspect" },
        { &vmafx_fex_cambi, fr, VMAF_PIX_FMT_YUV420P, 8, 576, 324, "src/enc mismatch" },
    };
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
        check(init_status(refused[i].fex, refused[i].opts, refused[i].fmt, refused[i].bpc,
                          refused[i].w, refused[i].h) == -EINVAL,
              refused[i].what);

    /* a 10-bit picture with an out-of-range sample fails; full_ref writes three keys */
    VmafPicture p;
    if (picture_new(&p, VMAF_PIX_FMT_YUV420P, 10, 320, 180)) {
        static const char *const fr2[] = { "full_ref", "true", "cambi_max_val", "17", NULL };
        Instance inst;
        VmafxFexCtx ctx = { 0 };
        open_with(&inst, &vmafx_fex_cambi, fr2);
        check(inst.fex->init(&ctx, inst.priv, VMAF_PIX_FMT_YUV420P, 10, 320, 180) == 0,
              "full_ref init");
        double v;
        check(inst.fex->extract(&ctx, inst.priv, &p, &p, 0) == 0, "full_ref extract");
        check(ctx_get(&ctx, "cambi_source", 0, &v) && v == 0.0, "cambi_source");
        check(ctx_get(&ctx, "cambi_full_reference", 0, &v) && v == 0.0, "cambi_full_reference");
        ((uint16_t *)p.data[0])[5] = 1024;
        check(inst.fex->extract(&ctx, inst.priv, &p, &p, 1) == -EINVAL, "sample above 10 bits");
        instance_free(&inst);
        free(ctx.recs);
        picture_free(&p);
    }

    check(init_status(&vmafx_fex_speed_chroma, NULL, VMAF_PIX_FMT_YUV400P, 8, 576, 324) == -EINVAL,
          "speed_chroma 4:0:0");
    check(init_status(&vmafx_fex_speed_chroma, NULL, VMAF_PIX_FMT_YUV420P, 9, 576, 324) == -EINVAL,
          "speed 9-bit");
    check(init_status(&vmafx_fex_speed_chroma, NULL, VMAF_PIX_FMT_YUV420P, 8, 64, 64) == -EINVAL,
          "speed tiny plane");
    check(init_status(&vmafx_fex_speed_temporal, up, VMAF_PIX_FMT_YUV420P, 8, 576, 324) == -EINVAL,
          "temporal upscale");
}

static void test_temporal(void)
{
    const ClipPair *cp = &clip_pairs[golden_pairs[0]];
    PairReader pr;
    Instance dist, same; /* ref against dist, and against itself */
    VmafxFexCtx dctx = { 0 }, sctx = { 0 };
    if (!pair_open(&pr, cp) || !instance_new(&dist, &vmafx_fex_speed_temporal)) {
        pair_close(&pr);
        return;
    }
    if (!instance_new(&same, &vmafx_fex_speed_temporal))
        abort();
    check(dist.fex->init(&dctx, dist.priv, cp->pix_fmt, cp->bpc, cp->w, cp->h) == 0,
          "temporal init");
    check(same.fex->init(&sctx, same.priv, cp->pix_fmt, cp->bpc, cp->w, cp->h) == 0,
          "temporal init 2");
    const char *name = "Speed_temporal_feature_speed_temporal_score";
    for (unsigned n = 0; n < 4; n++) {
        if (!pair_read(&pr))
            break;
        check(dist.fex->extract(&dctx, dist.priv, &pr.rp, &pr.dp, n) == 0, "temporal extract");
        check(same.fex->extract(&sctx, same.priv, &pr.rp, &pr.rp, n) == 0, "temporal same");
        double v, s;
        check(ctx_get(&dctx, name, n, &v) && isfinite(v) && v >= 0.0 && (n || v == 0.0),
              "temporal value");
        check(ctx_get(&sctx, name, n, &s) && s == 0.0, "temporal identical input is 0");
        if (n)
            check(v > 0.0, "temporal positive for a distorted clip");
    }
    instance_free(&dist);
    instance_free(&same);
    free(dctx.recs);
    free(sctx.recs);
    pair_close(&pr);
}

int main(int argc, char **argv)
{
    const char *env = getenv("VMAFX_TESTDATA");
    if (argc > 1)
        testdata_dir = argv[1];
    else if (env)
        testdata_dir = env;

    test_cambi_constants();
    test_speed_constants();
    test_errors();
    for (size_t c = 0; c < sizeof(golden_pairs) / sizeof(golden_pairs[0]); c++)
        for (size_t v = 0; v < sizeof(variants) / sizeof(variants[0]); v++)
            test_golden(&clip_pairs[golden_pairs[c]], &variants[v]);
    test_temporal();

    printf("cambi_speed: %u checks, %u failed; golden values %u/%u identical (max |diff| %.3g)\n",
           n_checks, n_failures, n_identical, n_compared, max_diff);
    return n_failures ? 1 : 0;
}
