/*
 * Integer VIF: NEON kernels (contracts in vif_dsp.h).
 *
 * Every kernel keeps the reference's integer widths and wrap-around (32-bit
 * means and 8-bit squares, 64-bit 16-bit squares), so results are
 * bit-identical; the columns that do not fill a vector are handed to the C
 * kernel with offset pointers.
 */
#include <arm_neon.h>
#include <stddef.h>
#include <stdint.h>

#include "feature/vif_dsp.h"

/* The double expressions of the accumulation must not be fused into FMAs
 * (the build passes -ffp-contract=off as well). */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

/* Row pointers of `rows` advanced by j columns of `size`-byte samples. */
static void offset_rows(const void *const *rows, unsigned taps, unsigned j, size_t size,
                        const void **out)
{
    for (unsigned k = 0; k < taps; k++)
        out[k] = (const uint8_t *)rows[k] + (size_t)j * size;
}

static void offset_stat_row(const VifStatRow *v, unsigned j, VifStatRow *out)
{
    out->mu1 = v->mu1 + j;
    out->mu2 = v->mu2 + j;
    out->xx = v->xx + j;
    out->yy = v->yy + j;
    out->xy = v->xy + j;
}

/* (acc + rnd) >> shift with the 32-bit wrap of the reference */
static inline uint32x4_t round_shift_u32(uint32x4_t acc, uint32x4_t rnd, int32x4_t nshift)
{
    return vshlq_u32(vaddq_u32(acc, rnd), nshift);
}

static inline uint64x2_t round_shift_u64(uint64x2_t acc, uint64x2_t rnd, int64x2_t nshift)
{
    return vshlq_u64(vaddq_u64(acc, rnd), nshift);
}

void vmafx_vif_vert_filter_8_neon(const void *const *rows, const uint16_t *filt, unsigned taps,
                                  unsigned w, unsigned shift, uint16_t *out)
{
    const unsigned r = taps / 2;
    const uint32x4_t rnd = vdupq_n_u32(1u << (shift - 1));
    const int32x4_t nshift = vdupq_n_s32(-(int32_t)shift);
    unsigned j = 0;

    for (; j + 8 <= w; j += 8) {
        const uint16x8_t mid = vmovl_u8(vld1_u8((const uint8_t *)rows[r] + j));
        uint32x4_t lo = vmull_n_u16(vget_low_u16(mid), filt[r]);
        uint32x4_t hi = vmull_high_n_u16(mid, filt[r]);
        for (unsigned k = 0; k < r; k++) {
            const uint16x8_t s = vaddl_u8(vld1_u8((const uint8_t *)rows[k] + j),
                                          vld1_u8((const uint8_t *)rows[taps - 1 - k] + j));
            lo = vmlal_n_u16(lo, vget_low_u16(s), filt[k]);
            hi = vmlal_high_n_u16(hi, s, filt[k]);
        }
        vst1q_u16(out + j, vcombine_u16(vmovn_u32(round_shift_u32(lo, rnd, nshift)),
                                        vmovn_u32(round_shift_u32(hi, rnd, nshift))));
    }
    if (j < w) {
        const void *tail[VMAFX_VIF_MAX_TAPS];
        offset_rows(rows, taps, j, 1, tail);
        vmafx_vif_vert_filter_8_c(tail, filt, taps, w - j, shift, out + j);
    }
}

void vmafx_vif_vert_filter_16_neon(const void *const *rows, const uint16_t *filt,
                                   unsigned taps, unsigned w, unsigned shift, uint16_t *out)
{
    const unsigned r = taps / 2;
    const uint32x4_t rnd = vdupq_n_u32(1u << (shift - 1));
    const int32x4_t nshift = vdupq_n_s32(-(int32_t)shift);
    unsigned j = 0;

    for (; j + 8 <= w; j += 8) {
        const uint16x8_t mid = vld1q_u16((const uint16_t *)rows[r] + j);
        uint32x4_t lo = vmull_n_u16(vget_low_u16(mid), filt[r]);
        uint32x4_t hi = vmull_high_n_u16(mid, filt[r]);
        for (unsigned k = 0; k < r; k++) {
            const uint16x8_t a = vld1q_u16((const uint16_t *)rows[k] + j);
            const uint16x8_t b = vld1q_u16((const uint16_t *)rows[taps - 1 - k] + j);
            /* a + b needs 17 bits: widen before multiplying (mod 2^32 like C) */
            lo = vmlaq_n_u32(lo, vaddl_u16(vget_low_u16(a), vget_low_u16(b)), filt[k]);
            hi = vmlaq_n_u32(hi, vaddl_high_u16(a, b), filt[k]);
        }
        vst1q_u16(out + j, vcombine_u16(vmovn_u32(round_shift_u32(lo, rnd, nshift)),
                                        vmovn_u32(round_shift_u32(hi, rnd, nshift))));
    }
    if (j < w) {
        const void *tail[VMAFX_VIF_MAX_TAPS];
        offset_rows(rows, taps, j, 2, tail);
        vmafx_vif_vert_filter_16_c(tail, filt, taps, w - j, shift, out + j);
    }
}

