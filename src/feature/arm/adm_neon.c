/*
 * Integer ADM: NEON kernels of the scale-0 transform, masker and pooling
 * (contracts in adm_dsp.h). Every lane keeps the width and wrap-around of
 * the reference expression, and the decoupling's floating-point steps its
 * order and types, so results are bit-identical.
 * Columns that do not fill a vector go to the C kernel.
 */
#include <arm_neon.h>
#include <stddef.h>
#include <stdint.h>

#include "feature/adm_dsp.h"
#include "feature/integer_adm_decouple.h"

/* The decoupling's double expressions must not be fused into FMAs (the build
 * passes -ffp-contract=off as well). */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

/*
 * Vertical scale-0 taps of eight columns as unsigned 16x16 -> 32 multiply-
 * accumulates: a negative tap subtracts |c| * p, which modulo 2^32 is the
 * reference's unsigned sum exactly, for any 16-bit sample. The rounding and
 * centring offset starts the accumulator.
 */
static inline void dwt0_vtaps(uint16x8_t p0, uint16x8_t p1, uint16x8_t p2, uint16x8_t p3,
                              uint32x4_t off_l, uint32x4_t off_g, uint32x4_t acc[4])
{
    uint32x4_t ll = vmlal_n_u16(off_l, vget_low_u16(p0), ADM_DWT_L0);
    uint32x4_t lh = vmlal_high_n_u16(off_l, p0, ADM_DWT_L0);
    uint32x4_t gl = vmlsl_n_u16(off_g, vget_low_u16(p0), -ADM_DWT_G0);
    uint32x4_t gh = vmlsl_high_n_u16(off_g, p0, -ADM_DWT_G0);
    ll = vmlal_n_u16(ll, vget_low_u16(p1), ADM_DWT_L1);
    lh = vmlal_high_n_u16(lh, p1, ADM_DWT_L1);
    gl = vmlsl_n_u16(gl, vget_low_u16(p1), -ADM_DWT_G1);
    gh = vmlsl_high_n_u16(gh, p1, -ADM_DWT_G1);
    ll = vmlal_n_u16(ll, vget_low_u16(p2), ADM_DWT_L2);
    lh = vmlal_high_n_u16(lh, p2, ADM_DWT_L2);
    gl = vmlal_n_u16(gl, vget_low_u16(p2), ADM_DWT_G2);
    gh = vmlal_high_n_u16(gh, p2, ADM_DWT_G2);
    ll = vmlsl_n_u16(ll, vget_low_u16(p3), -ADM_DWT_L3);
    lh = vmlsl_high_n_u16(lh, p3, -ADM_DWT_L3);
    gl = vmlsl_n_u16(gl, vget_low_u16(p3), -ADM_DWT_G3);
    gh = vmlsl_high_n_u16(gh, p3, -ADM_DWT_G3);
    acc[0] = ll;
    acc[1] = lh;
    acc[2] = gl;
    acc[3] = gh;
}

/* the centred, rounded offsets of the low and high band (see the C template) */
static inline void dwt0_offsets(int shift, uint32x4_t *off_l, uint32x4_t *off_g)
{
    const uint32_t half = 1u << (shift - 1);
    *off_l = vdupq_n_u32(half - 46342u * half);
    *off_g = vdupq_n_u32(half);
}

/* int16(int32(acc) >> sh) of eight columns; SH an immediate (shrn fuses both) */
#define DWT0_NARROW_IMM(lo, hi, SH)                                                     \
    vcombine_s16(vshrn_n_s32(vreinterpretq_s32_u32(lo), SH),                           \
                 vshrn_n_s32(vreinterpretq_s32_u32(hi), SH))

static inline int16x8_t dwt0_narrow(uint32x4_t lo, uint32x4_t hi, int32x4_t nshift)
{
    return vcombine_s16(vmovn_s32(vshlq_s32(vreinterpretq_s32_u32(lo), nshift)),
                        vmovn_s32(vshlq_s32(vreinterpretq_s32_u32(hi), nshift)));
}

/*
 * One row of eight-column blocks from columns x0 on; returns the first column
 * left. LOAD(r, x) yields the uint16x8_t samples, SH the shift (an immediate
 * in the specialised loops, so the narrowing shift is one instruction).
 */
#define DWT0_VERT_LOOP(LOAD, NARROW)                                                   \
    for (; x + 8 <= w; x += 8) {                                                       \
        uint32x4_t acc[4];                                                             \
        dwt0_vtaps(LOAD(r0, x), LOAD(r1, x), LOAD(r2, x), LOAD(r3, x), off_l, off_g,   \
                   acc);                                                               \
        vst1q_s16(l + 1 + x, NARROW(acc[0], acc[1]));                                  \
        vst1q_s16(g + 1 + x, NARROW(acc[2], acc[3]));                                  \
    }

#define LOAD_U8(r, x) vmovl_u8(vld1_u8((r) + (x)))
#define LOAD_U16(r, x) vld1q_u16((r) + (x))
#define NARROW_8(lo, hi) DWT0_NARROW_IMM(lo, hi, 8)
#define NARROW_10(lo, hi) DWT0_NARROW_IMM(lo, hi, 10)
#define NARROW_12(lo, hi) DWT0_NARROW_IMM(lo, hi, 12)
#define NARROW_ANY(lo, hi) dwt0_narrow(lo, hi, nshift)

void vmafx_adm_dwt0_vert_u8_neon(const void *v0, const void *v1, const void *v2,
                                 const void *v3, int w, int shift, int16_t *l, int16_t *g)
{
    const uint8_t *r0 = v0, *r1 = v1, *r2 = v2, *r3 = v3;
    const int32x4_t nshift = vdupq_n_s32(-shift);
    uint32x4_t off_l, off_g;
    dwt0_offsets(shift, &off_l, &off_g);
    int x = 0;

    if (shift == 8)
        DWT0_VERT_LOOP(LOAD_U8, NARROW_8)
    else
        DWT0_VERT_LOOP(LOAD_U8, NARROW_ANY)
    if (x < w)
        vmafx_adm_dwt0_vert_u8_c(r0 + x, r1 + x, r2 + x, r3 + x, w - x, shift, l + x, g + x);
}

