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
 *       tests/unit/ssim_ciede_hvs_test.c tests/unit/fex_harness.c \
 *       src/feature/float_ssim_core.c src/feature/float_ssim.c src/feature/float_ms_ssim.c \
 *       src/feature/ciede.c src/feature/psnr_hvs.c src/log.c -lm -o ssim_ciede_hvs_test
 * Run: ./ssim_ciede_hvs_test [testdata-dir]   (default /work/shared/testdata,
 *      or $VMAFX_TESTDATA). Exit status 0 when every check passed, 77 without
 *      test data.
 *
 * The core functions the extractors call are stubbed by fex_harness.c.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feature/extractor.h"
#include "feature/extractors.h"

#include "fex_harness.h"

#define P420 VMAF_PIX_FMT_YUV420P

/* ---- golden pairs ----------------------------------------------------------------- */

/*
 * Compares `key` of every frame with the golden text. Frames whose golden file
 * lacks the key are skipped (psnr_hvs at 16 bits); a mismatch or a missing value
 * fails a check.
 */
static void compare_key(VmafxFexCtx *ctx, const char *json, const char *json_name,
                        unsigned frames, const char *key)
{
    for (unsigned f = 0; f < frames; f++) {
        GoldenValue gv;
        char what[400];
        const GoldenResult r = golden_compare(ctx, json, f, key, key, &gv);
        if (r == GOLDEN_ABSENT)
            continue;
        if (r == GOLDEN_UNWRITTEN) {
            snprintf(what, sizeof(what), "%s frame %u %s", json_name, f, key);
            check(false, what);
            continue;
        }
        n_compared++;
        if (r == GOLDEN_SAME) {
            n_identical++;
        } else {
            snprintf(what, sizeof(what), "%s frame %u %s: %s, golden %s", json_name, f, key,
                     gv.got, gv.want);
            check(false, what);
        }
    }
}

static void test_golden_pairs(void)
{
    static const char *const keys[] = {
        "float_ssim", "float_ms_ssim", "ciede2000", "psnr_hvs_y", "psnr_hvs_cb", "psnr_hvs_cr",
        "psnr_hvs",
    };
    for (size_t c = 0; c < n_clip_pairs; c++) {
        const ClipPair *cp = &clip_pairs[c];
        char path[512];
        snprintf(path, sizeof(path), "%s/golden/%s.default.json", testdata_dir, cp->dist);
        char *json = read_text(path);
        if (!json) {
            check(false, path);
            continue;
        }
        Instance insts[4];
        VmafxFexCtx ctxs[4] = { { 0 } };
        const VmafxFeatureExtractor *fexs[4] = {
            &vmafx_fex_float_ssim, &vmafx_fex_float_ms_ssim, &vmafx_fex_ciede,
            &vmafx_fex_psnr_hvs,
        };
        const unsigned n_inst = cp->bpc > 12 ? 3 : 4; /* psnr_hvs refuses 16 bits */
        for (unsigned i = 0; i < n_inst; i++)
            if (!instance_new(&insts[i], fexs[i]))
                abort();
        const unsigned before = n_identical;
        check(run_pair(cp, cp->frames, insts, n_inst, ctxs), cp->dist);
        for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
            const unsigned owner = k < 3 ? (unsigned)k : 3; /* instance writing keys[k] */
            if (owner < n_inst)
                compare_key(&ctxs[owner], json, cp->dist, cp->frames, keys[k]);
        }
        printf("%-45s %u identical\n", cp->dist, n_identical - before);
        for (unsigned i = 0; i < n_inst; i++) {
            instance_free(&insts[i]);
            free(ctxs[i].recs);
        }
        free(json);
    }
}

/* ---- spec check values and behaviour ------------------------------------------------ */

