/*
 * "psnr_hvs": PSNR-HVS in the Xiph/Daala formulation (spec
 * ssim-msssim-ciede-psnrhvs.md section 4). Each plane is cut into overlapping
 * 8x8 blocks (step 7), transformed with the integer lifting DCT, masked by the
 * block activity and weighted by a contrast-sensitivity table. The plane error is
 * one binary32 running sum in block then coefficient order, as upstream's.
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "feature/extractor.h"
#include "feature/extractors.h"
#include "log.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#define HVS_PLANES 3
#define HVS_STEP 7

/* CSF tables Q_p[i][j]: i vertical, j horizontal frequency (spec 4.2). */
static const float hvs_csf[HVS_PLANES][8][8] = {
    { /* Y */
        { 1.6193873005f, 2.2901594831f, 2.08509755623f, 1.48366094411f, 1.00227514334f, 0.678296995242f, 0.466224900598f, 0.3265091542f },
        { 2.2901594831f, 1.94321815382f, 2.04793073064f, 1.68731108984f, 1.2305666963f, 0.868920337363f, 0.61280991668f, 0.436405793551f },
        { 2.08509755623f, 2.04793073064f, 1.34329019223f, 1.09205635862f, 0.875748795257f, 0.670882927016f, 0.501731932449f, 0.372504254596f },
        { 1.48366094411f, 1.68731108984f, 1.09205635862f, 0.772819797575f, 0.605636379554f, 0.48309405692f, 0.380429446972f, 0.295774038565f },
        { 1.00227514334f, 1.2305666963f, 0.875748795257f, 0.605636379554f, 0.448996256676f, 0.352889268808f, 0.283006984131f, 0.226951348204f },
        { 0.678296995242f, 0.868920337363f, 0.670882927016f, 0.48309405692f, 0.352889268808f, 0.27032073436f, 0.215017739696f, 0.17408067321f },
        { 0.466224900598f, 0.61280991668f, 0.501731932449f, 0.380429446972f, 0.283006984131f, 0.215017739696f, 0.168869545842f, 0.136153931001f },
        { 0.3265091542f, 0.436405793551f, 0.372504254596f, 0.295774038565f, 0.226951348204f, 0.17408067321f, 0.136153931001f, 0.109083846276f },
    },
    { /* Cb */
        { 1.91113096927f, 2.46074210438f, 1.18284184739f, 1.14982565193f, 1.05017074788f, 0.898018824055f, 0.74725392039f, 0.615105596242f },
        { 2.46074210438f, 1.58529308355f, 1.21363250036f, 1.38190029285f, 1.33100189972f, 1.17428548929f, 0.996404342439f, 0.830890433625f },
        { 1.18284184739f, 1.21363250036f, 0.978712413627f, 1.02624506078f, 1.03145147362f, 0.960060382087f, 0.849823426169f, 0.731221236837f },
        { 1.14982565193f, 1.38190029285f, 1.02624506078f, 0.861317501629f, 0.801821139099f, 0.751437590932f, 0.685398513368f, 0.608694761374f },
        { 1.05017074788f, 1.33100189972f, 1.03145147362f, 0.801821139099f, 0.676555426187f, 0.605503172737f, 0.55002013668f, 0.495804539034f },
        { 0.898018824055f, 1.17428548929f, 0.960060382087f, 0.751437590932f, 0.605503172737f, 0.514674450957f, 0.454353482512f, 0.407050308965f },
        { 0.74725392039f, 0.996404342439f, 0.849823426169f, 0.685398513368f, 0.55002013668f, 0.454353482512f, 0.389234902883f, 0.342353999733f },
        { 0.615105596242f, 0.830890433625f, 0.731221236837f, 0.608694761374f, 0.495804539034f, 0.407050308965f, 0.342353999733f, 0.295530605237f },
    },
    { /* Cr */
        { 2.03871978502f, 2.62502345193f, 1.26180942886f, 1.11019789803f, 1.01397751469f, 0.867069376285f, 0.721500455585f, 0.593906509971f },
        { 2.62502345193f, 1.69112867013f, 1.17180569821f, 1.3342742857f, 1.28513006198f, 1.13381474809f, 0.962064122248f, 0.802254508198f },
        { 1.26180942886f, 1.17180569821f, 0.944981930573f, 0.990876405848f, 0.995903384143f, 0.926972725286f, 0.820534991409f, 0.706020324706f },
        { 1.11019789803f, 1.3342742857f, 0.990876405848f, 0.831632933426f, 0.77418706195f, 0.725539939514f, 0.661776842059f, 0.587716619023f },
        { 1.01397751469f, 1.28513006198f, 0.995903384143f, 0.77418706195f, 0.653238524286f, 0.584635025748f, 0.531064164893f, 0.478717061273f },
        { 0.867069376285f, 1.13381474809f, 0.926972725286f, 0.725539939514f, 0.584635025748f, 0.496936637883f, 0.438694579826f, 0.393021669543f },
        { 0.721500455585f, 0.962064122248f, 0.820534991409f, 0.661776842059f, 0.531064164893f, 0.438694579826f, 0.375820256136f, 0.330555063063f },
        { 0.593906509971f, 0.802254508198f, 0.706020324706f, 0.587716619023f, 0.478717061273f, 0.393021669543f, 0.330555063063f, 0.285345396658f },
    },
};

