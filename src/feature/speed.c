/*
 * SpEED-QA picture model shared by "speed_chroma" and "speed_temporal" (spec
 * cambi-speed.md 2.3-2.10): geometry, Gaussian filters, decimation by 16,
 * local-mean removal, the 5x5-patch covariance, block variance multipliers and
 * entropies, and the score of a picture pair.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feature/speed_internal.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

/* log2(2*pi*e) in binary64 */
static double log2_2pie(void)
{
    return log2(2.0 * M_PI * M_E);
}

/* Kernel scales upstream has filters for (spec 2.5), each the binary32 of its expression. */
static bool kernelscale_known(double ks)
{
    static const double list[] = {
        1.0, 1.0 / 2.0, 3.0 / 2.0, 2.0, 2.0 / 3.0, 2.4, 360.0 / 97.0, 4.0 / 3.0,
        3.5 / 3.0, 3.75 / 3.0, 4.25 / 3.0, 5.0 / 3.0, 3.0, 1.0 / 2.25, 1.4746, 1.54,
        1.6, 1.06667, 0.711111, 0.740740, 1.111111,
    };
    const float k = (float)ks;
    for (size_t i = 0; i < sizeof(list) / sizeof(list[0]); i++)
        if (fabsf(k - (float)list[i]) < 0.001f)
            return true;
    return false;
}

static unsigned filter_size(unsigned base, float ks)
{
    const float len = (float)base * ks;
    unsigned n = (unsigned)ceilf(len);
    if (!(n & 1))
        n++;
    return n < 3 ? 3 : n;
}

static void gaussian(float *g, unsigned size, float sigma)
{
    const double sd = sigma;
    const float den = (float)(1.0 / (sd * sqrt(2.0 * M_PI)));
    const int c = (int)(size - 1) / 2;
    float sum = 0.0f;
    for (unsigned i = 0; i < size; i++) {
        const double u = (double)((int)i - c);
        const float e = (float)exp((((-0.5 * u) / sd) * u) / sd);
        g[i] = e / den;
        sum = sum + g[i];
    }
    for (unsigned i = 0; i < size; i++)
        g[i] = g[i] / sum;
}

static int parse_method(const char *s, enum SpeedResample *m)
{
    if (!s || !strcmp(s, "nearest"))
        *m = SPEED_RESAMPLE_NEAREST;
    else if (!strcmp(s, "bilinear"))
        *m = SPEED_RESAMPLE_BILINEAR;
    else if (!strcmp(s, "bicubic"))
        *m = SPEED_RESAMPLE_BICUBIC;
    else if (!strcmp(s, "lanczos4"))
        *m = SPEED_RESAMPLE_LANCZOS4;
    else
        return -EINVAL;
    return 0;
}

int vmafx_speed_params_check(const SpeedParams *p)
{
    enum SpeedResample method;
    if (!kernelscale_known(p->kernelscale) || parse_method(p->prescale_method, &method) ||
        p->weight_var_mode < 0 || p->weight_var_mode > 6)
        return -EINVAL;
    return 0;
}

