/*
 * The extractor descriptors this build provides (one extern per extractor).
 */
#ifndef VMAFX_SRC_FEATURE_EXTRACTORS_H
#define VMAFX_SRC_FEATURE_EXTRACTORS_H

#include "feature/extractor.h"

extern const VmafxFeatureExtractor vmafx_fex_motion;
extern const VmafxFeatureExtractor vmafx_fex_vif;
extern const VmafxFeatureExtractor vmafx_fex_psnr;
extern const VmafxFeatureExtractor vmafx_fex_adm;

#endif /* VMAFX_SRC_FEATURE_EXTRACTORS_H */
