/*
 * Tests of the vmaf tool's input readers (tools/vmaf/input*.c): y4m headers
 * (good, truncated, bad tags, bad sizes), FRAME lines, truncated frames, odd
 * 4:2:0 sizes, >8-bit little-endian samples, depth promotion and raw .yuv.
 *
 * Build: cc -std=c11 -D_GNU_SOURCE -Iinclude -Itools/vmaf tests/unit/y4m_test.c \
 *        tools/vmaf/input.c tools/vmaf/input_y4m.c tools/vmaf/input_yuv.c
 * Pictures are built here with the library's geometry (chroma rounded down),
 * so the test needs no library.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"

static int failures;

#define CHECK(cond) do { \
    if (!(cond)) { fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
                   failures++; } } while (0)

typedef struct Buf { uint8_t *data; size_t len, cap; } Buf;

static void buf_put(Buf *b, const void *p, size_t n)
{
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2 + 64;
        b->data = realloc(b->data, b->cap);
        if (!b->data) abort();
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

static void buf_str(Buf *b, const char *s) { buf_put(b, s, strlen(s)); }

static void make_pic(VmafPicture *pic, enum VmafPixelFormat fmt, unsigned bpc, unsigned w,
                     unsigned h)
{
    memset(pic, 0, sizeof(*pic));
    const unsigned sx = fmt != VMAF_PIX_FMT_YUV444P, sy = fmt == VMAF_PIX_FMT_YUV420P;
    const unsigned bps = bpc > 8 ? 2 : 1;
    pic->pix_fmt = fmt;
    pic->bpc = bpc;
    for (int p = 0; p < 3; p++) {
        pic->w[p] = p ? w >> sx : w;
        pic->h[p] = p ? h >> sy : h;
        pic->stride[p] = (ptrdiff_t)((pic->w[p] + 31) / 32 * 32 * bps);
        pic->data[p] = calloc((size_t)pic->stride[p] * (pic->h[p] ? pic->h[p] : 1), 1);
    }
}

static void free_pic(VmafPicture *pic)
{
    for (int p = 0; p < 3; p++)
        free(pic->data[p]);
}

static unsigned px(const VmafPicture *pic, int p, unsigned x, unsigned y)
{
    const uint8_t *row = (const uint8_t *)pic->data[p] + (ptrdiff_t)y * pic->stride[p];
    return pic->bpc > 8 ? ((const uint16_t *)row)[x] : row[x];
}

static int open_mem(Input *in, FILE **f, const Buf *b, const InputGeometry *raw, int y4m)
{
    *f = fmemopen(b->data, b->len, "rb");
    if (!*f) abort();
    return input_open_stream(in, *f, "mem", y4m, raw);
}

/* 5x3 4:2:0 8-bit: the file holds 3x2 chroma, the picture 2x1. */
static void test_odd_420(void)
{
    Buf b = { 0 };
    buf_str(&b, "YUV4MPEG2 W5 H3 F25:1 Ip A1:1 C420jpeg XYSCSS=420JPEG\n");
    for (int frame = 0; frame < 2; frame++) {
        buf_str(&b, frame ? "FRAME Ixyz\n" : "FRAME\n");
        uint8_t v[15 + 6 + 6];
        for (unsigned i = 0; i < sizeof(v); i++) v[i] = (uint8_t)(i + 10 * frame);
        buf_put(&b, v, sizeof(v));
    }
    Input in;
    FILE *f;
    CHECK(open_mem(&in, &f, &b, NULL, 0) == 0);
    CHECK(in.is_y4m && in.geo.w == 5 && in.geo.h == 3 && in.geo.bpc == 8);
    CHECK(in.geo.pix_fmt == VMAF_PIX_FMT_YUV420P);
    CHECK(in.frame_bytes == 27);
    for (int frame = 0; frame < 2; frame++) {
        VmafPicture pic;
        make_pic(&pic, VMAF_PIX_FMT_YUV420P, 8, 5, 3);
        CHECK(input_frame_begin(&in) == 1);
        CHECK(input_frame_read(&in, &pic) == 0);
        CHECK(px(&pic, 0, 4, 2) == 14u + 10u * frame);
        /* U plane starts at byte 15; row 0 is 15,16,(17); only 2 samples kept */
        CHECK(px(&pic, 1, 0, 0) == 15u + 10u * frame && px(&pic, 1, 1, 0) == 16u + 10u * frame);
        /* V plane starts at byte 21 */
        CHECK(px(&pic, 2, 1, 0) == 22u + 10u * frame);
        free_pic(&pic);
    }
    CHECK(input_frame_begin(&in) == 0);
    input_close(&in);
    fclose(f);
    free(b.data);
}

