/*
 * Upstream's number rule for every report format (spec C.2): "%.6f", unless the
 * fraction is non-zero but needs more than 6 decimals to reach its first
 * significant digit; then "%.16f".
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>

#include "report.h"

/* Decimal places before the first significant digit of the fraction, plus one. */
static unsigned leading_fraction_digits(double value)
{
    const double a = fabs(value);
    /* Out-of-range conversions behave as on x86-64: the "integer indefinite" value. */
    const int whole = (isnan(a) || a >= 2147483648.0) ? INT_MIN : (int)a;
    double frac = a - (double)whole;
    unsigned zeros = 0;

    while (frac < 1.0 && frac != 0.0) {
        frac *= 10.0;
        zeros++;
    }
    return zeros;
}

void vmafx_format_value(char *buf, size_t size, double value)
{
    if (leading_fraction_digits(value) <= 6)
        snprintf(buf, size, "%.6f", value);
    else
        snprintf(buf, size, "%.16f", value);
}
