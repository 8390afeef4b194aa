/*
 * Registry of the extractors compiled into this build. The order decides which
 * extractor serves a model feature name when several could.
 */
#include <string.h>

#include "feature/extractors.h"
#include "feature/registry.h"

static const VmafxFeatureExtractor *const registry[] = {
    &vmafx_fex_speed_chroma,
    &vmafx_fex_speed_temporal,
    &vmafx_fex_psnr,
    &vmafx_fex_adm,
    &vmafx_fex_motion,
    &vmafx_fex_vif,
    &vmafx_fex_float_adm,
    &vmafx_fex_float_vif,
    &vmafx_fex_float_motion,
    &vmafx_fex_cambi,
    &vmafx_fex_float_ms_ssim,
    &vmafx_fex_float_ssim,
    &vmafx_fex_ciede,
    &vmafx_fex_psnr_hvs,
};

#define REGISTRY_SIZE (sizeof(registry) / sizeof(registry[0]))

const VmafxFeatureExtractor *vmafx_registry_at(unsigned i)
{
    return i < REGISTRY_SIZE ? registry[i] : NULL;
}

const VmafxFeatureExtractor *vmafx_registry_find(const char *name)
{
    if (!name)
        return NULL;
    for (unsigned i = 0; i < REGISTRY_SIZE; i++)
        if (!strcmp(registry[i]->name, name))
            return registry[i];
    return NULL;
}

const VmafxFeatureExtractor *vmafx_registry_find_provider(const char *output_name)
{
    if (!output_name)
        return NULL;
    for (unsigned i = 0; i < REGISTRY_SIZE; i++) {
        const char *const *p = registry[i]->provided;
        for (; p && *p; p++)
            if (!strcmp(*p, output_name))
                return registry[i];
    }
    return NULL;
}