/* Runs one extractor on a single frame pair into an emptied ctx; returns init/extract status. */
static int run_once(Instance *inst, VmafxFexCtx *ctx, const VmafPicture *ref,
                    const VmafPicture *dist)
{
    ctx_reset(ctx);
    int err = inst->fex->init(ctx, inst->priv, ref->pix_fmt, ref->bpc, ref->w[0], ref->h[0]);
    if (!err)
        err = inst->fex->extract(ctx, inst->priv, ref, dist, 0);
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
    VmafxFexCtx ctx = { 0 };
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
        check(run_once(&inst, &ctx, &r, &d) == 0 && value_is(&ctx, "ciede2000", 0, cases[c].score),
              what);
        instance_free(&inst);
        picture_free(&r);
        picture_free(&d);
    }
    free(ctx.recs);
}

static void test_options(void)
{
    PairReader pr; /* cockatoo 576x324 8-bit, crf 38 */
    check(pair_open(&pr, &clip_pairs[2]) && pair_read(&pr), "load cockatoo frame 0");
    const VmafPicture *r = &pr.rp, *d = &pr.dp;

    Instance inst;
    VmafxFexCtx ctx = { 0 };
    /* enable_lcs: keys in order, linear values, score unchanged */
    instance_new(&inst, &vmafx_fex_float_ssim);
    check(set_bool(&inst, "enable_lcs", true), "option is a plain bool");
    check(run_once(&inst, &ctx, r, d) == 0 && ctx.count == 4 &&
              !strcmp(ctx.recs[0].name, "float_ssim") &&
              !strcmp(ctx.recs[1].name, "float_ssim_l") &&
              !strcmp(ctx.recs[3].name, "float_ssim_s"),
          "float_ssim enable_lcs keys");
    instance_free(&inst);

    instance_new(&inst, &vmafx_fex_float_ms_ssim);
    check(set_bool(&inst, "enable_lcs", true), "option is a plain bool");
    check(run_once(&inst, &ctx, r, d) == 0 && ctx.count == 16 &&
              !strcmp(ctx.recs[1].name, "float_ms_ssim_l_scale0") &&
              !strcmp(ctx.recs[6].name, "float_ms_ssim_c_scale0") &&
              !strcmp(ctx.recs[15].name, "float_ms_ssim_s_scale4"),
          "float_ms_ssim enable_lcs keys");
    instance_free(&inst);

    /* dB forms on identical input: +inf, or the clip value 104 at 576x324 8-bit */
    const VmafxFeatureExtractor *ssims[2] = { &vmafx_fex_float_ssim, &vmafx_fex_float_ms_ssim };
    const char *names[2] = { "float_ssim", "float_ms_ssim" };
    for (unsigned k = 0; k < 2; k++) {
        instance_new(&inst, ssims[k]);
        check(set_bool(&inst, "enable_db", true), "option is a plain bool");
        check(run_once(&inst, &ctx, r, r) == 0 && value_is(&ctx, names[k], 0, "null"),
              "enable_db identical -> null");
        instance_free(&inst);
        instance_new(&inst, ssims[k]);
        check(set_bool(&inst, "enable_db", true), "option is a plain bool");
        check(set_bool(&inst, "clip_db", true), "option is a plain bool");
        check(run_once(&inst, &ctx, r, r) == 0 && value_is(&ctx, names[k], 0, "104.000000"),
              "enable_db + clip_db identical -> 104");
        instance_free(&inst);
        instance_new(&inst, ssims[k]);
        check(set_bool(&inst, "clip_db", true), "option is a plain bool"); /* alone: no effect */
        check(run_once(&inst, &ctx, r, r) == 0 && value_is(&ctx, names[k], 0, "1.000000"),
              "clip_db alone");
        instance_free(&inst);
    }

    /* scale: explicit factors run, out-of-range values are refused */
    for (int s = 1; s <= 10; s++) {
        instance_new(&inst, &vmafx_fex_float_ssim);
        check(set_integer(&inst, "scale", s), "option is a plain int");
        double v = 0.0;
        check(run_once(&inst, &ctx, r, d) == 0 && ctx_get(&ctx, "float_ssim", 0, &v) && v > 0.5 &&
                  v <= 1.0,
              "float_ssim scale 1..10");
        instance_free(&inst);
    }
    const int bad_scales[2] = { -1, 11 };
    for (unsigned k = 0; k < 2; k++) {
        instance_new(&inst, &vmafx_fex_float_ssim);
        check(set_integer(&inst, "scale", bad_scales[k]), "option is a plain int");
        check(run_once(&inst, &ctx, r, d) == -EINVAL, "float_ssim scale out of range");
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
        check(inst.fex->init(&ctx, inst.priv, P420, 8, 576, 324) == 0 &&
                  inst.fex->extract(&ctx, inst.priv, r, &small, 0) == -EINVAL,
              "size mismatch refused");
        instance_free(&inst);
    }
    picture_free(&small);
    pair_close(&pr);
    free(ctx.recs);
}

