/*
 * Integer ADM: vertical pass of the scale-0 transform for one pixel type
 * (spec integer-adm.md 4.6). Included by adm_dsp.c with
 *   ADM_PIXEL  the sample type (uint8_t or uint16_t)
 *   ADM_SUM    the accumulator (int32_t while the tap sums fit, else int64_t)
 *   ADM_USUM   its unsigned twin: sums wrap instead of overflowing when a
 *              picture holds samples above its bit depth (garbage in, no UB)
 *   ADM_SFX    the function name suffix
 * Compiled on its own (a build that globs *.c) it is an empty unit.
 */
#ifdef ADM_PIXEL
#define ADM_CAT_(a, b) a##_##b
#define ADM_CAT(a, b) ADM_CAT_(a, b)

/* One output row: low and high vertical outputs of every input column, written
 * at l[1 + x] / g[1 + x]. Rows r0..r3 are the mirrored inputs m(2i-1..2i+2). */
void ADM_CAT(ADM_CAT(vmafx_adm_dwt0_vert, ADM_SFX), c)(const void *v0, const void *v1,
                                                      const void *v2, const void *v3, int w,
                                                      int shift, int16_t *l, int16_t *g)
{
    const ADM_PIXEL *r0 = v0, *r1 = v1, *r2 = v2, *r3 = v3;
    const ADM_SUM half = (ADM_SUM)1 << (shift - 1);
    /* Only the low band is centred: -46342 * 2^(B-1), plus the rounding half. */
    const ADM_USUM off_l = (ADM_USUM)(half - (ADM_SUM)46342 * half);
    const ADM_USUM off_g = (ADM_USUM)half;
    for (int x = 0; x < w; x++) {
        const ADM_USUM p0 = r0[x], p1 = r1[x], p2 = r2[x], p3 = r3[x];
        const ADM_USUM sl = (ADM_USUM)ADM_DWT_L0 * p0 + (ADM_USUM)ADM_DWT_L1 * p1 +
                            (ADM_USUM)ADM_DWT_L2 * p2 + (ADM_USUM)ADM_DWT_L3 * p3;
        const ADM_USUM sg = (ADM_USUM)ADM_DWT_G0 * p0 + (ADM_USUM)ADM_DWT_G1 * p1 +
                            (ADM_USUM)ADM_DWT_G2 * p2 + (ADM_USUM)ADM_DWT_G3 * p3;
        l[1 + x] = (int16_t)((ADM_SUM)(sl + off_l) >> shift);
        g[1 + x] = (int16_t)((ADM_SUM)(sg + off_g) >> shift);
    }
}

#undef ADM_CAT
#undef ADM_CAT_

#endif /* ADM_PIXEL */
