/*
 * Video input for the vmaf tool: .y4m (file or stdin) and raw planar .yuv.
 *
 * Usage: input_open() (or input_open_stream()), then per frame
 * input_frame_begin() and, when it returned 1, input_frame_read() into a
 * picture that the caller allocated with the input's geometry; input_close().
 * Errors return a negative errno and leave one line (naming the input and,
 * for frame errors, the frame number) in in->err.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#ifndef VMAFX_TOOLS_INPUT_H
#define VMAFX_TOOLS_INPUT_H

#include <stdint.h>
#include <stdio.h>

#include "libvmaf/picture.h"

/* Largest accepted width or height; keeps every size computation small. */
#define INPUT_MAX_DIM 16384u
/* Longest y4m stream header or FRAME line we read before giving up. */
#define INPUT_MAX_HEADER 4096u
/* File rows per read when samples need converting or the picture is padded. */
#define INPUT_CHUNK_ROWS 32u

typedef struct InputGeometry {
    unsigned w, h;
    unsigned bpc;                  /* 8..16 */
    enum VmafPixelFormat pix_fmt;  /* 420, 422 or 444 */
} InputGeometry;

typedef struct Input {
    FILE *f;
    int owns_file;             /* close f in input_close() */
    const char *name;          /* borrowed, for messages */
    int is_y4m;
    InputGeometry geo;
    unsigned bytes_per_sample; /* 1 or 2 (little-endian) */
    unsigned plane_w[3], plane_h[3]; /* samples per row / rows in the file */
    uint64_t frame_bytes;      /* sample bytes of one frame in the file */
    unsigned frames_begun;     /* frames whose start was seen */
    int frame_pending;         /* begun but not yet read */
    uint8_t *chunk;            /* staging for up to chunk_rows file rows of plane 0 */
    unsigned chunk_rows;
    /* bytes read ahead while sniffing the format, handed out first */
    uint8_t peek[16];
    unsigned peek_len, peek_pos;
    char err[512];
} Input;

/*
 * Opens `path` ("-" is stdin, always y4m). The format is y4m when the file
 * starts with "YUV4MPEG2 " or the name ends in ".y4m"; otherwise raw, which
 * needs `raw` (all four fields set). With a y4m input, a non-NULL `raw` must
 * agree with the header. Returns 0, -EINVAL (bad header or parameters),
 * -ENOENT/-EACCES/... (cannot open) or -ENOMEM. The file is opened read-only.
 */
int input_open(Input *in, const char *path, const InputGeometry *raw);

/*
 * As input_open() on an already open stream (borrowed: not closed by
 * input_close()); `name` is used in messages. Used for stdin and fuzzing.
 */
int input_open_stream(Input *in, FILE *f, const char *name, int force_y4m,
                      const InputGeometry *raw);

/*
 * Reads the start of the next frame (y4m: its FRAME line). Returns 1 when a
 * frame follows, 0 at a clean end of the input, or a negative errno.
 */
int input_frame_begin(Input *in);

/*
 * Reads the samples of the frame started by input_frame_begin() into `pic`,
 * which must have the input's size and pixel format and a bpc not below the
 * input's (smaller depths are shifted up). pic == NULL skips the frame.
 * Returns 0 or a negative errno (-EIO on a truncated frame).
 */
int input_frame_read(Input *in, VmafPicture *pic);

/* Frees what the input holds; closes the file when input_open() opened it. */
void input_close(Input *in);

/* Reader internals shared by input.c, input_y4m.c and input_yuv.c. */
size_t input_read_bytes(Input *in, void *buf, size_t n);
int input_set_geometry(Input *in, const InputGeometry *geo);
int input_y4m_parse_header(Input *in);
int input_y4m_frame_begin(Input *in);
int input_yuv_frame_begin(Input *in);
int input_yuv_check(Input *in, const InputGeometry *raw);
const char *input_pix_fmt_name(enum VmafPixelFormat pix_fmt);

#endif /* VMAFX_TOOLS_INPUT_H */