void vmafx_adm_dwt0_vert_u16n_neon(const void *v0, const void *v1, const void *v2,
                                   const void *v3, int w, int shift, int16_t *l, int16_t *g)
{
    const uint16_t *r0 = v0, *r1 = v1, *r2 = v2, *r3 = v3;
    const int32x4_t nshift = vdupq_n_s32(-shift);
    uint32x4_t off_l, off_g;
    dwt0_offsets(shift, &off_l, &off_g);
    int x = 0;

    /* the common depths get the fused narrowing shift */
    if (shift == 10)
        DWT0_VERT_LOOP(LOAD_U16, NARROW_10)
    else if (shift == 12)
        DWT0_VERT_LOOP(LOAD_U16, NARROW_12)
    else
        DWT0_VERT_LOOP(LOAD_U16, NARROW_ANY)
    if (x < w)
        vmafx_adm_dwt0_vert_u16n_c(r0 + x, r1 + x, r2 + x, r3 + x, w - x, shift, l + x, g + x);
}

/* 13..16 bits: the reference sums in 64 bits, but int16(s >> shift) only
 * needs bits shift .. shift + 15 <= 31, which the 32-bit modular sum holds */
void vmafx_adm_dwt0_vert_u16w_neon(const void *v0, const void *v1, const void *v2,
                                   const void *v3, int w, int shift, int16_t *l, int16_t *g)
{
    if (shift > 16) { /* outside the contract: keep the reference's result */
        vmafx_adm_dwt0_vert_u16w_c(v0, v1, v2, v3, w, shift, l, g);
        return;
    }
    const uint16_t *r0 = v0, *r1 = v1, *r2 = v2, *r3 = v3;
    const int32x4_t nshift = vdupq_n_s32(-shift);
    uint32x4_t off_l, off_g;
    dwt0_offsets(shift, &off_l, &off_g);
    int x = 0;

    DWT0_VERT_LOOP(LOAD_U16, NARROW_ANY)
    if (x < w)
        vmafx_adm_dwt0_vert_u16w_c(r0 + x, r1 + x, r2 + x, r3 + x, w - x, shift, l + x, g + x);
}

#undef DWT0_VERT_LOOP
#undef DWT0_NARROW_IMM
#undef LOAD_U8
#undef LOAD_U16
#undef NARROW_8
#undef NARROW_10
#undef NARROW_12
#undef NARROW_ANY

/* c0 p0 + c1 p1 + c2 p2 + c3 p3 of eight outputs in int32 lanes (below 2^31
 * in magnitude for any int16 input, so the rounding shifts below are exact) */
static inline void dwt0_htaps(int16x8_t p0, int16x8_t p1, int16x8_t p2, int16x8_t p3,
                              int16_t c0, int16_t c1, int16_t c2, int16_t c3, int32x4_t *lo,
                              int32x4_t *hi)
{
    int32x4_t a = vmull_n_s16(vget_low_s16(p0), c0);
    int32x4_t b = vmull_high_n_s16(p0, c0);
    a = vmlal_n_s16(a, vget_low_s16(p1), c1);
    b = vmlal_high_n_s16(b, p1, c1);
    a = vmlal_n_s16(a, vget_low_s16(p2), c2);
    b = vmlal_high_n_s16(b, p2, c2);
    a = vmlal_n_s16(a, vget_low_s16(p3), c3);
    b = vmlal_high_n_s16(b, p3, c3);
    *lo = a;
    *hi = b;
}

/* int16((s + 2^15) >> 16) of eight sums */
static inline int16x8_t round16_narrow(int32x4_t lo, int32x4_t hi)
{
    return vcombine_s16(vrshrn_n_s32(lo, 16), vrshrn_n_s32(hi, 16));
}

void vmafx_adm_dwt0_horiz_neon(const int16_t *l, const int16_t *g, int bw, int32_t *oa,
                               int16_t *oh, int16_t *ov, int16_t *od)
{
    int j = 0;

    /* vld2 at 2j and 2j + 2 gives p[0], p[1] and p[2], p[3] of eight outputs;
     * the last load ends at index 2 * bw + 1 <= w + 2 */
    for (; j + 8 <= bw; j += 8) {
        const int16x8x2_t la = vld2q_s16(l + 2 * j), lb = vld2q_s16(l + 2 * j + 2);
        int32x4_t lo, hi;
        dwt0_htaps(la.val[0], la.val[1], lb.val[0], lb.val[1], ADM_DWT_L0, ADM_DWT_L1,
                   ADM_DWT_L2, ADM_DWT_L3, &lo, &hi);
        vst1q_s32(oa + j, vrshrq_n_s32(lo, 16));
        vst1q_s32(oa + j + 4, vrshrq_n_s32(hi, 16));
        if (!oh)
            continue;
        const int16x8x2_t ga = vld2q_s16(g + 2 * j), gb = vld2q_s16(g + 2 * j + 2);
        dwt0_htaps(la.val[0], la.val[1], lb.val[0], lb.val[1], ADM_DWT_G0, ADM_DWT_G1,
                   ADM_DWT_G2, ADM_DWT_G3, &lo, &hi);
        vst1q_s16(ov + j, round16_narrow(lo, hi));
        dwt0_htaps(ga.val[0], ga.val[1], gb.val[0], gb.val[1], ADM_DWT_L0, ADM_DWT_L1,
                   ADM_DWT_L2, ADM_DWT_L3, &lo, &hi);
        vst1q_s16(oh + j, round16_narrow(lo, hi));
        dwt0_htaps(ga.val[0], ga.val[1], gb.val[0], gb.val[1], ADM_DWT_G0, ADM_DWT_G1,
                   ADM_DWT_G2, ADM_DWT_G3, &lo, &hi);
        vst1q_s16(od + j, round16_narrow(lo, hi));
    }
    if (j < bw)
        vmafx_adm_dwt0_horiz_c(l + 2 * j, g + 2 * j, bw - j, oa + j, oh ? oh + j : NULL,
                               oh ? ov + j : NULL, oh ? od + j : NULL);
}

/* int16(c_b) of eight columns of band b: (rho * z + round) >> shift */
static inline int16x8_t cm0_csf(const int16_t *z, int32_t rho, int32_t round, int d_band)
{
    const int16x8_t zz = vld1q_s16(z);
    const int32x4_t r = vdupq_n_s32(round);
    const int32x4_t lo = vmlaq_n_s32(r, vmovl_s16(vget_low_s16(zz)), rho);
    const int32x4_t hi = vmlaq_n_s32(r, vmovl_high_s16(zz), rho);
    if (d_band)
        return vcombine_s16(vmovn_s32(vshrq_n_s32(lo, 17)), vmovn_s32(vshrq_n_s32(hi, 17)));
    return vcombine_s16(vshrn_n_s32(lo, 15), vshrn_n_s32(hi, 15));
}

