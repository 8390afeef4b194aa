/*
 * Option dictionaries. Values that read as a single float are normalised the way
 * upstream does (6 significant digits), because the normalised text is what the
 * option parser and the report key suffixes see.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "dict.h"

bool vmafx_normalise_number(const char *in, char *out, size_t out_size)
{
    float f;
    char trailing;
    if (sscanf(in, "%f %c", &f, &trailing) != 1)
        return false;
    snprintf(out, out_size, "%g", (double)strtof(in, NULL));
    return true;
}

static char *dup_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

int vmafx_dict_set(VmafFeatureDictionary **d, const char *key, const char *val,
                   bool normalise)
{
    if (!d || !key || !val)
        return -EINVAL;

    char num[64];
    if (normalise && vmafx_normalise_number(val, num, sizeof(num)))
        val = num;

    char *v = dup_string(val);
    if (!v)
        return -ENOMEM;

    if (!*d) {
        *d = calloc(1, sizeof(**d));
        if (!*d) {
            free(v);
            return -ENOMEM;
        }
    }
    VmafFeatureDictionary *dict = *d;

    for (size_t i = 0; i < dict->n; i++) {
        if (!strcmp(dict->entry[i].key, key)) {
            free(dict->entry[i].val);
            dict->entry[i].val = v;
            return 0;
        }
    }

    if (dict->n == dict->cap) {
        size_t cap = dict->cap ? dict->cap * 2 : 8;
        VmafxDictEntry *e = realloc(dict->entry, cap * sizeof(*e));
        if (!e) {
            free(v);
            return -ENOMEM;
        }
        dict->entry = e;
        dict->cap = cap;
    }
    char *k = dup_string(key);
    if (!k) {
        free(v);
        return -ENOMEM;
    }
    dict->entry[dict->n].key = k;
    dict->entry[dict->n].val = v;
    dict->n++;
    return 0;
}

const char *vmafx_dict_get(const VmafFeatureDictionary *d, const char *key)
{
    if (!d || !key)
        return NULL;
    for (size_t i = 0; i < d->n; i++)
        if (!strcmp(d->entry[i].key, key))
            return d->entry[i].val;
    return NULL;
}

int vmafx_dict_merge(VmafFeatureDictionary **dst, const VmafFeatureDictionary *src)
{
    if (!dst)
        return -EINVAL;
    if (!src)
        return 0;
    for (size_t i = 0; i < src->n; i++) {
        int err = vmafx_dict_set(dst, src->entry[i].key, src->entry[i].val, false);
        if (err)
            return err;
    }
    return 0;
}

int vmafx_dict_copy(VmafFeatureDictionary **dst, const VmafFeatureDictionary *src)
{
    if (!dst)
        return -EINVAL;
    *dst = NULL;
    int err = vmafx_dict_merge(dst, src);
    if (err)
        vmafx_dict_free(dst);
    return err;
}

void vmafx_dict_free(VmafFeatureDictionary **d)
{
    if (!d || !*d)
        return;
    for (size_t i = 0; i < (*d)->n; i++) {
        free((*d)->entry[i].key);
        free((*d)->entry[i].val);
    }
    free((*d)->entry);
    free(*d);
    *d = NULL;
}

/* ---- public API (include/libvmaf/feature.h) ---- */

VMAFX_EXPORT int vmaf_feature_dictionary_set(VmafFeatureDictionary **dict,
                                             const char *key, const char *val)
{
    return vmafx_dict_set(dict, key, val, true);
}

VMAFX_EXPORT int vmaf_feature_dictionary_free(VmafFeatureDictionary **dict)
{
    if (!dict)
        return -EINVAL;
    vmafx_dict_free(dict);
    return 0;
}
