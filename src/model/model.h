/*
 * Internal model API, used by the context to mount models and to predict.
 * The public entry points (vmaf_model_load* etc., include/libvmaf/model.h) are
 * implemented in src/model/ as well.
 */
#ifndef VMAFX_SRC_MODEL_MODEL_H
#define VMAFX_SRC_MODEL_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "libvmaf/model.h"

/*
 * Looks up the stored value of one model feature at the current index.
 * feature_name is the model's name for it (e.g. "VMAF_integer_feature_adm2_score"),
 * opts the feature's option dictionary (may be NULL). The context resolves the
 * store key (extractor lookup + suffix rule). Returns 0, or -EINVAL when absent.
 */
typedef int (*VmafxFeatureLookup)(void *user, const char *feature_name,
                                  const VmafFeatureDictionary *opts, double *value);

/* Report key of the model's score (cfg->name or "vmaf"). */
const char *vmafx_model_name(const VmafModel *model);

/* Feature k of the model (0-based) and its option dictionary (may be NULL). */
size_t vmafx_model_feature_count(const VmafModel *model);
const char *vmafx_model_feature_name(const VmafModel *model, size_t k);
const VmafFeatureDictionary *vmafx_model_feature_opts(const VmafModel *model, size_t k);

/*
 * Per-frame prediction (normalise, SVR, denormalise, transform, clip). `flags` are
 * extra VMAF_MODEL_FLAG_* bits applied on top of the load-time flags
 * (DISABLE_CLIP, DISABLE_TRANSFORM). Returns 0 with *score set, 1 when the model
 * silently yields no value (chroma correction parameter 0 quirk), or -EINVAL
 * (a feature missing; the message is logged by the caller).
 * On -EINVAL, *missing (if non-NULL) receives the feature name that was missing.
 */
int vmafx_model_predict(const VmafModel *model, VmafxFeatureLookup lookup, void *user,
                        uint64_t flags, double *score, const char **missing);

/* Members of a collection ("1".."K"), named "<base>_0001".. */
size_t vmafx_collection_size(const VmafModelCollection *c);
VmafModel *vmafx_collection_member(const VmafModelCollection *c, size_t j);
/* Base name: the main model's name (e.g. "vmaf"). */
const char *vmafx_collection_name(const VmafModelCollection *c);

/*
 * Bootstrap prediction for one frame: member_scores[j] receives member j's written
 * score (own transform and clip), *stats the bagging / stddev / ci values
 * (type = BOOTSTRAP). Returns 0 or -EINVAL (*missing as above).
 */
int vmafx_collection_predict(const VmafModelCollection *c, VmafxFeatureLookup lookup,
                             void *user, double *member_scores,
                             VmafModelCollectionScore *stats, const char **missing);

/* Built-in model JSON compiled into the library. NULL when unknown. */
typedef struct VmafxBuiltinModel {
    const char *name;          /* "vmaf_v0.6.1" */
    const unsigned char *json; /* not NUL-terminated */
    size_t size;
} VmafxBuiltinModel;
const VmafxBuiltinModel *vmafx_builtin_model_find(const char *name);
/* i-th built-in model (for listing), NULL past the end. */
const VmafxBuiltinModel *vmafx_builtin_model_at(size_t i);

#endif /* VMAFX_SRC_MODEL_MODEL_H */