int vmafx_speed_model_init(SpeedModel *m, const SpeedParams *p, unsigned w0, unsigned h0)
{
    if (!kernelscale_known(p->kernelscale) || parse_method(p->prescale_method, &m->method))
        return -EINVAL;
    if (p->weight_var_mode < 0 || p->weight_var_mode > 6)
        return -EINVAL;
    m->mode = p->weight_var_mode;
    m->w0 = w0;
    m->h0 = h0;
    const double w1 = (double)w0 * p->prescale + 0.5, h1 = (double)h0 * p->prescale + 0.5;
    if (!(w1 >= 1.0 && h1 >= 1.0 && w1 < 65536.0 && h1 < 65536.0))
        return -EINVAL;
    m->w1 = (unsigned)w1;
    m->h1 = (unsigned)h1;
    m->prescale = !(fabs(p->prescale - 1.0) < 0.001);
    /* upstream skips the resampling but keeps the new size: unsupported */
    if (!m->prescale && (m->w1 != w0 || m->h1 != h0))
        return -EINVAL;
    m->wo = m->w1 >> 4;
    m->ho = m->h1 >> 4;
    m->wt = m->wo / 5 * 5;
    m->ht = m->ho / 5 * 5;
    if (!m->wt || !m->ht)
        return -EINVAL; /* operating size below 5: unsupported */
    m->bh = m->wt / 5;
    m->bv = m->ht / 5;
    m->blocks = m->bh * m->bv;
    m->sw = m->wt - 4;
    m->sh = m->ht - 4;

    const float ks = (float)p->kernelscale;
    m->n_aa = filter_size(9, ks);
    m->n_lm = filter_size(2, ks);
    if (m->n_aa > SPEED_MAX_TAPS || m->n_lm > SPEED_MAX_TAPS)
        return -EINVAL;
    /* mirrored borders need the filter radius inside the picture */
    if ((m->n_aa - 1) / 2 >= m->w1 || (m->n_aa - 1) / 2 >= m->h1 ||
        (m->n_lm - 1) / 2 >= m->wo || (m->n_lm - 1) / 2 >= m->ho)
        return -EINVAL;
    gaussian(m->g_aa, m->n_aa, (float)(2.0 * m->n_aa / 5.0));
    gaussian(m->g_lm, m->n_lm, (float)m->n_lm / 5.0f);

    m->sigma32 = (float)p->sigma_nn;
    m->floor32 = (float)p->nn_floor;
    const float nn = (1.0f + m->floor32) * m->sigma32;
    m->base = (float)(25.0 * (log2((double)nn) + log2_2pie()));

    const size_t small = (size_t)m->wo * m->ho;
    m->plane = malloc((size_t)w0 * h0 * sizeof(float));
    m->tv = malloc((size_t)m->ho * m->w1 * sizeof(float));
    m->o = malloc(small * sizeof(float));
    m->tmp = malloc(small * sizeof(float));
    m->d = malloc(small * sizeof(float));
    m->y = malloc((size_t)SPEED_DIM * m->blocks * sizeof(float));
    m->x = malloc((size_t)SPEED_DIM * m->blocks * sizeof(float));
    if (!m->plane || !m->tv || !m->o || !m->tmp || !m->d || !m->y || !m->x) {
        vmafx_speed_model_close(m);
        return -ENOMEM;
    }
    return 0;
}

void vmafx_speed_model_close(SpeedModel *m)
{
    free(m->plane);
    free(m->tv);
    free(m->o);
    free(m->tmp);
    free(m->d);
    free(m->y);
    free(m->x);
    m->plane = m->tv = m->o = m->tmp = m->d = m->y = m->x = NULL;
}

static float centred_sample(const uint8_t *row, unsigned x, unsigned bpc)
{
    if (bpc == 8)
        return (float)row[x] - 128.0f;
    const float v = (float)((const uint16_t *)row)[x];
    const float div = bpc == 10 ? 4.0f : bpc == 12 ? 16.0f : 256.0f;
    return v / div - 128.0f;
}

int vmafx_speed_load_plane(SpeedModel *m, const VmafPicture *pic, unsigned plane, float *out)
{
    const unsigned bpc = pic->bpc;
    if (bpc != 8 && bpc != 10 && bpc != 12 && bpc != 16)
        return -EINVAL;
    if (!pic->data[plane] || pic->w[plane] < m->w0 || pic->h[plane] < m->h0 ||
        pic->stride[plane] < (ptrdiff_t)((size_t)m->w0 << (bpc > 8)))
        return -EINVAL;
    float *dst = m->prescale ? m->plane : out;
    for (unsigned y = 0; y < m->h0; y++) {
        const uint8_t *row = (const uint8_t *)pic->data[plane] + (ptrdiff_t)y * pic->stride[plane];
        for (unsigned x = 0; x < m->w0; x++)
            dst[(size_t)y * m->w0 + x] = centred_sample(row, x, bpc);
    }
    if (m->prescale)
        vmafx_speed_resample(m->method, m->plane, m->w0, m->h0, out, m->w1, m->h1);
    return 0;
}

