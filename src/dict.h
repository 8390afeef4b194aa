/*
 * Option dictionaries (struct VmafFeatureDictionary): ordered key/value strings.
 */
#ifndef VMAFX_SRC_DICT_H
#define VMAFX_SRC_DICT_H

#include <stdbool.h>
#include <stddef.h>

#include "libvmaf/feature.h"

typedef struct VmafxDictEntry {
    char *key;
    char *val;
} VmafxDictEntry;

struct VmafFeatureDictionary {
    size_t n, cap;
    VmafxDictEntry *entry;
};

/*
 * If `in` scans completely as one C float (sscanf "%f %c" matches one item), writes
 * its strtof value printed with "%g" into out and returns true; otherwise copies
 * nothing and returns false. This is upstream's 6-significant-digit normalisation.
 */
bool vmafx_normalise_number(const char *in, char *out, size_t out_size);

/* Sets key=val (normalised when `normalise`), creating *d on demand. 0/-EINVAL/-ENOMEM. */
int vmafx_dict_set(VmafFeatureDictionary **d, const char *key, const char *val,
                   bool normalise);

/* Value of key, or NULL. d may be NULL. */
const char *vmafx_dict_get(const VmafFeatureDictionary *d, const char *key);

/* Deep copy; *dst becomes NULL for a NULL or empty src. 0/-ENOMEM. */
int vmafx_dict_copy(VmafFeatureDictionary **dst, const VmafFeatureDictionary *src);

/* Sets every entry of src into *dst (overwriting equal keys, values verbatim). */
int vmafx_dict_merge(VmafFeatureDictionary **dst, const VmafFeatureDictionary *src);

/* Frees *d (NULL-safe) and sets it to NULL. */
void vmafx_dict_free(VmafFeatureDictionary **d);

#endif /* VMAFX_SRC_DICT_H */
