/*
 * Feature store. Each key owns a dense array of (present, value) slots indexed by
 * frame; keys live in a growable array in first-write order, found through a small
 * open-addressing hash table. One mutex guards everything: appends are rare
 * compared with pixel work, so contention is negligible.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "feature_store.h"

typedef struct StoreKey {
    char *name;
    double *value;
    uint8_t *present;
    unsigned capacity; /* allocated slots */
    unsigned extent;   /* one past the largest written index */
} StoreKey;

typedef struct Aggregate {
    char *name;
    double value;
} Aggregate;

struct VmafxFeatureStore {
    pthread_mutex_t lock;
    StoreKey *key;
    unsigned n_keys, cap_keys;
    unsigned *table; /* hash slots: key index + 1, 0 = empty */
    unsigned table_size;
    Aggregate *agg;
    unsigned n_agg, cap_agg;
    clock_t first_write, last_write;
    int written;
};

static uint32_t hash_name(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    while (*s) {
        h ^= (unsigned char)*s++;
        h *= 16777619u;
    }
    return h;
}

int vmafx_store_create(VmafxFeatureStore **store)
{
    if (!store)
        return -EINVAL;
    VmafxFeatureStore *s = calloc(1, sizeof(*s));
    if (!s)
        return -ENOMEM;
    s->table_size = 64;
    s->table = calloc(s->table_size, sizeof(*s->table));
    if (!s->table) {
        free(s);
        return -ENOMEM;
    }
    pthread_mutex_init(&s->lock, NULL);
    *store = s;
    return 0;
}

