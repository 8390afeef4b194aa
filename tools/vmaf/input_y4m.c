/*
 * YUV4MPEG2 reader: stream header and FRAME lines. Every line is read with a
 * fixed bound, so no header value can make us read or allocate without limit.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"

/*
 * Reads one '\n'-terminated line (without the '\n') into buf. Returns its
 * length, -1 at EOF before any byte, -2 when EOF cuts the line, -3 when the
 * line is longer than the buffer.
 */
static int read_line(Input *in, char *buf, size_t size)
{
    size_t len = 0;
    for (;;) {
        unsigned char c;
        if (input_read_bytes(in, &c, 1) != 1)
            return len ? -2 : -1;
        if (c == '\n')
            break;
        if (len + 1 >= size)
            return -3;
        buf[len++] = (char)c;
    }
    buf[len] = '\0';
    return (int)len;
}

/* Parses a decimal dimension of a W or H tag: digits only, 1..INPUT_MAX_DIM. */
static int parse_dim(const char *s, unsigned *out)
{
    if (*s < '0' || *s > '9')
        return -EINVAL;
    unsigned long v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -EINVAL;
        v = v * 10 + (unsigned long)(*s - '0');
        if (v > INPUT_MAX_DIM)
            return -ERANGE;
    }
    if (!v)
        return -ERANGE;
    *out = (unsigned)v;
    return 0;
}

/*
 * Chroma tag: 420, 420jpeg, 420mpeg2, 420paldv, 422, 444 (8 bit) and
 * 420pN, 422pN, 444pN with N in 8..16.
 */
static int parse_chroma(const char *s, InputGeometry *geo)
{
    if (!strncmp(s, "420", 3))
        geo->pix_fmt = VMAF_PIX_FMT_YUV420P;
    else if (!strncmp(s, "422", 3))
        geo->pix_fmt = VMAF_PIX_FMT_YUV422P;
    else if (!strncmp(s, "444", 3))
        geo->pix_fmt = VMAF_PIX_FMT_YUV444P;
    else
        return -EINVAL;
    const char *rest = s + 3;
    geo->bpc = 8;
    if (!*rest)
        return 0;
    if (geo->pix_fmt == VMAF_PIX_FMT_YUV420P &&
        (!strcmp(rest, "jpeg") || !strcmp(rest, "mpeg2") || !strcmp(rest, "paldv")))
        return 0;
    if (rest[0] != 'p' || rest[1] < '0' || rest[1] > '9')
        return -EINVAL;
    unsigned bits = (unsigned)(rest[1] - '0');
    if (rest[2]) {
        if (rest[2] < '0' || rest[2] > '9' || rest[3])
            return -EINVAL;
        bits = bits * 10 + (unsigned)(rest[2] - '0');
    }
    if (bits < 8 || bits > 16)
        return -EINVAL;
    geo->bpc = bits;
    return 0;
}

int input_y4m_parse_header(Input *in)
{
    char line[INPUT_MAX_HEADER];
    const int len = read_line(in, line, sizeof(line));
    if (len == -1 || len == -2) {
        snprintf(in->err, sizeof(in->err), "%s: truncated y4m header", in->name);
        return -EINVAL;
    }
    if (len == -3) {
        snprintf(in->err, sizeof(in->err), "%s: y4m header longer than %u bytes", in->name,
                 INPUT_MAX_HEADER);
        return -EINVAL;
    }
    if (strncmp(line, "YUV4MPEG2", 9) || (line[9] != ' ' && line[9] != '\0')) {
        snprintf(in->err, sizeof(in->err), "%s: not a y4m file (no YUV4MPEG2 signature)",
                 in->name);
        return -EINVAL;
    }
    InputGeometry geo = { .pix_fmt = VMAF_PIX_FMT_YUV420P, .bpc = 8 };
    int have_w = 0, have_h = 0;
    char *save = NULL;
    for (char *tok = strtok_r(line + 9, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        int err = 0;
        switch (tok[0]) {
        case 'W': err = parse_dim(tok + 1, &geo.w); have_w = 1; break;
        case 'H': err = parse_dim(tok + 1, &geo.h); have_h = 1; break;
        case 'C':
            if (parse_chroma(tok + 1, &geo)) {
                snprintf(in->err, sizeof(in->err),
                         "%s: unsupported y4m chroma tag 'C%.32s' (need 420, 422 or 444, "
                         "optionally with p10/p12/p16)", in->name, tok + 1);
                return -EINVAL;
            }
            break;
        default: break; /* F, I, A, X and unknown tags carry nothing we use */
        }
        if (err) {
            snprintf(in->err, sizeof(in->err),
                     "%s: bad y4m %s '%.32s' (must be 1..%u)", in->name,
                     tok[0] == 'W' ? "width" : "height", tok + 1, INPUT_MAX_DIM);
            return -EINVAL;
        }
    }
    if (!have_w || !have_h) {
        snprintf(in->err, sizeof(in->err), "%s: y4m header has no %s", in->name,
                 have_w ? "height (H)" : "width (W)");
        return -EINVAL;
    }
    return input_set_geometry(in, &geo);
}

int input_y4m_frame_begin(Input *in)
{
    char line[INPUT_MAX_HEADER];
    const unsigned frame = in->frames_begun;
    const int len = read_line(in, line, sizeof(line));
    if (len == -1) {
        if (ferror(in->f)) {
            snprintf(in->err, sizeof(in->err), "%s: read error before frame %u: %s",
                     in->name, frame, strerror(errno));
            return -EIO;
        }
        return 0;
    }
    if (len == -2) {
        snprintf(in->err, sizeof(in->err), "%s: truncated FRAME header of frame %u",
                 in->name, frame);
        return -EIO;
    }
    if (len == -3 || strncmp(line, "FRAME", 5) || (line[5] != ' ' && line[5] != '\0')) {
        snprintf(in->err, sizeof(in->err),
                 "%s: frame %u does not start with a FRAME line (wrong size or corrupt data)",
                 in->name, frame);
        return -EINVAL;
    }
    return 1;
}