static unsigned mirror(long t, unsigned n)
{
    if (t < 0)
        return (unsigned)-t;
    if (t >= (long)n)
        return (unsigned)(2 * (long)n - t - 2);
    return (unsigned)t;
}

/* Full separable filter (vertical, then horizontal) of a w*h image into dst. */
static void filter2d(const float *g, unsigned taps, const float *src, float *tmp, float *dst,
                     unsigned w, unsigned h)
{
    const long q = (long)(taps - 1) / 2;
    for (unsigned i = 0; i < h; i++)
        for (unsigned j = 0; j < w; j++) {
            float acc = 0.0f;
            for (unsigned k = 0; k < taps; k++)
                acc = acc + g[k] * src[(size_t)mirror((long)i - q + (long)k, h) * w + j];
            tmp[(size_t)i * w + j] = acc;
        }
    for (unsigned i = 0; i < h; i++)
        for (unsigned j = 0; j < w; j++) {
            float acc = 0.0f;
            for (unsigned k = 0; k < taps; k++)
                acc = acc + g[k] * tmp[(size_t)i * w + mirror((long)j - q + (long)k, w)];
            dst[(size_t)i * w + j] = acc;
        }
}

/* Anti-alias filter evaluated only where the decimation by 16 samples it. */
static void decimate(SpeedModel *m, const float *b1)
{
    const long q = (long)(m->n_aa - 1) / 2;
    const unsigned w1 = m->w1, h1 = m->h1;
    for (unsigned i = 0; i < m->ho; i++)
        for (unsigned j = 0; j < w1; j++) {
            float acc = 0.0f;
            for (unsigned k = 0; k < m->n_aa; k++)
                acc = acc + m->g_aa[k] * b1[(size_t)mirror(16 * (long)i - q + (long)k, h1) * w1 + j];
            m->tv[(size_t)i * w1 + j] = acc;
        }
    for (unsigned i = 0; i < m->ho; i++)
        for (unsigned j = 0; j < m->wo; j++) {
            float acc = 0.0f;
            for (unsigned k = 0; k < m->n_aa; k++)
                acc = acc + m->g_aa[k] * m->tv[(size_t)i * w1 + mirror(16 * (long)j - q + (long)k, w1)];
            m->o[(size_t)i * m->wo + j] = acc;
        }
}

/* Sum with Neumaier compensation: far below binary32 resolution after rounding. */
typedef struct KahanSum {
    double s, c;
} KahanSum;

static void kahan_add(KahanSum *k, double v)
{
    const double t = k->s + v;
    if (fabs(k->s) >= fabs(v))
        k->c += (k->s - t) + v;
    else
        k->c += (v - t) + k->s;
    k->s = t;
}

static void covariance(const SpeedModel *m, float k[SPEED_DIM][SPEED_DIM])
{
    const unsigned wo = m->wo, sw = m->sw, sh = m->sh;
    const float *d = m->d;
    float mu[SPEED_DIM];
    const float count = (float)(sw * sh);
    for (unsigned p = 0; p < SPEED_DIM; p++) {
        const unsigned a = p / 5, b = p % 5;
        float acc = 0.0f;
        for (unsigned i = 0; i < sh; i++)
            for (unsigned j = 0; j < sw; j++)
                acc = acc + d[(size_t)(a + i) * wo + b + j];
        mu[p] = acc / count;
    }
    const double n = (double)sw * (double)sh;
    for (unsigned p = 0; p < SPEED_DIM; p++) {
        const unsigned a = p / 5, b = p % 5;
        for (unsigned q = 0; q <= p; q++) {
            const unsigned a2 = q / 5, b2 = q % 5;
            KahanSum ks = { 0.0, 0.0 };
            for (unsigned i = 0; i < sh; i++)
                for (unsigned j = 0; j < sw; j++) {
                    const double u = (double)d[(size_t)(a + i) * wo + b + j] - (double)mu[p];
                    const double v = (double)d[(size_t)(a2 + i) * wo + b2 + j] - (double)mu[q];
                    kahan_add(&ks, u * v);
                }
            const float c = (float)((ks.s + ks.c) / n);
            k[p][q] = k[q][p] = c;
        }
    }
}