void vmafx_store_destroy(VmafxFeatureStore *s)
{
    if (!s)
        return;
    for (unsigned k = 0; k < s->n_keys; k++) {
        free(s->key[k].name);
        free(s->key[k].value);
        free(s->key[k].present);
    }
    for (unsigned a = 0; a < s->n_agg; a++)
        free(s->agg[a].name);
    free(s->key);
    free(s->agg);
    free(s->table);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

/* Index of key `name`, or -1. Caller holds the lock. */
static int find_key(const VmafxFeatureStore *s, const char *name)
{
    unsigned mask = s->table_size - 1;
    for (unsigned slot = hash_name(name) & mask;; slot = (slot + 1) & mask) {
        unsigned e = s->table[slot];
        if (!e)
            return -1;
        if (!strcmp(s->key[e - 1].name, name))
            return (int)(e - 1);
    }
}

static int grow_table(VmafxFeatureStore *s)
{
    unsigned size = s->table_size * 2;
    unsigned *t = calloc(size, sizeof(*t));
    if (!t)
        return -ENOMEM;
    for (unsigned k = 0; k < s->n_keys; k++) {
        unsigned slot = hash_name(s->key[k].name) & (size - 1);
        while (t[slot])
            slot = (slot + 1) & (size - 1);
        t[slot] = k + 1;
    }
    free(s->table);
    s->table = t;
    s->table_size = size;
    return 0;
}

static int add_key(VmafxFeatureStore *s, const char *name)
{
    if ((s->n_keys + 1) * 2 > s->table_size) {
        int err = grow_table(s);
        if (err)
            return err;
    }
    if (s->n_keys == s->cap_keys) {
        unsigned cap = s->cap_keys ? s->cap_keys * 2 : 16;
        StoreKey *k = realloc(s->key, cap * sizeof(*k));
        if (!k)
            return -ENOMEM;
        s->key = k;
        s->cap_keys = cap;
    }
    size_t len = strlen(name) + 1;
    char *copy = malloc(len);
    if (!copy)
        return -ENOMEM;
    memcpy(copy, name, len);
    StoreKey *k = &s->key[s->n_keys];
    memset(k, 0, sizeof(*k));
    k->name = copy;
    unsigned slot = hash_name(name) & (s->table_size - 1);
    while (s->table[slot])
        slot = (slot + 1) & (s->table_size - 1);
    s->table[slot] = s->n_keys + 1;
    return (int)s->n_keys++;
}

static int reserve_slot(StoreKey *k, unsigned index)
{
    if (index < k->capacity)
        return 0;
    uint64_t cap = k->capacity ? k->capacity : 16;
    while (cap <= index)
        cap *= 2;
    if (cap > UINT32_MAX)
        cap = (uint64_t)UINT32_MAX;
    double *v = realloc(k->value, cap * sizeof(*v));
    if (!v)
        return -ENOMEM;
    k->value = v;
    uint8_t *p = realloc(k->present, cap);
    if (!p)
        return -ENOMEM;
    memset(p + k->capacity, 0, cap - k->capacity);
    k->present = p;
    k->capacity = (unsigned)cap;
    return index < k->capacity ? 0 : -ENOMEM;
}

static void note_write(VmafxFeatureStore *s)
{
    clock_t now = clock();
    if (!s->written)
        s->first_write = now;
    s->last_write = now;
    s->written = 1;
}

int vmafx_store_append(VmafxFeatureStore *s, const char *key, double value,
                       unsigned index)
{
    if (!s || !key)
        return -EINVAL;
    pthread_mutex_lock(&s->lock);
    int err = 0;
    int k = find_key(s, key);
    if (k < 0)
        k = add_key(s, key);
    if (k < 0) {
        err = k;
        goto out;
    }
    StoreKey *sk = &s->key[k];
    err = reserve_slot(sk, index);
    if (err)
        goto out;
    if (sk->present[index]) {
        err = -EINVAL;
        goto out;
    }
    sk->present[index] = 1;
    sk->value[index] = value;
    if (index + 1 > sk->extent)
        sk->extent = index + 1;
    note_write(s);
out:
    pthread_mutex_unlock(&s->lock);
    return err;
}

int vmafx_store_get(const VmafxFeatureStore *cs, const char *key, unsigned index,
                    double *value)
{
    if (!cs || !key || !value)
        return -EINVAL;
    VmafxFeatureStore *s = (VmafxFeatureStore *)cs;
    pthread_mutex_lock(&s->lock);
    int err = -EINVAL;
    int k = find_key(s, key);
    if (k >= 0 && index < s->key[k].extent && s->key[k].present[index]) {
        *value = s->key[k].value[index];
        err = 0;
    }
    pthread_mutex_unlock(&s->lock);
    return err;
}

int vmafx_store_key_index(const VmafxFeatureStore *cs, const char *key)
{
    if (!cs || !key)
        return -1;
    VmafxFeatureStore *s = (VmafxFeatureStore *)cs;
    pthread_mutex_lock(&s->lock);
    const int k = find_key(s, key);
    pthread_mutex_unlock(&s->lock);
    return k;
}

unsigned vmafx_store_key_count(const VmafxFeatureStore *s)
{
    return s ? s->n_keys : 0;
}

const char *vmafx_store_key_name(const VmafxFeatureStore *s, unsigned k)
{
    return (s && k < s->n_keys) ? s->key[k].name : NULL;
}

unsigned vmafx_store_key_extent(const VmafxFeatureStore *s, unsigned k)
{
    return (s && k < s->n_keys) ? s->key[k].extent : 0;
}

int vmafx_store_get_at(const VmafxFeatureStore *s, unsigned k, unsigned index,
                       double *value)
{
    if (!s || k >= s->n_keys || index >= s->key[k].extent || !s->key[k].present[index])
        return -EINVAL;
    *value = s->key[k].value[index];
    return 0;
}

int vmafx_store_append_aggregate(VmafxFeatureStore *s, const char *name, double value)
{
    if (!s || !name)
        return -EINVAL;
    pthread_mutex_lock(&s->lock);
    int err = 0;
    for (unsigned a = 0; a < s->n_agg; a++) {
        if (!strcmp(s->agg[a].name, name)) {
            s->agg[a].value = value;
            goto out;
        }
    }
    if (s->n_agg == s->cap_agg) {
        unsigned cap = s->cap_agg ? s->cap_agg * 2 : 8;
        Aggregate *agg = realloc(s->agg, cap * sizeof(*agg));
        if (!agg) {
            err = -ENOMEM;
            goto out;
        }
        s->agg = agg;
        s->cap_agg = cap;
    }
    size_t len = strlen(name) + 1;
    char *copy = malloc(len);
    if (!copy) {
        err = -ENOMEM;
        goto out;
    }
    memcpy(copy, name, len);
    s->agg[s->n_agg].name = copy;
    s->agg[s->n_agg].value = value;
    s->n_agg++;
out:
    pthread_mutex_unlock(&s->lock);
    return err;
}

unsigned vmafx_store_aggregate_count(const VmafxFeatureStore *s)
{
    return s ? s->n_agg : 0;
}

const char *vmafx_store_aggregate_name(const VmafxFeatureStore *s, unsigned a)
{
    return (s && a < s->n_agg) ? s->agg[a].name : NULL;
}

double vmafx_store_aggregate_value(const VmafxFeatureStore *s, unsigned a)
{
    return (s && a < s->n_agg) ? s->agg[a].value : NAN;
}

double vmafx_store_cpu_seconds(const VmafxFeatureStore *s)
{
    if (!s || !s->written)
        return 0.0; /* fps then becomes pic_cnt / 0, as upstream prints it */
    return (double)(s->last_write - s->first_write) / CLOCKS_PER_SEC;
}