/* 10-bit little-endian words; also read into a 12-bit picture (shifted by 2). */
static void test_10bit(void)
{
    Buf b = { 0 };
    buf_str(&b, "YUV4MPEG2 W4 H2 C444p10\nFRAME\n");
    for (unsigned i = 0; i < 24; i++) {
        const uint16_t v = (uint16_t)(1000 + i);
        const uint8_t le[2] = { (uint8_t)(v & 0xff), (uint8_t)(v >> 8) };
        buf_put(&b, le, 2);
    }
    for (int promote = 0; promote < 2; promote++) {
        Input in;
        FILE *f;
        CHECK(open_mem(&in, &f, &b, NULL, 0) == 0);
        CHECK(in.geo.bpc == 10 && in.geo.pix_fmt == VMAF_PIX_FMT_YUV444P);
        VmafPicture pic;
        make_pic(&pic, VMAF_PIX_FMT_YUV444P, promote ? 12 : 10, 4, 2);
        CHECK(input_frame_begin(&in) == 1);
        CHECK(input_frame_read(&in, &pic) == 0);
        CHECK(px(&pic, 0, 0, 0) == (1000u << (2 * promote)));
        CHECK(px(&pic, 2, 3, 1) == (1023u << (2 * promote)));
        CHECK(input_frame_begin(&in) == 0);
        free_pic(&pic);
        input_close(&in);
        fclose(f);
    }
    free(b.data);
}

/* A 10-bit file whose words exceed 1023 is malformed. */
static void test_out_of_range(void)
{
    Buf b = { 0 };
    buf_str(&b, "YUV4MPEG2 W2 H2 C444p10\nFRAME\n");
    const uint8_t words[24] = { 0x00, 0x04 }; /* 1024 */
    buf_put(&b, words, sizeof(words));
    Input in;
    FILE *f;
    CHECK(open_mem(&in, &f, &b, NULL, 0) == 0);
    VmafPicture pic;
    make_pic(&pic, VMAF_PIX_FMT_YUV444P, 10, 2, 2);
    CHECK(input_frame_begin(&in) == 1);
    CHECK(input_frame_read(&in, &pic) == -EINVAL);
    CHECK(strstr(in.err, "frame 0") != NULL);
    free_pic(&pic);
    input_close(&in);
    fclose(f);
    free(b.data);
}

static void expect_header_error(const char *text, const char *needle)
{
    Buf b = { 0 };
    buf_str(&b, text);
    Input in;
    FILE *f;
    const int r = open_mem(&in, &f, &b, NULL, 1);
    CHECK(r < 0);
    if (r >= 0 || !strstr(in.err, needle))
        fprintf(stderr, "  header '%.40s': got '%s', wanted '%s'\n", text, in.err, needle);
    input_close(&in);
    fclose(f);
    free(b.data);
}

