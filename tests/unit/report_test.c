/*
 * Unit test of the report code: number formatting (C.2), aliases (C.1),
 * pooling (C.3, api-abi 4.13), the four writers (C.4-C.7) on made-up data,
 * and byte-identical regeneration of the golden reports from their own values.
 *
 * Usage: report_test [testdata-dir]   (default $VMAFX_TESTDATA or
 * /work/shared/testdata; golden checks are skipped when it is absent)
 *
 * Build: gcc -Iinclude -Isrc tests/unit/report_test.c tests/unit/stub_feature_store.c
 *        src/report*.c src/alias.c src/pooling.c -lm
 * (the stub stands in for the core's feature store).
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* ---------------------------------------------------------------- helpers */

/* Renders a report into a malloc'ed string. */
static char *render(const VmafxFeatureStore *s, enum VmafOutputFormat fmt,
                    const VmafxReportParams *params)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return NULL;
    int err = vmafx_report_write(f, s, fmt, params);
    fclose(f);
    if (err) {
        free(text);
        return NULL;
    }
    return text;
}

/* Reports the first differing line of two texts. */
static bool same_text(const char *what, const char *got, const char *want)
{
    if (got && want && !strcmp(got, want))
        return true;
    if (!got || !want) {
        fprintf(stderr, "%s: missing text\n", what);
        return false;
    }
    unsigned line = 1;
    size_t i = 0, bol = 0;
    while (got[i] && got[i] == want[i]) {
        if (got[i] == '\n') {
            line++;
            bol = i + 1;
        }
        i++;
    }
    fprintf(stderr, "%s: differs at line %u\n  got:  %.160s\n  want: %.160s\n", what,
            line, got + bol, want + bol);
    return false;
}

static char *read_file(const char *path)
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

static const char *fmtv(double v)
{
    static char buf[400];
    vmafx_format_value(buf, sizeof(buf), v);
    return buf;
}

/* ---------------------------------------------------------------- C.2 / C.1 */

