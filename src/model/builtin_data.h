/*
 * The table of compiled-in model JSON files. Its definition is generated at build
 * time by scripts/embed_models.py from files fetched and SHA-256-checked by
 * scripts/fetch_models.py (see src/model/meson.build.snippet).
 */
#ifndef VMAFX_SRC_MODEL_BUILTIN_DATA_H
#define VMAFX_SRC_MODEL_BUILTIN_DATA_H

#include <stddef.h>

#include "model/model.h"

extern const VmafxBuiltinModel vmafx_builtin_models[];
extern const size_t vmafx_builtin_model_count;

#endif /* VMAFX_SRC_MODEL_BUILTIN_DATA_H */
