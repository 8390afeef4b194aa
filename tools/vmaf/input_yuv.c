/*
 * Raw planar .yuv reader: frames of Y, U, V planes back to back, no header;
 * depths above 8 bits are little-endian 16-bit words.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <errno.h>
#include <string.h>

#include "input.h"

int input_yuv_check(Input *in, const InputGeometry *raw)
{
    in->is_y4m = 0;
    return input_set_geometry(in, raw);
}

/* A raw frame starts wherever one more byte can be read. */
int input_yuv_frame_begin(Input *in)
{
    if (in->peek_pos < in->peek_len)
        return 1;
    unsigned char c;
    if (input_read_bytes(in, &c, 1) != 1) {
        if (ferror(in->f)) {
            snprintf(in->err, sizeof(in->err), "%s: read error before frame %u: %s",
                     in->name, in->frames_begun, strerror(errno));
            return -EIO;
        }
        return 0;
    }
    /* hand the byte back through the look-ahead buffer */
    in->peek[0] = c;
    in->peek_len = 1;
    in->peek_pos = 0;
    return 1;
}
