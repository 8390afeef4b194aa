/*
 * Unit test of the model subsystem (src/json.c, src/model/): loading, error
 * paths, ownership, exact transform / knot / percentile / chroma rules on made-up
 * numbers, and a sanity check of predictions against the golden reports
 * (6-decimal inputs, so only to ~2e-4: tolerance 5e-4; exact conformance is
 * checked end to end elsewhere).
 *
 * Build (from the repository root, after fetch + embed into $B):
 *   gcc -std=c11 -D_GNU_SOURCE -O2 -ffp-contract=off -Iinclude -Isrc \
 *     tests/unit/model_test.c src/json.c src/model/{model,svm,transform,collection,builtin}.c \
 *     src/dict.c src/log.c $B/builtin_models.c -lm -o model_test
 * Run: ./model_test [golden_dir] [models_dir]
 *   (defaults ../shared/testdata/golden and ../shared/models; missing dirs are skipped)
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "feature/registry.h"
#include "json.h"
#include "model/model.h"
#include "model/model_priv.h"

static int failures, checks;

#define CHECK(cond)                                                          \
    do {                                                                     \
        checks++;                                                            \
        if (!(cond)) {                                                       \
            failures++;                                                      \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                  \
        }                                                                    \
    } while (0)

/* ---- registry stub: model feature name -> extractor name ---- */

static const VmafxFeatureExtractor fex_motion = { .name = "motion" };
static const VmafxFeatureExtractor fex_adm = { .name = "adm" };
static const VmafxFeatureExtractor fex_vif = { .name = "vif" };
static const VmafxFeatureExtractor fex_cambi = { .name = "cambi" };
static const VmafxFeatureExtractor fex_speed = { .name = "speed_chroma" };

const VmafxFeatureExtractor *vmafx_registry_find_provider(const char *output_name)
{
    if (strstr(output_name, "speed_chroma"))
        return &fex_speed;
    if (strstr(output_name, "VMAF_integer_feature_motion"))
        return &fex_motion;
    if (strstr(output_name, "VMAF_integer_feature_adm") ||
        strstr(output_name, "VMAF_integer_feature_aim"))
        return &fex_adm;
    if (strstr(output_name, "VMAF_integer_feature_vif"))
        return &fex_vif;
    if (!strcmp(output_name, "Cambi_feature_cambi_score"))
        return &fex_cambi;
    return NULL;
}

/* ---- helpers ---- */

static VmafModel *load_text(const char *json, uint64_t flags, int *err)
{
    VmafModelConfig cfg = { .name = NULL, .flags = flags };
    VmafModel *m = (VmafModel *)&cfg; /* must be overwritten */
    *err = vmafx_model_load_buffer(&m, &cfg, json, strlen(json));
    if (*err)
        CHECK(m == NULL);
    return m;
}

static int load_fails(const char *json)
{
    int err;
    VmafModel *m = load_text(json, 0, &err);
    vmaf_model_destroy(m);
    return err < 0;
}

/* Lookup over a fixed array: "name=value" features in a tiny table. */
typedef struct ArrayLookup {
    const char *name[8];
    double value[8];
} ArrayLookup;

static int array_lookup(void *user, const char *name, const VmafFeatureDictionary *opts,
                        double *value)
{
    (void)opts;
    const ArrayLookup *a = user;
    for (int i = 0; i < 8 && a->name[i]; i++) {
        if (!strcmp(a->name[i], name)) {
            *value = a->value[i];
            return 0;
        }
    }
    return -EINVAL;
}

/* A model with norm none and a linear kernel: y = sum(alpha_j * x.v_j) - rho. */
static char *linear_model(char *buf, size_t size, const char *features, const char *extra,
                          const char *svs, int n_sv, double rho)
{
    snprintf(buf, size,
             "{\"model_dict\":{\"model_type\":\"LIBSVMNUSVR\",\"norm_type\":\"none\","
             "\"feature_names\":[%s]%s,\"model\":\"svm_type nu_svr\\nkernel_type linear\\n"
             "nr_class 2\\ntotal_sv %d\\nrho %.17g\\nSV\\n%s\"}}",
             features, extra, n_sv, rho, svs);
    return buf;
}

/* ---- JSON parser ---- */

static void test_json(void)
{
    static const char *const bad[] = {
        "", " ", "{", "}", "[", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "01", "-",
        "1.", ".5", "1e", "+1", "NaN", "Infinity", "tru", "nul", "\"abc", "\"\\x\"",
        "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\u0000\"", "\"a\nb\"", "[1 2]",
        "{} {}", "{}x", "[\"a\"\"b\"]", "\"\\ud800\\u0041\"",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        VmafxJson *root = (VmafxJson *)bad;
        int err = vmafx_json_parse(bad[i], strlen(bad[i]), &root);
        CHECK(err == -EINVAL);
        CHECK(root == NULL);
        if (err != -EINVAL)
            fprintf(stderr, "  accepted: %s\n", bad[i]);
    }

    const char *good = " {\"a\" : [1, -0.5e1, 1E+2, true, false, null, \"x\\u00e9\\ud83d\\ude00\\n\"],"
                       " \"a\": {\"b\": {}}, \"c\": 18.123456789} ";
    VmafxJson *root;
    CHECK(vmafx_json_parse(good, strlen(good), &root) == 0);
    if (root) {
        CHECK(root->type == VMAFX_JSON_OBJECT && root->n == 3);
        const VmafxJson *a = &root->child[0];
        CHECK(a->type == VMAFX_JSON_ARRAY && a->n == 7);
        CHECK(a->child[1].number == -5.0 && !strcmp(a->child[1].text, "-0.5e1"));
        CHECK(a->child[2].number == 100.0);
        CHECK(a->child[5].type == VMAFX_JSON_NULL);
        CHECK(!strcmp(a->child[6].text, "x\xc3\xa9\xf0\x9f\x98\x80\n"));
        CHECK(vmafx_json_get(root, "a")->type == VMAFX_JSON_OBJECT); /* last wins */
        CHECK(vmafx_json_get(root, "c")->number == 18.123456789);
        CHECK(vmafx_json_get(root, "zz") == NULL);
        vmafx_json_free(root);
    }

    /* Depth limit: deep nesting fails cleanly instead of exhausting the stack. */
    size_t depth = 100000;
    char *deep = malloc(2 * depth);
    if (deep) {
        memset(deep, '[', depth);
        memset(deep + depth, ']', depth);
        CHECK(vmafx_json_parse(deep, 2 * depth, &root) == -EINVAL);
        CHECK(vmafx_json_parse(deep + depth - 64, 128, &root) == 0); /* 64 levels fine */
        vmafx_json_free(root);
        free(deep);
    }
    /* Embedded NUL is not JSON whitespace. */
    CHECK(vmafx_json_parse("{}\0", 3, &root) == -EINVAL);
    CHECK(vmafx_json_parse("1e999", 5, &root) == 0 && root && isinf(root->number));
    vmafx_json_free(root);
}

