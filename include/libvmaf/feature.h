/*
 * VMAFX: libvmaf-3.x compatible public API.
 * Feature option dictionaries.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#ifndef VMAFX_LIBVMAF_FEATURE_H
#define VMAFX_LIBVMAF_FEATURE_H

#ifdef __cplusplus
extern "C" {
#endif

/* An ordered list of (key, value) option strings for one feature extractor. */
typedef struct VmafFeatureDictionary VmafFeatureDictionary;

/*
 * Inserts key=val into *dict, creating the dictionary when *dict is NULL.
 * An existing equal key has its value replaced in place. Both strings are copied.
 * A value that scans completely as a float is stored normalised (strtof, then "%g").
 * Returns 0, -EINVAL (dict, key or val NULL; nothing allocated) or -ENOMEM.
 * Ownership: the caller owns *dict and releases it with vmaf_feature_dictionary_free(),
 * unless it hands it to a consuming function (vmaf_use_feature(),
 * vmaf_model_feature_overload(), vmaf_model_collection_feature_overload()).
 */
int vmaf_feature_dictionary_set(VmafFeatureDictionary **dict, const char *key,
                                const char *val);

/*
 * Frees *dict and sets *dict to NULL. *dict == NULL is a no-op returning 0.
 * Returns -EINVAL when dict is NULL.
 */
int vmaf_feature_dictionary_free(VmafFeatureDictionary **dict);

#ifdef __cplusplus
}
#endif

#endif /* VMAFX_LIBVMAF_FEATURE_H */
