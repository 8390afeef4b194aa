/*
 * VMAFX: libvmaf-3.x compatible public API (drop-in for libvmaf.so.3).
 *
 * Conventions: every int-returning function returns 0 on success or a negative
 * errno (-EINVAL, -ENOMEM); every non-optional pointer argument is checked.
 * All state (log level, CPU mask, threads) is per context.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#ifndef VMAFX_LIBVMAF_H
#define VMAFX_LIBVMAF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "libvmaf/model.h"
#include "libvmaf/picture.h"
#include "libvmaf/feature.h"

#ifdef __cplusplus
extern "C" {
#endif

enum VmafLogLevel {
    VMAF_LOG_LEVEL_NONE = 0,
    VMAF_LOG_LEVEL_ERROR,
    VMAF_LOG_LEVEL_WARNING,
    VMAF_LOG_LEVEL_INFO,
    VMAF_LOG_LEVEL_DEBUG,
};

enum VmafOutputFormat {
    VMAF_OUTPUT_FORMAT_NONE = 0,
    VMAF_OUTPUT_FORMAT_XML,
    VMAF_OUTPUT_FORMAT_JSON,
    VMAF_OUTPUT_FORMAT_CSV,
    VMAF_OUTPUT_FORMAT_SUB,
};

enum VmafPoolingMethod {
    VMAF_POOL_METHOD_UNKNOWN = 0,
    VMAF_POOL_METHOD_MIN,
    VMAF_POOL_METHOD_MAX,
    VMAF_POOL_METHOD_MEAN,
    VMAF_POOL_METHOD_HARMONIC_MEAN,
    VMAF_POOL_METHOD_NB
};

typedef struct VmafConfiguration {
    enum VmafLogLevel log_level;
    unsigned n_threads;   /* 0: extract on the calling thread */
    unsigned n_subsample; /* 0 and 1: every frame */
    uint64_t cpumask;     /* set bits disable SIMD levels (x86: bit 0 SSE2 .. bit 5 AVX-512 ICL) */
    uint64_t gpumask;
} VmafConfiguration;

typedef struct VmafContext VmafContext;

/*
 * Creates a context in *vmaf. Returns 0, -EINVAL (vmaf NULL) or -ENOMEM; *vmaf is
 * NULL on failure. Ownership: the caller frees the context with vmaf_close().
 */
int vmaf_init(VmafContext **vmaf, VmafConfiguration cfg);

/*
 * Registers the extractors of every feature of `model` and mounts the model.
 * Returns 0 or -EINVAL (NULL argument, a feature no extractor provides, a bad
 * option value). Ownership: the model is borrowed; it must outlive the last
 * vmaf_score_* call that uses it.
 */
int vmaf_use_features_from_model(VmafContext *vmaf, VmafModel *model);

/* As vmaf_use_features_from_model() for every member of the collection. */
int vmaf_use_features_from_model_collection(VmafContext *vmaf,
                                            VmafModelCollection *model_collection);

/*
 * Registers the extractor named feature_name (for example "psnr") with options
 * opts_dict (may be NULL). An extractor with the same identity is merged.
 * Returns 0 or -EINVAL. Ownership of opts_dict: consumed on success and when the
 * extractor exists but an option value is invalid; left with the caller when vmaf
 * or feature_name is NULL or the extractor name is unknown.
 */
int vmaf_use_feature(VmafContext *vmaf, const char *feature_name,
                     VmafFeatureDictionary *opts_dict);

/*
 * Stores `value` under key feature_name at `index`. Returns 0, or -EINVAL (NULL
 * argument, value already present) or -ENOMEM.
 */
int vmaf_import_feature_score(VmafContext *vmaf, const char *feature_name,
                              double value, unsigned index);

/*
 * Submits the picture pair for `index`, or flushes when ref and dist are both
 * NULL. Returns 0 or -EINVAL (geometry/format mismatch, flushed context, pictures
 * not made by the library, extractor failure) or -ENOMEM.
 * Ownership: on success the library takes both references and zeroes the caller's
 * structs; on failure the caller still owns both pictures.
 */
int vmaf_read_pictures(VmafContext *vmaf, VmafPicture *ref, VmafPicture *dist,
                       unsigned index);

/*
 * Model score at `index`: a stored value under the model's name is returned as is;
 * otherwise the model is evaluated, stored and returned. Returns 0 or -EINVAL
 * (NULL argument, a feature missing at index).
 */
int vmaf_score_at_index(VmafContext *vmaf, VmafModel *model, double *score,
                        unsigned index);

/*
 * Bootstrap statistics of a collection at `index`; stores member and statistic
 * keys. Returns 0 or -EINVAL (NULL argument, features missing, index already
 * scored).
 */
int vmaf_score_at_index_model_collection(VmafContext *vmaf,
                                         VmafModelCollection *model_collection,
                                         VmafModelCollectionScore *score,
                                         unsigned index);

/* Reads the stored value of key feature_name at index. 0 or -EINVAL. */
int vmaf_feature_score_at_index(VmafContext *vmaf, const char *feature_name,
                                double *score, unsigned index);

/*
 * Scores every participating index of [index_low, index_high] (stored under the
 * model name) and pools them with pool_method. Returns 0 or -EINVAL.
 */
int vmaf_score_pooled(VmafContext *vmaf, VmafModel *model,
                      enum VmafPoolingMethod pool_method, double *score,
                      unsigned index_low, unsigned index_high);

/* Pools the bootstrap statistics of a collection over a range. 0 or -EINVAL. */
int vmaf_score_pooled_model_collection(VmafContext *vmaf,
                                       VmafModelCollection *model_collection,
                                       enum VmafPoolingMethod pool_method,
                                       VmafModelCollectionScore *score,
                                       unsigned index_low, unsigned index_high);

/* Pools the stored values of one key over a range. 0 or -EINVAL. */
int vmaf_feature_score_pooled(VmafContext *vmaf, const char *feature_name,
                              enum VmafPoolingMethod pool_method, double *score,
                              unsigned index_low, unsigned index_high);

typedef struct VmafPictureConfiguration {
    struct {
        unsigned w, h;
        unsigned bpc;
        enum VmafPixelFormat pix_fmt;
    } pic_params;
    unsigned pic_cnt;
} VmafPictureConfiguration;

/*
 * Creates (or replaces) the context's picture pool. Returns 0 or -EINVAL.
 * Pictures of a replaced pool stay valid until released.
 */
int vmaf_preallocate_pictures(VmafContext *vmaf, VmafPictureConfiguration cfg);

/*
 * Takes a picture from the pool, blocking while the pool is empty. The caller owns
 * one reference (released with vmaf_picture_unref() or vmaf_read_pictures()).
 * Returns 0 or -EINVAL (NULL argument, no pool). Contents are not zeroed.
 */
int vmaf_fetch_preallocated_picture(VmafContext *vmaf, VmafPicture *pic);

/*
 * Writes a report of every stored value to output_path. Returns 0 or -EINVAL
 * (NULL argument, invalid format: nothing is opened; file cannot be opened).
 */
int vmaf_write_output(VmafContext *vmaf, const char *output_path,
                      enum VmafOutputFormat fmt);

/*
 * Waits for queued work, releases held pictures and frees the context. Models are
 * not touched. Returns 0 or -EINVAL (vmaf NULL).
 */
int vmaf_close(VmafContext *vmaf);

/* Static version string; never NULL, never freed. */
const char *vmaf_version(void);

#ifdef __cplusplus
}
#endif

#endif /* VMAFX_LIBVMAF_H */
