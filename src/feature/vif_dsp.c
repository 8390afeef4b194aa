/*
 * Integer VIF: reference C kernels and the ISA ladder that fills VifDsp.
 */
#include <stddef.h>
#include <stdint.h>

#include "cpu.h"
#include "feature/integer_vif_log2.h"
#include "feature/vif_dsp.h"

/* The double expressions of spec 1.6 must not be fused into FMAs. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#define VIF_PIXEL uint8_t
#define VIF_SQ_ACC uint32_t
#define VIF_FN(name) vmafx_vif_##name##_8_c
#include "feature/integer_vif_tmpl.c"
#undef VIF_PIXEL
#undef VIF_SQ_ACC
#undef VIF_FN

#define VIF_PIXEL uint16_t
#define VIF_SQ_ACC uint64_t
#define VIF_FN(name) vmafx_vif_##name##_16_c
#include "feature/integer_vif_tmpl.c"
#undef VIF_PIXEL
#undef VIF_SQ_ACC
#undef VIF_FN

void vmafx_vif_hori_decimate_c(const uint16_t *row, const uint16_t *filt, unsigned taps,
                               uint16_t *restrict out, unsigned out_w)
{
    const unsigned r = taps / 2;
    uint32_t acc[VMAFX_VIF_STRIP];

    for (unsigned j0 = 0; j0 < out_w; j0 += VMAFX_VIF_STRIP) {
        const unsigned n = out_w - j0 < VMAFX_VIF_STRIP ? out_w - j0 : VMAFX_VIF_STRIP;
        const uint16_t *src = row + 2 * (ptrdiff_t)j0 - r;
        const uint32_t fr = filt[r];
        for (unsigned j = 0; j < n; j++)
            acc[j] = fr * src[2 * j + r];
        for (unsigned k = 0; k < r; k++) {
            const uint32_t f = filt[k];
            const unsigned k2 = taps - 1 - k;
            for (unsigned j = 0; j < n; j++)
                acc[j] += f * ((uint32_t)src[2 * j + k] + src[2 * j + k2]);
        }
        for (unsigned j = 0; j < n; j++)
            out[j0 + j] = (uint16_t)((acc[j] + 32768u) >> 16);
    }
}

void vmafx_vif_hori_stats_c(const VifStatRow *v, const uint16_t *filt, unsigned taps,
                            unsigned w, int32_t *restrict s1, int32_t *restrict s2,
                            int32_t *restrict s12)
{
    const unsigned r = taps / 2;
    uint32_t mu1[VMAFX_VIF_STRIP], mu2[VMAFX_VIF_STRIP];
    uint64_t sxx[VMAFX_VIF_STRIP], syy[VMAFX_VIF_STRIP], sxy[VMAFX_VIF_STRIP];

    for (unsigned j0 = 0; j0 < w; j0 += VMAFX_VIF_STRIP) {
        const unsigned n = w - j0 < VMAFX_VIF_STRIP ? w - j0 : VMAFX_VIF_STRIP;
        {
            const uint32_t *v1 = v->mu1 + j0, *v2 = v->mu2 + j0;
            const uint32_t *vxx = v->xx + j0, *vyy = v->yy + j0, *vxy = v->xy + j0;
            const uint32_t f = filt[r];
            for (unsigned j = 0; j < n; j++) {
                mu1[j] = f * v1[j];
                mu2[j] = f * v2[j];
                sxx[j] = (uint64_t)f * vxx[j];
                syy[j] = (uint64_t)f * vyy[j];
                sxy[j] = (uint64_t)f * vxy[j];
            }
        }
        /* mirrored taps k and taps-1-k share one multiplication */
        for (unsigned k = 0; k < r; k++) {
            const ptrdiff_t a = (ptrdiff_t)j0 + (ptrdiff_t)k - (ptrdiff_t)r;
            const ptrdiff_t b = (ptrdiff_t)j0 + (ptrdiff_t)r - (ptrdiff_t)k;
            const uint32_t *v1a = v->mu1 + a, *v1b = v->mu1 + b;
            const uint32_t *v2a = v->mu2 + a, *v2b = v->mu2 + b;
            const uint32_t *vxxa = v->xx + a, *vxxb = v->xx + b;
            const uint32_t *vyya = v->yy + a, *vyyb = v->yy + b;
            const uint32_t *vxya = v->xy + a, *vxyb = v->xy + b;
            const uint32_t f = filt[k];
            for (unsigned j = 0; j < n; j++) {
                /* the means wrap like the SIMD kernels for out-of-contract input */
                mu1[j] += f * (v1a[j] + v1b[j]);
                mu2[j] += f * (v2a[j] + v2b[j]);
                sxx[j] += f * ((uint64_t)vxxa[j] + vxxb[j]);
                syy[j] += f * ((uint64_t)vyya[j] + vyyb[j]);
                sxy[j] += f * ((uint64_t)vxya[j] + vxyb[j]);
            }
        }

        for (unsigned j = 0; j < n; j++) {
            const uint64_t m1 = mu1[j], m2 = mu2[j];
            const uint64_t m11 = (m1 * m1 + 0x80000000u) >> 32;
            const uint64_t m22 = (m2 * m2 + 0x80000000u) >> 32;
            const uint64_t m12 = (m1 * m2 + 0x80000000u) >> 32;
            const uint64_t xx = (sxx[j] + 32768u) >> 16;
            const uint64_t yy = (syy[j] + 32768u) >> 16;
            const uint64_t xy = (sxy[j] + 32768u) >> 16;
            /* |differences| < 2^31 for every valid input (spec 1.5); the
             * 32-bit two's-complement wrap keeps other input defined */
            s1[j0 + j] = (int32_t)(uint32_t)(xx - m11);
            s2[j0 + j] = (int32_t)(uint32_t)(yy - m22);
            s12[j0 + j] = (int32_t)(uint32_t)(xy - m12);
        }
    }
}

