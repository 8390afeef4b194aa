/*
 * libFuzzer target: model and collection loading from arbitrary bytes, then a
 * prediction and an overload on whatever loaded, then destruction. Any crash,
 * hang, leak or sanitizer report is a bug.
 *
 * Build: clang -fsanitize=fuzzer,address,undefined -ffp-contract=off -Iinclude -Isrc
 *   tests/fuzz/fuzz_model_json.c src/json.c src/model/{model,svm,transform,collection,builtin}.c
 *   src/dict.c src/log.c <build>/builtin_models.c -lm   (seed corpus: the model JSON files)
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dict.h"
#include "feature/registry.h"
#include "model/model_priv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stand-in registry for standalone builds; the library's real one overrides it. */
static const VmafxFeatureExtractor fuzz_motion = { .name = "motion" };
__attribute__((weak)) const VmafxFeatureExtractor *
vmafx_registry_find_provider(const char *output_name)
{
    return strstr(output_name, "motion") ? &fuzz_motion : NULL;
}

/* Every feature reads as the same value, derived from the input. */
static int constant_lookup(void *user, const char *name, const VmafFeatureDictionary *opts,
                           double *value)
{
    (void)name;
    (void)opts;
    *value = *(const double *)user;
    return 0;
}

static void exercise(VmafModel *m, double x)
{
    double y;
    vmafx_model_predict(m, constant_lookup, &x, 0, &y, NULL);
    vmafx_model_predict(m, constant_lookup, &x,
                        VMAF_MODEL_FLAG_DISABLE_CLIP | VMAF_MODEL_FLAG_DISABLE_TRANSFORM, &y,
                        NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *)data;
    const double x = size ? data[0] / 255.0 : 0.5;
    VmafModelConfig cfg = { .name = "fuzz", .flags = size ? data[size - 1] & 3 : 0 };

    VmafModel *m = NULL;
    if (!vmafx_model_load_buffer(&m, &cfg, buf, size)) {
        exercise(m, x);
        VmafFeatureDictionary *d = NULL;
        if (!vmafx_dict_set(&d, "motion_max_val", "18", true))
            vmaf_model_feature_overload(m, "motion", d);
    }
    vmaf_model_destroy(m);

    VmafModelCollection *c = NULL;
    if (!vmafx_collection_load_buffer(&m, &c, &cfg, buf, size)) {
        exercise(m, x);
        size_t n = vmafx_collection_size(c);
        double scores[64];
        VmafModelCollectionScore st;
        if (n <= 64)
            vmafx_collection_predict(c, constant_lookup, (void *)&x, scores, &st, NULL);
    }
    vmaf_model_destroy(m);
    vmaf_model_collection_destroy(c);
    return 0;
}

#include "fuzz_standalone.h"