/* ---- loading errors and quirks ---- */

#define MD_HEAD "{\"model_dict\":{\"model_type\":\"LIBSVMNUSVR\",\"norm_type\":\"none\"," \
                "\"feature_names\":[\"f\"],"
#define SVM_OK "\"model\":\"svm_type nu_svr\\nkernel_type rbf\\ngamma 0.5\\nnr_class 2\\n" \
               "total_sv 1\\nrho 0\\nSV\\n1 1:0.5 \\n\""

static void test_load_errors(void)
{
    int err;
    CHECK(!load_fails(MD_HEAD SVM_OK "}}"));
    CHECK(load_fails("garbage"));
    CHECK(load_fails("{}"));
    CHECK(load_fails("[]"));
    CHECK(load_fails("{\"model_dict\":[]}"));
    CHECK(load_fails("{\"model_dict\":{}}"));
    CHECK(load_fails("{\"model_dict\":{\"model_type\":\"XX\",\"norm_type\":\"none\","
                     "\"feature_names\":[\"f\"]," SVM_OK "}}"));
    CHECK(load_fails("{\"model_dict\":{\"model_type\":\"LIBSVMNUSVR\",\"norm_type\":\"zz\","
                     "\"feature_names\":[\"f\"]," SVM_OK "}}"));
    CHECK(load_fails(MD_HEAD "\"model\":1}}"));
    CHECK(load_fails(MD_HEAD "\"score_clip\":[0]," SVM_OK "}}"));
    CHECK(load_fails(MD_HEAD "\"score_clip\":[0,\"1\"]," SVM_OK "}}"));
    CHECK(!load_fails(MD_HEAD "\"score_clip\":[0,1,\"x\"]," SVM_OK "}}"));
    /* feature_opts_dicts value types */
    CHECK(load_fails(MD_HEAD "\"feature_opts_dicts\":[{\"a\":null}]," SVM_OK "}}"));
    CHECK(load_fails(MD_HEAD "\"feature_opts_dicts\":[{\"a\":[]}]," SVM_OK "}}"));
    CHECK(load_fails(MD_HEAD "\"feature_opts_dicts\":[{\"a\":{}}]," SVM_OK "}}"));
    CHECK(load_fails(MD_HEAD "\"feature_opts_dicts\":[{\"a\":1,\"a\":2}]," SVM_OK "}}"));
    CHECK(!load_fails(MD_HEAD "\"feature_opts_dicts\":[{\"a\":1.0,\"a\":1}]," SVM_OK "}}"));
    CHECK(!load_fails(MD_HEAD "\"feature_opts_dicts\":[{},{\"a\":null}]," SVM_OK "}}"));
    /* score_transform type rules (B.5) */
    CHECK(load_fails(MD_HEAD "\"score_transform\":{\"p0\":null}," SVM_OK "}}"));
    CHECK(load_fails(MD_HEAD "\"score_transform\":{\"knots\":null}," SVM_OK "}}"));
    CHECK(load_fails(MD_HEAD "\"score_transform\":{\"p1\":\"1\"}," SVM_OK "}}"));
    CHECK(load_fails(MD_HEAD "\"score_transform\":{\"out_lte_in\":true}," SVM_OK "}}"));
    CHECK(load_fails(MD_HEAD "\"score_transform\":{\"enabled\":\"true\"}," SVM_OK "}}"));
    CHECK(load_fails(MD_HEAD "\"score_transform\":{\"knots\":[[1,2,3]]}," SVM_OK "}}"));
    CHECK(load_fails(MD_HEAD "\"score_transform\":{\"knots\":[[1]]}," SVM_OK "}}"));
    CHECK(load_fails(MD_HEAD "\"score_transform\":{\"knots\":[[0,0],[1,1],[2,2],[3,3],[4,4],"
                             "[5,5],[6,6],[7,7],[8,8],[9,9],[10,10]]}," SVM_OK "}}"));
    CHECK(!load_fails(MD_HEAD "\"score_transform\":{\"out_lte_in\":\"false\",\"x\":null}," SVM_OK "}}"));
    /* chroma correction needs exactly one adm3 and one speed_chroma feature */
    CHECK(load_fails(MD_HEAD "\"chroma_correction_parameter\":1," SVM_OK "}}"));
    /* linear_rescale needs K+1 slopes and intercepts */
    CHECK(load_fails("{\"model_dict\":{\"model_type\":\"LIBSVMNUSVR\",\"norm_type\":"
                     "\"linear_rescale\",\"feature_names\":[\"f\"],\"slopes\":[1],"
                     "\"intercepts\":[0,0]," SVM_OK "}}"));

    /* libsvm text (B.2) */
    static const char *const bad_svm[] = {
        "svm_type nu_svr\\nkernel_type rbf\\n\\ngamma 0.5\\nnr_class 2\\ntotal_sv 1\\nrho 0\\nSV\\n1 1:1\\n",
        "svm_type nu_svr\\nkernel_type rbf\\ngamma  0.5\\nnr_class 2\\ntotal_sv 1\\nrho 0\\nSV\\n1 1:1\\n",
        "svm_type c_svc\\nkernel_type rbf\\ngamma 0.5\\nnr_class 2\\ntotal_sv 1\\nrho 0\\nSV\\n1 1:1\\n",
        "svm_type nu_svr\\nkernel_type rbf\\ngamma x\\nnr_class 2\\ntotal_sv 1\\nrho 0\\nSV\\n1 1:1\\n",
        "svm_type nu_svr\\nkernel_type rbf\\nfoo 1\\nnr_class 2\\ntotal_sv 1\\nrho 0\\nSV\\n1 1:1\\n",
        "svm_type nu_svr\\nkernel_type rbf\\ngamma 0.5\\nnr_class 2\\ntotal_sv 2\\nrho 0\\nSV\\n1 1:1\\n",
        "svm_type nu_svr\\nkernel_type rbf\\ngamma 0.5\\nnr_class 2\\ntotal_sv 1\\nrho 0\\nSV\\n1 2:1 1:1\\n",
        "svm_type nu_svr\\nkernel_type rbf\\ngamma 0.5\\nnr_class 2\\ntotal_sv 1\\nrho 0\\nSV\\n1 0:1\\n",
        "svm_type nu_svr\\nkernel_type rbf\\ngamma 0.5\\nnr_class 2\\ntotal_sv 1\\nrho 0\\nSV\\n1 1:x\\n",
        "svm_type nu_svr\\nkernel_type rbf\\ngamma 0.5\\nnr_class 2\\ntotal_sv 99999999\\nrho 0\\nSV\\n1 1:1\\n",
        "svm_type nu_svr\\nkernel_type rbf\\ngamma 0.5\\ntotal_sv 1\\nrho 0\\nSV\\n1 1:1\\n",
        "svm_type nu_svr\\nkernel_type rbf\\ngamma 0.5\\nnr_class 2\\ntotal_sv 1\\nrho 0\\n",
        "svm_type nu_svr\\nkernel_type rbf\\ngamma 0.5\\nnr_class 2\\ntotal_sv 1\\nSV\\n1 1:1\\n",
        "svm_type nu_svr\\nkernel_type precomputed\\nnr_class 2\\ntotal_sv 1\\nrho 0\\nSV\\n1 1:1\\n",
    };
    char buf[1024];
    for (size_t i = 0; i < sizeof(bad_svm) / sizeof(bad_svm[0]); i++) {
        snprintf(buf, sizeof(buf), MD_HEAD "\"model\":\"%s\"}}", bad_svm[i]);
        CHECK(load_fails(buf));
    }
    snprintf(buf, sizeof(buf), MD_HEAD "\"model\":\"%s\"}}",
             "svm_type epsilon_svr\\nkernel_type rbf\\ngamma 0.5\\nnr_class 2\\ntotal_sv 1\\n"
             "rho 0\\nlabel 1 2\\nnr_sv 1 0\\nprobA 0.5\\nSV\\n1\\t1:1\\r\\n");
    CHECK(!load_fails(buf));

    /* norm_type absent: loads, but prediction fails */
    VmafModel *m = load_text("{\"model_dict\":{\"model_type\":\"LIBSVMNUSVR\","
                             "\"feature_names\":[\"f\"]," SVM_OK "}}", 0, &err);
    CHECK(err == 0 && m);
    ArrayLookup in = { { "f" }, { 0.5 } };
    double y = 0;
    const char *missing = "x";
    CHECK(vmafx_model_predict(m, array_lookup, &in, 0, &y, &missing) == -EINVAL);
    CHECK(missing == NULL);
    vmaf_model_destroy(m);
}