/* phi/psi += int16((k * |c| + 2048) >> 12), |c| <= 32768 read unsigned */
static inline void cm0_add_term(uint16x8_t ac, uint16_t k, int32x4_t *lo, int32x4_t *hi)
{
    const int16x8_t t = vreinterpretq_s16_u16(
        vcombine_u16(vrshrn_n_u32(vmull_n_u16(vget_low_u16(ac), k), 12),
                     vrshrn_n_u32(vmull_high_n_u16(ac, k), 12)));
    *lo = vaddw_s16(*lo, vget_low_s16(t));
    *hi = vaddw_high_s16(*hi, t);
}

void vmafx_adm_cm0_masker_neon(const int16_t *zh, const int16_t *zv, const int16_t *zd, int n,
                               int rho_hv, int rho_d, int32_t *phi, int32_t *psi)
{
    int j = 0;

    for (; j + 8 <= n; j += 8) {
        int32x4_t phl = vdupq_n_s32(0), phh = vdupq_n_s32(0);
        int32x4_t psl = vdupq_n_s32(0), psh = vdupq_n_s32(0);
        /* D rounds by 65535, not 65536 (reference quirk) */
        const int16x8_t c[3] = { cm0_csf(zh + j, rho_hv, 16384, 0),
                                 cm0_csf(zv + j, rho_hv, 16384, 0),
                                 cm0_csf(zd + j, rho_d, 65535, 1) };
        for (int b = 0; b < 3; b++) {
            /* |-32768| wraps to 0x8000, which is 32768 read unsigned */
            const uint16x8_t ac = vreinterpretq_u16_s16(vabsq_s16(c[b]));
            cm0_add_term(ac, 4369, &phl, &phh);
            cm0_add_term(ac, 8738, &psl, &psh);
        }
        vst1q_s32(phi + j, phl);
        vst1q_s32(phi + j + 4, phh);
        vst1q_s32(psi + j, psl);
        vst1q_s32(psi + j + 4, psh);
    }
    if (j < n)
        vmafx_adm_cm0_masker_c(zh + j, zv + j, zd + j, n - j, rho_hv, rho_d, phi + j, psi + j);
}

int64_t vmafx_adm_cm0_pool_neon(const int16_t *y, const int32_t *thr, int n, int rho, int sig,
                                int q, int e)
{
    if (rho < 0 || rho > 0xffff) /* outside the contract: keep the reference's result */
        return vmafx_adm_cm0_pool_c(y, thr, n, rho, sig, q, e);
    const int32x4_t vsig = vdupq_n_s32(sig);
    const int64x2_t nq = vdupq_n_s64(-q), ne = vdupq_n_s64(-e);
    int64x2_t acc = vdupq_n_s64(0);
    int j = 0;

    for (; j + 8 <= n; j += 8) {
        /* |rho * y| = rho * |y| with 0 <= rho < 2^16; |-32768| read unsigned */
        const uint16x8_t ay = vreinterpretq_u16_s16(vabsq_s16(vld1q_s16(y + j)));
        const uint32x4_t ax[2] = { vmull_n_u16(vget_low_u16(ay), (uint16_t)rho),
                                   vmull_high_n_u16(ay, (uint16_t)rho) };
        for (int h = 0; h < 2; h++) {
            const uint32x4_t tshift =
                vshlq_u32(vreinterpretq_u32_s32(vld1q_s32(thr + j + 4 * h)), vsig);
            const int32x4_t zz =
                vmaxq_s32(vreinterpretq_s32_u32(vsubq_u32(ax[h], tshift)), vdupq_n_s32(0));
            const int32x2_t zl = vget_low_s32(zz), zh = vget_high_s32(zz);
            /* rounding shifts: (v + 2^(s-1)) >> s, exact as nothing overflows */
            const int32x2_t ql = vmovn_s64(vrshlq_s64(vmull_s32(zl, zl), nq));
            const int32x2_t qh = vmovn_s64(vrshlq_s64(vmull_high_s32(zz, zz), nq));
            acc = vaddq_s64(acc, vrshlq_s64(vmull_s32(ql, zl), ne));
            acc = vaddq_s64(acc, vrshlq_s64(vmull_s32(qh, zh), ne));
        }
    }
    uint64_t sum = (uint64_t)vgetq_lane_s64(acc, 0) + (uint64_t)vgetq_lane_s64(acc, 1);
    if (j < n)
        sum += (uint64_t)vmafx_adm_cm0_pool_c(y + j, thr + j, n - j, rho, sig, q, e);
    return (int64_t)sum;
}

/* wrap32((rho * z + 2^27) >> 28) of four lanes; rho < 2^31, so the signed
 * 32x32 -> 64 multiply is the reference's int64 product */
static inline int32x4_t csf_scale_s(int32x4_t z, int32_t rho)
{
    const int64x2_t r27 = vdupq_n_s64((int64_t)1 << 27);
    const int64x2_t lo = vaddq_s64(vmull_n_s32(vget_low_s32(z), rho), r27);
    const int64x2_t hi = vaddq_s64(vmull_high_n_s32(z, rho), r27);
    return vcombine_s32(vshrn_n_s64(lo, 28), vshrn_n_s64(hi, 28));
}

/* int32((k * |c| - 2^31) >> 32) of four lanes; |c| <= 2^31 is read unsigned */
static inline int32x4_t mask_term_s(uint32x4_t ac, uint32_t k)
{
    const int64x2_t h = vdupq_n_s64((int64_t)1 << 31);
    const int64x2_t lo = vsubq_s64(vreinterpretq_s64_u64(vmull_n_u32(vget_low_u32(ac), k)), h);
    const int64x2_t hi = vsubq_s64(vreinterpretq_s64_u64(vmull_high_n_u32(ac, k)), h);
    return vcombine_s32(vshrn_n_s64(lo, 32), vshrn_n_s64(hi, 32));
}

