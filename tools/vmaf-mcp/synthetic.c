/*
 * Synthetic 8-bit 4:2:0 pair. The reference mixes a diagonal ramp that moves
 * with the frame number and per-pixel noise from a small LCG; the distorted
 * frame is a 3-tap horizontal blur of it rounded to multiples of 4.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "synthetic.h"

static uint32_t lcg(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state >> 24;
}

static void fill_pair(VmafPicture *ref, VmafPicture *dist, unsigned frame)
{
    uint32_t seed = 0x9e3779b9u ^ (frame * 2654435761u);
    for (unsigned p = 0; p < 3; p++) {
        const unsigned w = ref->w[p], h = ref->h[p];
        for (unsigned y = 0; y < h; y++) {
            uint8_t *r = (uint8_t *)ref->data[p] + (ptrdiff_t)y * ref->stride[p];
            uint8_t *d = (uint8_t *)dist->data[p] + (ptrdiff_t)y * dist->stride[p];
            for (unsigned x = 0; x < w; x++) {
                const unsigned ramp = (x * 3 + y * 2 + frame * 5) % 160;
                const unsigned base = p ? 96 + ramp / 4 : 32 + ramp;
                r[x] = (uint8_t)(base + (lcg(&seed) & 31));
            }
            for (unsigned x = 0; x < w; x++) {
                const unsigned l = r[x ? x - 1 : 0], c = r[x], rr = r[x + 1 < w ? x + 1 : x];
                const unsigned blur = (l + 2 * c + rr + 2) / 4;
                d[x] = (uint8_t)((blur + 2) & ~3u);
            }
        }
    }
}

int synth_score(const SynthParams *p, const ScoreOptions *opt, const McpConfig *cfg,
                const ScoreHooks *hooks, json_object **out, char *err, size_t err_size)
{
    *out = NULL;
    if (p->w < SYNTH_MIN_SIDE || p->h < SYNTH_MIN_SIDE || p->w > SYNTH_MAX_W ||
        p->h > SYNTH_MAX_H || (p->w & 1) || (p->h & 1) || !p->frames ||
        p->frames > SYNTH_MAX_FRAMES) {
        snprintf(err, err_size, "synthetic pair: width %u..%u, height %u..%u (both even), "
                 "frames 1..%u", SYNTH_MIN_SIDE, SYNTH_MAX_W, SYNTH_MIN_SIDE, SYNTH_MAX_H,
                 SYNTH_MAX_FRAMES);
        return -EINVAL;
    }
    Scorer s;
    int r = scorer_open(&s, opt, cfg, err, err_size);
    for (unsigned f = 0; !r && f < p->frames; f++) {
        const McpStopReason why = mcp_job_should_stop(hooks ? hooks->job : NULL);
        if (why) {
            r = score_stop_error(why, err, err_size);
            break;
        }
        VmafPicture ref, dist;
        if (vmaf_picture_alloc(&ref, VMAF_PIX_FMT_YUV420P, 8, p->w, p->h)) {
            r = -ENOMEM;
            break;
        }
        if (vmaf_picture_alloc(&dist, VMAF_PIX_FMT_YUV420P, 8, p->w, p->h)) {
            vmaf_picture_unref(&ref);
            r = -ENOMEM;
            break;
        }
        fill_pair(&ref, &dist, f);
        r = scorer_push(&s, &ref, &dist, err, err_size);
        if (!r && hooks && hooks->progress)
            hooks->progress(hooks->ctx, f + 1, p->frames);
    }
    if (r == -ENOMEM)
        snprintf(err, err_size, "out of memory");
    if (!r)
        r = scorer_finish(&s, out, err, err_size);
    if (!r) {
        json_object *pair = json_object_new_object();
        json_object_object_add(pair, "width", json_object_new_int((int)p->w));
        json_object_object_add(pair, "height", json_object_new_int((int)p->h));
        json_object_object_add(pair, "frames", json_object_new_int((int)p->frames));
        json_object_object_add(pair, "pixfmt", json_object_new_string("420"));
        json_object_object_add(pair, "bitdepth", json_object_new_int(8));
        json_object_object_add(*out, "synthetic", pair);
    }
    scorer_close(&s);
    return r;
}