static void test_refusals_and_sizes(void)
{
    Instance inst;
    VmafxFexCtx ctx = { 0 };
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
        const int err = run_once(&inst, &ctx, &r, &d);
        check(sizes[k][2] ? err == -EINVAL : err == 0, "ms_ssim size rule");
        instance_free(&inst);
        picture_free(&r);
        picture_free(&d);
    }

    /* psnr_hvs refuses > 12 bits; ciede and psnr_hvs refuse 4:0:0 */
    instance_new(&inst, &vmafx_fex_psnr_hvs);
    check(inst.fex->init(&ctx, inst.priv, P420, 16, 64, 64) == -EINVAL, "psnr_hvs 16-bit");
    instance_free(&inst);
    instance_new(&inst, &vmafx_fex_psnr_hvs);
    check(inst.fex->init(&ctx, inst.priv, VMAF_PIX_FMT_YUV400P, 8, 64, 64) == -EINVAL,
          "psnr_hvs 4:0:0");
    instance_free(&inst);
    instance_new(&inst, &vmafx_fex_ciede);
    check(inst.fex->init(&ctx, inst.priv, VMAF_PIX_FMT_YUV400P, 8, 64, 64) == -EINVAL,
          "ciede 4:0:0");
    instance_free(&inst);
    instance_new(&inst, &vmafx_fex_ciede);
    check(inst.fex->init(&ctx, inst.priv, P420, 9, 64, 64) == -EINVAL, "ciede 9-bit");
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
        check(set_bool(&inst, "enable_lcs", true), "option is a plain bool");
        bool ok = run_once(&inst, &ctx, &r, &d) == 0;
        if (degen[k].expect)
            ok = ok && value_is(&ctx, "float_ssim", 0, degen[k].expect);
        check(ok, "float_ssim degenerate size");
        instance_free(&inst);
        /* psnr_hvs: planes below 8 samples give NaN (null) */
        instance_new(&inst, &vmafx_fex_psnr_hvs);
        ok = run_once(&inst, &ctx, &r, &d) == 0;
        if (degen[k].n < 8)
            ok = ok && value_is(&ctx, "psnr_hvs_y", 0, "null") &&
                 value_is(&ctx, "psnr_hvs", 0, "null");
        check(ok, "psnr_hvs small size");
        instance_free(&inst);
        instance_new(&inst, &vmafx_fex_ciede);
        check(run_once(&inst, &ctx, &r, &d) == 0, "ciede small size");
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
                check(set_integer(&inst, "scale", (int)s), "option is a plain int");
                check(run_once(&inst, &ctx, &r, &d) == 0, "float_ssim odd size");
                instance_free(&inst);
            }
            instance_new(&inst, &vmafx_fex_psnr_hvs);
            run_once(&inst, &ctx, &r, &d); /* any status; must not crash */
            instance_free(&inst);
            instance_new(&inst, &vmafx_fex_ciede);
            run_once(&inst, &ctx, &r, &d);
            instance_free(&inst);
            picture_free(&r);
            picture_free(&d);
        }
    }
    free(ctx.recs);
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