typedef struct PsnrHvsState {
    enum VmafPixelFormat pix_fmt;
    unsigned bpc, w, h;
    float mask[HVS_PLANES][8][8]; /* M_p = f32((Q_p * lambda)^2) */
} PsnrHvsState;

/* Integer lifting DCT helpers (spec 4.3); 64-bit so no input can overflow. */
static inline int64_t hvs_half(int64_t a)
{
    return (a + (a < 0)) >> 1;
}

static inline int64_t hvs_mul(int64_t a, int64_t m, unsigned n)
{
    return (a * m + ((int64_t)1 << (n - 1))) >> n;
}

/* One 8-point transform: in[k * in_step] -> out[k * out_step], out[0] is DC. */
static void hvs_dct8(const int64_t *in, ptrdiff_t in_step, int64_t *out, ptrdiff_t out_step)
{
    int64_t t0 = in[0 * in_step], t4 = in[1 * in_step], t2 = in[2 * in_step];
    int64_t t6 = in[3 * in_step], t7 = in[4 * in_step], t3 = in[5 * in_step];
    int64_t t5 = in[6 * in_step], t1 = in[7 * in_step];

    t1 = t0 - t1;
    const int64_t t1h = hvs_half(t1);
    t0 -= t1h;
    t4 += t5;
    const int64_t t4h = hvs_half(t4);
    t5 -= t4h;
    t3 = t2 - t3;
    t2 -= hvs_half(t3);
    t6 += t7;
    const int64_t t6h = hvs_half(t6);
    t7 = t6h - t7;
    t0 += t6h;
    t6 = t0 - t6;
    t2 = t4h - t2;
    t4 = t2 - t4;
    t0 -= hvs_mul(t4, 13573, 15);
    t4 += hvs_mul(t0, 11585, 14);
    t0 -= hvs_mul(t4, 13573, 15);
    t6 -= hvs_mul(t2, 21895, 15);
    t2 += hvs_mul(t6, 15137, 14);
    t6 -= hvs_mul(t2, 21895, 15);
    t3 += hvs_mul(t5, 19195, 15);
    t5 += hvs_mul(t3, 11585, 14);
    t3 -= hvs_mul(t5, 7489, 13);
    t7 = hvs_half(t5) - t7;
    t5 -= t7;
    t3 = t1h - t3;
    t1 -= t3;
    t7 += hvs_mul(t1, 3227, 15);
    t1 -= hvs_mul(t7, 6393, 15);
    t7 += hvs_mul(t1, 3227, 15);
    t5 += hvs_mul(t3, 2485, 13);
    t3 -= hvs_mul(t5, 18205, 15);
    t5 += hvs_mul(t3, 2485, 13);

    out[0 * out_step] = t0;
    out[1 * out_step] = t1;
    out[2 * out_step] = t2;
    out[3 * out_step] = t3;
    out[4 * out_step] = t4;
    out[5 * out_step] = t5;
    out[6 * out_step] = t6;
    out[7 * out_step] = t7;
}

