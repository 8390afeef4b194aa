/*
 * Integer ADM: contrast sensitivity factors per scale and orientation
 * (spec integer-adm.md section 6). Every float/double conversion point below is
 * part of the result; keep each expression in the written order.
 */
#include <math.h>
#include <stdint.h>

#include "feature/integer_adm_internal.h"

/* Every float/double operation must round on its own (spec 0): no fused
 * multiply-add. GCC keeps contraction off in ISO C mode (-std=c11). */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

static const double adm_pi = 3.14159265358979323846;

/* Watson et al. 1997 basis amplitudes: [scale][0] for H/V, [scale][1] for D. */
static const float watson_amp[VMAFX_ADM_SCALES][2] = {
    { 0.67234f, 0.72709f },
    { 0.41317f, 0.49428f },
    { 0.22727f, 0.28688f },
    { 0.11792f, 0.15214f },
};

static float watson_factor(int scale, double nvd, int rdh, float gain, float amp)
{
    const float a = 0.495f, k = 0.466f, f0 = 0.401f;
    const float r = (float)(nvd * (double)rdh * adm_pi / 180.0);
    const float tmp = (float)log10(pow(2.0, scale + 1) * (double)f0 * (double)gain /
                                   (double)r);
    const float e = (k * tmp) * tmp;
    const float q = (float)(2.0 * (double)a * pow(10.0, (double)e) / (double)amp);
    return 1.0f / q;
}

/* Blended Barten/Watson tables of modes 2 and 3: [row][f1 or f2][scale]. */
typedef struct BlendRow {
    int rdh;
    double nvd;
    float f[2][VMAFX_ADM_SCALES];
} BlendRow;

static const BlendRow blend_mode2[] = {
    { 1080, 3.0, { { 0.01183f, 0.025026f, 0.04295f, 0.058621f },
                   { 0.004302f, 0.011778f, 0.023918f, 0.035901f } } },
    { 2160, 1.5, { { 0.01183f, 0.025026f, 0.04295f, 0.058621f },
                   { 0.004302f, 0.011778f, 0.023918f, 0.035901f } } },
    { 1080, 5.0, { { 0.004212f, 0.014809f, 0.029642f, 0.047464f },
                   { 0.000984f, 0.005852f, 0.0146f, 0.027574f } } },
    { 2160, 3.0, { { 0.00226f, 0.01183f, 0.025026f, 0.04295f },
                   { 0.000479f, 0.004302f, 0.011778f, 0.023918f } } },
    { 2160, 5.0, { { 0.000092f, 0.004212f, 0.014809f, 0.029642f },
                   { 0.000050f, 0.000984f, 0.005852f, 0.0146f } } },
    { 720, 3.0, { { 0.018715f, 0.035637f, 0.052798f, 0.061509f },
                  { 0.007999f, 0.018396f, 0.031851f, 0.037718f } } },
    { 720, 5.0, { { 0.010144f, 0.022561f, 0.040309f, 0.05672f },
                  { 0.003463f, 0.010282f, 0.021839f, 0.034641f } } },
    { 480, 3.0, { { 0.027961f, 0.045875f, 0.060275f, 0.056234f },
                  { 0.013572f, 0.026277f, 0.036959f, 0.034511f } } },
    { 480, 5.0, { { 0.016781f, 0.032822f, 0.05032f, 0.061594f },
                  { 0.00691f, 0.016545f, 0.029917f, 0.037777f } } },
};

static const BlendRow blend_mode3[] = {
    { 1080, 3.0, { { 0.011249f, 0.022606f, 0.035930f, 0.045673f },
                   { 0.004097f, 0.010921f, 0.021430f, 0.031313f } } },
    { 2160, 1.5, { { 0.011249f, 0.022606f, 0.035930f, 0.045673f },
                   { 0.004097f, 0.010921f, 0.021430f, 0.031313f } } },
    { 1080, 5.0, { { 0.004052f, 0.013939f, 0.026298f, 0.038833f },
                   { 0.000927f, 0.005544f, 0.013415f, 0.024515f } } },
    { 2160, 3.0, { { 0.002166f, 0.011249f, 0.022606f, 0.035930f },
                   { 0.000447f, 0.004097f, 0.010921f, 0.021430f } } },
    { 2160, 5.0, { { 0.000077f, 0.004052f, 0.013939f, 0.026298f },
                   { 0.000045f, 0.000927f, 0.005544f, 0.013415f } } },
    { 720, 3.0, { { 0.017329f, 0.030870f, 0.042134f, 0.047410f },
                  { 0.007509f, 0.016707f, 0.028072f, 0.032722f } } },
    { 720, 5.0, { { 0.009689f, 0.020577f, 0.034162f, 0.044523f },
                  { 0.003302f, 0.009579f, 0.019661f, 0.030318f } } },
    { 480, 3.0, { { 0.024969f, 0.037825f, 0.046676f, 0.043974f },
                  { 0.012511f, 0.023424f, 0.032139f, 0.030166f } } },
    { 480, 5.0, { { 0.015665f, 0.028766f, 0.040612f, 0.047483f },
                  { 0.006514f, 0.015107f, 0.026476f, 0.032776f } } },
};

/* Table lookup by exact (rdh, nvd); upstream's error code -22 otherwise. */
static float blend_factor(const BlendRow *rows, int n_rows, int rdh, double nvd,
                          int orient, int scale)
{
    for (int i = 0; i < n_rows; i++)
        if (rows[i].rdh == rdh && rows[i].nvd == nvd)
            return rows[i].f[orient][scale];
    return -22.0f;
}