void vmafx_adm_cms_masker_neon(const int32_t *zh, const int32_t *zv, const int32_t *zd,
                               int n, uint32_t rho_hv, uint32_t rho_d, int32_t *phi,
                               int32_t *psi)
{
    if (rho_hv > INT32_MAX || rho_d > INT32_MAX) {
        vmafx_adm_cms_masker_c(zh, zv, zd, n, rho_hv, rho_d, phi, psi);
        return;
    }
    const int32_t *const z[3] = { zh, zv, zd };
    const int32_t rho[3] = { (int32_t)rho_hv, (int32_t)rho_hv, (int32_t)rho_d };
    int j = 0;

    for (; j + 4 <= n; j += 4) {
        int32x4_t sphi = vdupq_n_s32(0), spsi = vdupq_n_s32(0);
        for (int b = 0; b < 3; b++) {
            /* |INT32_MIN| stays 0x80000000, which is 2^31 read unsigned */
            const uint32x4_t ac =
                vreinterpretq_u32_s32(vabsq_s32(csf_scale_s(vld1q_s32(z[b] + j), rho[b])));
            sphi = vaddq_s32(sphi, mask_term_s(ac, 143165577u));
            spsi = vaddq_s32(spsi, mask_term_s(ac, 286331153u));
        }
        vst1q_s32(phi + j, sphi);
        vst1q_s32(psi + j, spsi);
    }
    if (j < n)
        vmafx_adm_cms_masker_c(zh + j, zv + j, zd + j, n - j, rho_hv, rho_d, phi + j, psi + j);
}

int64_t vmafx_adm_cms_pool_neon(const int32_t *y, const int32_t *thr, int n, uint32_t rho, int e)
{
    if (rho > INT32_MAX)
        return vmafx_adm_cms_pool_c(y, thr, n, rho, e);
    const int64x2_t q_round = vdupq_n_s64((int64_t)1 << 29);
    const int64x2_t e_round = vdupq_n_s64((int64_t)1 << (e - 1));
    const int64x2_t ne = vdupq_n_s64(-e);
    int64x2_t acc = vdupq_n_s64(0);
    int j = 0;

    for (; j + 4 <= n; j += 4) {
        const int32x4_t x = csf_scale_s(vld1q_s32(y + j), (int32_t)rho);
        /* wrap32(|x| - thr): 32-bit lanes give the same bits as int64 then wrap */
        const int32x4_t zz = vmaxq_s32(vsubq_s32(vabsq_s32(x), vld1q_s32(thr + j)),
                                       vdupq_n_s32(0));
        const int32x2_t zl = vget_low_s32(zz), zh = vget_high_s32(zz);
        const int32x2_t ql = vshrn_n_s64(vaddq_s64(vmull_s32(zl, zl), q_round), 30);
        const int32x2_t qh = vshrn_n_s64(vaddq_s64(vmull_s32(zh, zh), q_round), 30);
        const int64x2_t tl = vshlq_s64(vaddq_s64(vmull_s32(ql, zl), e_round), ne);
        const int64x2_t th = vshlq_s64(vaddq_s64(vmull_s32(qh, zh), e_round), ne);
        acc = vaddq_s64(acc, vaddq_s64(tl, th));
    }
    uint64_t sum = (uint64_t)vgetq_lane_s64(acc, 0) + (uint64_t)vgetq_lane_s64(acc, 1);
    if (j < n)
        sum += (uint64_t)vmafx_adm_cms_pool_c(y + j, thr + j, n - j, rho, e);
    return (int64_t)sum;
}

/*
 * Scales 1-3 transform: int32 samples, exact int64 tap sums (smull/smlal by
 * the constant taps). The rounding shift by a register count (srshl) adds
 * 2^(s-1) without overflow and is a plain copy for s == 0; xtn keeps the low
 * 32 bits, the reference's wrap.
 */
static inline int32x4_t dwt_s_taps(int32x4_t p0, int32x4_t p1, int32x4_t p2, int32x4_t p3,
                                   int32_t c0, int32_t c1, int32_t c2, int32_t c3,
                                   int64x2_t nsh)
{
    int64x2_t lo = vmull_n_s32(vget_low_s32(p0), c0);
    int64x2_t hi = vmull_high_n_s32(p0, c0);
    lo = vmlal_n_s32(lo, vget_low_s32(p1), c1);
    hi = vmlal_high_n_s32(hi, p1, c1);
    lo = vmlal_n_s32(lo, vget_low_s32(p2), c2);
    hi = vmlal_high_n_s32(hi, p2, c2);
    lo = vmlal_n_s32(lo, vget_low_s32(p3), c3);
    hi = vmlal_high_n_s32(hi, p3, c3);
    return vcombine_s32(vmovn_s64(vrshlq_s64(lo, nsh)), vmovn_s64(vrshlq_s64(hi, nsh)));
}

#define DWT_S_LO(p0, p1, p2, p3)                                                           \
    dwt_s_taps(p0, p1, p2, p3, ADM_DWT_L0, ADM_DWT_L1, ADM_DWT_L2, ADM_DWT_L3, nsh)
#define DWT_S_HI(p0, p1, p2, p3)                                                           \
    dwt_s_taps(p0, p1, p2, p3, ADM_DWT_G0, ADM_DWT_G1, ADM_DWT_G2, ADM_DWT_G3, nsh)

void vmafx_adm_dwt_s_vert_neon(const int32_t *r0, const int32_t *r1, const int32_t *r2,
                               const int32_t *r3, int w, int sv, int32_t *l, int32_t *g)
{
    const int64x2_t nsh = vdupq_n_s64(-sv);
    int x = 0;

    for (; x + 4 <= w; x += 4) {
        const int32x4_t p0 = vld1q_s32(r0 + x), p1 = vld1q_s32(r1 + x);
        const int32x4_t p2 = vld1q_s32(r2 + x), p3 = vld1q_s32(r3 + x);
        vst1q_s32(l + 1 + x, DWT_S_LO(p0, p1, p2, p3));
        vst1q_s32(g + 1 + x, DWT_S_HI(p0, p1, p2, p3));
    }
    if (x < w)
        vmafx_adm_dwt_s_vert_c(r0 + x, r1 + x, r2 + x, r3 + x, w - x, sv, l + x, g + x);
}