/* L(x) of spec 1.3, x >= 2^17: table value of the 16-bit truncated mantissa. */
static inline int64_t vif_log2_fixed(const uint16_t *table, uint64_t x)
{
    const unsigned e = 48u - (unsigned)__builtin_clzll(x);
    return (int64_t)table[(x >> e) - VMAFX_VIF_LOG2_FIRST] + 2048 * (int64_t)e;
}

void vmafx_vif_accumulate_c(const int32_t *s1, const int32_t *s2, const int32_t *s12,
                            unsigned w, double gain_limit, const uint16_t *log2_table,
                            VifSums *sums)
{
    /* 2^16 * 1e-10, an exact product */
    const double eps = 65536.0 * 1.0e-10;
    int64_t num_log = 0, den_log = 0, flat_var = 0, flat_count = 0;

    for (unsigned j = 0; j < w; j++) {
        const int32_t sigma1 = s1[j];
        const int32_t sigma2 = s2[j] > 0 ? s2[j] : 0;
        const int32_t sigma12 = s12[j];

        if (sigma1 < VMAFX_VIF_SNSQ) {
            flat_var += sigma2;
            flat_count++;
            continue;
        }
        den_log += vif_log2_fixed(log2_table, (uint64_t)(VMAFX_VIF_SNSQ + (int64_t)sigma1)) -
                   VMAFX_VIF_LOG_OFFSET;
        if (sigma12 <= 0 || sigma2 <= 0)
            continue;

        double gain = sigma12 / (sigma1 + eps);
        /* t <= sigma2 < 2^31; negative values and (-1, 0) both give 0 */
        const double t = sigma2 - gain * sigma12;
        const int64_t sv = t > 0.0 ? (int64_t)(int32_t)t : 0;
        /* the reference limits the gain only after sv used the unlimited one */
        if (gain > gain_limit)
            gain = gain_limit;
        const int64_t n1 = sv + VMAFX_VIF_SNSQ;
        const int64_t n2 = (int64_t)((gain * gain) * sigma1) + n1;
        num_log += vif_log2_fixed(log2_table, (uint64_t)n2) -
                   vif_log2_fixed(log2_table, (uint64_t)n1);
    }

    sums->num_log += num_log;
    sums->den_log += den_log;
    sums->flat_var += flat_var;
    sums->flat_count += flat_count;
}

