/*
 * Integer ADM: NEON kernels of the scale-0 transform, masker and pooling
 * (contracts in adm_dsp.h). Integer only; every lane keeps the width and
 * wrap-around of the reference expression, so results are bit-identical.
 * Columns that do not fill a vector go to the C kernel.
 */
#include <arm_neon.h>
#include <stddef.h>
#include <stdint.h>

#include "feature/adm_dsp.h"

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
