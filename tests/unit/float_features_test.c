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
 *       tests/unit/float_features_test.c tests/unit/fex_harness.c src/feature/float_common.c \
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

#include "fex_harness.h"

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

    for (size_t i = 0; i < n_clip_pairs; i++)
        test_golden_pair(&clip_pairs[i]);

    printf("golden values: %u compared, %u identical at report precision, max |diff| %g\n",
           n_compared, n_identical, max_abs_diff);
    printf("%u checks, %u failures\n", n_checks, n_failures);
    return n_failures ? 1 : 0;
}