void vmafx_adm_dwt_s_horiz_neon(const int32_t *l, const int32_t *g, int w, int bw, int sh,
                                int32_t *oa, int32_t *oh, int32_t *ov, int32_t *od)
{
    const int64x2_t nsh = vdupq_n_s64(-sh);
    int j = 0;

    /* vld2 at 2j and 2j + 2 gives taps p[0], p[1] and p[2], p[3] of four
     * outputs; the last load ends at 2j + 9 <= 2 * bw + 1 <= w + 2 */
    for (; j + 4 <= bw; j += 4) {
        const int32x4x2_t la = vld2q_s32(l + 2 * j), lb = vld2q_s32(l + 2 * j + 2);
        const int32x4x2_t ga = vld2q_s32(g + 2 * j), gb = vld2q_s32(g + 2 * j + 2);
        if (oa)
            vst1q_s32(oa + j, DWT_S_LO(la.val[0], la.val[1], lb.val[0], lb.val[1]));
        vst1q_s32(ov + j, DWT_S_HI(la.val[0], la.val[1], lb.val[0], lb.val[1]));
        vst1q_s32(oh + j, DWT_S_LO(ga.val[0], ga.val[1], gb.val[0], gb.val[1]));
        vst1q_s32(od + j, DWT_S_HI(ga.val[0], ga.val[1], gb.val[0], gb.val[1]));
    }
    if (j < bw)
        vmafx_adm_dwt_s_horiz_c(l + 2 * j, g + 2 * j, w - 2 * j, bw - j, sh, oa ? oa + j : NULL,
                                oh + j, ov + j, od + j);
}

#undef DWT_S_LO
#undef DWT_S_HI

/* sum of |o|^3: |o| <= 32768 read unsigned, |o|^2 in 32 bits, cubes in 64 */
uint64_t vmafx_adm_cube_sum0_neon(const int16_t *o, int n)
{
    uint64x2_t acc0 = vdupq_n_u64(0), acc1 = vdupq_n_u64(0);
    int j = 0;

    for (; j + 8 <= n; j += 8) {
        const uint16x8_t a = vreinterpretq_u16_s16(vabsq_s16(vld1q_s16(o + j)));
        const uint32x4_t sl = vmull_u16(vget_low_u16(a), vget_low_u16(a));
        const uint32x4_t sh = vmull_high_u16(a, a);
        const uint32x4_t al = vmovl_u16(vget_low_u16(a)), ah = vmovl_high_u16(a);
        acc0 = vmlal_u32(acc0, vget_low_u32(sl), vget_low_u32(al));
        acc1 = vmlal_high_u32(acc1, sl, al);
        acc0 = vmlal_u32(acc0, vget_low_u32(sh), vget_low_u32(ah));
        acc1 = vmlal_high_u32(acc1, sh, ah);
    }
    return vaddvq_u64(vaddq_u64(acc0, acc1)) + vmafx_adm_cube_sum0_c(o + j, n - j);
}

/*
 * Scale-0 decoupling, eight positions per step.
 *
 * The angle test (spec 5.3) of four positions: the int16 products and their
 * pairwise sums are exact in int32 except (-32768)^2 + (-32768)^2 = 2^31, which
 * only p can reach as INT32_MIN (no true sum is that low) and mo, mt read
 * unsigned. scvtf/ucvtf round to binary32 as the reference's conversions do;
 * the comparisons run in double. The reference's division of all three by 4096
 * is left out: it scales both sides of the comparison by exactly 2^-24.
 */
static inline uint16x4_t decouple_angle4(int16x4_t oh, int16x4_t ov, int16x4_t th,
                                         int16x4_t tv)
{
    const int32x4_t p = vmlal_s16(vmull_s16(oh, th), ov, tv);
    const uint32x4_t mo = vreinterpretq_u32_s32(vmlal_s16(vmull_s16(oh, oh), ov, ov));
    const uint32x4_t mt = vreinterpretq_u32_s32(vmlal_s16(vmull_s16(th, th), tv, tv));
    const float32x4_t fp = vbslq_f32(vceqq_s32(p, vdupq_n_s32(INT32_MIN)),
                                     vdupq_n_f32(2147483648.0f), vcvtq_f32_s32(p));
    const float32x4_t fmo = vcvtq_f32_u32(mo), fmt = vcvtq_f32_u32(mt);
    const float64x2_t cos2 = vdupq_n_f64((double)VMAFX_ADM_COS2_1DEG);
    uint64x2_t m[2];
    for (int h = 0; h < 2; h++) {
        const float64x2_t dp = h ? vcvt_high_f64_f32(fp) : vcvt_f64_f32(vget_low_f32(fp));
        const float64x2_t dmo = h ? vcvt_high_f64_f32(fmo) : vcvt_f64_f32(vget_low_f32(fmo));
        const float64x2_t dmt = h ? vcvt_high_f64_f32(fmt) : vcvt_f64_f32(vget_low_f32(fmt));
        const float64x2_t rhs = vmulq_f64(vmulq_f64(cos2, dmo), dmt);
        m[h] = vandq_u64(vcgezq_f64(dp), vcgeq_f64(vmulq_f64(dp, dp), rhs));
    }
    return vmovn_u32(vcombine_u32(vmovn_u64(m[0]), vmovn_u64(m[1])));
}

/* four rcp[] entries indexed by lanes L .. L + 3 of idx (no gather on NEON) */
#define RCP_LOAD4(idx, L)                                                                  \
    vld1q_lane_u32(rcp + vgetq_lane_u16(idx, (L) + 3),                                     \
                   vld1q_lane_u32(rcp + vgetq_lane_u16(idx, (L) + 2),                      \
                                  vld1q_lane_u32(rcp + vgetq_lane_u16(idx, (L) + 1),       \
                                                 vld1q_dup_u32(rcp + vgetq_lane_u16(idx, L)), \
                                                 1),                                       \
                                  2),                                                      \
                   3)

/*
 * Ratio k = clamp((sign(o) * rcp[|o|] * t + 2^14) >> 15, 0, 2^15), 2^15 for
 * o == 0. With u = rcp[|o|] * |t| < 2^48: a positive sign gives
 * min((u + 2^14) >> 15, 2^15), a negative one (-u + 2^14) >> 15 <= 0, so 0.
 */