static void test_bad_headers(void)
{
    expect_header_error("YUV4MPEG2 W16 H16", "truncated y4m header");
    expect_header_error("YUV4MPEG2", "truncated y4m header");
    expect_header_error("YUV4MPEG2W16 H16\n", "no YUV4MPEG2 signature");
    expect_header_error("YUV4MPEGX W16 H16\n", "no YUV4MPEG2 signature");
    expect_header_error("YUV4MPEG2 H16\n", "no width");
    expect_header_error("YUV4MPEG2 W16\n", "no height");
    expect_header_error("YUV4MPEG2 W0 H16\n", "bad y4m width");
    expect_header_error("YUV4MPEG2 W16 H16384 W16385\n", "bad y4m width");
    expect_header_error("YUV4MPEG2 W16 H99999999999999999999999\n", "bad y4m height");
    expect_header_error("YUV4MPEG2 W-4 H16\n", "bad y4m width");
    expect_header_error("YUV4MPEG2 W16x H16\n", "bad y4m width");
    expect_header_error("YUV4MPEG2 W16 H16 Cmono\n", "chroma tag");
    expect_header_error("YUV4MPEG2 W16 H16 C411\n", "chroma tag");
    expect_header_error("YUV4MPEG2 W16 H16 C420p7\n", "chroma tag");
    expect_header_error("YUV4MPEG2 W16 H16 C422jpeg\n", "chroma tag");
    expect_header_error("YUV4MPEG2 W16 H16 C444p100\n", "chroma tag");
    /* an endless header line is cut at INPUT_MAX_HEADER */
    char *big = malloc(INPUT_MAX_HEADER + 64);
    if (!big) abort();
    strcpy(big, "YUV4MPEG2 W16 H16 X");
    memset(big + strlen(big), 'a', INPUT_MAX_HEADER);
    strcpy(big + INPUT_MAX_HEADER + 19, "\n");
    expect_header_error(big, "longer than");
    free(big);
}

static void test_chroma_tags(void)
{
    static const struct { const char *tag; enum VmafPixelFormat fmt; unsigned bpc; } t[] = {
        { "", VMAF_PIX_FMT_YUV420P, 8 },           { " C420", VMAF_PIX_FMT_YUV420P, 8 },
        { " C420mpeg2", VMAF_PIX_FMT_YUV420P, 8 }, { " C420paldv", VMAF_PIX_FMT_YUV420P, 8 },
        { " C422", VMAF_PIX_FMT_YUV422P, 8 },      { " C444", VMAF_PIX_FMT_YUV444P, 8 },
        { " C420p10", VMAF_PIX_FMT_YUV420P, 10 },  { " C422p12", VMAF_PIX_FMT_YUV422P, 12 },
        { " C444p16", VMAF_PIX_FMT_YUV444P, 16 },  { " C420p12", VMAF_PIX_FMT_YUV420P, 12 },
    };
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        char hdr[64];
        snprintf(hdr, sizeof(hdr), "YUV4MPEG2 W6 H4 F30000:1001%s\n", t[i].tag);
        Buf b = { 0 };
        buf_str(&b, hdr);
        Input in;
        FILE *f;
        CHECK(open_mem(&in, &f, &b, NULL, 0) == 0);
        CHECK(in.geo.pix_fmt == t[i].fmt && in.geo.bpc == t[i].bpc);
        CHECK(input_frame_begin(&in) == 0); /* no frames: clean end */
        input_close(&in);
        fclose(f);
        free(b.data);
    }
}