/* ---- SVR evaluation, sparse vectors, norm ---- */

static void test_svr(void)
{
    int err;
    char buf[2048];
    /* RBF: SV 1 has no index 2 (sparse), SV 2 has index 3 beyond the input. */
    snprintf(buf, sizeof(buf),
             "{\"model_dict\":{\"model_type\":\"LIBSVMNUSVR\",\"norm_type\":\"linear_rescale\","
             "\"feature_names\":[\"a\",\"b\"],\"slopes\":[0.5,2,4],\"intercepts\":[-1,0.25,-0.5],"
             "\"model\":\"svm_type nu_svr\\nkernel_type rbf\\ngamma 0.04\\nnr_class 2\\n"
             "total_sv 2\\nrho -1.33133\\nSV\\n-4 1:0.65734273 \\n3.5 1:0.1 2:0.2 3:0.7 \\n\"}}");
    VmafModel *m = load_text(buf, 0, &err);
    CHECK(err == 0 && m);
    ArrayLookup in = { { "a", "b" }, { 0.3, 0.9 } };
    double y = 0;
    CHECK(vmafx_model_predict(m, array_lookup, &in, 0, &y, NULL) == 0);
    const double x1 = 2 * 0.3 + 0.25, x2 = 4 * 0.9 + -0.5;
    double e, d1 = 0.0, d2 = 0.0;
    e = x1 - 0.65734273;
    d1 += e * e;
    d1 += x2 * x2;
    e = x1 - 0.1;
    d2 += e * e;
    e = x2 - 0.2;
    d2 += e * e;
    d2 += 0.7 * 0.7;
    double s = 0.0;
    s += -4 * exp(-0.04 * d1);
    s += 3.5 * exp(-0.04 * d2);
    const double expect = ((s - -1.33133) - -1) / 0.5;
    CHECK(y == expect);

    const char *missing = NULL;
    ArrayLookup partial = { { "a" }, { 0.3 } };
    CHECK(vmafx_model_predict(m, array_lookup, &partial, 0, &y, &missing) == -EINVAL);
    CHECK(missing && !strcmp(missing, "b"));
    vmaf_model_destroy(m);
}