static void test_format(void)
{
    static const struct {
        double v;
        const char *want;
    } cases[] = {
        { 0.5, "0.500000" },
        { 0.0, "0.000000" },
        { -0.0, "-0.000000" },
        { 1e-7, "0.0000001000000000" },
        { -1e-7, "-0.0000001000000000" },
        { 1.0000009840332067, "1.0000009840332067" },
        { 5.0000000123, "5.0000000123000001" },
        { 1e-6, "0.000001" },
        { 1.000001, "1.0000009999999999" },
        { 0.99999999999, "1.000000" },
        { 1e-310, "0.0000000000000000" },
        { 3e9, "3000000000.000000" },
        { INFINITY, "inf" },
        { -INFINITY, "-inf" },
        { 1.0000005238784975, "1.0000005238784975" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        CHECK(!strcmp(fmtv(cases[i].v), cases[i].want), "format %.17g: got %s want %s",
              cases[i].v, fmtv(cases[i].v), cases[i].want);
    CHECK(!strcmp(fmtv(copysign(NAN, 1.0)), "nan"), "format +nan: %s", fmtv(NAN));
    CHECK(!strcmp(fmtv(copysign(NAN, -1.0)), "-nan"), "format -nan");
}

static void test_alias(void)
{
    CHECK(!strcmp(vmafx_key_alias("VMAF_integer_feature_adm2_score"), "integer_adm2"), "adm2");
    CHECK(!strcmp(vmafx_key_alias("VMAF_integer_feature_motion_score"), "integer_motion"),
          "motion");
    CHECK(!strcmp(vmafx_key_alias("VMAF_feature_adm_scale3_score"), "adm_scale3"), "fadm");
    CHECK(!strcmp(vmafx_key_alias("VMAF_feature_vif_scale0_score"), "vif_scale0"), "fvif");
    CHECK(!strcmp(vmafx_key_alias("Cambi_feature_cambi_score"), "cambi"), "cambi");
    CHECK(!strcmp(vmafx_key_alias("Speed_chroma_feature_speed_chroma_uv_score"),
                  "speed_chroma_uv"), "speed_chroma_uv");
    CHECK(!strcmp(vmafx_key_alias("Speed_temporal_feature_speed_temporal_score"),
                  "speed_temporal"), "speed_temporal");
    CHECK(!strcmp(vmafx_key_alias("VMAF_integer_feature_motion_sad_score"),
                  "VMAF_integer_feature_motion_sad_score"), "sad");
    CHECK(!strcmp(vmafx_key_alias("VMAF_integer_feature_adm_scale0_score"),
                  "VMAF_integer_feature_adm_scale0_score"), "integer adm scale not aliased");
    CHECK(!strcmp(vmafx_key_alias("integer_motion2_mmxv_18"), "integer_motion2_mmxv_18"),
          "suffixed");
}

/* ---------------------------------------------------------------- C.3 */

static double pool(const VmafxFeatureStore *s, unsigned k, enum VmafPoolingMethod m,
                   unsigned lo, unsigned hi, unsigned n, int *err)
{
    double r = 12345.0;
    *err = vmafx_pool_key(s, k, m, lo, hi, n, &r);
    return r;
}

static void test_pooling(void)
{
    VmafxFeatureStore *s;
    int err;
    if (vmafx_store_create(&s))
        abort();

    /* api-abi 4.13: values 10..14 at 0..4. */
    for (unsigned i = 0; i < 5; i++)
        vmafx_store_append(s, "a", 10.0 + i, i);
    CHECK(pool(s, 0, VMAF_POOL_METHOD_MEAN, 0, 4, 0, &err) == 12.0 && !err, "mean");
    CHECK(pool(s, 0, VMAF_POOL_METHOD_MIN, 0, 4, 2, &err) == 10.0 && !err, "min sub2");
    CHECK(pool(s, 0, VMAF_POOL_METHOD_MEAN, 0, 4, 2, &err) == 12.0 && !err, "mean sub2");
    CHECK(pool(s, 0, VMAF_POOL_METHOD_MIN, 1, 4, 2, &err) == 0.0 && !err,
          "min seeded with 0 when lo is skipped");
    CHECK(pool(s, 0, VMAF_POOL_METHOD_MAX, 1, 4, 2, &err) == 14.0 && !err, "max lo skipped");
    CHECK(pool(s, 0, VMAF_POOL_METHOD_MIN, 2, 4, 0, &err) == 12.0 && !err, "min from lo");
    CHECK(pool(s, 0, VMAF_POOL_METHOD_MIN, 1, 1, 2, &err) == 0.0 && !err, "all skipped min");
    CHECK(!strcmp(fmtv(pool(s, 0, VMAF_POOL_METHOD_MEAN, 1, 1, 2, &err)), "-nan") && !err,
          "all skipped mean -nan");
    CHECK(!strcmp(fmtv(pool(s, 0, VMAF_POOL_METHOD_HARMONIC_MEAN, 1, 1, 2, &err)), "-nan"),
          "all skipped harmonic -nan");
    pool(s, 0, VMAF_POOL_METHOD_MEAN, 0, 5, 0, &err);
    CHECK(err == -EINVAL, "missing index");
    pool(s, 0, VMAF_POOL_METHOD_UNKNOWN, 0, 4, 0, &err);
    CHECK(err == -EINVAL, "method 0");
    pool(s, 0, VMAF_POOL_METHOD_NB, 0, 4, 0, &err);
    CHECK(err == -EINVAL, "method NB");
    pool(s, 0, VMAF_POOL_METHOD_MEAN, 3, 2, 0, &err);
    CHECK(err == -EINVAL, "lo > hi");
    /* Harmonic mean of v + 1, minus 1: values 1 and 3 -> 2 / (1/2 + 1/4) - 1. */
    vmafx_store_append(s, "h", 1.0, 0);
    vmafx_store_append(s, "h", 3.0, 1);
    CHECK(pool(s, 1, VMAF_POOL_METHOD_HARMONIC_MEAN, 0, 1, 0, &err) == 2.0 / 0.75 - 1.0,
          "harmonic");
    /* -1 gives 1/0 = inf, so the harmonic mean is -1. */
    vmafx_store_append(s, "m1", -1.0, 0);
    vmafx_store_append(s, "m1", 5.0, 1);
    CHECK(pool(s, 2, VMAF_POOL_METHOD_HARMONIC_MEAN, 0, 1, 0, &err) == -1.0, "harm -1");
    /* inf + -inf is invalid: -nan. */
    vmafx_store_append(s, "inv", INFINITY, 0);
    vmafx_store_append(s, "inv", -INFINITY, 1);
    CHECK(!strcmp(fmtv(pool(s, 3, VMAF_POOL_METHOD_MEAN, 0, 1, 0, &err)), "-nan"), "inf-inf");
    CHECK(!strcmp(fmtv(pool(s, 3, VMAF_POOL_METHOD_MIN, 0, 1, 0, &err)), "-inf"), "min -inf");
    /* Two NaNs: the sum keeps the accumulated one, the harmonic sum the new term's. */
    vmafx_store_append(s, "nan", copysign(NAN, 1.0), 0);
    vmafx_store_append(s, "nan", copysign(NAN, -1.0), 1);
    CHECK(!strcmp(fmtv(pool(s, 4, VMAF_POOL_METHOD_MEAN, 0, 1, 0, &err)), "nan"), "nan sum");
    CHECK(!strcmp(fmtv(pool(s, 4, VMAF_POOL_METHOD_HARMONIC_MEAN, 0, 1, 0, &err)), "-nan"),
          "nan isum");
    CHECK(!strcmp(fmtv(pool(s, 4, VMAF_POOL_METHOD_MIN, 0, 1, 0, &err)), "nan"), "nan min");
    vmafx_store_destroy(s);
}

/* ---------------------------------------------------------------- C.4-C.7 examples */

static VmafxFeatureStore *example_store(void)
{
    static const struct {
        const char *key;
        double v[2];
    } cols[] = {
        { "VMAF_integer_feature_adm2_score", { 0.93125, 0.9287 } },
        { "VMAF_integer_feature_motion_sad_score", { 0.0, 3.5 } },
        { "ciede2000", { INFINITY, 41.25 } },
        { "VMAF_integer_feature_motion2_score", { 0.0, 3.5 } },
        { "VMAF_integer_feature_motion3_score", { 3.5, 3.5 } },
        { "vmaf", { 81.4, 4e-8 } },
    };
    VmafxFeatureStore *s;
    if (vmafx_store_create(&s))
        abort();
    for (unsigned i = 0; i < 2; i++)
        for (size_t c = 0; c < sizeof(cols) / sizeof(cols[0]); c++)
            vmafx_store_append(s, cols[c].key, cols[c].v[i], i);
    vmafx_store_append_aggregate(s, "apsnr_y", 38.5);
    return s;
}

static const char example_xml[] =
    "<VMAF version=\"f85a8536\">\n"
    "  <params qualityWidth=\"640\" qualityHeight=\"360\" />\n"
    "  <fyi fps=\"12.35\" />\n"
    "  <frames>\n"
    "    <frame frameNum=\"0\" integer_adm2=\"0.931250\" VMAF_integer_feature_motion_sad_score=\"0.000000\" ciede2000=\"inf\" integer_motion2=\"0.000000\" integer_motion3=\"3.500000\" vmaf=\"81.400000\" />\n"
    "    <frame frameNum=\"1\" integer_adm2=\"0.928700\" VMAF_integer_feature_motion_sad_score=\"3.500000\" ciede2000=\"41.250000\" integer_motion2=\"3.500000\" integer_motion3=\"3.500000\" vmaf=\"0.0000000400000000\" />\n"
    "  </frames>\n"
    "  <pooled_metrics>\n"
    "    <metric name=\"integer_adm2\" min=\"0.928700\" max=\"0.931250\" mean=\"0.929975\" harmonic_mean=\"0.929974\" />\n"
    "    <metric name=\"VMAF_integer_feature_motion_sad_score\" min=\"0.000000\" max=\"3.500000\" mean=\"1.750000\" harmonic_mean=\"0.636364\" />\n"
    "    <metric name=\"ciede2000\" min=\"41.250000\" max=\"inf\" mean=\"inf\" harmonic_mean=\"83.500000\" />\n"
    "    <metric name=\"integer_motion2\" min=\"0.000000\" max=\"3.500000\" mean=\"1.750000\" harmonic_mean=\"0.636364\" />\n"
    "    <metric name=\"integer_motion3\" min=\"3.500000\" max=\"3.500000\" mean=\"3.500000\" harmonic_mean=\"3.500000\" />\n"
    "    <metric name=\"vmaf\" min=\"0.0000000400000000\" max=\"81.400000\" mean=\"40.700000\" harmonic_mean=\"0.976019\" />\n"
    "  </pooled_metrics>\n"
    "  <aggregate_metrics apsnr_y=\"38.500000\" />\n"
    "</VMAF>\n";

static const char example_json[] =
    "{\n"
    "  \"version\": \"f85a8536\",\n"
    "  \"fps\": 12.35,\n"
    "  \"frames\": [\n"
    "    {\n"
    "      \"frameNum\": 0,\n"
    "      \"metrics\": {\n"
    "        \"integer_adm2\": 0.931250,\n"
    "        \"VMAF_integer_feature_motion_sad_score\": 0.000000,\n"
    "        \"ciede2000\": null,        \"integer_motion2\": 0.000000,\n"
    "        \"integer_motion3\": 3.500000,\n"
    "        \"vmaf\": 81.400000\n"
    "      }\n"
    "    },\n"
    "    {\n"
    "      \"frameNum\": 1,\n"
    "      \"metrics\": {\n"
    "        \"integer_adm2\": 0.928700,\n"
    "        \"VMAF_integer_feature_motion_sad_score\": 3.500000,\n"
    "        \"ciede2000\": 41.250000,\n"
    "        \"integer_motion2\": 3.500000,\n"
    "        \"integer_motion3\": 3.500000,\n"
    "        \"vmaf\": 0.0000000400000000\n"
    "      }\n"
    "    }\n"
    "  ],\n"
    "  \"pooled_metrics\": {\n"
    "    \"integer_adm2\": {\n"
    "      \"min\": 0.928700,\n"
    "      \"max\": 0.931250,\n"
    "      \"mean\": 0.929975,\n"
    "      \"harmonic_mean\": 0.929974\n"
    "    },\n"
    "    \"VMAF_integer_feature_motion_sad_score\": {\n"
    "      \"min\": 0.000000,\n"
    "      \"max\": 3.500000,\n"
    "      \"mean\": 1.750000,\n"
    "      \"harmonic_mean\": 0.636364\n"
    "    },\n"
    "    \"ciede2000\": {\n"
    "      \"min\": 41.250000,\n"
    "      \"max\": null,\n"
    "      \"mean\": null,\n"
    "      \"harmonic_mean\": 83.500000\n"
    "    },\n"
    "    \"integer_motion2\": {\n"
    "      \"min\": 0.000000,\n"
    "      \"max\": 3.500000,\n"
    "      \"mean\": 1.750000,\n"
    "      \"harmonic_mean\": 0.636364\n"
    "    },\n"
    "    \"integer_motion3\": {\n"
    "      \"min\": 3.500000,\n"
    "      \"max\": 3.500000,\n"
    "      \"mean\": 3.500000,\n"
    "      \"harmonic_mean\": 3.500000\n"
    "    },\n"
    "    \"vmaf\": {\n"
    "      \"min\": 0.0000000400000000,\n"
    "      \"max\": 81.400000,\n"
    "      \"mean\": 40.700000,\n"
    "      \"harmonic_mean\": 0.976019\n"
    "    }\n"
    "  },\n"
    "  \"aggregate_metrics\": {\n"
    "    \"apsnr_y\": 38.500000\n"
    "  }\n"
    "}\n";

static const char example_csv[] =
    "Frame,integer_adm2,VMAF_integer_feature_motion_sad_score,ciede2000,integer_motion2,"
    "integer_motion3,vmaf,\n"
    "0,0.931250,0.000000,inf,0.000000,3.500000,81.400000,\n"
    "1,0.928700,3.500000,41.250000,3.500000,3.500000,0.0000000400000000,\n";

static const char example_sub[] =
    "{0}{1}frame: 0|integer_adm2: 0.931250|VMAF_integer_feature_motion_sad_score: 0.000000|"
    "ciede2000: inf|integer_motion2: 0.000000|integer_motion3: 3.500000|vmaf: 81.400000|\n"
    "{1}{2}frame: 1|integer_adm2: 0.928700|VMAF_integer_feature_motion_sad_score: 3.500000|"
    "ciede2000: 41.250000|integer_motion2: 3.500000|integer_motion3: 3.500000|"
    "vmaf: 0.0000000400000000|\n";

static void test_examples(void)
{
    VmafxFeatureStore *s = example_store();
    const VmafxReportParams params = {
        .version = "f85a8536", .width = 640, .height = 360, .pic_cnt = 2, .fps = 12.35,
    };
    char *t;

    t = render(s, VMAF_OUTPUT_FORMAT_XML, &params);
    CHECK(same_text("example xml", t, example_xml), "example xml");
    free(t);
    t = render(s, VMAF_OUTPUT_FORMAT_JSON, &params);
    CHECK(same_text("example json", t, example_json), "example json");
    free(t);
    t = render(s, VMAF_OUTPUT_FORMAT_CSV, &params);
    CHECK(same_text("example csv", t, example_csv), "example csv");
    free(t);
    t = render(s, VMAF_OUTPUT_FORMAT_SUB, &params);
    CHECK(same_text("example sub", t, example_sub), "example sub");
    free(t);
    CHECK(vmafx_report_write(stdout, s, VMAF_OUTPUT_FORMAT_NONE, &params) == -EINVAL,
          "format none");
    vmafx_store_destroy(s);
}

/* Sparse keys, missing frame 0, empty pooled entries, subsampling, no aggregates. */
static void test_quirks(void)
{
    VmafxFeatureStore *s;
    if (vmafx_store_create(&s))
        abort();
    vmafx_store_append(s, "a", 1.0, 1);
    vmafx_store_append(s, "b", -INFINITY, 1);
    vmafx_store_append(s, "a", 2.0, 2);
    VmafxReportParams params = {
        .version = "v", .width = 8, .height = 8, .pic_cnt = 3, .fps = NAN,
    };

    char *t = render(s, VMAF_OUTPUT_FORMAT_JSON, &params);
    static const char want_json[] =
        "{\n  \"version\": \"v\",\n  \"fps\": null,\n  \"frames\": [,\n"
        "    {\n      \"frameNum\": 1,\n      \"metrics\": {\n"
        "        \"a\": 1.000000,\n        \"b\": null      }\n    },\n"
        "    {\n      \"frameNum\": 2,\n      \"metrics\": {\n"
        "        \"a\": 2.000000\n      }\n    }\n  ],\n"
        "  \"pooled_metrics\": {\n    \"a\": {\n    },\n    \"b\": {\n    }\n  },\n"
        "  \"aggregate_metrics\": {\n  }\n}\n";
    CHECK(same_text("quirk json", t, want_json), "quirk json");
    free(t);

    t = render(s, VMAF_OUTPUT_FORMAT_XML, &params);
    static const char want_xml[] =
        "<VMAF version=\"v\">\n  <params qualityWidth=\"8\" qualityHeight=\"8\" />\n"
        "  <fyi fps=\"nan\" />\n  <frames>\n"
        "    <frame frameNum=\"1\" a=\"1.000000\" b=\"-inf\" />\n"
        "    <frame frameNum=\"2\" a=\"2.000000\" />\n  </frames>\n"
        "  <pooled_metrics>\n    <metric name=\"a\" />\n    <metric name=\"b\" />\n"
        "  </pooled_metrics>\n  <aggregate_metrics />\n</VMAF>\n";
    CHECK(same_text("quirk xml", t, want_xml), "quirk xml");
    free(t);

    t = render(s, VMAF_OUTPUT_FORMAT_CSV, &params);
    CHECK(same_text("quirk csv", t, "Frame,a,b,\n1,1.000000,-inf,\n2,2.000000,\n"),
          "quirk csv");
    free(t);

    /* Subsample 2 over [0, 2] with frame 0 present: frame 1 is skipped. */
    vmafx_store_append(s, "a", 0.5, 0);
    vmafx_store_append(s, "b", 0.5, 0);
    vmafx_store_append(s, "b", 0.25, 2);
    params.n_subsample = 2;
    t = render(s, VMAF_OUTPUT_FORMAT_SUB, &params);
    CHECK(same_text("quirk sub", t,
                    "{0}{1}frame: 0|a: 0.500000|b: 0.500000|\n"
                    "{2}{3}frame: 2|a: 2.000000|b: 0.250000|\n"), "quirk sub");
    free(t);
    t = render(s, VMAF_OUTPUT_FORMAT_XML, &params);
    CHECK(t && strstr(t, "<metric name=\"b\" min=\"0.250000\" max=\"0.500000\" "
                         "mean=\"0.375000\" harmonic_mean=\"0.363636\" />"),
          "subsampled pooling skips the -inf at 1");
    free(t);
    /* No pictures: the range wraps to [0, UINT_MAX] and pooling fails. */
    params.pic_cnt = 0;
    t = render(s, VMAF_OUTPUT_FORMAT_XML, &params);
    CHECK(t && strstr(t, "<metric name=\"a\" />"), "pic_cnt 0 gives empty pooled");
    free(t);
    vmafx_store_destroy(s);
}

/* ---------------------------------------------------------------- golden */

/* Store key whose printed name is `printed` (inverse of the alias table). */
static const char *store_key_of(const char *printed)
{
    static const char *const known[] = {
        "VMAF_feature_adm2_score", "VMAF_feature_aim_score", "VMAF_feature_adm3_score",
        "VMAF_feature_adm_scale0_score", "VMAF_feature_adm_scale1_score",
        "VMAF_feature_adm_scale2_score", "VMAF_feature_adm_scale3_score",
        "VMAF_feature_motion_score", "VMAF_feature_motion2_score",
        "VMAF_feature_motion3_score", "VMAF_feature_vif_scale0_score",
        "VMAF_feature_vif_scale1_score", "VMAF_feature_vif_scale2_score",
        "VMAF_feature_vif_scale3_score", "VMAF_integer_feature_adm2_score",
        "VMAF_integer_feature_aim_score", "VMAF_integer_feature_adm3_score",
        "VMAF_integer_feature_motion_score", "VMAF_integer_feature_motion2_score",
        "VMAF_integer_feature_motion3_score", "VMAF_integer_feature_vif_scale0_score",
        "VMAF_integer_feature_vif_scale1_score", "VMAF_integer_feature_vif_scale2_score",
        "VMAF_integer_feature_vif_scale3_score", "Cambi_feature_cambi_score",
        "Speed_chroma_feature_speed_chroma_u_score",
        "Speed_chroma_feature_speed_chroma_v_score",
        "Speed_chroma_feature_speed_chroma_uv_score",
        "Speed_temporal_feature_speed_temporal_score",
    };
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
        if (!strcmp(vmafx_key_alias(known[i]), printed))
            return known[i];
    return printed;
}

static const char *skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
        p++;
    return p;
}

static unsigned restored_ulps;

/*
 * Parses a printed value. Golden values were formatted from unrounded doubles;
 * a "%.6f" text such as 1.000001 parses to a double just below the C.2
 * threshold and would reprint with 16 decimals, so the neighbour (one ulp away
 * from zero) that reprints identically is used instead (spec D).
 */
static const char *parse_value(const char *p, double *v)
{
    if (!strncmp(p, "null", 4)) {
        *v = INFINITY;
        return p + 4;
    }
    char *end;
    *v = strtod(p, &end);
    if (end == p)
        return NULL;
    char text[64];
    size_t len = (size_t)(end - p);
    if (len >= sizeof(text))
        return NULL;
    memcpy(text, p, len);
    text[len] = '\0';
    if (strcmp(fmtv(*v), text)) {
        double up = nextafter(*v, *v < 0 ? -INFINITY : INFINITY);
        if (!strcmp(fmtv(up), text)) {
            *v = up;
            restored_ulps++;
        }
    }
    return end;
}

/* Parses `"K": V` entries of one object up to its closing brace; calls add for each. */
static const char *parse_object(const char *p, VmafxFeatureStore *s, int frame)
{
    p = skip_ws(p);
    if (*p++ != '{')
        return NULL;
    for (;;) {
        p = skip_ws(p);
        if (*p == '}')
            return p + 1;
        if (*p++ != '"')
            return NULL;
        const char *q = strchr(p, '"');
        if (!q || q - p >= 256)
            return NULL;
        char name[256];
        memcpy(name, p, (size_t)(q - p));
        name[q - p] = '\0';
        p = skip_ws(q + 1);
        if (*p++ != ':')
            return NULL;
        double v;
        p = parse_value(skip_ws(p), &v);
        if (!p)
            return NULL;
        int err = frame >= 0 ? vmafx_store_append(s, store_key_of(name), v, (unsigned)frame)
                             : vmafx_store_append_aggregate(s, name, v);
        if (err)
            return NULL;
        p = skip_ws(p);
        if (*p == ',')
            p++;
    }
}

/* Loads a golden JSON report into a stub store; returns pic_cnt (frames) or -1. */
static int load_golden_json(const char *text, VmafxFeatureStore *s, double *fps,
                            char *version, size_t version_size)
{
    const char *p = strstr(text, "\"version\": \"");
    if (!p)
        return -1;
    p += 12;
    const char *q = strchr(p, '"');
    if (!q || (size_t)(q - p) >= version_size)
        return -1;
    memcpy(version, p, (size_t)(q - p));
    version[q - p] = '\0';

    p = strstr(q, "\"fps\": ");
    if (!p)
        return -1;
    p += 7;
    *fps = strncmp(p, "null", 4) ? strtod(p, NULL) : NAN;

    const char *pooled = strstr(p, "\"pooled_metrics\"");
    if (!pooled)
        return -1;
    int frames = 0;
    for (;;) {
        p = strstr(p, "\"frameNum\": ");
        if (!p || p > pooled)
            break;
        int idx = atoi(p + 12);
        p = strstr(p, "\"metrics\": ");
        if (!p || idx < 0)
            return -1;
        p = parse_object(p + 11, s, idx);
        if (!p)
            return -1;
        frames = idx + 1 > frames ? idx + 1 : frames;
    }
    p = strstr(pooled, "\"aggregate_metrics\": ");
    if (!p || !parse_object(p + 21, s, -1))
        return -1;
    return frames;
}


/*
 * Error budget of a pooled value recomputed from 6-decimal inputs: each input is
 * off by at most 5e-7, and both printed results by another 5e-7 each. The
 * harmonic mean amplifies input errors by (h + 1)^2 * mean(1 / (v + 1)^2).
 */
static double pooled_budget(const VmafxFeatureStore *s, const char *printed,
                            unsigned pic_cnt)
{
    for (unsigned k = 0; k < vmafx_store_key_count(s); k++) {
        if (strcmp(vmafx_key_alias(vmafx_store_key_name(s, k)), printed))
            continue;
        double h, sq = 0.0;
        if (vmafx_pool_key(s, k, VMAF_POOL_METHOD_HARMONIC_MEAN, 0, pic_cnt - 1, 0, &h))
            return 0.0;
        for (unsigned i = 0; i < pic_cnt; i++) {
            double v;
            if (!vmafx_store_get_at(s, k, i, &v) && isfinite(v))
                sq += 1.0 / ((v + 1.0) * (v + 1.0));
        }
        double gain = (h + 1.0) * (h + 1.0) * sq / pic_cnt;
        return 5e-7 * (gain > 1.0 ? gain : 1.0) + 1e-6 + 1e-12;
    }
    return 0.0;
}

static unsigned budget_values;

/*
 * Compares a regenerated report with the golden one: identical bytes, except that
 * a number inside the pooled section may differ within pooled_budget().
 */
static bool same_report(const char *what, const char *got, const char *want,
                        const VmafxFeatureStore *s, unsigned pic_cnt, bool xml)
{
    if (!got || !want)
        return same_text(what, got, want);
    const char *pooled = strstr(want, xml ? "<pooled_metrics>" : "\"pooled_metrics\"");
    size_t i = 0, j = 0;
    while (got[i] || want[j]) {
        if (got[i] == want[j]) {
            i++;
            j++;
            continue;
        }
        while (i && j && (strchr("0123456789.-", got[i - 1])) && got[i - 1] == want[j - 1]) {
            i--;
            j--;
        }
        char *ge, *we;
        const double a = strtod(got + i, &ge), b = strtod(want + j, &we);
        if (!pooled || want + j < pooled || ge == got + i || we == want + j)
            return same_text(what, got + i, want + j);
        /* The key of this pooled entry: the nearest name before the number. */
        const char *open = xml ? "name=\"" : "\n    \"";
        const char *name = NULL;
        for (const char *p = strstr(pooled, open); p && p < want + j; p = strstr(p + 1, open))
            name = p + strlen(open);
        char printed[256] = "";
        const char *q = name ? strchr(name, '"') : NULL;
        if (q && q - name < 256) {
            memcpy(printed, name, (size_t)(q - name));
            printed[q - name] = '\0';
        }
        const double budget = pooled_budget(s, printed, pic_cnt);
        if (!(fabs(a - b) <= budget)) {
            fprintf(stderr, "%s: pooled %s: %.17g vs %.17g exceeds budget %g\n", what,
                    printed, a, b, budget);
            return false;
        }
        budget_values++;
        i = (size_t)(ge - got);
        j = (size_t)(we - want);
    }
    return true;
}

static bool has_suffix(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcmp(s + a - b, suffix);
}

/* Copies the fps attribute of a golden XML report. */
static double xml_fps(const char *xml)
{
    const char *p = strstr(xml, "fps=\"");
    return p ? strtod(p + 5, NULL) : NAN;
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
    unsigned files = 0, identical = 0, others = 0, others_ok = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!has_suffix(e->d_name, ".json"))
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        char *golden = read_file(path);
        VmafxFeatureStore *s;
        if (!golden || vmafx_store_create(&s))
            abort();
        double fps = NAN;
        char version[64] = "";
        int frames = load_golden_json(golden, s, &fps, version, sizeof(version));
        CHECK(frames > 0, "%s: cannot parse", e->d_name);
        VmafxReportParams params = {
            .version = version, .pic_cnt = (unsigned)frames, .fps = fps,
        };
        char *t = render(s, VMAF_OUTPUT_FORMAT_JSON, &params);
        files++;
        if (same_report(e->d_name, t, golden, s, (unsigned)frames, false))
            identical++;
        else
            failures++;
        free(t);

        /* Companion XML / CSV reports made by the same run. */
        static const struct {
            const char *ext;
            enum VmafOutputFormat fmt;
        } companions[] = {
            { ".xml", VMAF_OUTPUT_FORMAT_XML },
            { ".csv", VMAF_OUTPUT_FORMAT_CSV },
        };
        const size_t base = strlen(path) - 5; /* without ".json" */
        for (size_t c = 0; c < 2; c++) {
            const size_t n = base;
            snprintf(path + n, sizeof(path) - n, "%s", companions[c].ext);
            char *want = read_file(path);
            if (!want)
                continue;
            /* W and H are not in the JSON: take them from the XML's params line. */
            const char *w = strstr(want, "qualityWidth=\"");
            const char *h = strstr(want, "qualityHeight=\"");
            params.width = w ? (unsigned)atoi(w + 14) : 0;
            params.height = h ? (unsigned)atoi(h + 15) : 0;
            params.fps = xml_fps(want);
            t = render(s, companions[c].fmt, &params);
            others++;
            if (same_report(path, t, want, s, (unsigned)frames, companions[c].fmt ==
                            VMAF_OUTPUT_FORMAT_XML))
                others_ok++;
            else
                failures++;
            free(t);
            free(want);
        }
        vmafx_store_destroy(s);
        free(golden);
    }
    closedir(d);
    printf("golden: %u/%u JSON and %u/%u XML/CSV reports identical; %u input values "
           "restored by one ulp; %u pooled values recomputed from rounded inputs "
           "differ within their error budget\n",
           identical, files, others_ok, others, restored_ulps, budget_values);
    CHECK(files > 0 && others > 0, "no golden reports found");
}

int main(int argc, char **argv)
{
    const char *testdata = argc > 1 ? argv[1] : getenv("VMAFX_TESTDATA");
    if (!testdata)
        testdata = "/work/shared/testdata";

    test_format();
    test_alias();
    test_pooling();
    test_examples();
    test_quirks();
    test_golden(testdata);

    if (failures) {
        fprintf(stderr, "report_test: %d failure(s)\n", failures);
        return 1;
    }
    printf("report_test: all passed\n");
    return 0;
}