/* 2-D transform, vertical pass first: dct[i][j], i vertical frequency. */
static void hvs_dct8x8(const int64_t block[64], int64_t dct[64])
{
    int64_t z[64]; /* z[j * 8 + k]: vertical frequency k of column j */
    for (unsigned j = 0; j < 8; j++)
        hvs_dct8(block + j, 8, z + j * 8, 1);
    for (unsigned k = 0; k < 8; k++)
        hvs_dct8(z + k, 8, dct + k * 8, 1);
}

/* Masking strength of one block (spec 4.4 steps 1-6); fills dct. */
static float hvs_block_mask(const int64_t block[64], const float mask[8][8], int64_t dct[64])
{
    int64_t total = 0, quad_sum[4] = { 0, 0, 0, 0 };
    for (unsigned i = 0; i < 8; i++) {
        for (unsigned j = 0; j < 8; j++) {
            total += block[i * 8 + j];
            quad_sum[(i >= 4) + 2 * (j >= 4)] += block[i * 8 + j];
        }
    }
    const float mean = (float)total / 64.0f;
    float quad_mean[4];
    for (unsigned n = 0; n < 4; n++)
        quad_mean[n] = (float)quad_sum[n] / 16.0f;

    float var = 0.0f, quad_var[4] = { 0.0f, 0.0f, 0.0f, 0.0f };
    for (unsigned i = 0; i < 8; i++) {
        for (unsigned j = 0; j < 8; j++) {
            const unsigned n = (i >= 4) + 2 * (j >= 4);
            const float v = (float)block[i * 8 + j];
            const float dg = v - mean, dq = v - quad_mean[n];
            var += dg * dg;
            quad_var[n] += dq * dq;
        }
    }
    /* unbiased-variance factors n/(n-1), rounded as upstream */
    const float k63 = (1.0f / 63.0f) * 64.0f, k15 = (1.0f / 15.0f) * 16.0f;
    var *= k63;
    for (unsigned n = 0; n < 4; n++)
        quad_var[n] *= k15;
    const float ratio =
        var > 0.0f ? (((quad_var[0] + quad_var[1]) + quad_var[2]) + quad_var[3]) / var : 0.0f;

    hvs_dct8x8(block, dct);
    float energy = 0.0f;
    for (unsigned i = 0; i < 8; i++) {
        for (unsigned j = 0; j < 8; j++) {
            if (i == 0 && j == 0)
                continue;
            const int64_t c = dct[i * 8 + j];
            energy += (float)(c * c) * mask[i][j];
        }
    }
    return (float)(sqrt((double)(energy * ratio)) / 32.0);
}

static void hvs_load_block(const VmafPicture *pic, unsigned p, unsigned x, unsigned y,
                           bool hbd, int64_t block[64])
{
    for (unsigned i = 0; i < 8; i++) {
        const uint8_t *line = (const uint8_t *)pic->data[p] + (ptrdiff_t)(y + i) * pic->stride[p];
        if (hbd) {
            const uint16_t *s = (const uint16_t *)line + x;
            for (unsigned j = 0; j < 8; j++)
                block[i * 8 + j] = s[j];
        } else {
            for (unsigned j = 0; j < 8; j++)
                block[i * 8 + j] = line[x + j];
        }
    }
}

/* Mean masked, CSF-weighted squared DCT error of plane p (spec 4.1, 4.4). */
static double hvs_plane_error(const PsnrHvsState *st, const VmafPicture *ref,
                              const VmafPicture *dist, unsigned p)
{
    const unsigned w = ref->w[p], h = ref->h[p];
    const bool hbd = st->bpc > 8;
    const float(*csf)[8] = hvs_csf[p];
    const float(*mask)[8] = st->mask[p];

    float acc = 0.0f; /* one binary32 running sum over the whole plane */
    uint32_t count = 0;
    for (unsigned y = 0; y + 7 < h; y += HVS_STEP) {
        for (unsigned x = 0; x + 7 < w; x += HVS_STEP) {
            int64_t rb[64], db[64], rdct[64], ddct[64];
            hvs_load_block(ref, p, x, y, hbd, rb);
            hvs_load_block(dist, p, x, y, hbd, db);
            const float mr = hvs_block_mask(rb, mask, rdct);
            const float md = hvs_block_mask(db, mask, ddct);
            const float m = md > mr ? md : mr;

            for (unsigned i = 0; i < 8; i++) {
                for (unsigned j = 0; j < 8; j++) {
                    const int64_t d = rdct[i * 8 + j] - ddct[i * 8 + j];
                    float e = (float)(d < 0 ? -d : d);
                    if (i || j) {
                        const float threshold = m / mask[i][j];
                        e = e < threshold ? 0.0f : e - threshold;
                    }
                    const float t = e * csf[i][j];
                    acc += t * t;
                    count++;
                }
            }
        }
    }

    if (!count) /* no block: upstream divides 0 by 0 */
        return NAN;
    const uint64_t peak = (1ull << st->bpc) - 1;
    acc = acc / (float)count;
    acc = acc / (float)(peak * peak);
    return acc;
}