/* ---- transform (B.5) ---- */

static double transform_of(const char *tr, double y_in)
{
    char buf[1024];
    int err;
    /* linear kernel: y = 1 * (x * 1) - 0 = x, exactly */
    char extra[512];
    snprintf(extra, sizeof(extra), ",\"score_transform\":%s", tr);
    VmafModel *m = load_text(linear_model(buf, sizeof(buf), "\"f\"", extra, "1 1:1", 1, 0), 0,
                             &err);
    CHECK(err == 0 && m);
    ArrayLookup in = { { "f" }, { y_in } };
    double y = NAN;
    if (m)
        CHECK(vmafx_model_predict(m, array_lookup, &in, 0, &y, NULL) == 0);
    vmaf_model_destroy(m);
    return y;
}

static void test_transform(void)
{
    /* Not enabled: the identity. */
    CHECK(transform_of("{\"p0\":1,\"p1\":2,\"p2\":0.5}", 4) == 4);
    CHECK(transform_of("{\"enabled\":true,\"p0\":1,\"p1\":2,\"p2\":0.5}", 4) == 17);
    CHECK(transform_of("{\"enabled\":true,\"p2\":0.5}", 3) == 4.5);
    /* Grouping ((0 + p0) + p1*y) + (p2*y)*y, with values where it matters. */
    const double p0 = 1.70674692, p1 = 1.72643844, p2 = -0.00705305, yin = 77.123456789;
    double t = 0.0;
    t = t + p0;
    t = t + p1 * yin;
    t = t + (p2 * yin) * yin;
    CHECK(transform_of("{\"enabled\":true,\"p0\":1.70674692,\"p1\":1.72643844,"
                       "\"p2\":-0.00705305}", yin) == t);
    /* out_gte_in / out_lte_in: the string "true" only */
    CHECK(transform_of("{\"enabled\":true,\"p1\":0.5,\"out_gte_in\":\"true\"}", 10) == 10);
    CHECK(transform_of("{\"enabled\":true,\"p1\":0.5,\"out_gte_in\":\"yes\"}", 10) == 5);
    CHECK(transform_of("{\"enabled\":true,\"p1\":2,\"out_lte_in\":\"true\"}", 10) == 10);
    CHECK(transform_of("{\"enabled\":true,\"p1\":2}", 10) == 20);

    /* Knots. */
    const char *k3 = "{\"enabled\":true,\"knots\":[[0,0],[50,60],[100,100]]}";
    CHECK(transform_of(k3, 25) == (60.0 - 0.0) / 50.0 * 25 + 0.0);   /* X0 == 0 branch */
    CHECK(transform_of(k3, -10) == (60.0 - 0.0) / 50.0 * -10 + 0.0); /* below X0 */
    const double a1 = (100.0 - 60.0) / (100.0 - 50.0), b1 = 60.0 - 50.0 * a1;
    CHECK(transform_of(k3, 75) == a1 * 75 + b1);
    CHECK(transform_of(k3, 150) == a1 * 150 + b1); /* beyond the last knot */
    CHECK(transform_of(k3, 50) == a1 * 50 + b1);   /* later segment wins at a shared knot */
    const char *flat = "{\"enabled\":true,\"knots\":[[0,10],[10,10],[20,30]]}";
    CHECK(transform_of(flat, 5) == 10);
    CHECK(transform_of(flat, -5) == 10);
    CHECK(transform_of(flat, 10) == 2.0 * 10 + -10.0);
    /* invalid first segment: out stays 0 */
    CHECK(transform_of("{\"enabled\":true,\"knots\":[[10,0],[5,5]]}", 7) == 0);
    /* invalid second segment: stop with what the first gave */
    const char *bad2 = "{\"enabled\":true,\"knots\":[[0,0],[10,10],[5,20]]}";
    CHECK(transform_of(bad2, 3) == 3);
    CHECK(transform_of(bad2, 20) == 0);
    CHECK(transform_of("{\"enabled\":true,\"knots\":[]}", 7) == 7);
    CHECK(transform_of("{\"enabled\":true,\"knots\":[[1,2]]}", 7) == 7);
    /* polynomial feeds the knots; rectification uses the original input */
    CHECK(transform_of("{\"enabled\":true,\"p1\":2,\"knots\":[[0,0],[100,50]],"
                       "\"out_gte_in\":\"true\"}", 30) == 30);
}

/* ---- clip and flags ---- */

