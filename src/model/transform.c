/*
 * score_transform: parsing with upstream's type rules and evaluation in the
 * exact operation order of B.5.
 */
#include <errno.h>
#include <string.h>

#include "model/transform.h"

static int parse_knots(const VmafxJson *arr, VmafxTransform *t)
{
    if (arr->type != VMAFX_JSON_ARRAY || arr->n > VMAFX_TRANSFORM_MAX_KNOTS)
        return -EINVAL;
    for (size_t i = 0; i < arr->n; i++) {
        const VmafxJson *pair = &arr->child[i];
        if (pair->type != VMAFX_JSON_ARRAY || pair->n != 2 ||
            pair->child[0].type != VMAFX_JSON_NUMBER ||
            pair->child[1].type != VMAFX_JSON_NUMBER)
            return -EINVAL;
        t->knot[i][0] = pair->child[0].number;
        t->knot[i][1] = pair->child[1].number;
    }
    t->n_knots = (unsigned)arr->n;
    t->has_knots = true;
    return 0;
}

/* out_lte_in / out_gte_in: only the string "true" enables; a non-string is an error. */
static int parse_string_flag(const VmafxJson *v, bool *flag)
{
    if (v->type != VMAFX_JSON_STRING)
        return -EINVAL;
    *flag = !strcmp(v->text, "true");
    return 0;
}

int vmafx_transform_parse(const VmafxJson *obj, VmafxTransform *t)
{
    static const char *const poly_key[3] = { "p0", "p1", "p2" };
    memset(t, 0, sizeof(*t));
    if (obj->type != VMAFX_JSON_OBJECT)
        return -EINVAL;
    /* Members are visited in document order; a repeated key is re-applied. */
    for (size_t i = 0; i < obj->n; i++) {
        const char *key = obj->key[i];
        const VmafxJson *v = &obj->child[i];
        int err = 0;
        if (!strcmp(key, "enabled")) {
            if (v->type == VMAFX_JSON_TRUE)
                t->enabled = true;
            else if (v->type == VMAFX_JSON_FALSE)
                t->enabled = false;
            else
                err = -EINVAL;
        } else if (!strcmp(key, "knots")) {
            err = parse_knots(v, t);
        } else if (!strcmp(key, "out_lte_in")) {
            err = parse_string_flag(v, &t->out_lte_in);
        } else if (!strcmp(key, "out_gte_in")) {
            err = parse_string_flag(v, &t->out_gte_in);
        } else {
            for (int k = 0; k < 3; k++) {
                if (strcmp(key, poly_key[k]))
                    continue;
                if (v->type != VMAFX_JSON_NUMBER) /* null included (quirk) */
                    err = -EINVAL;
                t->p[k] = v->number;
                t->has_p[k] = true;
            }
        }
        if (err)
            return err;
    }
    return 0;
}

static double apply_knots(const VmafxTransform *t, double v)
{
    const unsigned n = t->n_knots;
    if (n <= 1)
        return v;
    double out = 0.0;
    for (unsigned s = 0; s + 1 < n; s++) {
        const double x0 = t->knot[s][0], y0 = t->knot[s][1];
        const double x1 = t->knot[s + 1][0], y1 = t->knot[s + 1][1];
        if (!(x0 < x1 && y0 <= y1))
            break;
        const int in_range = (x0 <= v && v <= x1) || (s == 0 && v < x0) ||
                             (s == n - 2 && v > x1);
        if (!in_range)
            continue;
        if (y0 == y1) {
            out = y0;
        } else {
            double a, b;
            if (x0 == 0) {
                b = y0;
                a = (y1 - b) / x1;
            } else {
                a = (y1 - y0) / (x1 - x0);
                b = y0 - x0 * a;
            }
            out = a * v + b;
        }
    }
    return out;
}

double vmafx_transform_apply(const VmafxTransform *t, double y_in)
{
    double v = y_in;
    if (t->has_p[0] || t->has_p[1] || t->has_p[2]) {
        v = 0.0;
        if (t->has_p[0])
            v = v + t->p[0];
        if (t->has_p[1])
            v = v + t->p[1] * y_in;
        if (t->has_p[2])
            v = v + t->p[2] * y_in * y_in;
    }
    if (t->has_knots)
        v = apply_knots(t, v);
    if (t->out_lte_in)
        v = (v > y_in) ? y_in : v;
    if (t->out_gte_in)
        v = (v < y_in) ? y_in : v;
    return v;
}