/* Barten CSF (HDR-VDP-2 simplification) at 100 cd/m^2, spec 6.4. */
static const float barten_anchor[6] = { 0.002f, 0.02f, 0.2f, 2.0f, 20.0f, 150.0f };
static const float barten_par[6][4] = {
    { 0.991265f, 3.74038f, 0.50722f, 4.46044f },
    { 0.800889f, 3.54104f, 0.682505f, 4.94958f },
    { 0.476505f, 4.37453f, 0.750315f, 5.28678f },
    { 0.405782f, 4.40602f, 0.935314f, 5.61425f },
    { 0.334278f, 3.79542f, 1.07327f, 6.4635f },
    { 0.394533f, 2.7755f, 1.16577f, 7.45665f },
};

static float barten_factor(int scale, double nvd, int rdh)
{
    static const float sa[4] = { 30.162f, 4.0627f, 1.6596f, 0.2712f };
    static const float ma[4] = { 0.424838596301290f, 0.572435103936480f,
                                 0.000167576239164937f, 0.00255872352306433f };
    static const float mb[4] = { 0.028f, 0.37f, 37.0f, 360.0f };
    const float lum = 100.0f;

    const float r = (float)(nvd * (double)rdh * adm_pi / 180.0);
    const float sf = (float)((double)r / pow(2.0, scale + 1));

    /* Interpolate the parameters in log luminance between two anchors. */
    int lo = 0;
    while (lo < 4 && !(barten_anchor[lo] <= lum && lum <= barten_anchor[lo + 1]))
        lo++;
    const float xl = (float)log10((double)barten_anchor[lo]);
    const float xr = (float)log10((double)barten_anchor[lo + 1]);
    const float xs = (float)log10((double)lum);
    float p[4];
    for (int n = 0; n < 4; n++) {
        const float vl = barten_par[lo][n], vr = barten_par[lo + 1][n];
        const float slope = (vr - vl) / (xr - xl);
        const float step = slope * (xs - xl);
        p[n] = vl + step;
    }

    const float p1sf = p[0] * sf;
    const float big_a = (float)(1.0 + pow((double)p1sf, (double)p[1]));
    const float sf7 = sf / 7.0f;
    const float big_b =
        (float)(1.0 / pow(1.0 - exp(-pow((double)sf7, 2.0)), (double)p[2]));
    const float ab = big_a * big_b;
    const float csf = (float)((double)p[3] / pow((double)ab, 0.5));

    float mtf = 0.0f;
    for (int n = 0; n < 4; n++) {
        const float arg = -mb[n] * sf;
        mtf = (float)((double)mtf + (double)ma[n] * exp((double)arg));
    }
    const float sa1 = sa[1] / 100.0f;
    const float rod =
        (float)((double)sa[0] * pow(pow((double)sa1, (double)sa[2]) + 1.0,
                                    (double)-sa[3]));
    const float cm = csf * mtf;
    return cm * rod;
}

/* Out-of-range double to unsigned conversions as upstream's x86-64 build does
 * them (spec 14.2): through int32 (u16) or int64 (u32), invalid -> INT_MIN. */
static uint16_t to_u16(double x)
{
    int32_t v = INT32_MIN;
    if (x > -2147483649.0 && x < 2147483648.0)
        v = (int32_t)x;
    return (uint16_t)(uint32_t)v;
}

static uint32_t to_u32(double x)
{
    int64_t v = INT64_MIN;
    if (x > -9223372036854775808.0 && x < 9223372036854775808.0)
        v = (int64_t)x;
    return (uint32_t)(uint64_t)v;
}

void vmafx_adm_csf_setup(VmafxAdmCsf *csf, int mode, double nvd, int rdh,
                         double csf_scale, double csf_diag_scale)
{
    const int n_blend = (int)(sizeof(blend_mode2) / sizeof(blend_mode2[0]));

    for (int s = 0; s < VMAFX_ADM_SCALES; s++) {
        float f1, f2;
        if (mode == 1) {
            const float b = barten_factor(s, nvd, rdh);
            f1 = (float)((double)b * csf_scale);
            f2 = (float)((double)b * csf_diag_scale);
        } else if (mode == 2 || mode == 3) {
            const BlendRow *rows = mode == 2 ? blend_mode2 : blend_mode3;
            f1 = blend_factor(rows, n_blend, rdh, nvd, 0, s);
            f2 = blend_factor(rows, n_blend, rdh, nvd, 1, s);
        } else {
            f1 = watson_factor(s, nvd, rdh, 1.0f, watson_amp[s][0]);
            f2 = watson_factor(s, nvd, rdh, 0.534f, watson_amp[s][1]);
        }
        csf->f_hv[s] = f1;
        csf->f_d[s] = f2;
        if (s == 0) {
            csf->rho_hv[0] = csf->rho_d[0] = 0;
        } else {
            csf->rho_hv[s] = to_u32((double)f1 * 4294967296.0);
            csf->rho_d[s] = to_u32((double)f2 * 4294967296.0);
        }
    }

    /* Upstream hard-codes the Watson scale-0 factors for 1080 lines at 3H;
     * they differ from what the formula gives (spec 6.5). */
    if (mode == 0 && fabs(nvd * (double)rdh - 3240.0) < 1e-8) {
        csf->rho0_hv = 36453;
        csf->rho0_d = 49417;
    } else {
        csf->rho0_hv = to_u16((double)csf->f_hv[0] * 2097152.0);
        csf->rho0_d = to_u16((double)csf->f_d[0] * 8388608.0);
    }
}