static void test_clip_flags(void)
{
    char buf[1024];
    int err;
    const char *extra = ",\"score_clip\":[0,100],\"score_transform\":{\"p0\":5}";
    linear_model(buf, sizeof(buf), "\"f\"", extra, "1 1:1", 1, 0);
    ArrayLookup in = { { "f" }, { 120 } };
    double y;

    VmafModel *m = load_text(buf, 0, &err);
    CHECK(vmafx_model_predict(m, array_lookup, &in, 0, &y, NULL) == 0 && y == 100);
    CHECK(vmafx_model_predict(m, array_lookup, &in, VMAF_MODEL_FLAG_DISABLE_CLIP, &y,
                              NULL) == 0 && y == 120);
    in.value[0] = -3;
    CHECK(vmafx_model_predict(m, array_lookup, &in, 0, &y, NULL) == 0 && y == 0);
    vmaf_model_destroy(m);

    m = load_text(buf, VMAF_MODEL_FLAG_DISABLE_CLIP, &err);
    CHECK(vmafx_model_predict(m, array_lookup, &in, 0, &y, NULL) == 0 && y == -3);
    vmaf_model_destroy(m);

    m = load_text(buf, VMAF_MODEL_FLAG_ENABLE_TRANSFORM, &err);
    CHECK(vmafx_model_predict(m, array_lookup, &in, 0, &y, NULL) == 0 && y == 5);
    CHECK(vmafx_model_predict(m, array_lookup, &in, VMAF_MODEL_FLAG_DISABLE_TRANSFORM, &y,
                              NULL) == 0 && y == 0);
    vmaf_model_destroy(m);
}

/* ---- chroma correction (B.4 step 2) ---- */

static void test_chroma(void)
{
    char buf[2048];
    int err;
    /* linear_rescale; y = x_speed (alpha 1, SV 2:1), then (y - 0) / 1 */
    snprintf(buf, sizeof(buf),
             "{\"model_dict\":{\"model_type\":\"LIBSVMNUSVR\",\"norm_type\":\"linear_rescale\","
             "\"feature_names\":[\"X_adm3_score\",\"X_speed_chroma_uv_score\"],"
             "\"slopes\":[1,0.031,0.0726],\"intercepts\":[0,-0.0149,-0.000163],"
             "\"chroma_correction_parameter\":%s,"
             "\"model\":\"svm_type nu_svr\\nkernel_type linear\\nnr_class 2\\ntotal_sv 1\\n"
             "rho 0\\nSV\\n1 2:1\\n\"}}", "120.0");
    VmafModel *m = load_text(buf, 0, &err);
    CHECK(err == 0 && m);
    ArrayLookup in = { { "X_adm3_score", "X_speed_chroma_uv_score" }, { 0.9751, 0.0 } };
    double y;
    CHECK(vmafx_model_predict(m, array_lookup, &in, 0, &y, NULL) == 0);
    const double xg = 0.031 * 0.9751 + -0.0149;
    const double g = (xg - -0.0149) / 0.031;
    const double xh = 0.0726 * ((-120.0 * g) + 120.0) + -0.000163;
    double s = 0.0;
    s += 1 * (xh * 1);
    CHECK(y == (s - 0) / 1);
    in.value[1] = 0.5; /* no correction */
    CHECK(vmafx_model_predict(m, array_lookup, &in, 0, &y, NULL) == 0);
    CHECK(y == 0.0 + 1 * ((0.0726 * 0.5 + -0.000163) * 1));
    vmaf_model_destroy(m);

    /* c == 0: no value, silently */
    char *p = strstr(buf, "120.0");
    memcpy(p, "0.000", 5);
    m = load_text(buf, 0, &err);
    CHECK(err == 0 && m);
    CHECK(vmafx_model_predict(m, array_lookup, &in, 0, &y, NULL) == 1);
    vmaf_model_destroy(m);
}

/* ---- collections (B.7) ---- */

static char *member(char *buf, size_t size, double value)
{
    char svs[64];
    snprintf(svs, sizeof(svs), "%.17g 1:1", value);
    return linear_model(buf, size, "\"f\"", ",\"score_clip\":[0,100]", svs, 1, 0);
}