void vmafx_vif_hori_decimate_neon(const uint16_t *row, const uint16_t *filt, unsigned taps,
                                  uint16_t *out, unsigned out_w)
{
    const unsigned r = taps / 2;
    const uint32x4_t rnd = vdupq_n_u32(32768);
    unsigned j = 0;

    /* vld2 splits 16 samples into even/odd: the even ones are the taps of 8 outputs;
     * the last load ends at row[2 * out_w - 1 + r], inside the padded row */
    for (; j + 8 <= out_w; j += 8) {
        const uint16_t *src = row + 2 * (ptrdiff_t)j - r;
        const uint16x8_t mid = vld2q_u16(src + r).val[0];
        uint32x4_t lo = vmull_n_u16(vget_low_u16(mid), filt[r]);
        uint32x4_t hi = vmull_high_n_u16(mid, filt[r]);
        for (unsigned k = 0; k < r; k++) {
            const uint16x8_t a = vld2q_u16(src + k).val[0];
            const uint16x8_t b = vld2q_u16(src + taps - 1 - k).val[0];
            lo = vmlaq_n_u32(lo, vaddl_u16(vget_low_u16(a), vget_low_u16(b)), filt[k]);
            hi = vmlaq_n_u32(hi, vaddl_high_u16(a, b), filt[k]);
        }
        vst1q_u16(out + j, vcombine_u16(vshrn_n_u32(vaddq_u32(lo, rnd), 16),
                                        vshrn_n_u32(vaddq_u32(hi, rnd), 16)));
    }
    if (j < out_w)
        vmafx_vif_hori_decimate_c(row + 2 * (ptrdiff_t)j, filt, taps, out + j, out_w - j);
}

