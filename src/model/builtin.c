/*
 * Lookup of the built-in models (the table itself is generated, builtin_data.h).
 */
#include <string.h>

#include "model/builtin_data.h"

const VmafxBuiltinModel *vmafx_builtin_model_find(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < vmafx_builtin_model_count; i++)
        if (!strcmp(vmafx_builtin_models[i].name, name))
            return &vmafx_builtin_models[i];
    return NULL;
}

const VmafxBuiltinModel *vmafx_builtin_model_at(size_t i)
{
    return i < vmafx_builtin_model_count ? &vmafx_builtin_models[i] : NULL;
}