static void test_collection(void)
{
    static const double raw[4] = { 3, 1, 4, 2 };
    char text[8192], m[1024];
    size_t off = 0;
    off += (size_t)snprintf(text + off, sizeof(text) - off, "{\"0\":%s",
                            member(m, sizeof(m), 50));
    for (int j = 0; j < 4; j++)
        off += (size_t)snprintf(text + off, sizeof(text) - off, ",\"%d\":%s", j + 1,
                                member(m, sizeof(m), raw[j]));
    snprintf(text + off, sizeof(text) - off, "}");

    VmafModelConfig cfg = { .name = "foo" };
    VmafModel *main_model;
    VmafModelCollection *c;
    CHECK(vmafx_collection_load_buffer(&main_model, &c, &cfg, text, strlen(text)) == 0);
    CHECK(!strcmp(vmafx_model_name(main_model), "foo"));
    CHECK(vmafx_collection_size(c) == 4);
    CHECK(!strcmp(vmafx_collection_name(c), "foo"));
    CHECK(!strcmp(vmafx_model_name(vmafx_collection_member(c, 0)), "foo_0001"));
    CHECK(!strcmp(vmafx_model_name(vmafx_collection_member(c, 3)), "foo_0004"));
    CHECK(vmafx_collection_member(c, 4) == NULL);

    ArrayLookup in = { { "f" }, { 1.0 } };
    double scores[4];
    VmafModelCollectionScore st;
    CHECK(vmafx_collection_predict(c, array_lookup, &in, scores, &st, NULL) == 0);
    CHECK(scores[0] == 3 && scores[1] == 1 && scores[2] == 4 && scores[3] == 2);
    const double mean = (((0.0 + 3) + 1) + 4 + 2) / 4;
    double var = 0.0;
    for (int j = 0; j < 4; j++)
        var += pow(raw[j] - mean, 2.0);
    const double sd = sqrt(var / 4);
    const double p_lo = (2.5 * 3) / 100.0, p_hi = (97.5 * 3) / 100.0;
    const double lo = 1 * (1.0 - p_lo) + 2 * (p_lo - 0.0);
    const double hi = 3 * (3.0 - p_hi) + 4 * (p_hi - 2.0);
    const double slope = ((mean + 0.01) - (mean - 0.01)) / (2.0 * 0.01);
    CHECK(st.type == VMAF_MODEL_COLLECTION_SCORE_BOOTSTRAP);
    CHECK(st.bootstrap.bagging_score == mean);
    CHECK(st.bootstrap.stddev == sd * slope);
    CHECK(st.bootstrap.ci.p95.lo == lo);
    CHECK(st.bootstrap.ci.p95.hi == hi);

    /* Overload reaches members and main model; registry stub maps nothing here. */
    VmafFeatureDictionary *d = NULL;
    CHECK(vmafx_dict_set(&d, "k", "v", true) == 0);
    CHECK(vmaf_model_collection_feature_overload(NULL, &c, "motion", d) == -EINVAL);
    VmafModelCollection *none = NULL;
    CHECK(vmaf_model_collection_feature_overload(main_model, &none, "motion", d) == -EINVAL);
    CHECK(vmaf_model_collection_feature_overload(main_model, NULL, "motion", d) == -EINVAL);
    CHECK(vmaf_model_collection_feature_overload(main_model, &c, "motion", d) == 0);
    vmaf_model_destroy(main_model);
    vmaf_model_collection_destroy(c);

    /* Keys out of order are skipped: takes "0", "1", "2" only. */
    off = 0;
    const char *keys[] = { "0", "1", "3", "2", "4", "02" };
    for (int j = 0; j < 6; j++)
        off += (size_t)snprintf(text + off, sizeof(text) - off, "%s\"%s\":%s",
                                j ? "," : "{", keys[j], member(m, sizeof(m), j));
    snprintf(text + off, sizeof(text) - off, "}");
    CHECK(vmafx_collection_load_buffer(&main_model, &c, &cfg, text, strlen(text)) == 0);
    CHECK(vmafx_collection_size(c) == 2);
    vmaf_model_destroy(main_model);
    vmaf_model_collection_destroy(c);

    /* Only "0": not a collection. A bad member fails the whole load. */
    snprintf(text, sizeof(text), "{\"0\":%s}", member(m, sizeof(m), 1));
    main_model = (VmafModel *)text;
    c = (VmafModelCollection *)text;
    CHECK(vmafx_collection_load_buffer(&main_model, &c, &cfg, text, strlen(text)) == -EINVAL);
    CHECK(main_model == NULL && c == NULL);
    off = (size_t)snprintf(text, sizeof(text), "{\"0\":%s,", member(m, sizeof(m), 1));
    snprintf(text + off, sizeof(text) - off, "\"1\":{\"model_dict\":{}}}");
    CHECK(vmafx_collection_load_buffer(&main_model, &c, &cfg, text, strlen(text)) == -EINVAL);
    CHECK(main_model == NULL && c == NULL);
}

/* ---- public API on built-in models ---- */

