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
extern const VmafxFeatureExtractor vmafx_fex_float_adm;
extern const VmafxFeatureExtractor vmafx_fex_float_vif;
extern const VmafxFeatureExtractor vmafx_fex_float_motion;
extern const VmafxFeatureExtractor vmafx_fex_cambi;
extern const VmafxFeatureExtractor vmafx_fex_speed_chroma;
extern const VmafxFeatureExtractor vmafx_fex_speed_temporal;
extern const VmafxFeatureExtractor vmafx_fex_float_ssim;
extern const VmafxFeatureExtractor vmafx_fex_float_ms_ssim;
extern const VmafxFeatureExtractor vmafx_fex_ciede;
extern const VmafxFeatureExtractor vmafx_fex_psnr_hvs;

#endif /* VMAFX_SRC_FEATURE_EXTRACTORS_H */
