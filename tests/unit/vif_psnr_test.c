/*
 * Unit test of the integer VIF ("vif") and integer PSNR ("psnr") extractors.
 *
 * Runs both extractors over the test clips and compares every per-frame value,
 * printed as the report writers print it, with the golden JSON text of the
 * reference build (default options and vif_enhn_gain_limit = 1). Also checks the
 * spec's check values, option effects and error paths.
 *
 * Build (from the repository root):
 *   gcc -std=c11 -D_GNU_SOURCE -O2 -Iinclude -Isrc tests/unit/vif_psnr_test.c tests/unit/fex_harness.c \
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

#include "fex_harness.h"

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

    for (size_t i = 0; i < n_clip_pairs; i++)
        test_golden_pair(&clip_pairs[i]);

    printf("golden values: %u compared, %u identical at report precision, max |diff| %g\n",
           n_compared, n_identical, max_abs_diff);
    printf("%u checks, %u failures\n", n_checks, n_failures);
    return n_failures ? 1 : 0;
}
