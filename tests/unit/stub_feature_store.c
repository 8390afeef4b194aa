/*
 * Test-only feature store: a plain implementation of src/feature_store.h for unit
 * tests that must not depend on the core (not thread-safe, no clock).
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "feature_store.h"

typedef struct StubKey {
    char *name;
    double *val;
    bool *set;
    unsigned cap, extent;
} StubKey;

struct VmafxFeatureStore {
    StubKey *keys;
    unsigned nkeys, keys_cap;
    char **agg_name;
    double *agg_val;
    unsigned nagg, agg_cap;
};

int vmafx_store_create(VmafxFeatureStore **store)
{
    *store = calloc(1, sizeof(**store));
    return *store ? 0 : -ENOMEM;
}

void vmafx_store_destroy(VmafxFeatureStore *s)
{
    if (!s)
        return;
    for (unsigned k = 0; k < s->nkeys; k++) {
        free(s->keys[k].name);
        free(s->keys[k].val);
        free(s->keys[k].set);
    }
    for (unsigned a = 0; a < s->nagg; a++)
        free(s->agg_name[a]);
    free(s->keys);
    free(s->agg_name);
    free(s->agg_val);
    free(s);
}

static int find_key(const VmafxFeatureStore *s, const char *key)
{
    for (unsigned k = 0; k < s->nkeys; k++)
        if (!strcmp(s->keys[k].name, key))
            return (int)k;
    return -1;
}

int vmafx_store_append(VmafxFeatureStore *s, const char *key, double value,
                       unsigned index)
{
    int k = find_key(s, key);
    if (k < 0) {
        if (s->nkeys == s->keys_cap) {
            unsigned cap = s->keys_cap ? 2 * s->keys_cap : 16;
            StubKey *keys = realloc(s->keys, cap * sizeof(*keys));
            if (!keys)
                return -ENOMEM;
            s->keys = keys;
            s->keys_cap = cap;
        }
        k = (int)s->nkeys++;
        s->keys[k] = (StubKey){ .name = strdup(key) };
    }
    StubKey *e = &s->keys[k];
    if (index >= e->cap) {
        unsigned cap = index + 64;
        double *val = realloc(e->val, cap * sizeof(*val));
        bool *set = realloc(e->set, cap * sizeof(*set));
        if (val)
            e->val = val;
        if (set)
            e->set = set;
        if (!val || !set)
            return -ENOMEM;
        memset(e->set + e->cap, 0, (cap - e->cap) * sizeof(*set));
        e->cap = cap;
    }
    if (e->set[index])
        return -EINVAL;
    e->set[index] = true;
    e->val[index] = value;
    if (index + 1 > e->extent)
        e->extent = index + 1;
    return 0;
}

int vmafx_store_get(const VmafxFeatureStore *s, const char *key, unsigned index,
                    double *value)
{
    int k = find_key(s, key);
    return k < 0 ? -EINVAL : vmafx_store_get_at(s, (unsigned)k, index, value);
}

unsigned vmafx_store_key_count(const VmafxFeatureStore *s) { return s->nkeys; }
const char *vmafx_store_key_name(const VmafxFeatureStore *s, unsigned k)
{
    return s->keys[k].name;
}
unsigned vmafx_store_key_extent(const VmafxFeatureStore *s, unsigned k)
{
    return s->keys[k].extent;
}

int vmafx_store_get_at(const VmafxFeatureStore *s, unsigned k, unsigned index,
                       double *value)
{
    if (k >= s->nkeys || index >= s->keys[k].extent || !s->keys[k].set[index])
        return -EINVAL;
    *value = s->keys[k].val[index];
    return 0;
}

int vmafx_store_append_aggregate(VmafxFeatureStore *s, const char *name, double value)
{
    for (unsigned a = 0; a < s->nagg; a++) {
        if (!strcmp(s->agg_name[a], name)) {
            s->agg_val[a] = value;
            return 0;
        }
    }
    if (s->nagg == s->agg_cap) {
        unsigned cap = s->agg_cap ? 2 * s->agg_cap : 8;
        char **names = realloc(s->agg_name, cap * sizeof(*names));
        if (names)
            s->agg_name = names;
        double *vals = realloc(s->agg_val, cap * sizeof(*vals));
        if (vals)
            s->agg_val = vals;
        if (!names || !vals)
            return -ENOMEM;
        s->agg_cap = cap;
    }
    s->agg_name[s->nagg] = strdup(name);
    s->agg_val[s->nagg++] = value;
    return 0;
}

unsigned vmafx_store_aggregate_count(const VmafxFeatureStore *s) { return s->nagg; }
const char *vmafx_store_aggregate_name(const VmafxFeatureStore *s, unsigned a)
{
    return s->agg_name[a];
}
double vmafx_store_aggregate_value(const VmafxFeatureStore *s, unsigned a)
{
    return s->agg_val[a];
}
double vmafx_store_cpu_seconds(const VmafxFeatureStore *s)
{
    (void)s;
    return NAN;
}