void vmafx_vif_vert_stats_8_neon(const void *const *ref_rows, const void *const *dis_rows,
                                 const uint16_t *filt, unsigned taps, unsigned w,
                                 unsigned mean_shift, unsigned sq_shift, const VifStatRow *out)
{
    const unsigned r = taps / 2;
    const uint32x4_t mrnd = vdupq_n_u32(1u << (mean_shift - 1));
    const uint32x4_t srnd = vdupq_n_u32(sq_shift ? 1u << (sq_shift - 1) : 0);
    const int32x4_t nmean = vdupq_n_s32(-(int32_t)mean_shift);
    const int32x4_t nsq = vdupq_n_s32(-(int32_t)sq_shift);
    unsigned j = 0;

    for (; j + 8 <= w; j += 8) {
        /* [0] low, [1] high four columns; 8-bit squares fit 16 bits and the
         * sums 32 bits, exactly as in the reference */
        uint32x4_t m1[2], m2[2], xx[2], yy[2], xy[2];
        {
            const uint8x8_t x = vld1_u8((const uint8_t *)ref_rows[r] + j);
            const uint8x8_t y = vld1_u8((const uint8_t *)dis_rows[r] + j);
            const uint16x8_t x16 = vmovl_u8(x), y16 = vmovl_u8(y);
            const uint16x8_t sxx = vmull_u8(x, x), syy = vmull_u8(y, y), sxy = vmull_u8(x, y);
            const uint16_t f = filt[r];
            m1[0] = vmull_n_u16(vget_low_u16(x16), f);
            m1[1] = vmull_high_n_u16(x16, f);
            m2[0] = vmull_n_u16(vget_low_u16(y16), f);
            m2[1] = vmull_high_n_u16(y16, f);
            xx[0] = vmull_n_u16(vget_low_u16(sxx), f);
            xx[1] = vmull_high_n_u16(sxx, f);
            yy[0] = vmull_n_u16(vget_low_u16(syy), f);
            yy[1] = vmull_high_n_u16(syy, f);
            xy[0] = vmull_n_u16(vget_low_u16(sxy), f);
            xy[1] = vmull_high_n_u16(sxy, f);
        }
        for (unsigned k = 0; k < r; k++) {
            const uint8x8_t p = vld1_u8((const uint8_t *)ref_rows[k] + j);
            const uint8x8_t q = vld1_u8((const uint8_t *)ref_rows[taps - 1 - k] + j);
            const uint8x8_t u = vld1_u8((const uint8_t *)dis_rows[k] + j);
            const uint8x8_t v = vld1_u8((const uint8_t *)dis_rows[taps - 1 - k] + j);
            const uint16x8_t spq = vaddl_u8(p, q), suv = vaddl_u8(u, v);
            const uint16x8_t pp = vmull_u8(p, p), qq = vmull_u8(q, q);
            const uint16x8_t uu = vmull_u8(u, u), vv = vmull_u8(v, v);
            const uint16x8_t pu = vmull_u8(p, u), qv = vmull_u8(q, v);
            const uint16_t f = filt[k];
            m1[0] = vmlal_n_u16(m1[0], vget_low_u16(spq), f);
            m1[1] = vmlal_high_n_u16(m1[1], spq, f);
            m2[0] = vmlal_n_u16(m2[0], vget_low_u16(suv), f);
            m2[1] = vmlal_high_n_u16(m2[1], suv, f);
            xx[0] = vmlal_n_u16(vmlal_n_u16(xx[0], vget_low_u16(pp), f), vget_low_u16(qq), f);
            xx[1] = vmlal_high_n_u16(vmlal_high_n_u16(xx[1], pp, f), qq, f);
            yy[0] = vmlal_n_u16(vmlal_n_u16(yy[0], vget_low_u16(uu), f), vget_low_u16(vv), f);
            yy[1] = vmlal_high_n_u16(vmlal_high_n_u16(yy[1], uu, f), vv, f);
            xy[0] = vmlal_n_u16(vmlal_n_u16(xy[0], vget_low_u16(pu), f), vget_low_u16(qv), f);
            xy[1] = vmlal_high_n_u16(vmlal_high_n_u16(xy[1], pu, f), qv, f);
        }
        for (int h = 0; h < 2; h++) {
            const unsigned o = j + 4 * (unsigned)h;
            vst1q_u32(out->mu1 + o, round_shift_u32(m1[h], mrnd, nmean));
            vst1q_u32(out->mu2 + o, round_shift_u32(m2[h], mrnd, nmean));
            vst1q_u32(out->xx + o, round_shift_u32(xx[h], srnd, nsq));
            vst1q_u32(out->yy + o, round_shift_u32(yy[h], srnd, nsq));
            vst1q_u32(out->xy + o, round_shift_u32(xy[h], srnd, nsq));
        }
    }
    if (j < w) {
        const void *tr[VMAFX_VIF_MAX_TAPS], *td[VMAFX_VIF_MAX_TAPS];
        VifStatRow o;
        offset_rows(ref_rows, taps, j, 1, tr);
        offset_rows(dis_rows, taps, j, 1, td);
        offset_stat_row(out, j, &o);
        vmafx_vif_vert_stats_8_c(tr, td, filt, taps, w - j, mean_shift, sq_shift, &o);
    }
}

/* acc[0..1] += f * s for the four uint32 lanes of s, in 64 bits */
static inline void mla_u64(uint64x2_t acc[2], uint32x4_t s, uint32_t f)
{
    acc[0] = vmlal_n_u32(acc[0], vget_low_u32(s), f);
    acc[1] = vmlal_high_n_u32(acc[1], s, f);
}

static inline void mul_u64(uint64x2_t acc[2], uint32x4_t s, uint32_t f)
{
    acc[0] = vmull_n_u32(vget_low_u32(s), f);
    acc[1] = vmull_high_n_u32(s, f);
}

static inline uint32x4_t narrow_round_u64(const uint64x2_t acc[2], uint64x2_t rnd,
                                          int64x2_t nshift)
{
    return vcombine_u32(vmovn_u64(round_shift_u64(acc[0], rnd, nshift)),
                        vmovn_u64(round_shift_u64(acc[1], rnd, nshift)));
}