void vmafx_vif_dsp_init(VifDsp *dsp, unsigned cpu_flags)
{
    dsp->vert_stats[0] = vmafx_vif_vert_stats_8_c;
    dsp->vert_stats[1] = vmafx_vif_vert_stats_16_c;
    dsp->hori_stats = vmafx_vif_hori_stats_c;
    dsp->vert_filter[0] = vmafx_vif_vert_filter_8_c;
    dsp->vert_filter[1] = vmafx_vif_vert_filter_16_c;
    dsp->hori_decimate = vmafx_vif_hori_decimate_c;
    dsp->accumulate = vmafx_vif_accumulate_c;

#if defined(__x86_64__)
    if (cpu_flags & VMAFX_CPU_AVX2) {
        dsp->vert_stats[0] = vmafx_vif_vert_stats_8_avx2;
        dsp->vert_stats[1] = vmafx_vif_vert_stats_16_avx2;
        dsp->hori_stats = vmafx_vif_hori_stats_avx2;
        dsp->vert_filter[0] = vmafx_vif_vert_filter_8_avx2;
        dsp->vert_filter[1] = vmafx_vif_vert_filter_16_avx2;
        dsp->hori_decimate = vmafx_vif_hori_decimate_avx2;
        dsp->accumulate = vmafx_vif_accumulate_avx2;
    }
    if ((cpu_flags & (VMAFX_CPU_AVX2 | VMAFX_CPU_AVX512)) ==
        (VMAFX_CPU_AVX2 | VMAFX_CPU_AVX512)) {
        dsp->vert_stats[0] = vmafx_vif_vert_stats_8_avx512;
        dsp->vert_stats[1] = vmafx_vif_vert_stats_16_avx512;
        dsp->vert_filter[0] = vmafx_vif_vert_filter_8_avx512;
        dsp->vert_filter[1] = vmafx_vif_vert_filter_16_avx512;
        dsp->hori_decimate = vmafx_vif_hori_decimate_avx512;
        dsp->hori_stats = vmafx_vif_hori_stats_avx512;
        dsp->accumulate = vmafx_vif_accumulate_avx512;
    }
    if ((cpu_flags & (VMAFX_CPU_AVX2 | VMAFX_CPU_AVX512 | VMAFX_CPU_AVX512ICL)) ==
        (VMAFX_CPU_AVX2 | VMAFX_CPU_AVX512 | VMAFX_CPU_AVX512ICL)) {
        dsp->vert_stats[0] = vmafx_vif_vert_stats_8_avx512icl;
        dsp->vert_stats[1] = vmafx_vif_vert_stats_16_avx512icl;
        dsp->vert_filter[0] = vmafx_vif_vert_filter_8_avx512icl;
        dsp->vert_filter[1] = vmafx_vif_vert_filter_16_avx512icl;
        dsp->hori_decimate = vmafx_vif_hori_decimate_avx512icl;
        dsp->hori_stats = vmafx_vif_hori_stats_avx512icl;
    }
#elif defined(__aarch64__)
    if (cpu_flags & VMAFX_CPU_NEON) {
        dsp->vert_stats[0] = vmafx_vif_vert_stats_8_neon;
        dsp->vert_stats[1] = vmafx_vif_vert_stats_16_neon;
        dsp->hori_stats = vmafx_vif_hori_stats_neon;
        dsp->vert_filter[0] = vmafx_vif_vert_filter_8_neon;
        dsp->vert_filter[1] = vmafx_vif_vert_filter_16_neon;
        dsp->hori_decimate = vmafx_vif_hori_decimate_neon;
        dsp->accumulate = vmafx_vif_accumulate_neon;
    }
#else
    (void)cpu_flags;
#endif
}