static void test_builtin_api(const char *models_dir)
{
    VmafModelConfig cfg = { 0 };
    VmafModel *m = (VmafModel *)&cfg;
    VmafModelCollection *c = (VmafModelCollection *)&cfg;

    CHECK(vmafx_builtin_model_at(0) != NULL);
    size_t n = 0;
    while (vmafx_builtin_model_at(n))
        n++;
    CHECK(n == 12);

    /* Every built-in loads with exactly one of the two loaders. */
    for (size_t i = 0; i < n; i++) {
        const char *name = vmafx_builtin_model_at(i)->name;
        const int is_coll = strstr(name, "_b_v0.6.3") != NULL;
        int e1 = vmaf_model_load(&m, &cfg, name);
        CHECK(is_coll ? (e1 == -EINVAL && m == NULL) : (e1 == 0 && m));
        vmaf_model_destroy(m);
        int e2 = vmaf_model_collection_load(&m, &c, &cfg, name);
        CHECK(is_coll ? (e2 == 0 && m && c && vmafx_collection_size(c) == 20)
                      : (e2 == -EINVAL && m == NULL && c == NULL));
        if (is_coll)
            CHECK(!strcmp(vmafx_model_name(vmafx_collection_member(c, 19)), "vmaf_0020"));
        vmaf_model_destroy(m);
        vmaf_model_collection_destroy(c);
    }

    fprintf(stderr, "(expected warnings follow)\n");
    CHECK(vmaf_model_load(&m, &cfg, "VMAF_V0.6.1") == -EINVAL && m == NULL);
    CHECK(vmaf_model_load(&m, &cfg, "") == -EINVAL && m == NULL);
    CHECK(vmaf_model_load(&m, &cfg, "vmaf_v0.6.1.json") == -EINVAL && m == NULL);
    CHECK(vmaf_model_collection_load(&m, &c, &cfg, "nope") == -EINVAL && !m && !c);
    CHECK(vmaf_model_load(NULL, &cfg, "vmaf_v0.6.1") == -EINVAL);
    CHECK(vmaf_model_load(&m, NULL, "vmaf_v0.6.1") == -EINVAL && m == NULL);
    CHECK(vmaf_model_load(&m, &cfg, NULL) == -EINVAL && m == NULL);
    CHECK(vmaf_model_load_from_path(&m, &cfg, NULL) == -EINVAL && m == NULL);
    CHECK(vmaf_model_load_from_path(&m, &cfg, "/nonexistent/model.pkl") == -EINVAL && !m);
    CHECK(vmaf_model_collection_load(NULL, &c, &cfg, "vmaf_b_v0.6.3") == -EINVAL && !c);
    CHECK(vmaf_model_collection_load(&m, NULL, &cfg, "vmaf_b_v0.6.3") == -EINVAL && !m);
    CHECK(vmaf_model_collection_load(&m, &c, NULL, "vmaf_b_v0.6.3") == -EINVAL);
    CHECK(vmaf_model_collection_load_from_path(&m, &c, &cfg, NULL) == -EINVAL);
    vmaf_model_destroy(NULL);
    vmaf_model_collection_destroy(NULL);

    /* Name is copied; opts normalised from the JSON numbers. */
    char *name = malloc(8);
    if (name) {
        strcpy(name, "foo");
        cfg.name = name;
        CHECK(vmaf_model_load(&m, &cfg, "vmaf_v1.0.16_3d0h") == 0);
        free(name);
        cfg.name = NULL;
        CHECK(!strcmp(vmafx_model_name(m), "foo"));
        CHECK(vmafx_model_feature_count(m) == 4);
        const VmafFeatureDictionary *o = vmafx_model_feature_opts(m, 0);
        CHECK(!strcmp(vmafx_dict_get(o, "cambi_high_res_speedup"), "1080"));
        CHECK(!strcmp(vmafx_dict_get(o, "cambi_vis_lum_threshold"), "0.06"));
        CHECK(!strcmp(vmafx_dict_get(o, "cambi_max_val"), "17"));
        CHECK(!strcmp(vmafx_dict_get(vmafx_model_feature_opts(m, 3), "motion_max_val"), "18"));
        CHECK(!strcmp(vmafx_dict_get(vmafx_model_feature_opts(m, 1), "speed_kernelscale"), "1"));
        CHECK(vmafx_model_feature_opts(m, 4) == NULL && vmafx_model_feature_name(m, 4) == NULL);
        vmaf_model_destroy(m);
    }

    /* Overload: by extractor name; consumed whenever the arguments are non-NULL. */
    CHECK(vmaf_model_load(&m, &cfg, "vmaf_v0.6.1") == 0);
    CHECK(!strcmp(vmafx_model_name(m), "vmaf"));
    VmafFeatureDictionary *d = NULL;
    CHECK(vmafx_dict_set(&d, "motion_max_val", "0.5", true) == 0);
    CHECK(vmaf_model_feature_overload(NULL, "motion", d) == -EINVAL);
    CHECK(vmaf_model_feature_overload(m, NULL, d) == -EINVAL);
    CHECK(vmaf_model_feature_overload(m, "motion", NULL) == -EINVAL);
    CHECK(vmaf_model_feature_overload(m, "motion", d) == 0);
    CHECK(!strcmp(vmafx_model_feature_name(m, 1), "VMAF_integer_feature_motion2_score"));
    CHECK(!strcmp(vmafx_dict_get(vmafx_model_feature_opts(m, 1), "motion_max_val"), "0.5"));
    CHECK(vmafx_model_feature_opts(m, 0) == NULL);
    d = NULL;
    CHECK(vmafx_dict_set(&d, "cambi_max_val", "1", true) == 0);
    CHECK(vmaf_model_feature_overload(m, "cambi", d) == 0); /* no match, consumed */
    d = NULL;
    CHECK(vmafx_dict_set(&d, "x", "1", true) == 0);
    CHECK(vmaf_model_feature_overload(m, "VMAF_integer_feature_motion2_score", d) == 0);
    CHECK(vmafx_dict_get(vmafx_model_feature_opts(m, 1), "x") == NULL);
    vmaf_model_destroy(m);

    /* From files. */
    if (models_dir) {
        char path[4096];
        snprintf(path, sizeof(path), "%s/vmaf_v0.6.1neg.json", models_dir);
        CHECK(vmaf_model_load_from_path(&m, &cfg, path) == 0 && m);
        CHECK(!strcmp(vmafx_dict_get(vmafx_model_feature_opts(m, 0), "adm_enhn_gain_limit"), "1"));
        vmaf_model_destroy(m);
        CHECK(vmaf_model_collection_load_from_path(&m, &c, &cfg, path) == -EINVAL && !m && !c);
        snprintf(path, sizeof(path), "%s/vmaf_b_v0.6.3.json", models_dir);
        CHECK(vmaf_model_collection_load_from_path(&m, &c, &cfg, path) == 0 && m && c);
        vmaf_model_destroy(m);
        vmaf_model_collection_destroy(c);
        CHECK(vmaf_model_load_from_path(&m, &cfg, path) == -EINVAL && m == NULL);
    }
}

/* ---- predictions vs golden reports (sanity, tolerance 5e-4) ---- */

typedef struct GoldenFrame {
    const VmafxJson *metrics;
    const char *kind;
} GoldenFrame;

static void golden_key(const char *kind, const char *fname, char *out, size_t size)
{
    char base[256];
    const char *ip = "VMAF_integer_feature_", *fp = "VMAF_feature_";
    if (!strncmp(fname, ip, strlen(ip)))
        snprintf(base, sizeof(base), "integer_%s", fname + strlen(ip));
    else if (!strncmp(fname, fp, strlen(fp)))
        snprintf(base, sizeof(base), "%s", fname + strlen(fp));
    else if (strstr(fname, "cambi"))
        snprintf(base, sizeof(base), "cambi_score");
    else
        snprintf(base, sizeof(base), "speed_chroma_uv_score");
    char *sc = strstr(base, "_score");
    if (sc)
        *sc = '\0';
    const char *suffix = "";
    if (!strcmp(kind, "neg") && (strstr(base, "adm") || strstr(base, "vif")))
        suffix = "_egl_1";
    if (!strcmp(kind, "v1")) {
        if (strstr(base, "cambi"))
            suffix = "_hrs_1080_cmxv_17_vlt_0.06";
        else if (strstr(base, "speed"))
            suffix = "_mxv_45_nnf_0.1_snn_0.19_wvm_5";
        else if (strstr(base, "adm"))
            suffix = "_csf_2_dlmw_0.7_egl_1_min_0.5_nw_0.02";
        else if (strstr(base, "motion"))
            suffix = "_mmxv_18";
    }
    snprintf(out, size, "%s%s", base, suffix);
}

