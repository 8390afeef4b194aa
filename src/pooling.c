/*
 * Pooling of one store key over an index range (spec C.3, api-abi 4.13).
 *
 * NaN signs follow upstream's x86-64 arithmetic and are made explicit here so
 * that they do not depend on operand order or the host's default NaN:
 * an invalid operation yields -nan, NaN + NaN keeps the running sum's NaN, and
 * in the harmonic sum the new term's NaN wins.
 */
#include <errno.h>
#include <stdbool.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "report.h"

/* The NaN x86-64 produces for an invalid operation (sign bit set). */
static double invalid_nan(void)
{
    return copysign(NAN, -1.0);
}

/* a + b where a NaN in `a` wins over one in `b`. */
static double add_first_nan_wins(double a, double b)
{
    if (isnan(a))
        return a;
    if (isnan(b))
        return b;
    const double r = a + b;
    return isnan(r) ? invalid_nan() : r;
}

/* a / b with the same NaN rule. */
static double divide(double a, double b)
{
    if (isnan(a))
        return a;
    if (isnan(b))
        return b;
    const double r = a / b;
    return isnan(r) ? invalid_nan() : r;
}

int vmafx_pool_key(const VmafxFeatureStore *store, unsigned k,
                   enum VmafPoolingMethod method, unsigned lo, unsigned hi,
                   unsigned n_subsample, double *result)
{
    if (!store || !result || lo > hi || method <= VMAF_POOL_METHOD_UNKNOWN ||
        method >= VMAF_POOL_METHOD_NB)
        return -EINVAL;

    double sum = 0.0, inv_sum = 0.0, min = 0.0, max = 0.0;
    unsigned cnt = 0;

    /* 64-bit counter: hi may be UINT_MAX. */
    for (uint64_t i = lo; i <= hi; i++) {
        if (n_subsample > 1 && i % n_subsample != 0)
            continue;
        double v;
        if (vmafx_store_get_at(store, k, (unsigned)i, &v))
            return -EINVAL;

        sum = add_first_nan_wins(sum, v);
        /* 1 / (v + 1) cannot be an invalid operation unless v is NaN. */
        const double term = isnan(v) ? v : 1.0 / (v + 1.0);
        inv_sum = add_first_nan_wins(term, inv_sum);
        /* Seeded from index lo only; when lo is skipped the seeds stay 0 (quirk). */
        if (i == lo || v < min)
            min = v;
        if (i == lo || v > max)
            max = v;
        cnt++;
    }

    switch (method) {
    case VMAF_POOL_METHOD_MIN:
        *result = min;
        break;
    case VMAF_POOL_METHOD_MAX:
        *result = max;
        break;
    case VMAF_POOL_METHOD_MEAN:
        *result = divide(sum, (double)cnt);
        break;
    case VMAF_POOL_METHOD_HARMONIC_MEAN:
        /* Harmonic mean of v + 1, minus 1. */
        *result = divide((double)cnt, inv_sum) - 1.0;
        break;
    default:
        return -EINVAL;
    }
    return 0;
}

static int compare_doubles(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int vmafx_pool_key_percentile(const VmafxFeatureStore *store, unsigned k, double p,
                              unsigned lo, unsigned hi, unsigned n_subsample,
                              double *result)
{
    if (!store || !result || lo > hi || !(p >= 0.0 && p <= 100.0))
        return -EINVAL;
    const unsigned extent = vmafx_store_key_extent(store, k);
    if (!extent || lo >= extent || hi >= extent)
        return -EINVAL; /* a participating index cannot have a value */
    double *v = malloc(((size_t)hi - lo + 1) * sizeof(*v));
    if (!v)
        return -ENOMEM;
    size_t n = 0;
    bool any_nan = false;
    for (uint64_t i = lo; i <= hi; i++) {
        if (n_subsample > 1 && i % n_subsample != 0)
            continue;
        if (vmafx_store_get_at(store, k, (unsigned)i, &v[n])) {
            free(v);
            return -EINVAL;
        }
        any_nan |= isnan(v[n]);
        n++;
    }
    if (!n || any_nan) {
        free(v);
        *result = NAN;
        return 0;
    }
    qsort(v, n, sizeof(*v), compare_doubles);
    const double rank = p / 100.0 * (double)(n - 1);
    const size_t below = (size_t)floor(rank);
    const size_t above = below + 1 < n ? below + 1 : below;
    const double frac = rank - (double)below;
    *result = frac == 0.0 ? v[below] : v[below] + frac * (v[above] - v[below]);
    free(v);
    return 0;
}
