/*
 * ABI conformance (api-abi.md section 13): struct layouts, enum values, version
 * macros and behavioural spot checks, compiled against the public headers only.
 */
#include <errno.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <libvmaf.h>
#include <libvmaf/version.h>

#define CHECK(cond)                                                      \
    do {                                                                 \
        if (!(cond)) {                                                   \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,      \
                    __LINE__, #cond);                                    \
            failures++;                                                  \
        }                                                                \
    } while (0)

#define SAME_TYPE(a, b) __builtin_types_compatible_p(__typeof__(a), b)

_Static_assert(sizeof(VmafConfiguration) == 32 && alignof(VmafConfiguration) == 8, "cfg");
_Static_assert(sizeof(VmafPicture) == 96 && alignof(VmafPicture) == 8, "picture");
_Static_assert(sizeof(VmafPictureConfiguration) == 20 &&
               alignof(VmafPictureConfiguration) == 4, "pic cfg");
_Static_assert(sizeof(VmafModelConfig) == 16 && alignof(VmafModelConfig) == 8, "model cfg");
_Static_assert(sizeof(VmafModelCollectionScore) == 40 &&
               alignof(VmafModelCollectionScore) == 8, "collection score");
_Static_assert(sizeof(enum VmafLogLevel) == 4 && sizeof(enum VmafOutputFormat) == 4 &&
               sizeof(enum VmafPoolingMethod) == 4 && sizeof(enum VmafPixelFormat) == 4 &&
               sizeof(enum VmafModelFlags) == 4 &&
               sizeof(enum VmafModelCollectionScoreType) == 4, "enum sizes");

_Static_assert(offsetof(VmafConfiguration, log_level) == 0, "");
_Static_assert(offsetof(VmafConfiguration, n_threads) == 4, "");
_Static_assert(offsetof(VmafConfiguration, n_subsample) == 8, "");
_Static_assert(offsetof(VmafConfiguration, cpumask) == 16, "");
_Static_assert(offsetof(VmafConfiguration, gpumask) == 24, "");
_Static_assert(offsetof(VmafPicture, pix_fmt) == 0, "");
_Static_assert(offsetof(VmafPicture, bpc) == 4, "");
_Static_assert(offsetof(VmafPicture, w) == 8, "");
_Static_assert(offsetof(VmafPicture, h) == 20, "");
_Static_assert(offsetof(VmafPicture, stride) == 32, "");
_Static_assert(offsetof(VmafPicture, data) == 56, "");
_Static_assert(offsetof(VmafPicture, ref) == 80, "");
_Static_assert(offsetof(VmafPicture, priv) == 88, "");
_Static_assert(offsetof(VmafPictureConfiguration, pic_params.w) == 0, "");
_Static_assert(offsetof(VmafPictureConfiguration, pic_params.h) == 4, "");
_Static_assert(offsetof(VmafPictureConfiguration, pic_params.bpc) == 8, "");
_Static_assert(offsetof(VmafPictureConfiguration, pic_params.pix_fmt) == 12, "");
_Static_assert(offsetof(VmafPictureConfiguration, pic_cnt) == 16, "");
_Static_assert(offsetof(VmafModelConfig, name) == 0, "");
_Static_assert(offsetof(VmafModelConfig, flags) == 8, "");
_Static_assert(offsetof(VmafModelCollectionScore, type) == 0, "");
_Static_assert(offsetof(VmafModelCollectionScore, bootstrap.bagging_score) == 8, "");
_Static_assert(offsetof(VmafModelCollectionScore, bootstrap.stddev) == 16, "");
_Static_assert(offsetof(VmafModelCollectionScore, bootstrap.ci.p95.lo) == 24, "");
_Static_assert(offsetof(VmafModelCollectionScore, bootstrap.ci.p95.hi) == 32, "");

_Static_assert(VMAF_API_VERSION_MAJOR == 3 && VMAF_API_VERSION_MINOR == 2 &&
               VMAF_API_VERSION_PATCH == 0, "version macros");