void vmafx_vif_vert_stats_16_neon(const void *const *ref_rows, const void *const *dis_rows,
                                  const uint16_t *filt, unsigned taps, unsigned w,
                                  unsigned mean_shift, unsigned sq_shift, const VifStatRow *out)
{
    const unsigned r = taps / 2;
    const uint32x4_t mrnd = vdupq_n_u32(1u << (mean_shift - 1));
    const uint64x2_t srnd = vdupq_n_u64(sq_shift ? (uint64_t)1 << (sq_shift - 1) : 0);
    const int32x4_t nmean = vdupq_n_s32(-(int32_t)mean_shift);
    const int64x2_t nsq = vdupq_n_s64(-(int64_t)sq_shift);
    unsigned j = 0;

    for (; j + 4 <= w; j += 4) {
        /* 16-bit squares fit 32 bits; their filtered sums need 64 */
        uint32x4_t m1, m2;
        uint64x2_t xx[2], yy[2], xy[2];
        {
            const uint16x4_t x = vld1_u16((const uint16_t *)ref_rows[r] + j);
            const uint16x4_t y = vld1_u16((const uint16_t *)dis_rows[r] + j);
            const uint32_t f = filt[r];
            m1 = vmull_n_u16(x, (uint16_t)f);
            m2 = vmull_n_u16(y, (uint16_t)f);
            mul_u64(xx, vmull_u16(x, x), f);
            mul_u64(yy, vmull_u16(y, y), f);
            mul_u64(xy, vmull_u16(x, y), f);
        }
        for (unsigned k = 0; k < r; k++) {
            const uint16x4_t p = vld1_u16((const uint16_t *)ref_rows[k] + j);
            const uint16x4_t q = vld1_u16((const uint16_t *)ref_rows[taps - 1 - k] + j);
            const uint16x4_t u = vld1_u16((const uint16_t *)dis_rows[k] + j);
            const uint16x4_t v = vld1_u16((const uint16_t *)dis_rows[taps - 1 - k] + j);
            const uint32_t f = filt[k];
            m1 = vmlaq_n_u32(m1, vaddl_u16(p, q), f);
            m2 = vmlaq_n_u32(m2, vaddl_u16(u, v), f);
            mla_u64(xx, vmull_u16(p, p), f);
            mla_u64(xx, vmull_u16(q, q), f);
            mla_u64(yy, vmull_u16(u, u), f);
            mla_u64(yy, vmull_u16(v, v), f);
            mla_u64(xy, vmull_u16(p, u), f);
            mla_u64(xy, vmull_u16(q, v), f);
        }
        vst1q_u32(out->mu1 + j, round_shift_u32(m1, mrnd, nmean));
        vst1q_u32(out->mu2 + j, round_shift_u32(m2, mrnd, nmean));
        vst1q_u32(out->xx + j, narrow_round_u64(xx, srnd, nsq));
        vst1q_u32(out->yy + j, narrow_round_u64(yy, srnd, nsq));
        vst1q_u32(out->xy + j, narrow_round_u64(xy, srnd, nsq));
    }
    if (j < w) {
        const void *tr[VMAFX_VIF_MAX_TAPS], *td[VMAFX_VIF_MAX_TAPS];
        VifStatRow o;
        offset_rows(ref_rows, taps, j, 2, tr);
        offset_rows(dis_rows, taps, j, 2, td);
        offset_stat_row(out, j, &o);
        vmafx_vif_vert_stats_16_c(tr, td, filt, taps, w - j, mean_shift, sq_shift, &o);
    }
}

/* (m * m' + 2^31) >> 32 of the 32-bit means, four lanes in two halves */
static inline void mean_product(uint32x4_t a, uint32x4_t b, uint64x2_t out[2])
{
    const uint64x2_t half = vdupq_n_u64(0x80000000u);
    out[0] = vshrq_n_u64(vaddq_u64(vmull_u32(vget_low_u32(a), vget_low_u32(b)), half), 32);
    out[1] = vshrq_n_u64(vaddq_u64(vmull_high_u32(a, b), half), 32);
}

/* int32(((s + 2^15) >> 16) - m) of four lanes */
static inline int32x4_t variance(const uint64x2_t s[2], const uint64x2_t m[2])
{
    const uint64x2_t half = vdupq_n_u64(32768);
    const uint64x2_t lo = vsubq_u64(vshrq_n_u64(vaddq_u64(s[0], half), 16), m[0]);
    const uint64x2_t hi = vsubq_u64(vshrq_n_u64(vaddq_u64(s[1], half), 16), m[1]);
    return vreinterpretq_s32_u32(vcombine_u32(vmovn_u64(lo), vmovn_u64(hi)));
}