static void test_frame_errors(void)
{
    /* truncated frame data, then a truncated FRAME line, then a bad marker */
    static const char *const streams[] = {
        "YUV4MPEG2 W4 H2 C444\nFRAME\n0123456789",
        "YUV4MPEG2 W4 H2 C444\nFRAME\n0123456789abcdefghijklmnFRA",
        "YUV4MPEG2 W4 H2 C444\nFRAME\n0123456789abcdefghijklmnFRAMX\n",
    };
    static const int at_begin[] = { 0, 1, 1 };
    static const char *const needle[] = { "truncated frame 0", "truncated FRAME header of frame 1",
                                          "frame 1 does not start with a FRAME line" };
    for (int i = 0; i < 3; i++) {
        Buf b = { 0 };
        buf_str(&b, streams[i]);
        Input in;
        FILE *f;
        CHECK(open_mem(&in, &f, &b, NULL, 0) == 0);
        VmafPicture pic;
        make_pic(&pic, VMAF_PIX_FMT_YUV444P, 8, 4, 2);
        CHECK(input_frame_begin(&in) == 1);
        int r = input_frame_read(&in, &pic);
        if (at_begin[i]) {
            CHECK(r == 0);
            r = input_frame_begin(&in);
        }
        CHECK(r < 0);
        CHECK(strstr(in.err, needle[i]) != NULL);
        free_pic(&pic);
        input_close(&in);
        fclose(f);
        free(b.data);
    }
}

static void test_raw_yuv(void)
{
    Buf b = { 0 };
    for (unsigned i = 0; i < 2 * 16 + 5; i++) { /* two 4x2 4:2:2 frames and 5 stray bytes */
        const uint8_t v = (uint8_t)i;
        buf_put(&b, &v, 1);
    }
    const InputGeometry raw = { 4, 2, 8, VMAF_PIX_FMT_YUV422P };
    Input in;
    FILE *f;
    CHECK(open_mem(&in, &f, &b, NULL, 0) < 0); /* no y4m magic and no -w/-h/-p/-b */
    CHECK(strstr(in.err, "needs -w, -h, -p and -b") != NULL);
    input_close(&in);
    fclose(f);
    CHECK(open_mem(&in, &f, &b, &raw, 0) == 0);
    CHECK(!in.is_y4m && in.frame_bytes == 16);
    VmafPicture pic;
    make_pic(&pic, VMAF_PIX_FMT_YUV422P, 8, 4, 2);
    CHECK(input_frame_begin(&in) == 1 && input_frame_read(&in, &pic) == 0);
    CHECK(px(&pic, 0, 0, 0) == 0 && px(&pic, 1, 1, 1) == 11 && px(&pic, 2, 0, 0) == 12);
    CHECK(input_frame_begin(&in) == 1 && input_frame_read(&in, &pic) == 0);
    CHECK(px(&pic, 0, 0, 0) == 16);
    CHECK(input_frame_begin(&in) == 1 && input_frame_read(&in, &pic) == -EIO);
    CHECK(strstr(in.err, "truncated frame 2") != NULL);
    free_pic(&pic);
    input_close(&in);
    fclose(f);
    /* a y4m header must agree with -w/-h/-p/-b when they are given */
    Buf y = { 0 };
    buf_str(&y, "YUV4MPEG2 W4 H2 C420\n");
    CHECK(open_mem(&in, &f, &y, &raw, 0) < 0);
    CHECK(strstr(in.err, "contradicts") != NULL);
    input_close(&in);
    fclose(f);
    free(y.data);
    free(b.data);
}

static void test_geometry_mismatch(void)
{
    Buf b = { 0 };
    buf_str(&b, "YUV4MPEG2 W4 H2 C420\nFRAME\n012345670123");
    Input in;
    FILE *f;
    CHECK(open_mem(&in, &f, &b, NULL, 0) == 0);
    VmafPicture pic;
    make_pic(&pic, VMAF_PIX_FMT_YUV444P, 8, 4, 2);
    CHECK(input_frame_begin(&in) == 1);
    CHECK(input_frame_read(&in, &pic) == -EINVAL);
    free_pic(&pic);
    input_close(&in);
    fclose(f);
    free(b.data);
}

int main(void)
{
    test_odd_420();
    test_10bit();
    test_out_of_range();
    test_bad_headers();
    test_chroma_tags();
    test_frame_errors();
    test_raw_yuv();
    test_geometry_mismatch();
    if (failures) {
        fprintf(stderr, "y4m_test: %d check(s) failed\n", failures);
        return 1;
    }
    printf("y4m_test: all checks passed\n");
    return 0;
}