int main(void)
{
    int failures = 0;
    VmafPicture p0;
    VmafConfiguration c0;
    VmafModelConfig m0;
    CHECK(SAME_TYPE(p0.stride, ptrdiff_t[3]));
    CHECK(SAME_TYPE(p0.data, void *[3]));
    CHECK(SAME_TYPE(p0.w, unsigned[3]) && SAME_TYPE(p0.h, unsigned[3]));
    CHECK(SAME_TYPE(c0.cpumask, uint64_t) && SAME_TYPE(c0.gpumask, uint64_t));
    CHECK(SAME_TYPE(m0.name, const char *) && SAME_TYPE(m0.flags, uint64_t));

    /* enum values (section 2.4) */
    CHECK(VMAF_LOG_LEVEL_NONE == 0 && VMAF_LOG_LEVEL_ERROR == 1 && VMAF_LOG_LEVEL_WARNING == 2 &&
          VMAF_LOG_LEVEL_INFO == 3 && VMAF_LOG_LEVEL_DEBUG == 4);
    CHECK(VMAF_OUTPUT_FORMAT_NONE == 0 && VMAF_OUTPUT_FORMAT_XML == 1 &&
          VMAF_OUTPUT_FORMAT_JSON == 2 && VMAF_OUTPUT_FORMAT_CSV == 3 &&
          VMAF_OUTPUT_FORMAT_SUB == 4);
    CHECK(VMAF_POOL_METHOD_UNKNOWN == 0 && VMAF_POOL_METHOD_MIN == 1 &&
          VMAF_POOL_METHOD_MAX == 2 && VMAF_POOL_METHOD_MEAN == 3 &&
          VMAF_POOL_METHOD_HARMONIC_MEAN == 4 && VMAF_POOL_METHOD_NB == 5);
    CHECK(VMAF_PIX_FMT_UNKNOWN == 0 && VMAF_PIX_FMT_YUV420P == 1 && VMAF_PIX_FMT_YUV422P == 2 &&
          VMAF_PIX_FMT_YUV444P == 3 && VMAF_PIX_FMT_YUV400P == 4);
    CHECK(VMAF_MODEL_FLAGS_DEFAULT == 0 && VMAF_MODEL_FLAG_DISABLE_CLIP == 1 &&
          VMAF_MODEL_FLAG_ENABLE_TRANSFORM == 2 && VMAF_MODEL_FLAG_DISABLE_TRANSFORM == 4);
    CHECK(VMAF_MODEL_COLLECTION_SCORE_UNKNOWN == 0 && VMAF_MODEL_COLLECTION_SCORE_BOOTSTRAP == 1);

    /* picture geometry spot check (section 13.10) */
    VmafPicture p;
    CHECK(vmaf_picture_alloc(&p, VMAF_PIX_FMT_YUV420P, 10, 33, 17) == 0);
    CHECK(p.w[0] == 33 && p.w[1] == 16 && p.w[2] == 16);
    CHECK(p.h[0] == 17 && p.h[1] == 8 && p.h[2] == 8);
    CHECK(p.stride[0] == 128 && p.stride[1] == 64 && p.stride[2] == 64);
    CHECK((char *)p.data[1] - (char *)p.data[0] == 2176);
    CHECK((char *)p.data[2] - (char *)p.data[0] == 2688);
    CHECK(((uintptr_t)p.data[0] & 31) == 0);
    int zero = 1;
    for (size_t i = 0; i < 2688 + 64 * 8; i++)
        zero &= ((unsigned char *)p.data[0])[i] == 0;
    CHECK(zero);
    CHECK(vmaf_picture_unref(&p) == 0);
    VmafPicture z;
    memset(&z, 0, sizeof(z));
    CHECK(memcmp(&p, &z, sizeof(p)) == 0);
    CHECK(vmaf_picture_unref(&p) == -EINVAL);
    CHECK(vmaf_picture_alloc(&p, (enum VmafPixelFormat)5, 8, 16, 16) == -EINVAL);
    CHECK(vmaf_picture_alloc(&p, VMAF_PIX_FMT_YUV420P, 7, 16, 16) == -EINVAL);
    CHECK(vmaf_picture_alloc(&p, VMAF_PIX_FMT_YUV420P, 17, 16, 16) == -EINVAL);
    CHECK(vmaf_picture_alloc(&p, VMAF_PIX_FMT_YUV420P, 8, 0xffffffffu, 0xffffffffu) == -ENOMEM);

    /* context spot checks */
    VmafConfiguration cfg = { .log_level = VMAF_LOG_LEVEL_NONE };
    CHECK(vmaf_init(NULL, cfg) == -EINVAL);
    CHECK(vmaf_close(NULL) == -EINVAL);
    CHECK(vmaf_read_pictures(NULL, NULL, NULL, 0) == -EINVAL);
    VmafContext *v = NULL;
    CHECK(vmaf_init(&v, cfg) == 0 && v);
    VmafFeatureDictionary *d = NULL;
    CHECK(vmaf_feature_dictionary_set(&d, "enable_chroma", "false") == 0);
    CHECK(vmaf_use_feature(v, "nosuch", d) == -EINVAL);
    CHECK(vmaf_feature_dictionary_free(&d) == 0 && d == NULL); /* still ours */
    CHECK(vmaf_use_feature(v, "psnr", NULL) == 0);

    VmafPicture ref, dist;
    CHECK(vmaf_picture_alloc(&ref, VMAF_PIX_FMT_YUV420P, 8, 64, 64) == 0);
    CHECK(vmaf_picture_alloc(&dist, VMAF_PIX_FMT_YUV420P, 8, 64, 64) == 0);
    CHECK(vmaf_read_pictures(v, &ref, &dist, 0) == 0);
    CHECK(memcmp(&ref, &z, sizeof(z)) == 0 && memcmp(&dist, &z, sizeof(z)) == 0);
    CHECK(vmaf_read_pictures(v, NULL, NULL, 0) == 0);
    CHECK(vmaf_read_pictures(v, NULL, NULL, 0) == -EINVAL);
    CHECK(vmaf_picture_alloc(&ref, VMAF_PIX_FMT_YUV420P, 8, 64, 64) == 0);
    CHECK(vmaf_picture_alloc(&dist, VMAF_PIX_FMT_YUV420P, 8, 64, 64) == 0);
    CHECK(vmaf_read_pictures(v, &ref, &dist, 1) == -EINVAL);
    CHECK(ref.ref != NULL && dist.ref != NULL); /* still the caller's */
    CHECK(vmaf_picture_unref(&ref) == 0 && vmaf_picture_unref(&dist) == 0);
    double s;
    CHECK(vmaf_feature_score_at_index(v, "psnr_y", &s, 0) == 0 && s == 60.0);
    CHECK(vmaf_feature_score_pooled(v, "psnr_y", VMAF_POOL_METHOD_UNKNOWN, &s, 0, 0) == -EINVAL);
    CHECK(vmaf_feature_score_pooled(v, "psnr_y", VMAF_POOL_METHOD_MEAN, NULL, 0, 0) == -EINVAL);
    CHECK(vmaf_write_output(NULL, "/nonexistent", VMAF_OUTPUT_FORMAT_XML) == -EINVAL);
    CHECK(vmaf_close(v) == 0);

    const char *ver = vmaf_version();
    CHECK(ver && ver == vmaf_version());

    if (failures)
        fprintf(stderr, "abi_test: %d failure(s)\n", failures);
    else
        printf("abi_test: all checks passed\n");
    return failures != 0;
}
