/*
 * The feature store: every value of a run, per key and frame index, in the order
 * keys were first written (that order is the report column order), plus per-run
 * aggregate values. Thread-safe for concurrent appends and reads.
 */
#ifndef VMAFX_SRC_FEATURE_STORE_H
#define VMAFX_SRC_FEATURE_STORE_H

#include <stddef.h>

typedef struct VmafxFeatureStore VmafxFeatureStore;

int vmafx_store_create(VmafxFeatureStore **store);
void vmafx_store_destroy(VmafxFeatureStore *store);

/* Appends key[index] = value. -EINVAL when that value exists, -ENOMEM. Any number of keys. */
int vmafx_store_append(VmafxFeatureStore *store, const char *key, double value,
                       unsigned index);

/* Looks a value up by key. 0, or -EINVAL when absent. */
int vmafx_store_get(const VmafxFeatureStore *store, const char *key, unsigned index,
                    double *value);

/* Position of `key` in first-write order, or -1 when it was never written. */
int vmafx_store_key_index(const VmafxFeatureStore *store, const char *key);

/* Keys, in first-write order. */
unsigned vmafx_store_key_count(const VmafxFeatureStore *store);
const char *vmafx_store_key_name(const VmafxFeatureStore *store, unsigned k);
/* One past the largest index written for key k (0 when none). */
unsigned vmafx_store_key_extent(const VmafxFeatureStore *store, unsigned k);
/* Value of key k at index; 0, or -EINVAL when absent. */
int vmafx_store_get_at(const VmafxFeatureStore *store, unsigned k, unsigned index,
                       double *value);

/* Aggregates, in insertion order. Appending an existing name replaces its value. */
int vmafx_store_append_aggregate(VmafxFeatureStore *store, const char *name,
                                 double value);
unsigned vmafx_store_aggregate_count(const VmafxFeatureStore *store);
const char *vmafx_store_aggregate_name(const VmafxFeatureStore *store, unsigned a);
double vmafx_store_aggregate_value(const VmafxFeatureStore *store, unsigned a);

/* Processor time (clock(), seconds) between the first and the last append; 0 if none. */
double vmafx_store_cpu_seconds(const VmafxFeatureStore *store);

#endif /* VMAFX_SRC_FEATURE_STORE_H */
