/*
 * score_transform of a model (motion-model-reports.md B.5): polynomial, knots,
 * rectification against the input.
 */
#ifndef VMAFX_SRC_MODEL_TRANSFORM_H
#define VMAFX_SRC_MODEL_TRANSFORM_H

#include <stdbool.h>

#include "json.h"

#define VMAFX_TRANSFORM_MAX_KNOTS 10

typedef struct VmafxTransform {
    bool enabled;              /* "enabled": true */
    bool has_p[3];
    double p[3];
    bool has_knots;            /* a "knots" member, possibly empty */
    unsigned n_knots;
    double knot[VMAFX_TRANSFORM_MAX_KNOTS][2]; /* [x, y] */
    bool out_lte_in, out_gte_in;
} VmafxTransform;

/* Reads a score_transform object. Returns 0 or -EINVAL (B.5 load errors). */
int vmafx_transform_parse(const VmafxJson *obj, VmafxTransform *t);

/* Applies steps 1..3 of B.5 to y_in. */
double vmafx_transform_apply(const VmafxTransform *t, double y_in);

#endif /* VMAFX_SRC_MODEL_TRANSFORM_H */
