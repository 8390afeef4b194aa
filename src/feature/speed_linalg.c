/*
 * Binary32 linear algebra of SpEED (spec cambi-speed.md 2.12, 2.13): eigenvalues of
 * the 25x25 covariance by Householder tridiagonalisation and implicit QR, and the
 * Householder-QR solve. Every operation is one binary32 operation in the order the
 * spec gives; the few double steps are marked.
 */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "feature/speed_internal.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#define N SPEED_DIM

static float hyp32(float a, float b)
{
    const float ss = a * a + b * b;
    return sqrtf(ss);
}

/* E2: zero the off-diagonal entries negligible next to their diagonal neighbours. */
static void deflate(const float *d, float *e, unsigned from, unsigned to)
{
    for (unsigned i = from; i < to; i++) {
        const float sum = fabsf(d[i]) + fabsf(d[i + 1]);
        if ((double)fabsf(e[i]) < 1e-6 * (double)sum)
            e[i] = 0.0f;
    }
}

/* Givens rotation annihilating z against x. */
static void givens(float x, float z, float *c, float *s)
{
    if (z == 0.0f) {
        *c = 1.0f;
        *s = 0.0f;
    } else if (fabsf(z) > fabsf(x)) {
        const float t = -x / z;
        const float q = 1.0f + t * t;
        *s = (float)(1.0 / sqrt((double)q));
        *c = *s * t;
    } else {
        const float t = -z / x;
        const float q = 1.0f + t * t;
        *c = (float)(1.0 / sqrt((double)q));
        *s = *c * t;
    }
}

/* E4: one shifted QR sweep on the block d[0..m-1], e[0..m-2] (m >= 2). */
static void qr_sweep(float *d, float *e, unsigned m)
{
    const float ta = d[m - 2], tb = d[m - 1], tab = e[m - 2];
    const float delta = (ta - tb) * 0.5f;
    const float h = hyp32(delta, tab);
    float mu;
    if (delta > 0.0f)
        mu = tb - tab * (tab / (delta + h));
    else if (delta == 0.0f)
        mu = tb - fabsf(tab);
    else
        mu = tb + tab * (tab / (-delta + h));
    const float scale = fabsf(d[0]) + fabsf(e[0]);
    if (1e-6 * fabs((double)mu) > (double)scale)
        mu = 0.0f;

    float x = d[0] - mu, z = e[0];
    float bk = 0.0f, zk = 0.0f;
    float ap = d[0], bp = e[0], aq = d[1], bq = m > 2 ? e[1] : 0.0f;
    for (unsigned k = 0; k + 1 < m; k++) {
        float c, s;
        givens(x, z, &c, &s);
        const float bk_prev = c * bk - s * zk;
        const float p1 = c * ap - s * bp;
        const float p2 = s * aq - c * bp;
        const float p3 = s * ap + c * bp;
        const float p4 = s * bp + c * aq;
        const float ap_n = c * p1 + s * p2;
        const float bp_n = c * p3 - s * p4;
        const float aq_n = s * p3 + c * p4;
        const float zk_n = -s * bq;
        const float bq_n = c * bq;
        const float ak = ap_n;
        bk = bp_n;
        zk = zk_n;
        ap = aq_n;
        bp = bq_n;
        if (k + 2 < m)
            aq = d[k + 2];
        if (k + 3 < m)
            bq = e[k + 2];
        d[k] = ak;
        if (k > 0)
            e[k - 1] = bk_prev;
        if (k + 2 < m)
            e[k + 1] = bp;
        x = bk;
        z = zk;
    }
    d[m - 1] = ap;
    e[m - 2] = bk;
}

/* E1: Householder reduction of a (in place) to tridiagonal form d, e. */
static void tridiagonalise(float a[N][N], float d[N], float e[N - 1])
{
    float v[N], x[N];
    for (unsigned i = 0; i + 2 < N; i++) {
        float ss = 0.0f;
        for (unsigned r = i + 2; r < N; r++)
            ss = ss + a[r][i] * a[r][i];
        const float xi = sqrtf(ss);
        if (xi == 0.0f)
            continue;
        const float alpha = a[i + 1][i];
        const float hh = hyp32(alpha, xi);
        const float beta = alpha >= 0.0f ? -hh : hh;
        const float tau = (beta - alpha) / beta;
        const float sdiv = alpha - beta;
        if (sdiv != 0.0f) {
            for (unsigned r = i + 1; r < N; r++)
                a[r][i] = a[r][i] / sdiv;
            a[i + 1][i] = beta;
        }
        for (unsigned r = i + 1; r < N; r++)
            v[r] = a[r][i];
        v[i + 1] = 1.0f;
        if (tau == 0.0f)
            continue;
        for (unsigned r = i + 1; r < N; r++) {
            float acc = 0.0f;
            for (unsigned c = i + 1; c < N; c++)
                acc = acc + (tau * a[r][c]) * v[c];
            x[r] = acc;
        }
        float xv = 0.0f;
        for (unsigned r = i + 1; r < N; r++)
            xv = xv + x[r] * v[r];
        const float alpha2 = (-0.5f * tau) * xv;
        for (unsigned r = i + 1; r < N; r++)
            x[r] = x[r] + alpha2 * v[r];
        for (unsigned r = i + 1; r < N; r++)
            for (unsigned c = i + 1; c < N; c++)
                a[r][c] = a[r][c] - (x[r] * v[c] + v[r] * x[c]);
    }
    for (unsigned i = 0; i < N; i++)
        d[i] = a[i][i];
    for (unsigned i = 0; i + 1 < N; i++)
        e[i] = a[i + 1][i];
}

