/*
 * --model and --feature arguments: parsing into specs, then the library calls
 * that load models (with overloads) and register extractors.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#ifndef VMAFX_TOOLS_MODEL_SPEC_H
#define VMAFX_TOOLS_MODEL_SPEC_H

#include <stddef.h>
#include <stdint.h>

#include "libvmaf/libvmaf.h"

#define SPEC_MAX_ITEMS 32

typedef struct ModelOverload {
    const char *extractor, *option, *value;
} ModelOverload;

typedef struct ModelSpec {
    char *buf;                       /* owned, unescaped copy of the argument */
    const char *version, *path;      /* exactly one is set; point into buf */
    const char *name;                /* NULL: library default "vmaf" */
    uint64_t flags;                  /* enum VmafModelFlags */
    ModelOverload overloads[SPEC_MAX_ITEMS];
    unsigned n_overloads;
} ModelSpec;

typedef struct FeatureSpec {
    char *buf;                       /* owned, unescaped copy of the argument */
    const char *name;
    const char *keys[SPEC_MAX_ITEMS], *vals[SPEC_MAX_ITEMS];
    unsigned n_opts;
} FeatureSpec;

typedef struct LoadedModel {
    VmafModel *model;                 /* plain model, or a collection's main model */
    VmafModelCollection *collection;  /* NULL for a plain model */
} LoadedModel;

/*
 * Parses "key=value:key=value" (a '\:' is a literal colon). Returns 0 or
 * -EINVAL/-ENOMEM with one line in err. model_spec_free() is safe afterwards
 * in both cases.
 */
int model_spec_parse(ModelSpec *spec, const char *arg, char *err, size_t err_size);
void model_spec_free(ModelSpec *spec);

/* Report key of the model's score ("vmaf" unless name= is given). */
const char *model_spec_name(const ModelSpec *spec);

/* Label of the stderr summary line: the version= or path= string. */
const char *model_spec_label(const ModelSpec *spec);

/* Parses "name" or "name=key=value:key=value". As model_spec_parse(). */
int feature_spec_parse(FeatureSpec *spec, const char *arg, char *err, size_t err_size);
void feature_spec_free(FeatureSpec *spec);

/*
 * Loads the model (plain first, then as a collection), applies the overloads
 * and registers its extractors with vmaf. Returns a CliExit status (0 on
 * success); on failure *out holds nothing and err says why.
 */
int model_spec_load(const ModelSpec *spec, VmafContext *vmaf, LoadedModel *out,
                    char *err, size_t err_size);
void loaded_model_free(LoadedModel *m);

/* Registers the extractor of a --feature spec. Returns a CliExit status. */
int feature_spec_use(const FeatureSpec *spec, VmafContext *vmaf, char *err, size_t err_size);

#endif /* VMAFX_TOOLS_MODEL_SPEC_H */