void vmafx_vif_hori_stats_neon(const VifStatRow *v, const uint16_t *filt, unsigned taps,
                               unsigned w, int32_t *s1, int32_t *s2, int32_t *s12)
{
    const unsigned r = taps / 2;
    unsigned j = 0;

    for (; j + 4 <= w; j += 4) {
        uint32x4_t m1, m2;
        uint64x2_t sxx[2], syy[2], sxy[2];
        {
            const uint32_t f = filt[r];
            m1 = vmulq_n_u32(vld1q_u32(v->mu1 + j), f);
            m2 = vmulq_n_u32(vld1q_u32(v->mu2 + j), f);
            mul_u64(sxx, vld1q_u32(v->xx + j), f);
            mul_u64(syy, vld1q_u32(v->yy + j), f);
            mul_u64(sxy, vld1q_u32(v->xy + j), f);
        }
        for (unsigned k = 0; k < r; k++) {
            const ptrdiff_t a = (ptrdiff_t)j + (ptrdiff_t)k - (ptrdiff_t)r;
            const ptrdiff_t b = (ptrdiff_t)j + (ptrdiff_t)r - (ptrdiff_t)k;
            const uint32_t f = filt[k];
            /* means wrap at 32 bits like the reference */
            m1 = vmlaq_n_u32(m1, vaddq_u32(vld1q_u32(v->mu1 + a), vld1q_u32(v->mu1 + b)), f);
            m2 = vmlaq_n_u32(m2, vaddq_u32(vld1q_u32(v->mu2 + a), vld1q_u32(v->mu2 + b)), f);
            /* f * (a + b) in 64 bits equals f * a + f * b */
            mla_u64(sxx, vld1q_u32(v->xx + a), f);
            mla_u64(sxx, vld1q_u32(v->xx + b), f);
            mla_u64(syy, vld1q_u32(v->yy + a), f);
            mla_u64(syy, vld1q_u32(v->yy + b), f);
            mla_u64(sxy, vld1q_u32(v->xy + a), f);
            mla_u64(sxy, vld1q_u32(v->xy + b), f);
        }
        uint64x2_t m11[2], m22[2], m12[2];
        mean_product(m1, m1, m11);
        mean_product(m2, m2, m22);
        mean_product(m1, m2, m12);
        vst1q_s32(s1 + j, variance(sxx, m11));
        vst1q_s32(s2 + j, variance(syy, m22));
        vst1q_s32(s12 + j, variance(sxy, m12));
    }
    if (j < w) {
        VifStatRow o;
        offset_stat_row(v, j, &o);
        vmafx_vif_hori_stats_c(&o, filt, taps, w - j, s1 + j, s2 + j, s12 + j);
    }
}

/*
 * L(x) of spec 1.3 for four doubles holding integers 2^17 <= x < 2^53, given
 * the high 32 bits of each: the top 15 stored mantissa bits are the table
 * index (x >> e) - 2^15 and the biased exponent is e + 1023 + 15. Other lanes
 * read some in-range entry; their results are masked off by the caller.
 */
static inline int32x4_t vif_log2_hi(uint32x4_t hi, const uint16_t *table)
{
    const uint32x4_t idx = vandq_u32(vshrq_n_u32(hi, 5), vdupq_n_u32(0x7fff));
    /* no gather: four lane loads from the 64 KiB table */
    uint16x4_t t = vld1_dup_u16(table + vgetq_lane_u32(idx, 0));
    t = vld1_lane_u16(table + vgetq_lane_u32(idx, 1), t, 1);
    t = vld1_lane_u16(table + vgetq_lane_u32(idx, 2), t, 2);
    t = vld1_lane_u16(table + vgetq_lane_u32(idx, 3), t, 3);
    const uint32x4_t e = vshlq_n_u32(vsubq_u32(vshrq_n_u32(hi, 20), vdupq_n_u32(1038)), 11);
    return vreinterpretq_s32_u32(vaddq_u32(vmovl_u16(t), e));
}

/* high 32-bit halves of two double pairs, in lane order */
static inline uint32x4_t f64_high_words(float64x2_t lo, float64x2_t hi)
{
    return vuzp2q_u32(vreinterpretq_u32_f64(lo), vreinterpretq_u32_f64(hi));
}

/* t > 0 ? trunc(t) : 0 */
static inline float64x2_t positive_trunc(float64x2_t t)
{
    return vbslq_f64(vcgtzq_f64(t), vrndq_f64(t), vdupq_n_f64(0.0));
}

/*
 * num_log term of two pixels, in the reference's operation order (no FMA:
 * the file is built with -ffp-contract=off). The log2 arguments are integers
 * below 2^46 held exactly in doubles: n1 = sv + 2^17, n2 = trunc(g^2 s1) + n1.
 */