bool vmafx_speed_entropies(SpeedModel *m, const float *b1, float *e, float *s)
{
    decimate(m, b1);
    const size_t small = (size_t)m->wo * m->ho;
    filter2d(m->g_lm, m->n_lm, m->o, m->tmp, m->d, m->wo, m->ho);
    for (size_t i = 0; i < small; i++)
        m->d[i] = m->o[i] - m->d[i];

    float k[SPEED_DIM][SPEED_DIM], lambda[SPEED_DIM];
    covariance(m, k);

    const unsigned nb = m->blocks;
    for (unsigned bi = 0; bi < m->bv; bi++)
        for (unsigned bj = 0; bj < m->bh; bj++)
            for (unsigned p = 0; p < SPEED_DIM; p++)
                m->y[(size_t)p * nb + bi * m->bh + bj] =
                    m->d[(size_t)(5 * bi + p / 5) * m->wo + 5 * bj + p % 5];

    vmafx_speed_eigenvalues(k, lambda);
    bool failed = false;
    for (unsigned i = 0; i < SPEED_DIM; i++)
        if ((double)lambda[i] < 1e-6)
            failed = true;
    if (!failed && vmafx_speed_solve(k, m->y, nb, m->x))
        failed = true;
    if (failed)
        memset(m->x, 0, (size_t)SPEED_DIM * nb * sizeof(float));

    const double l2pe = log2_2pie();
    for (unsigned bl = 0; bl < nb; bl++) {
        float sv = 0.0f;
        for (unsigned p = 0; p < SPEED_DIM; p++) {
            const float z = (m->x[(size_t)p * nb + bl] * m->y[(size_t)p * nb + bl]) / 25.0f;
            sv = p ? sv + z : z;
        }
        float ent = 0.0f;
        for (unsigned q = 0; q < SPEED_DIM; q++) {
            const float lam = lambda[q] > 0.0f ? lambda[q] : 0.0f;
            const float arg = lam * sv + m->sigma32;
            ent = (float)((double)ent + (log2((double)arg) + l2pe));
        }
        s[bl] = sv;
        e[bl] = ent;
    }
    return failed;
}

float vmafx_speed_pair_score(const SpeedModel *m, const float *er, const float *sr,
                             bool failed_r, const float *ed, const float *sd, bool failed_d)
{
    if (failed_r != failed_d)
        return 0.0f;
    float acc = 0.0f;
    for (unsigned bl = 0; bl < m->blocks; bl++) {
        if (er[bl] < m->base && ed[bl] < m->base)
            continue;
        const float vr = sr[bl], vd = sd[bl];
        double arg_r, arg_d;
        switch (m->mode) {
        default:
        case 0: arg_r = 1.0f + vr; arg_d = 1.0f + vd; break;
        case 1: arg_r = 1.0f + vr; arg_d = 1.0f + vr; break;
        case 2: arg_r = 1.0f + vd; arg_d = 1.0f + vd; break;
        case 3: arg_r = arg_d = 1.0 + (double)(vr + vd) / 2.0; break;
        case 4: arg_r = 1.0f + vr; arg_d = 1.0 + (double)(vr + vd) / 2.0; break;
        case 5: arg_r = 1.0f + vr; arg_d = 1.0 + (0.75 * vr + 0.25 * vd); break;
        case 6: arg_r = 1.0f + vr; arg_d = 1.0 + (0.25 * vr + 0.75 * vd); break;
        }
        const float r = (float)((double)er[bl] * log2(arg_r));
        const float dd = (float)((double)ed[bl] * log2(arg_d));
        acc = acc + fabsf(r - dd);
    }
    return acc / (float)m->blocks;
}
