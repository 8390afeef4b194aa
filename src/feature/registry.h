/*
 * The list of extractors this build provides, in lookup order.
 */
#ifndef VMAFX_SRC_FEATURE_REGISTRY_H
#define VMAFX_SRC_FEATURE_REGISTRY_H

#include "feature/extractor.h"

/* Extractor by its "--feature" name (exact, case-sensitive), or NULL. */
const VmafxFeatureExtractor *vmafx_registry_find(const char *name);

/* First extractor (registry order) whose provided list contains output_name, or NULL. */
const VmafxFeatureExtractor *vmafx_registry_find_provider(const char *output_name);

/* i-th extractor, NULL past the end. */
const VmafxFeatureExtractor *vmafx_registry_at(unsigned i);

#endif /* VMAFX_SRC_FEATURE_REGISTRY_H */
