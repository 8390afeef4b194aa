/*
 * A small, strict JSON reader (RFC 8259) producing an immutable tree.
 * Used for model files; every input, however malformed, either parses or fails
 * cleanly. Limits bound the nesting depth, the input size and the node count.
 */
#ifndef VMAFX_SRC_JSON_H
#define VMAFX_SRC_JSON_H

#include <stddef.h>

enum VmafxJsonType {
    VMAFX_JSON_NULL,
    VMAFX_JSON_FALSE,
    VMAFX_JSON_TRUE,
    VMAFX_JSON_NUMBER,
    VMAFX_JSON_STRING,
    VMAFX_JSON_ARRAY,
    VMAFX_JSON_OBJECT,
};

#define VMAFX_JSON_MAX_DEPTH 64
#define VMAFX_JSON_MAX_INPUT ((size_t)64 << 20)
#define VMAFX_JSON_MAX_NODES ((size_t)1 << 20)

typedef struct VmafxJson VmafxJson;
struct VmafxJson {
    enum VmafxJsonType type;
    double number; /* NUMBER: strtod() of the token, correctly rounded */
    char *text;    /* NUMBER: the token text; STRING: the decoded value (UTF-8,
                    * NUL-terminated; "\u0000" is refused so it holds no NUL) */
    size_t len;    /* strlen(text) */
    size_t n;      /* ARRAY / OBJECT: number of elements / members */
    char **key;    /* OBJECT: member names, in document order */
    VmafxJson *child; /* ARRAY / OBJECT: n values, in document order */
};

/*
 * Parses buf[0..size) (no NUL needed). On success *root owns the tree.
 * Returns 0, -EINVAL (malformed or over a limit; *root = NULL) or -ENOMEM.
 */
int vmafx_json_parse(const char *buf, size_t size, VmafxJson **root);

/* Frees a tree from vmafx_json_parse(). NULL is a no-op. */
void vmafx_json_free(VmafxJson *root);

/* Value of the last member named key of an object, or NULL (also for non-objects). */
const VmafxJson *vmafx_json_get(const VmafxJson *obj, const char *key);

#endif /* VMAFX_SRC_JSON_H */
