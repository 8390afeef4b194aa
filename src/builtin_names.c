/*
 * vmafx_builtin_model_name(): lists the models compiled into the library.
 */
#include "common.h"
#include "libvmaf/vmafx.h"
#include "feature/registry.h"
#include "model/model.h"

VMAFX_EXPORT const char *vmafx_builtin_model_name(size_t i)
{
    const VmafxBuiltinModel *m = vmafx_builtin_model_at(i);
    return m ? m->name : NULL;
}

VMAFX_EXPORT const char *vmafx_feature_name(size_t i)
{
    const VmafxFeatureExtractor *fex = vmafx_registry_at((unsigned)i);
    return (i == (unsigned)i && fex) ? fex->name : NULL;
}
