/*
 * libFuzzer target: feature option dictionaries. The first byte picks an extractor
 * (vmafx_feature_name), the second a picture size; the rest are "key=value" lines
 * given to vmaf_feature_dictionary_set(). The dictionary goes to vmaf_use_feature()
 * and, if it is accepted, two small picture pairs are scored and flushed. Any crash,
 * hang, leak or sanitizer report is a bug; rejections are fine. Public API only.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libvmaf/libvmaf.h"
#include "libvmaf/vmafx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_LINE 256

static void fill(VmafPicture *p, uint32_t seed)
{
    for (int plane = 0; plane < 3; plane++) {
        uint8_t *row = p->data[plane];
        if (!row)
            continue;
        for (unsigned y = 0; y < p->h[plane]; y++, row += p->stride[plane]) {
            for (unsigned x = 0; x < p->w[plane]; x++) {
                seed = seed * 1664525u + 1013904223u;
                if (p->bpc == 8)
                    row[x] = (uint8_t)(seed >> 24);
                else
                    ((uint16_t *)row)[x] = (uint16_t)((seed >> 16) & ((1u << p->bpc) - 1));
            }
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    size_t n_fex = 0;
    while (vmafx_feature_name(n_fex))
        n_fex++;
    const char *name = vmafx_feature_name(data[0] % n_fex);
    static const unsigned sizes[][2] = { { 16, 16 }, { 48, 36 }, { 180, 180 }, { 33, 17 } };
    const unsigned *wh = sizes[data[1] % 4];
    const unsigned bpc = (data[1] & 0x10) ? 10 : 8;

    VmafFeatureDictionary *dict = NULL;
    size_t i = 2;
    while (i < size) {
        char line[MAX_LINE];
        size_t n = 0;
        while (i < size && data[i] != '\n' && n < MAX_LINE - 1)
            line[n++] = (char)data[i++];
        while (i < size && data[i] != '\n')
            i++; /* overlong line: rest dropped */
        i++;
        line[n] = '\0';
        char *eq = memchr(line, '=', n);
        if (!eq)
            continue;
        *eq = '\0';
        vmaf_feature_dictionary_set(&dict, line, eq + 1);
    }

    VmafContext *vmaf;
    VmafConfiguration cfg = { .log_level = VMAF_LOG_LEVEL_NONE };
    if (vmaf_init(&vmaf, cfg)) {
        vmaf_feature_dictionary_free(&dict);
        return 0;
    }
    /* the name is a registered one, so the dictionary is consumed either way */
    if (vmaf_use_feature(vmaf, name, dict)) {
        vmaf_close(vmaf);
        return 0;
    }
    for (unsigned idx = 0; idx < 2; idx++) {
        VmafPicture ref, dist;
        if (vmaf_picture_alloc(&ref, VMAF_PIX_FMT_YUV420P, bpc, wh[0], wh[1]))
            break;
        if (vmaf_picture_alloc(&dist, VMAF_PIX_FMT_YUV420P, bpc, wh[0], wh[1])) {
            vmaf_picture_unref(&ref);
            break;
        }
        fill(&ref, 1 + idx);
        fill(&dist, 7 + idx);
        if (vmaf_read_pictures(vmaf, &ref, &dist, idx)) {
            vmaf_picture_unref(&ref);
            vmaf_picture_unref(&dist);
            break;
        }
    }
    vmaf_read_pictures(vmaf, NULL, NULL, 0);
    vmaf_close(vmaf);
    return 0;
}

#include "fuzz_standalone.h"