static int golden_lookup(void *user, const char *name, const VmafFeatureDictionary *opts,
                         double *value)
{
    (void)opts;
    const GoldenFrame *g = user;
    char key[300];
    golden_key(g->kind, name, key, sizeof(key));
    const VmafxJson *v = vmafx_json_get(g->metrics, key);
    if (!v || v->type != VMAFX_JSON_NUMBER)
        return -EINVAL;
    *value = v->number;
    return 0;
}

static double max_diff;
static long n_compared;

static void compare(const VmafxJson *metrics, const char *key, double got, const char *file,
                    long frame)
{
    const VmafxJson *v = vmafx_json_get(metrics, key);
    CHECK(v && v->type == VMAFX_JSON_NUMBER);
    if (!v)
        return;
    const double diff = fabs(got - v->number);
    if (diff > max_diff)
        max_diff = diff;
    n_compared++;
    if (!(diff <= 5e-4)) {
        failures++;
        fprintf(stderr, "%s frame %ld %s: got %.6f, golden %.6f\n", file, frame, key, got,
                v->number);
    }
}

static void test_golden_file(const char *dir, const char *file)
{
    static const struct { const char *suffix, *kind, *model; } kinds[] = {
        { ".default.json", "default", "vmaf_v0.6.1" },
        { ".neg.json", "neg", "vmaf_v0.6.1neg" },
        { ".4k.json", "4k", "vmaf_4k_v0.6.1" },
        { ".v1.json", "v1", "vmaf_v1.0.16_3d0h" },
        { ".float.json", "float", "vmaf_float_v0.6.1" },
        { ".b.json", "b", "vmaf_b_v0.6.3" },
    };
    size_t fl = strlen(file), ki;
    for (ki = 0; ki < sizeof(kinds) / sizeof(kinds[0]); ki++) {
        size_t sl = strlen(kinds[ki].suffix);
        if (fl > sl && !strcmp(file + fl - sl, kinds[ki].suffix))
            break;
    }
    if (ki == sizeof(kinds) / sizeof(kinds[0]))
        return;

    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, file);
    char *buf;
    size_t size;
    VmafxJson *root;
    if (vmafx_read_file(path, &buf, &size))
        return;
    int err = vmafx_json_parse(buf, size, &root);
    free(buf);
    CHECK(err == 0);
    if (err)
        return;

    VmafModelConfig cfg = { 0 };
    VmafModel *m = NULL;
    VmafModelCollection *c = NULL;
    const int is_coll = !strcmp(kinds[ki].kind, "b");
    err = is_coll ? vmaf_model_collection_load(&m, &c, &cfg, kinds[ki].model)
                  : vmaf_model_load(&m, &cfg, kinds[ki].model);
    CHECK(err == 0);
    const VmafxJson *frames = vmafx_json_get(root, "frames");
    for (size_t i = 0; !err && frames && i < frames->n; i++) {
        GoldenFrame g = { vmafx_json_get(&frames->child[i], "metrics"), kinds[ki].kind };
        if (!vmafx_json_get(g.metrics, "vmaf"))
            continue; /* e.g. -n runs */
        double y;
        const char *missing = NULL;
        CHECK(vmafx_model_predict(m, golden_lookup, &g, 0, &y, &missing) == 0);
        if (missing)
            fprintf(stderr, "%s: missing %s\n", file, missing);
        compare(g.metrics, "vmaf", y, file, (long)i);
        if (is_coll) {
            double ms[20];
            VmafModelCollectionScore st;
            CHECK(vmafx_collection_predict(c, golden_lookup, &g, ms, &st, NULL) == 0);
            for (int j = 0; j < 20; j++) {
                char key[32];
                snprintf(key, sizeof(key), "vmaf_%04d", j + 1);
                compare(g.metrics, key, ms[j], file, (long)i);
            }
            compare(g.metrics, "vmaf_bagging", st.bootstrap.bagging_score, file, (long)i);
            compare(g.metrics, "vmaf_stddev", st.bootstrap.stddev, file, (long)i);
            compare(g.metrics, "vmaf_ci_p95_lo", st.bootstrap.ci.p95.lo, file, (long)i);
            compare(g.metrics, "vmaf_ci_p95_hi", st.bootstrap.ci.p95.hi, file, (long)i);
        }
    }
    vmaf_model_destroy(m);
    vmaf_model_collection_destroy(c);
    vmafx_json_free(root);
}

static void test_golden(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        printf("SKIP golden comparison: cannot open %s\n", dir);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)))
        test_golden_file(dir, e->d_name);
    closedir(d);
    printf("golden: %ld values compared, max |diff| %.3g (tolerance 5e-4)\n", n_compared,
           max_diff);
    CHECK(n_compared > 0);
}

int main(int argc, char **argv)
{
    const char *golden = argc > 1 ? argv[1] : "../shared/testdata/golden";
    const char *models = argc > 2 ? argv[2] : "../shared/models";
    DIR *md = opendir(models);
    if (md)
        closedir(md);
    else
        printf("SKIP file-model checks: cannot open %s\n", models);

    test_json();
    test_load_errors();
    test_svr();
    test_transform();
    test_clip_flags();
    test_chroma();
    test_collection();
    test_builtin_api(md ? models : NULL);
    test_golden(golden);

    printf("model_test: %d checks, %d failures\n", checks, failures);
    return failures != 0;
}