static inline uint16x8_t decouple_ratio8(int16x8_t ob, int16x8_t tb, const uint32_t *rcp)
{
    const uint16x8_t ao = vreinterpretq_u16_s16(vabsq_s16(ob));
    const uint16x8_t at = vreinterpretq_u16_s16(vabsq_s16(tb));
    const uint32x4_t rl = RCP_LOAD4(ao, 0), rh = RCP_LOAD4(ao, 4);
    const uint32x4_t tl = vmovl_u16(vget_low_u16(at)), th = vmovl_high_u16(at);
    /* (u + 2^14) >> 15 <= 2^32 saturates to 32 bits, then the min */
    const uint32x4_t kl =
        vcombine_u32(vqrshrn_n_u64(vmull_u32(vget_low_u32(rl), vget_low_u32(tl)), 15),
                     vqrshrn_n_u64(vmull_high_u32(rl, tl), 15));
    const uint32x4_t kh =
        vcombine_u32(vqrshrn_n_u64(vmull_u32(vget_low_u32(rh), vget_low_u32(th)), 15),
                     vqrshrn_n_u64(vmull_high_u32(rh, th), 15));
    const uint32x4_t one = vdupq_n_u32(32768);
    uint16x8_t k = vcombine_u16(vmovn_u32(vminq_u32(kl, one)), vmovn_u32(vminq_u32(kh, one)));
    k = vbicq_u16(k, vcltzq_s16(veorq_s16(ob, tb)));
    return vbslq_u16(vceqzq_s16(ob), vdupq_n_u16(32768), k);
}

#undef RCP_LOAD4

/* int16 of (r * egl < t ? r * egl : t) for o > 0, with > for o < 0, in double */
static inline int16x8_t decouple_gain_f64(int16x8_t rb, int16x8_t tb, int16x8_t ob,
                                          float64x2_t egl)
{
    const int32x4_t r32[2] = { vmovl_s16(vget_low_s16(rb)), vmovl_high_s16(rb) };
    const int32x4_t t32[2] = { vmovl_s16(vget_low_s16(tb)), vmovl_high_s16(tb) };
    const int32x4_t o32[2] = { vmovl_s16(vget_low_s16(ob)), vmovl_high_s16(ob) };
    int32x4_t out[2];
    for (int h = 0; h < 2; h++) {
        int32x2_t half[2];
        for (int q = 0; q < 2; q++) {
            const int64x2_t r = q ? vmovl_high_s32(r32[h]) : vmovl_s32(vget_low_s32(r32[h]));
            const int64x2_t t = q ? vmovl_high_s32(t32[h]) : vmovl_s32(vget_low_s32(t32[h]));
            const int64x2_t o = q ? vmovl_high_s32(o32[h]) : vmovl_s32(vget_low_s32(o32[h]));
            const float64x2_t rg = vmulq_f64(vcvtq_f64_s64(r), egl), dt = vcvtq_f64_s64(t);
            const float64x2_t lo = vbslq_f64(vcltq_f64(rg, dt), rg, dt);
            const float64x2_t hi = vbslq_f64(vcgtq_f64(rg, dt), rg, dt);
            half[q] = vmovn_s64(vcvtq_s64_f64(vbslq_f64(vcgtzq_s64(o), lo, hi)));
        }
        out[h] = vcombine_s32(half[0], half[1]);
    }
    return vcombine_s16(vmovn_s32(out[0]), vmovn_s32(out[1]));
}

void vmafx_adm_decouple0_neon(const int16_t *const o[3], const int16_t *const t[3],
                              int16_t *const r[3], int16_t *const a[3], int n,
                              const uint32_t *rcp, double egl)
{
    const float64x2_t vegl = vdupq_n_f64(egl);
    /* integral gains (the default 100) take an all-integer path */
    const int egl_int = egl >= 1.0 && egl <= 32767.0 && egl == (double)(int)egl;
    const int16_t egl_i = egl_int ? (int16_t)egl : 1;
    int j = 0;

    for (; j + 8 <= n; j += 8) {
        const int16x8_t oh = vld1q_s16(o[0] + j), ov = vld1q_s16(o[1] + j);
        const int16x8_t th = vld1q_s16(t[0] + j), tv = vld1q_s16(t[1] + j);
        const uint16x8_t flag =
            vcombine_u16(decouple_angle4(vget_low_s16(oh), vget_low_s16(ov),
                                         vget_low_s16(th), vget_low_s16(tv)),
                         decouple_angle4(vget_high_s16(oh), vget_high_s16(ov),
                                         vget_high_s16(th), vget_high_s16(tv)));
        for (int b = 0; b < 3; b++) {
            const int16x8_t ob = b == 0 ? oh : b == 1 ? ov : vld1q_s16(o[2] + j);
            const int16x8_t tb = b == 0 ? th : b == 1 ? tv : vld1q_s16(t[2] + j);
            const uint16x8_t k = decouple_ratio8(ob, tb, rcp);
            /* (k * o + 2^14) >> 15 is sqrdmulh for k < 2^15, and o for k = 2^15 */
            int16x8_t rb = vbslq_s16(vceqq_u16(k, vdupq_n_u16(32768)), ob,
                                     vqrdmulhq_s16(vreinterpretq_s16_u16(k), ob));
            const uint16x8_t use = vandq_u16(flag, vtstq_u16(k, k));
            if (vmaxvq_u16(use)) {
                int16x8_t gl;
                if (egl_int) {
                    /* r * egl is an exact integer, so trunc(min(r * egl, t)) =
                     * min(r * egl, t); r has the sign of o, so saturating the
                     * product to int16 does not change the min (o > 0) or
                     * max (o < 0) with t */
                    const int16x8_t rg =
                        vcombine_s16(vqmovn_s32(vmull_n_s16(vget_low_s16(rb), egl_i)),
                                     vqmovn_s32(vmull_high_n_s16(rb, egl_i)));
                    gl = vbslq_s16(vcgtzq_s16(ob), vminq_s16(rg, tb), vmaxq_s16(rg, tb));
                } else {
                    gl = decouple_gain_f64(rb, tb, ob, vegl);
                }
                /* o == 0 keeps r */
                gl = vbslq_s16(vceqzq_s16(ob), rb, gl);
                rb = vbslq_s16(use, gl, rb);
            }
            vst1q_s16(r[b] + j, rb);
            vst1q_s16(a[b] + j, vsubq_s16(tb, rb));
        }
    }
    if (j < n) {
        const int16_t *const ot[3] = { o[0] + j, o[1] + j, o[2] + j };
        const int16_t *const tt[3] = { t[0] + j, t[1] + j, t[2] + j };
        int16_t *const rt[3] = { r[0] + j, r[1] + j, r[2] + j };
        int16_t *const at[3] = { a[0] + j, a[1] + j, a[2] + j };
        vmafx_adm_decouple0_c(ot, tt, rt, at, n - j, rcp, egl);
    }
}