static int psnr_hvs_init(VmafxFexCtx *ctx, void *priv, enum VmafPixelFormat pix_fmt,
                         unsigned bpc, unsigned w, unsigned h)
{
    (void)ctx;
    PsnrHvsState *st = priv;

    if (pix_fmt != VMAF_PIX_FMT_YUV420P && pix_fmt != VMAF_PIX_FMT_YUV422P &&
        pix_fmt != VMAF_PIX_FMT_YUV444P)
        return -EINVAL;
    if (bpc > 12) {
        vmafx_log(NULL, VMAF_LOG_LEVEL_ERROR,
                  "psnr_hvs: invalid bitdepth (%u), bpc must be less than or equal to 12\n",
                  bpc);
        return -EINVAL;
    }
    if (bpc < 8 || !w || !h)
        return -EINVAL;

    st->pix_fmt = pix_fmt;
    st->bpc = bpc;
    st->w = w;
    st->h = h;
    const double lambda = 0.3885746225901003;
    for (unsigned p = 0; p < HVS_PLANES; p++)
        for (unsigned i = 0; i < 8; i++)
            for (unsigned j = 0; j < 8; j++) {
                const double q = hvs_csf[p][i][j] * lambda;
                st->mask[p][i][j] = (float)(q * q);
            }
    return 0;
}

static bool hvs_picture_ok(const PsnrHvsState *st, const VmafPicture *pic)
{
    if (!pic || pic->pix_fmt != st->pix_fmt || pic->bpc != st->bpc || pic->w[0] != st->w ||
        pic->h[0] != st->h)
        return false;
    for (unsigned p = 0; p < HVS_PLANES; p++) {
        if ((!pic->data[p] && pic->w[p] && pic->h[p]) ||
            pic->stride[p] < ((ptrdiff_t)pic->w[p] << (st->bpc > 8)))
            return false;
    }
    return true;
}

static int psnr_hvs_extract(VmafxFexCtx *ctx, void *priv, const VmafPicture *ref,
                            const VmafPicture *dist, unsigned index)
{
    static const char *const names[HVS_PLANES] = { "psnr_hvs_y", "psnr_hvs_cb", "psnr_hvs_cr" };
    PsnrHvsState *st = priv;

    if (!hvs_picture_ok(st, ref) || !hvs_picture_ok(st, dist))
        return -EINVAL;
    for (unsigned p = 1; p < HVS_PLANES; p++)
        if (ref->w[p] != dist->w[p] || ref->h[p] != dist->h[p])
            return -EINVAL;

    double err_p[HVS_PLANES];
    int err = 0;
    for (unsigned p = 0; p < HVS_PLANES && !err; p++) {
        err_p[p] = hvs_plane_error(st, ref, dist, p);
        err = vmafx_fex_write(ctx, names[p], -10.0 * log10(err_p[p]), index);
    }
    if (!err) {
        const double combined = err_p[0] * 0.8 + 0.1 * (err_p[1] + err_p[2]);
        err = vmafx_fex_write(ctx, "psnr_hvs", -10.0 * log10(combined), index);
    }
    return err;
}

static const char *const psnr_hvs_provided[] = {
    "psnr_hvs_y", "psnr_hvs_cb", "psnr_hvs_cr", "psnr_hvs", NULL,
};

const VmafxFeatureExtractor vmafx_fex_psnr_hvs = {
    .name = "psnr_hvs",
    .priv_size = sizeof(PsnrHvsState),
    .provided = psnr_hvs_provided,
    .init = psnr_hvs_init,
    .extract = psnr_hvs_extract,
};