static inline void vif_num_args(float64x2_t d1, float64x2_t d2, float64x2_t d12,
                                float64x2_t eps, float64x2_t limit, float64x2_t *n1,
                                float64x2_t *n2)
{
    const float64x2_t snsq = vdupq_n_f64((double)VMAFX_VIF_SNSQ);
    float64x2_t gain = vdivq_f64(d12, vaddq_f64(d1, eps));
    const float64x2_t t = vsubq_f64(d2, vmulq_f64(gain, d12));
    /* compare and select, as the reference (whatever the limit) */
    gain = vbslq_f64(vcgtq_f64(gain, limit), limit, gain);
    *n1 = vaddq_f64(positive_trunc(t), snsq);
    *n2 = vaddq_f64(vrndq_f64(vmulq_f64(vmulq_f64(gain, gain), d1)), *n1);
}

void vmafx_vif_accumulate_neon(const int32_t *s1, const int32_t *s2, const int32_t *s12,
                               unsigned w, double gain_limit, const uint16_t *log2_table,
                               VifSums *sums)
{
    const float64x2_t eps = vdupq_n_f64(65536.0 * 1.0e-10);
    const float64x2_t limit = vdupq_n_f64(gain_limit);
    const float64x2_t snsq = vdupq_n_f64((double)VMAFX_VIF_SNSQ);
    const int32x4_t snsq_i = vdupq_n_s32(VMAFX_VIF_SNSQ);
    const int32x4_t log_off = vdupq_n_s32(VMAFX_VIF_LOG_OFFSET);
    /* 64-bit lane sums: pairwise add-accumulate needs no chunking */
    int64x2_t num = vdupq_n_s64(0), den = vdupq_n_s64(0), fvar = vdupq_n_s64(0);
    uint32x4_t cnt = vdupq_n_u32(0);
    unsigned j = 0;

    for (; j + 4 <= w; j += 4) {
        const int32x4_t a = vld1q_s32(s1 + j);
        const int32x4_t b = vmaxq_s32(vld1q_s32(s2 + j), vdupq_n_s32(0));
        const int32x4_t c = vld1q_s32(s12 + j);
        const uint32x4_t flat = vcltq_s32(a, snsq_i);
        fvar = vpadalq_s32(fvar, vreinterpretq_s32_u32(vandq_u32(flat, vreinterpretq_u32_s32(b))));
        cnt = vsubq_u32(cnt, flat);

        /* sigma1 + 2^17 < 2^32 is exact in double */
        const float64x2_t d1l = vcvtq_f64_s64(vmovl_s32(vget_low_s32(a)));
        const float64x2_t d1h = vcvtq_f64_s64(vmovl_high_s32(a));
        const int32x4_t lden = vif_log2_hi(
            f64_high_words(vaddq_f64(d1l, snsq), vaddq_f64(d1h, snsq)), log2_table);
        den = vpadalq_s32(den, vbicq_s32(vsubq_s32(lden, log_off), vreinterpretq_s32_u32(flat)));

        const uint32x4_t use =
            vbicq_u32(vandq_u32(vcgtzq_s32(c), vcgtzq_s32(b)), flat);
        if (!vmaxvq_u32(use))
            continue;
        float64x2_t n1l, n2l, n1h, n2h;
        vif_num_args(d1l, vcvtq_f64_s64(vmovl_s32(vget_low_s32(b))),
                     vcvtq_f64_s64(vmovl_s32(vget_low_s32(c))), eps, limit, &n1l, &n2l);
        vif_num_args(d1h, vcvtq_f64_s64(vmovl_high_s32(b)),
                     vcvtq_f64_s64(vmovl_high_s32(c)), eps, limit, &n1h, &n2h);
        const int32x4_t term = vsubq_s32(vif_log2_hi(f64_high_words(n2l, n2h), log2_table),
                                         vif_log2_hi(f64_high_words(n1l, n1h), log2_table));
        num = vpadalq_s32(num, vandq_s32(term, vreinterpretq_s32_u32(use)));
    }
    sums->num_log += vaddvq_s64(num);
    sums->den_log += vaddvq_s64(den);
    sums->flat_var += vaddvq_s64(fvar);
    sums->flat_count += (int64_t)vaddlvq_u32(cnt);
    if (j < w)
        vmafx_vif_accumulate_c(s1 + j, s2 + j, s12 + j, w - j, gain_limit, log2_table, sums);
}