void vmafx_speed_eigenvalues(const float k[N][N], float lambda[N])
{
    float a[N][N], e[N - 1];
    memcpy(a, k, sizeof(a));
    tridiagonalise(a, lambda, e);

    deflate(lambda, e, 0, N - 1);
    unsigned b = N - 1;
    for (unsigned it = 0; b > 0 && it < 500;) {
        if (e[b - 1] == 0.0f) {
            b--;
            continue;
        }
        unsigned a0 = b - 1;
        while (a0 > 0 && e[a0 - 1] != 0.0f)
            a0--;
        qr_sweep(lambda + a0, e + a0, b - a0 + 1);
        deflate(lambda, e, a0, b);
        it++;
    }
}

/* c = p * r, both N x N, sequential binary32 sums. c must not alias p or r. */
static void matmul(float c[N][N], const float p[N][N], const float r[N][N])
{
    for (unsigned i = 0; i < N; i++)
        for (unsigned j = 0; j < N; j++) {
            float acc = 0.0f;
            for (unsigned t = 0; t < N; t++)
                acc = acc + p[i][t] * r[t][j];
            c[i][j] = acc;
        }
}

int vmafx_speed_solve(const float k[N][N], const float *y, unsigned cols, float *x)
{
    float zq[N][N], pq[N][N], hq[N][N], tmp[N][N], v[N];
    memcpy(zq, k, sizeof(zq));
    for (unsigned i = 0; i < N; i++)
        for (unsigned j = 0; j < N; j++)
            pq[i][j] = i == j ? 1.0f : 0.0f;

    for (unsigned kk = 0; kk + 1 < N; kk++) {
        for (unsigned i = 0; i < N; i++)
            for (unsigned j = 0; j < N; j++)
                if (i < kk || j < kk)
                    zq[i][j] = i == j ? 1.0f : 0.0f;
        for (unsigned i = 0; i < N; i++)
            v[i] = zq[i][kk];
        float ss = 0.0f;
        for (unsigned i = 0; i < N; i++)
            ss = ss + v[i] * v[i];
        const float nu = sqrtf(ss);
        /* the sign comes from the original matrix (spec quirk) */
        v[kk] = v[kk] + (k[kk][kk] >= 0.0f ? nu : -nu);
        ss = 0.0f;
        for (unsigned i = 0; i < N; i++)
            ss = ss + v[i] * v[i];
        const float nu2 = sqrtf(ss);
        for (unsigned i = 0; i < N; i++)
            v[i] = v[i] / nu2;
        for (unsigned i = 0; i < N; i++)
            for (unsigned j = 0; j < N; j++)
                hq[i][j] = (-2.0f * v[i]) * v[j];
        for (unsigned i = 0; i < N; i++)
            hq[i][i] = hq[i][i] + 1.0f;
        matmul(tmp, hq, zq);
        memcpy(zq, tmp, sizeof(zq));
        matmul(tmp, hq, pq);
        memcpy(pq, tmp, sizeof(pq));
    }
    float rq[N][N];
    matmul(rq, pq, k);

    /* back substitution, column by column, on y' = pq * y */
    float yc[N], xc[N];
    for (unsigned j = 0; j < cols; j++) {
        for (unsigned i = 0; i < N; i++) {
            float acc = 0.0f;
            for (unsigned t = 0; t < N; t++)
                acc = acc + pq[i][t] * y[(size_t)t * cols + j];
            yc[i] = acc;
        }
        for (unsigned ii = N; ii-- > 0;) {
            const float den = rq[ii][ii];
            if (fabs((double)den) < 1e-6)
                return -EDOM;
            float t = yc[ii];
            for (unsigned l = ii + 1; l < N; l++)
                t = t - xc[l] * rq[ii][l];
            xc[ii] = t / den;
        }
        for (unsigned i = 0; i < N; i++)
            x[(size_t)i * cols + j] = xc[i];
    }
    return 0;
}