/* pooling thresholds, all modulo 2^32: column sums at j - 1, j, j + 1 */
void vmafx_adm_threshold_neon(const int32_t *pu, const int32_t *pm, const int32_t *pd,
                              const int32_t *cm, int n, int32_t *thr)
{
    const uint32_t *u = (const uint32_t *)pu, *m = (const uint32_t *)pm;
    const uint32_t *d = (const uint32_t *)pd;
    int j = 0;

#define ADM_COL4(x) vaddq_u32(vaddq_u32(vld1q_u32(u + (x)), vld1q_u32(m + (x))), vld1q_u32(d + (x)))
    for (; j + 4 <= n; j += 4) {
        const uint32_t *c = (const uint32_t *)cm + j;
        const uint32x4_t s = vaddq_u32(vaddq_u32(ADM_COL4(j - 1), ADM_COL4(j)), ADM_COL4(j + 1));
        const uint32x4_t t = vaddq_u32(vsubq_u32(vld1q_u32(c), vld1q_u32(m + j)), s);
        vst1q_s32(thr + j, vreinterpretq_s32_u32(t));
    }
#undef ADM_COL4
    if (j < n)
        vmafx_adm_threshold_c(pu + j, pm + j, pd + j, cm + j, n - j, thr + j);
}

/*
 * Scales 1-3 denominator row sum. u = |o| <= 2^31 (read unsigned), u^2 exact
 * in 64 bits; v * u modulo 2^64 for a 64-bit v is lo(v) * u + (hi(v) * u << 32)
 * with the second product needed modulo 2^32 only.
 */
uint64_t vmafx_adm_cube_sum_s_neon(const int32_t *o, int n, int q, int e)
{
    const uint64x2_t q_add = vdupq_n_u64((uint64_t)1 << q);
    const uint64x2_t e_round = vdupq_n_u64(e ? (uint64_t)1 << (e - 1) : 0);
    const int64x2_t nq = vdupq_n_s64(-q), ne = vdupq_n_s64(-e);
    uint64x2_t acc = vdupq_n_u64(0);
    int j = 0;

    for (; j + 4 <= n; j += 4) {
        const uint32x4_t u = vreinterpretq_u32_s32(vabsq_s32(vld1q_s32(o + j)));
        for (int h = 0; h < 2; h++) {
            const uint32x2_t uh = h ? vget_high_u32(u) : vget_low_u32(u);
            const uint64x2_t v = vshlq_u64(vaddq_u64(vmull_u32(uh, uh), q_add), nq);
            const uint64x2_t lo = vmull_u32(vmovn_u64(v), uh);
            const uint64x2_t hi = vshll_n_u32(vmul_u32(vshrn_n_u64(v, 32), uh), 32);
            acc = vaddq_u64(acc, vshlq_u64(vaddq_u64(vaddq_u64(lo, hi), e_round), ne));
        }
    }
    return vaddvq_u64(acc) + vmafx_adm_cube_sum_s_c(o + j, n - j, q, e);
}

/*
 * Scales 1-3 decoupling, four positions per step, 64-bit lanes where the
 * reference needs them.
 *
 * binary32 rounding of two uint64 m <= 2^63 (NEON converts 64-bit integers
 * only to double, and rounding twice can differ from rounding once). At or
 * above 2^53 the binary32 rounding point is bit 28 or higher, so bits 0..10
 * only count as a sticky bit: folding them into bit 11 leaves 53 significant
 * bits, an exact double, and one rounding to binary32 remains.
 */
static inline float32x2_t u64_to_f32(uint64x2_t m)
{
    const uint64x2_t low = vdupq_n_u64(0x7ff);
    const uint64x2_t folded = vbicq_u64(vorrq_u64(m, vaddq_u64(vandq_u64(m, low), low)), low);
    const uint64x2_t big = vcgeq_u64(m, vdupq_n_u64((uint64_t)1 << 53));
    return vcvt_f32_f64(vcvtq_f64_u64(vbslq_u64(big, folded, m)));
}

/* binary32 rounding of two int64 (INT64_MIN included: its |.| reads 2^63) */
static inline float32x2_t s64_to_f32(int64x2_t p)
{
    const float32x2_t f = u64_to_f32(vreinterpretq_u64_s64(vabsq_s64(p)));
    return vbsl_f32(vmovn_u64(vcltzq_s64(p)), vneg_f32(f), f);
}

/* The angle test of two positions: exact int64 products, p summed modulo
 * 2^64 as the reference does; the division by 4096 is left out as in
 * decouple_angle4 (both sides scale by exactly 2^-24). */
static inline uint32x2_t decouple_angle2_s(int32x2_t oh, int32x2_t ov, int32x2_t th,
                                           int32x2_t tv)
{
    const int64x2_t p = vaddq_s64(vmull_s32(oh, th), vmull_s32(ov, tv));
    const uint64x2_t mo = vreinterpretq_u64_s64(vaddq_s64(vmull_s32(oh, oh), vmull_s32(ov, ov)));
    const uint64x2_t mt = vreinterpretq_u64_s64(vaddq_s64(vmull_s32(th, th), vmull_s32(tv, tv)));
    const float64x2_t dp = vcvt_f64_f32(s64_to_f32(p));
    const float64x2_t dmo = vcvt_f64_f32(u64_to_f32(mo));
    const float64x2_t dmt = vcvt_f64_f32(u64_to_f32(mt));
    const float64x2_t rhs =
        vmulq_f64(vmulq_f64(vdupq_n_f64((double)VMAFX_ADM_COS2_1DEG), dmo), dmt);
    return vmovn_u64(vandq_u64(vcgezq_f64(dp), vcgeq_f64(vmulq_f64(dp, dp), rhs)));
}

/*
 * Ratio k of scales 1-3 for four positions: |o| >= 2^15 is rounded to 15
 * bits, q = (|o| + 2^(e-1)) >> e with e = max(bitlen(|o|) - 15, 0) (urshl,
 * a copy for e = 0). With u = rcp[q] * |t| < 2^63 the sign argument of
 * decouple_ratio8 holds with the shift 15 + e: k = 0 for a negative sign,
 * else min((u + 2^(14+e)) >> (15+e), 2^15); 2^15 for o == 0.
 */
