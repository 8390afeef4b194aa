/*
 * libFuzzer target: the bytes are a y4m stream, read through the vmaf tool's
 * reader (tools/vmaf/input*.c) via fmemopen, every frame to the end.
 * Pictures are built here with the library's geometry, so no library is
 * needed; frames are alternately read into a picture and skipped.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Geometries above this are only header-parsed, to keep runs fast and small. */
#define FUZZ_MAX_PIXELS (1u << 20)

static int alloc_pic(VmafPicture *pic, const InputGeometry *g)
{
    const unsigned sx = g->pix_fmt != VMAF_PIX_FMT_YUV444P, sy = g->pix_fmt == VMAF_PIX_FMT_YUV420P;
    const unsigned bps = g->bpc > 8 ? 2 : 1;
    memset(pic, 0, sizeof(*pic));
    pic->pix_fmt = g->pix_fmt;
    pic->bpc = g->bpc;
    for (int p = 0; p < 3; p++) {
        pic->w[p] = p ? g->w >> sx : g->w;
        pic->h[p] = p ? g->h >> sy : g->h;
        pic->stride[p] = (ptrdiff_t)((size_t)pic->w[p] * bps);
        /* +1: a 1-pixel-wide 4:2:0 frame has empty chroma planes */
        pic->data[p] = malloc((size_t)pic->stride[p] * pic->h[p] + 1);
        if (!pic->data[p])
            return -1;
    }
    return 0;
}

static void free_pic(VmafPicture *pic)
{
    for (int p = 0; p < 3; p++)
        free(pic->data[p]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size)
        return 0;
    FILE *f = fmemopen((void *)(uintptr_t)data, size, "rb");
    if (!f)
        return 0;
    Input in;
    if (!input_open_stream(&in, f, "fuzz", 1, NULL) &&
        (uint64_t)in.geo.w * in.geo.h <= FUZZ_MAX_PIXELS) {
        VmafPicture pic;
        if (!alloc_pic(&pic, &in.geo)) {
            for (unsigned i = 0; input_frame_begin(&in) == 1; i++)
                if (input_frame_read(&in, (i & 1) ? NULL : &pic))
                    break;
        }
        free_pic(&pic);
    }
    input_close(&in);
    fclose(f);
    return 0;
}

#include "fuzz_standalone.h"
