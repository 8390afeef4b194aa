/*
 * VMAFX: libvmaf-3.x compatible public API.
 * Models and bootstrap model collections.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#ifndef VMAFX_LIBVMAF_MODEL_H
#define VMAFX_LIBVMAF_MODEL_H

#include <stdint.h>

#include "libvmaf/feature.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct VmafModel VmafModel;

enum VmafModelFlags {
    VMAF_MODEL_FLAGS_DEFAULT = 0,
    VMAF_MODEL_FLAG_DISABLE_CLIP = (1 << 0),
    VMAF_MODEL_FLAG_ENABLE_TRANSFORM = (1 << 1),
    VMAF_MODEL_FLAG_DISABLE_TRANSFORM = (1 << 2),
};

typedef struct VmafModelConfig {
    const char *name;  /* report key of the score; NULL means "vmaf". Copied. */
    uint64_t flags;    /* enum VmafModelFlags bits */
} VmafModelConfig;

/*
 * Loads the built-in model named `version` (for example "vmaf_v0.6.1").
 * Returns 0, or -EINVAL (any argument NULL, unknown name, a collection name) with
 * *model set to NULL, or -ENOMEM. Ownership: the caller owns *model and frees it
 * with vmaf_model_destroy(); cfg is not retained.
 */
int vmaf_model_load(VmafModel **model, VmafModelConfig *cfg, const char *version);

/*
 * Loads a model from a JSON file. Errors as vmaf_model_load(); *model is NULL on
 * failure. Ownership as vmaf_model_load().
 */
int vmaf_model_load_from_path(VmafModel **model, VmafModelConfig *cfg,
                              const char *path);

/*
 * Merges opts_dict into the options of every model feature computed by the
 * extractor named feature_name (new keys overwrite). Call it before
 * vmaf_use_features_from_model(). Returns 0 or -EINVAL (an argument NULL).
 * Ownership: opts_dict is consumed whenever all three arguments are non-NULL,
 * also when no feature matched; on -EINVAL the caller still owns it.
 */
int vmaf_model_feature_overload(VmafModel *model, const char *feature_name,
                                VmafFeatureDictionary *opts_dict);

/* Frees a model. NULL is a no-op. No context may still predict with it. */
void vmaf_model_destroy(VmafModel *model);

enum VmafModelCollectionScoreType {
    VMAF_MODEL_COLLECTION_SCORE_UNKNOWN = 0,
    VMAF_MODEL_COLLECTION_SCORE_BOOTSTRAP,
};

typedef struct VmafModelCollectionScore {
    enum VmafModelCollectionScoreType type;
    struct {
        double bagging_score;
        double stddev;
        struct {
            struct { double lo, hi; } p95;
        } ci;
    } bootstrap;
} VmafModelCollectionScore;

typedef struct VmafModelCollection VmafModelCollection;

/*
 * Loads a built-in bootstrap collection (for example "vmaf_b_v0.6.3").
 * On success *model is the main model and *model_collection the members; both are
 * owned by the caller and freed independently (vmaf_model_destroy(),
 * vmaf_model_collection_destroy()). On failure both are set to NULL and -EINVAL
 * (an argument NULL, unknown name, a plain model name) or -ENOMEM is returned.
 */
int vmaf_model_collection_load(VmafModel **model,
                               VmafModelCollection **model_collection,
                               VmafModelConfig *cfg, const char *version);

/* As vmaf_model_collection_load(), from a collection JSON file. */
int vmaf_model_collection_load_from_path(VmafModel **model,
                                         VmafModelCollection **model_collection,
                                         VmafModelConfig *cfg, const char *path);

/*
 * Applies vmaf_model_feature_overload() to every member (each with its own copy of
 * opts_dict) and then to model. Returns 0 or -EINVAL. Ownership: opts_dict is
 * consumed when model, model_collection and *model_collection are non-NULL;
 * otherwise the caller still owns it.
 */
int vmaf_model_collection_feature_overload(VmafModel *model,
                                           VmafModelCollection **model_collection,
                                           const char *feature_name,
                                           VmafFeatureDictionary *opts_dict);

/* Frees a collection and its member models (not the main model). NULL is a no-op. */
void vmaf_model_collection_destroy(VmafModelCollection *model_collection);

#ifdef __cplusplus
}
#endif

#endif /* VMAFX_LIBVMAF_MODEL_H */
