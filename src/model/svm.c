/*
 * libsvm regression model: header tokens, sparse support vectors, kernel
 * evaluation. The header reader splits on exactly one space or newline, so two
 * separators in a row yield an empty token and the model is refused (B.2 quirk).
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/svm.h"

enum Kernel { KERNEL_LINEAR, KERNEL_POLY, KERNEL_RBF, KERNEL_SIGMOID };

struct VmafxSvm {
    enum Kernel kernel;
    double gamma, coef0, rho;
    int degree;
    size_t n_sv;
    double *alpha;  /* n_sv coefficients */
    size_t *first;  /* n_sv + 1 offsets into index/value */
    int *index;     /* 1-based feature indices, increasing within one vector */
    double *value;
};

void vmafx_svm_free(VmafxSvm *svm)
{
    if (!svm)
        return;
    free(svm->alpha);
    free(svm->first);
    free(svm->index);
    free(svm->value);
    free(svm);
}

static bool parse_double(const char *tok, double *out)
{
    char *end;
    if (!*tok)
        return false;
    *out = strtod(tok, &end);
    /* a NaN or infinite coefficient can only produce a meaningless score */
    return *end == '\0' && isfinite(*out);
}

static bool parse_int(const char *tok, long lo, long hi, long *out)
{
    char *end;
    if (!*tok)
        return false;
    errno = 0;
    long v = strtol(tok, &end, 10);
    if (*end != '\0' || errno || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

/* Cursor over a private, NUL-terminated, writable copy of the text. */
typedef struct Cursor {
    char *p, *end;
} Cursor;

/* Next header token: up to one ' ' or '\n', which is consumed. NULL if empty. */
static const char *header_token(Cursor *c)
{
    char *tok = c->p;
    while (c->p < c->end && *c->p != ' ' && *c->p != '\n')
        c->p++;
    if (c->p == tok)
        return NULL;
    if (c->p < c->end)
        *c->p++ = '\0';
    return tok;
}

static bool header_numbers(Cursor *c, long count, double *first)
{
    for (long i = 0; i < count; i++) {
        double v;
        const char *tok = header_token(c);
        if (!tok || !parse_double(tok, &v))
            return false;
        if (i == 0 && first)
            *first = v;
    }
    return true;
}

static bool header_ints(Cursor *c, long count)
{
    for (long i = 0; i < count; i++) {
        long v;
        const char *tok = header_token(c);
        if (!tok || !parse_int(tok, LONG_MIN, LONG_MAX, &v))
            return false;
    }
    return true;
}

static int parse_header(Cursor *c, VmafxSvm *svm, long *total_sv)
{
    bool have_type = false, have_kernel = false, have_rho = false;
    long nr_class = 0;
    *total_sv = -1;
    for (;;) {
        const char *key = header_token(c);
        if (!key)
            return -EINVAL; /* end of text or an empty token before "SV" */
        if (!strcmp(key, "SV"))
            break;
        const long pairs = nr_class * (nr_class - 1) / 2;
        if (!strcmp(key, "svm_type")) {
            const char *v = header_token(c);
            if (!v || (strcmp(v, "nu_svr") && strcmp(v, "epsilon_svr")))
                return -EINVAL;
            have_type = true;
        } else if (!strcmp(key, "kernel_type")) {
            const char *v = header_token(c);
            if (!v)
                return -EINVAL;
            if (!strcmp(v, "linear"))
                svm->kernel = KERNEL_LINEAR;
            else if (!strcmp(v, "polynomial"))
                svm->kernel = KERNEL_POLY;
            else if (!strcmp(v, "rbf"))
                svm->kernel = KERNEL_RBF;
            else if (!strcmp(v, "sigmoid"))
                svm->kernel = KERNEL_SIGMOID;
            else
                return -EINVAL;
            have_kernel = true;
        } else if (!strcmp(key, "gamma")) {
            if (!header_numbers(c, 1, &svm->gamma))
                return -EINVAL;
        } else if (!strcmp(key, "coef0")) {
            if (!header_numbers(c, 1, &svm->coef0))
                return -EINVAL;
        } else if (!strcmp(key, "degree")) {
            long v;
            const char *tok = header_token(c);
            if (!tok || !parse_int(tok, INT_MIN, INT_MAX, &v))
                return -EINVAL;
            svm->degree = (int)v;
        } else if (!strcmp(key, "nr_class")) {
            long v;
            const char *tok = header_token(c);
            /* Regression models always have two "classes" (one rho, one alpha). */
            if (!tok || !parse_int(tok, 2, 2, &v))
                return -EINVAL;
            nr_class = v;
        } else if (!strcmp(key, "total_sv")) {
            long v;
            const char *tok = header_token(c);
            if (!tok || !parse_int(tok, 0, INT_MAX, &v))
                return -EINVAL;
            *total_sv = v;
        } else if (!strcmp(key, "rho")) {
            if (!nr_class || !header_numbers(c, pairs, &svm->rho))
                return -EINVAL;
            have_rho = true;
        } else if (!strcmp(key, "label") || !strcmp(key, "nr_sv")) {
            if (!nr_class || !header_ints(c, nr_class))
                return -EINVAL;
        } else if (!strcmp(key, "probA") || !strcmp(key, "probB")) {
            if (!nr_class || !header_numbers(c, pairs, NULL))
                return -EINVAL;
        } else {
            return -EINVAL;
        }
    }
    if (!have_type || !have_kernel || !have_rho || *total_sv < 0)
        return -EINVAL;
    return 0;
}

static bool is_blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r';
}

/* Next blank-separated token of the current line (NUL-terminated in place), or NULL. */
static char *line_token(char **p, char *line_end)
{
    while (*p < line_end && is_blank(**p))
        (*p)++;
    if (*p >= line_end)
        return NULL;
    char *tok = *p;
    while (*p < line_end && !is_blank(**p))
        (*p)++;
    if (*p < line_end)
        *(*p)++ = '\0';
    return tok;
}

static int parse_vectors(Cursor *c, VmafxSvm *svm, long total_sv)
{
    size_t remaining = (size_t)(c->end - c->p);
    /* Every vector needs at least one character: refuse absurd counts before allocating. */
    if ((size_t)total_sv > remaining)
        return -EINVAL;
    size_t max_nodes = 0;
    for (const char *q = c->p; q < c->end; q++)
        max_nodes += *q == ':';

    svm->n_sv = (size_t)total_sv;
    svm->alpha = malloc((svm->n_sv ? svm->n_sv : 1) * sizeof(*svm->alpha));
    svm->first = malloc((svm->n_sv + 1) * sizeof(*svm->first));
    svm->index = malloc((max_nodes ? max_nodes : 1) * sizeof(*svm->index));
    svm->value = malloc((max_nodes ? max_nodes : 1) * sizeof(*svm->value));
    if (!svm->alpha || !svm->first || !svm->index || !svm->value)
        return -ENOMEM;

    size_t node = 0;
    for (size_t j = 0; j < svm->n_sv; j++) {
        if (c->p >= c->end)
            return -EINVAL; /* fewer vectors than total_sv */
        char *line_end = memchr(c->p, '\n', (size_t)(c->end - c->p));
        if (!line_end)
            line_end = c->end;
        *line_end = '\0';
        char *p = c->p;
        c->p = line_end < c->end ? line_end + 1 : c->end;

        const char *tok = line_token(&p, line_end);
        if (!tok || !parse_double(tok, &svm->alpha[j]))
            return -EINVAL;
        svm->first[j] = node;
        long prev = 0;
        char *pair;
        while ((pair = line_token(&p, line_end))) {
            char *colon = strchr(pair, ':');
            long idx;
            if (!colon)
                return -EINVAL;
            *colon = '\0';
            if (!parse_int(pair, 1, INT_MAX, &idx) || idx <= prev ||
                !parse_double(colon + 1, &svm->value[node]))
                return -EINVAL;
            svm->index[node++] = (int)idx;
            prev = idx;
        }
    }
    svm->first[svm->n_sv] = node;
    return 0;
}

int vmafx_svm_parse(const char *text, size_t len, VmafxSvm **out)
{
    if (!out)
        return -EINVAL;
    *out = NULL;
    if (!text || memchr(text, '\0', len))
        return -EINVAL;

    char *copy = malloc(len + 1);
    VmafxSvm *svm = calloc(1, sizeof(*svm));
    if (!copy || !svm) {
        free(copy);
        free(svm);
        return -ENOMEM;
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    Cursor c = { .p = copy, .end = copy + len };

    long total_sv;
    int err = parse_header(&c, svm, &total_sv);
    if (!err)
        err = parse_vectors(&c, svm, total_sv);
    free(copy);
    if (err) {
        vmafx_svm_free(svm);
        return err;
    }
    *out = svm;
    return 0;
}

/* Squared distance, merged over increasing indices; absent entries count as 0. */
static double squared_distance(const VmafxSvm *svm, size_t j, const double *x, size_t n)
{
    size_t s = svm->first[j];
    const size_t s_end = svm->first[j + 1];
    double d = 0.0;
    for (size_t k = 1; k <= n; k++) {
        if (s < s_end && (size_t)svm->index[s] == k) {
            const double e = x[k - 1] - svm->value[s++];
            d += e * e;
        } else {
            d += x[k - 1] * x[k - 1];
        }
    }
    for (; s < s_end; s++) /* indices beyond the input */
        d += svm->value[s] * svm->value[s];
    return d;
}

/* Sparse dot product over the indices present in both vectors. */
static double dot(const VmafxSvm *svm, size_t j, const double *x, size_t n)
{
    double sum = 0.0;
    for (size_t s = svm->first[j]; s < svm->first[j + 1]; s++)
        if ((size_t)svm->index[s] <= n)
            sum += x[svm->index[s] - 1] * svm->value[s];
    return sum;
}

/* base^times by binary exponentiation (times <= 0 gives 1). */
static double int_power(double base, int times)
{
    double result = 1.0, b = base;
    for (int t = times; t > 0; t /= 2) {
        if (t % 2 == 1)
            result *= b;
        b *= b;
    }
    return result;
}

double vmafx_svm_predict(const VmafxSvm *svm, const double *x, size_t n)
{
    double sum = 0.0;
    for (size_t j = 0; j < svm->n_sv; j++) {
        double k;
        switch (svm->kernel) {
        case KERNEL_RBF:
            k = exp(-svm->gamma * squared_distance(svm, j, x, n));
            break;
        case KERNEL_LINEAR:
            k = dot(svm, j, x, n);
            break;
        case KERNEL_POLY:
            k = int_power(svm->gamma * dot(svm, j, x, n) + svm->coef0, svm->degree);
            break;
        default:
            k = tanh(svm->gamma * dot(svm, j, x, n) + svm->coef0);
            break;
        }
        sum += svm->alpha[j] * k;
    }
    return sum - svm->rho;
}