static inline uint32x4_t decouple_ratio4_s(int32x4_t ob, int32x4_t tb, const uint32_t *rcp)
{
    const uint32x4_t uo = vreinterpretq_u32_s32(vabsq_s32(ob));
    const uint32x4_t ut = vreinterpretq_u32_s32(vabsq_s32(tb));
    const uint32x4_t e = vqsubq_u32(vsubq_u32(vdupq_n_u32(32), vclzq_u32(uo)), vdupq_n_u32(15));
    const int32x4_t ne = vnegq_s32(vreinterpretq_s32_u32(e));
    const uint32x4_t q = vrshlq_u32(uo, ne);
    uint32x4_t rc = vld1q_dup_u32(rcp + vgetq_lane_u32(q, 0));
    rc = vld1q_lane_u32(rcp + vgetq_lane_u32(q, 1), rc, 1);
    rc = vld1q_lane_u32(rcp + vgetq_lane_u32(q, 2), rc, 2);
    rc = vld1q_lane_u32(rcp + vgetq_lane_u32(q, 3), rc, 3);
    const int32x4_t nk = vsubq_s32(ne, vdupq_n_s32(15));
    const uint64x2_t kl = vrshlq_u64(vmull_u32(vget_low_u32(rc), vget_low_u32(ut)),
                                     vmovl_s32(vget_low_s32(nk)));
    const uint64x2_t kh = vrshlq_u64(vmull_high_u32(rc, ut), vmovl_high_s32(nk));
    uint32x4_t k = vminq_u32(vcombine_u32(vqmovn_u64(kl), vqmovn_u64(kh)), vdupq_n_u32(32768));
    k = vbicq_u32(k, vcltzq_s32(veorq_s32(ob, tb)));
    return vbslq_u32(vceqzq_s32(ob), vdupq_n_u32(32768), k);
}

/* int32 of (r * egl < t ? r * egl : t) for o > 0, with > for o < 0, in double */
static inline int32x4_t decouple_gain_s_f64(int32x4_t rb, int32x4_t tb, int32x4_t ob,
                                            float64x2_t egl)
{
    int32x2_t half[2];
    for (int h = 0; h < 2; h++) {
        const int64x2_t r = h ? vmovl_high_s32(rb) : vmovl_s32(vget_low_s32(rb));
        const int64x2_t t = h ? vmovl_high_s32(tb) : vmovl_s32(vget_low_s32(tb));
        const int64x2_t o = h ? vmovl_high_s32(ob) : vmovl_s32(vget_low_s32(ob));
        const float64x2_t rg = vmulq_f64(vcvtq_f64_s64(r), egl), dt = vcvtq_f64_s64(t);
        const float64x2_t lo = vbslq_f64(vcltq_f64(rg, dt), rg, dt);
        const float64x2_t hi = vbslq_f64(vcgtq_f64(rg, dt), rg, dt);
        half[h] = vmovn_s64(vcvtq_s64_f64(vbslq_f64(vcgtzq_s64(o), lo, hi)));
    }
    return vcombine_s32(half[0], half[1]);
}

void vmafx_adm_decouple_s_neon(const int32_t *const o[3], const int32_t *const t[3],
                               int32_t *const r[3], int32_t *const a[3], int n,
                               const uint32_t *rcp, double egl)
{
    const float64x2_t vegl = vdupq_n_f64(egl);
    /* integral gains (the default 100) take an all-integer path */
    const int egl_int = egl >= 1.0 && egl <= 32767.0 && egl == (double)(int)egl;
    const int32_t egl_i = egl_int ? (int32_t)egl : 1;
    int j = 0;

    for (; j + 4 <= n; j += 4) {
        const int32x4_t oh = vld1q_s32(o[0] + j), ov = vld1q_s32(o[1] + j);
        const int32x4_t th = vld1q_s32(t[0] + j), tv = vld1q_s32(t[1] + j);
        const uint32x4_t flag =
            vcombine_u32(decouple_angle2_s(vget_low_s32(oh), vget_low_s32(ov),
                                           vget_low_s32(th), vget_low_s32(tv)),
                         decouple_angle2_s(vget_high_s32(oh), vget_high_s32(ov),
                                           vget_high_s32(th), vget_high_s32(tv)));
        for (int b = 0; b < 3; b++) {
            const int32x4_t ob = b == 0 ? oh : b == 1 ? ov : vld1q_s32(o[2] + j);
            const int32x4_t tb = b == 0 ? th : b == 1 ? tv : vld1q_s32(t[2] + j);
            const uint32x4_t k = decouple_ratio4_s(ob, tb, rcp);
            /* wrap32((k * o + 2^14) >> 15): exact 64-bit products, rshrn keeps
             * the low 32 bits */
            const int32x4_t ks = vreinterpretq_s32_u32(k);
            int32x4_t rb =
                vcombine_s32(vrshrn_n_s64(vmull_s32(vget_low_s32(ks), vget_low_s32(ob)), 15),
                             vrshrn_n_s64(vmull_high_s32(ks, ob), 15));
            const uint32x4_t use = vandq_u32(flag, vtstq_u32(k, k));
            if (vmaxvq_u32(use)) {
                int32x4_t gl;
                if (egl_int) {
                    /* as in decouple0: r has the sign of o (|r| <= |o| < 2^31
                     * needs no wrap), so saturating r * egl keeps the min / max */
                    const int32x4_t rg =
                        vcombine_s32(vqmovn_s64(vmull_n_s32(vget_low_s32(rb), egl_i)),
                                     vqmovn_s64(vmull_high_n_s32(rb, egl_i)));
                    gl = vbslq_s32(vcgtzq_s32(ob), vminq_s32(rg, tb), vmaxq_s32(rg, tb));
                } else {
                    gl = decouple_gain_s_f64(rb, tb, ob, vegl);
                }
                gl = vbslq_s32(vceqzq_s32(ob), rb, gl);
                rb = vbslq_s32(use, gl, rb);
            }
            vst1q_s32(r[b] + j, rb);
            vst1q_s32(a[b] + j, vsubq_s32(tb, rb));
        }
    }
    if (j < n) {
        const int32_t *const ot[3] = { o[0] + j, o[1] + j, o[2] + j };
        const int32_t *const tt[3] = { t[0] + j, t[1] + j, t[2] + j };
        int32_t *const rt[3] = { r[0] + j, r[1] + j, r[2] + j };
        int32_t *const at[3] = { a[0] + j, a[1] + j, a[2] + j };
        vmafx_adm_decouple_s_c(ot, tt, rt, at, n - j, rcp, egl);
    }
}
