/*
 * The loaded model (struct VmafModel) and the loaders shared by model.c,
 * collection.c and the fuzz target.
 */
#ifndef VMAFX_SRC_MODEL_MODEL_PRIV_H
#define VMAFX_SRC_MODEL_MODEL_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "json.h"
#include "model/model.h"
#include "model/svm.h"
#include "model/transform.h"

/* JSON "feature_names" entries accepted per model. */
#define VMAFX_MODEL_MAX_FEATURES 64

enum VmafxNorm {
    VMAFX_NORM_ABSENT, /* no norm_type: loads, but every prediction fails (quirk) */
    VMAFX_NORM_NONE,
    VMAFX_NORM_LINEAR,
};

typedef struct VmafxModelFeature {
    char *name;                  /* model feature name, e.g. "VMAF_integer_feature_adm2_score" */
    VmafFeatureDictionary *opts; /* NULL when empty */
    double slope, intercept;     /* a_k, b_k (linear_rescale only) */
} VmafxModelFeature;

struct VmafModel {
    char *name;
    enum VmafxNorm norm;
    size_t n_features;
    VmafxModelFeature *feature;
    double slope0, intercept0; /* A0, B0 */
    bool clip;                 /* score_clip present and not disabled at load */
    double clip_lo, clip_hi;
    bool transform;            /* transform runs (enabled, or ENABLE_TRANSFORM + object) */
    VmafxTransform tr;
    bool chroma;               /* chroma_correction_parameter present */
    double chroma_c;
    size_t chroma_adm3, chroma_speed; /* feature indices g, h */
    VmafxSvm *svm;
};

/*
 * Builds a model from one JSON object holding "model_dict". name is copied; flags
 * are VMAF_MODEL_FLAG_* load-time bits. Returns 0 or a negative errno; *model is
 * NULL on failure.
 */
int vmafx_model_from_json(VmafModel **model, const VmafxJson *root, const char *name,
                          uint64_t flags);

/* Loaders from memory (NUL-free JSON text is not required). Same contract as the
 * public loaders, without logging. */
int vmafx_model_load_buffer(VmafModel **model, const VmafModelConfig *cfg,
                            const char *buf, size_t size);
int vmafx_collection_load_buffer(VmafModel **model, VmafModelCollection **collection,
                                 const VmafModelConfig *cfg, const char *buf,
                                 size_t size);

/* Reads a whole file (at most VMAFX_JSON_MAX_INPUT bytes). 0, -EINVAL or -ENOMEM. */
int vmafx_read_file(const char *path, char **buf, size_t *size);

/* y after denormalisation -> transform and clip, honouring the caller's extra flags. */
double vmafx_model_finish(const VmafModel *model, double y, uint64_t flags);

/* Raw prediction before transform and clip. Returns as vmafx_model_predict(). */
int vmafx_model_predict_raw(const VmafModel *model, VmafxFeatureLookup lookup, void *user,
                            double *score, const char **missing);

/* Merges opts into every feature served by the extractor named feature_name. */
int vmafx_model_overload(VmafModel *model, const char *feature_name,
                         const VmafFeatureDictionary *opts);

#endif /* VMAFX_SRC_MODEL_MODEL_PRIV_H */
