/*
 * Integer VIF vertical passes, templated on the sample type.
 *
 * vif_dsp.c includes this file twice: once with VIF_PIXEL = uint8_t (8-bit
 * input at scale 0) and once with VIF_PIXEL = uint16_t (high-bit-depth input at
 * scale 0, and the pyramid planes of every depth at scales 1..3). Both passes
 * loop over taps outside and columns inside, so the inner loops are plain
 * element-wise multiply-adds; they run over strips of VMAFX_VIF_STRIP columns so the
 * accumulators stay in the L1 cache.
 *
 * Template parameters:
 *   VIF_PIXEL   sample type of the rows read
 *   VIF_SQ_ACC  accumulator type of the squared sums (uint32_t is exact for 8-bit
 *               samples: 65536 * 255^2 < 2^32; uint64_t otherwise)
 *   VIF_FN(n)   function name decoration
 *
 * Compiled on its own (without the parameters) this file is empty.
 */
#if defined(VIF_PIXEL) && defined(VIF_SQ_ACC) && defined(VIF_FN)

/*
 * One row of the vertical down-sampling filter:
 * out[j] = R(sum_k filt[k] * rows[k][j], shift), shift >= 1.
 * The filters are symmetric, so mirrored taps share one multiplication.
 */
void VIF_FN(vert_filter)(const void *const *rows, const uint16_t *filt, unsigned taps,
                         unsigned w, unsigned shift, uint16_t *restrict out)
{
    const unsigned r = taps / 2;
    const uint32_t rnd = 1u << (shift - 1);
    uint32_t acc[VMAFX_VIF_STRIP];

    for (unsigned j0 = 0; j0 < w; j0 += VMAFX_VIF_STRIP) {
        const unsigned n = w - j0 < VMAFX_VIF_STRIP ? w - j0 : VMAFX_VIF_STRIP;
        const VIF_PIXEL *mid = (const VIF_PIXEL *)rows[r] + j0;
        const uint32_t fr = filt[r];
        for (unsigned j = 0; j < n; j++)
            acc[j] = fr * mid[j];
        for (unsigned k = 0; k < r; k++) {
            const VIF_PIXEL *a = (const VIF_PIXEL *)rows[k] + j0;
            const VIF_PIXEL *b = (const VIF_PIXEL *)rows[taps - 1 - k] + j0;
            const uint32_t f = filt[k];
            for (unsigned j = 0; j < n; j++)
                acc[j] += f * ((uint32_t)a[j] + b[j]);
        }
        for (unsigned j = 0; j < n; j++)
            out[j0 + j] = (uint16_t)((acc[j] + rnd) >> shift);
    }
}

/*
 * One row of the vertical statistics pass (spec 1.5 step 1): filtered means of
 * ref and dis and of their squares and product, rounded by mean_shift (>= 1)
 * and sq_shift (0 = kept exact). Mirrored taps share one multiplication; the
 * sums are exact, so their order does not matter.
 */
void VIF_FN(vert_stats)(const void *const *ref_rows, const void *const *dis_rows,
                        const uint16_t *filt, unsigned taps, unsigned w, unsigned mean_shift,
                        unsigned sq_shift, const VifStatRow *out)
{
    const unsigned r = taps / 2;
    const uint32_t mrnd = 1u << (mean_shift - 1);
    const VIF_SQ_ACC srnd = sq_shift ? (VIF_SQ_ACC)1 << (sq_shift - 1) : 0;
    uint32_t a1[VMAFX_VIF_STRIP], a2[VMAFX_VIF_STRIP];
    VIF_SQ_ACC axx[VMAFX_VIF_STRIP], ayy[VMAFX_VIF_STRIP], axy[VMAFX_VIF_STRIP];

    for (unsigned j0 = 0; j0 < w; j0 += VMAFX_VIF_STRIP) {
        const unsigned n = w - j0 < VMAFX_VIF_STRIP ? w - j0 : VMAFX_VIF_STRIP;
        {
            const VIF_PIXEL *x = (const VIF_PIXEL *)ref_rows[r] + j0;
            const VIF_PIXEL *y = (const VIF_PIXEL *)dis_rows[r] + j0;
            const uint32_t f = filt[r];
            for (unsigned j = 0; j < n; j++) {
                const uint32_t xj = x[j], yj = y[j];
                a1[j] = f * xj;
                a2[j] = f * yj;
                axx[j] = (VIF_SQ_ACC)f * (xj * xj);
                ayy[j] = (VIF_SQ_ACC)f * (yj * yj);
                axy[j] = (VIF_SQ_ACC)f * (xj * yj);
            }
        }
        for (unsigned k = 0; k < r; k++) {
            const VIF_PIXEL *xa = (const VIF_PIXEL *)ref_rows[k] + j0;
            const VIF_PIXEL *xb = (const VIF_PIXEL *)ref_rows[taps - 1 - k] + j0;
            const VIF_PIXEL *ya = (const VIF_PIXEL *)dis_rows[k] + j0;
            const VIF_PIXEL *yb = (const VIF_PIXEL *)dis_rows[taps - 1 - k] + j0;
            const uint32_t f = filt[k];
            for (unsigned j = 0; j < n; j++) {
                const VIF_SQ_ACC p = xa[j], q = xb[j], u = ya[j], v = yb[j];
                a1[j] += f * (uint32_t)(p + q);
                a2[j] += f * (uint32_t)(u + v);
                axx[j] += f * (p * p + q * q);
                ayy[j] += f * (u * u + v * v);
                axy[j] += f * (p * u + q * v);
            }
        }

        uint32_t *restrict v1 = out->mu1 + j0;
        uint32_t *restrict v2 = out->mu2 + j0;
        uint32_t *restrict vxx = out->xx + j0;
        uint32_t *restrict vyy = out->yy + j0;
        uint32_t *restrict vxy = out->xy + j0;
        for (unsigned j = 0; j < n; j++) {
            v1[j] = (a1[j] + mrnd) >> mean_shift;
            v2[j] = (a2[j] + mrnd) >> mean_shift;
            vxx[j] = (uint32_t)((axx[j] + srnd) >> sq_shift);
            vyy[j] = (uint32_t)((ayy[j] + srnd) >> sq_shift);
            vxy[j] = (uint32_t)((axy[j] + srnd) >> sq_shift);
        }
    }
}

#endif /* VIF_PIXEL && VIF_SQ_ACC && VIF_FN */
