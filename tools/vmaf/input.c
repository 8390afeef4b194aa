/*
 * Format detection, geometry and sample copying shared by both readers.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "input.h"

static const char y4m_magic[] = "YUV4MPEG2";

const char *input_pix_fmt_name(enum VmafPixelFormat pix_fmt)
{
    switch (pix_fmt) {
    case VMAF_PIX_FMT_YUV420P: return "4:2:0";
    case VMAF_PIX_FMT_YUV422P: return "4:2:2";
    case VMAF_PIX_FMT_YUV444P: return "4:4:4";
    case VMAF_PIX_FMT_YUV400P: return "4:0:0";
    default: return "unknown";
    }
}

size_t input_read_bytes(Input *in, void *buf, size_t n)
{
    uint8_t *dst = buf;
    size_t done = 0;
    while (done < n && in->peek_pos < in->peek_len)
        dst[done++] = in->peek[in->peek_pos++];
    if (done < n)
        done += fread(dst + done, 1, n - done, in->f);
    return done;
}

/* Sets the geometry and derives the file layout; all products fit in 64 bits. */
int input_set_geometry(Input *in, const InputGeometry *geo)
{
    if (!geo->w || !geo->h || geo->w > INPUT_MAX_DIM || geo->h > INPUT_MAX_DIM) {
        snprintf(in->err, sizeof(in->err),
                 "%s: frame size %ux%u is outside 1x1..%ux%u", in->name,
                 geo->w, geo->h, INPUT_MAX_DIM, INPUT_MAX_DIM);
        return -EINVAL;
    }
    if (geo->bpc < 8 || geo->bpc > 16) {
        snprintf(in->err, sizeof(in->err), "%s: bit depth %u is not supported (8..16)",
                 in->name, geo->bpc);
        return -EINVAL;
    }
    unsigned ss_x, ss_y;
    switch (geo->pix_fmt) {
    case VMAF_PIX_FMT_YUV420P: ss_x = 1; ss_y = 1; break;
    case VMAF_PIX_FMT_YUV422P: ss_x = 1; ss_y = 0; break;
    case VMAF_PIX_FMT_YUV444P: ss_x = 0; ss_y = 0; break;
    default:
        snprintf(in->err, sizeof(in->err), "%s: pixel format is not 4:2:0, 4:2:2 or 4:4:4",
                 in->name);
        return -EINVAL;
    }
    in->geo = *geo;
    in->bytes_per_sample = geo->bpc > 8 ? 2 : 1;
    /* Files store odd-size chroma rounded up; the library's planes round down. */
    in->plane_w[0] = geo->w;
    in->plane_h[0] = geo->h;
    in->plane_w[1] = in->plane_w[2] = (geo->w + ss_x) >> ss_x;
    in->plane_h[1] = in->plane_h[2] = (geo->h + ss_y) >> ss_y;
    in->frame_bytes = 0;
    for (int p = 0; p < 3; p++)
        in->frame_bytes += (uint64_t)in->plane_w[p] * in->plane_h[p] * in->bytes_per_sample;
    /* a few dozen rows per fread(): large reads bypass stdio's own buffer */
    free(in->chunk);
    in->chunk_rows = geo->h < INPUT_CHUNK_ROWS ? geo->h : INPUT_CHUNK_ROWS;
    in->chunk = malloc((size_t)geo->w * in->bytes_per_sample * in->chunk_rows);
    if (!in->chunk) {
        snprintf(in->err, sizeof(in->err), "%s: out of memory", in->name);
        return -ENOMEM;
    }
    return 0;
}

static int has_y4m_suffix(const char *name)
{
    size_t len = strlen(name);
    return len >= 4 && !strcmp(name + len - 4, ".y4m");
}

int input_open_stream(Input *in, FILE *f, const char *name, int force_y4m,
                      const InputGeometry *raw)
{
    memset(in, 0, sizeof(*in));
    in->f = f;
    in->name = name;
    in->peek_len = (unsigned)fread(in->peek, 1, sizeof(y4m_magic), f);
    if (ferror(f)) {
        snprintf(in->err, sizeof(in->err), "%s: read error: %s", name, strerror(errno));
        return -EIO;
    }
    /* the 9-byte signature decides; the header parser judges what follows */
    const int magic = in->peek_len >= sizeof(y4m_magic) - 1 &&
                      !memcmp(in->peek, y4m_magic, sizeof(y4m_magic) - 1);
    if (magic || force_y4m || has_y4m_suffix(name)) {
        in->is_y4m = 1;
        int err = input_y4m_parse_header(in);
        if (err)
            return err;
        if (raw && (raw->w != in->geo.w || raw->h != in->geo.h ||
                    raw->bpc != in->geo.bpc || raw->pix_fmt != in->geo.pix_fmt)) {
            snprintf(in->err, sizeof(in->err),
                     "%s: y4m header says %ux%u %s %u-bit, which contradicts -w/-h/-p/-b",
                     name, in->geo.w, in->geo.h, input_pix_fmt_name(in->geo.pix_fmt),
                     in->geo.bpc);
            return -EINVAL;
        }
        return 0;
    }
    if (!raw) {
        snprintf(in->err, sizeof(in->err),
                 "%s: not a y4m file; raw .yuv input needs -w, -h, -p and -b", name);
        return -EINVAL;
    }
    return input_yuv_check(in, raw);
}

int input_open(Input *in, const char *path, const InputGeometry *raw)
{
    if (!strcmp(path, "-"))
        return input_open_stream(in, stdin, "stdin", 1, raw);
    FILE *f = fopen(path, "rb");
    if (!f) {
        const int e = errno;
        memset(in, 0, sizeof(*in));
        snprintf(in->err, sizeof(in->err), "%s: cannot open: %s", path, strerror(e));
        return e ? -e : -EIO;
    }
    struct stat st;
    if (!fstat(fileno(f), &st) && S_ISDIR(st.st_mode)) {
        fclose(f);
        memset(in, 0, sizeof(*in));
        snprintf(in->err, sizeof(in->err), "%s: is a directory", path);
        return -EISDIR;
    }
    int err = input_open_stream(in, f, path, 0, raw);
    in->owns_file = 1;
    return err;
}

/*
 * A regular file must still hold the whole frame that just began: checked
 * before the caller allocates pictures, so a tiny file with a 16384x16384
 * header fails at once instead of allocating gigabytes. Pipes and memory
 * streams are left to input_frame_read().
 */
static int check_frame_fits(Input *in)
{
    struct stat st;
    const int fd = fileno(in->f);
    if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode))
        return 0;
    const off_t pos = ftello(in->f);
    if (pos < 0 || pos > st.st_size)
        return 0;
    const uint64_t left = (uint64_t)(st.st_size - pos) + (in->peek_len - in->peek_pos);
    if (left >= in->frame_bytes)
        return 0;
    snprintf(in->err, sizeof(in->err), "%s: truncated frame %u (%llu of %llu bytes)",
             in->name, in->frames_begun, (unsigned long long)left,
             (unsigned long long)in->frame_bytes);
    return -EIO;
}

int input_frame_begin(Input *in)
{
    if (in->frame_pending) {
        snprintf(in->err, sizeof(in->err), "%s: frame %u begun twice", in->name,
                 in->frames_begun - 1);
        return -EINVAL;
    }
    int ret = in->is_y4m ? input_y4m_frame_begin(in) : input_yuv_frame_begin(in);
    if (ret == 1) {
        const int err = check_frame_fits(in);
        if (err)
            return err;
        in->frames_begun++;
        in->frame_pending = 1;
    }
    return ret;
}

static int check_picture(Input *in, const VmafPicture *pic)
{
    int ok = pic->pix_fmt == in->geo.pix_fmt && pic->bpc >= in->geo.bpc &&
             pic->bpc <= 16 && pic->w[0] == in->geo.w && pic->h[0] == in->geo.h;
    const unsigned dst_bytes = pic->bpc > 8 ? 2 : 1;
    for (int p = 0; ok && p < 3; p++)
        ok = pic->data[p] && pic->w[p] <= in->plane_w[p] && pic->h[p] <= in->plane_h[p] &&
             pic->stride[p] >= (ptrdiff_t)((size_t)pic->w[p] * dst_bytes);
    if (!ok)
        snprintf(in->err, sizeof(in->err), "%s: picture does not match the input geometry",
                 in->name);
    return ok ? 0 : -EINVAL;
}

/* Copies n samples of one file row into a picture row; returns the OR of all samples. */
static unsigned copy_row(const uint8_t *src, unsigned src_bytes, void *dst,
                         unsigned dst_bytes, unsigned shift, unsigned n)
{
    unsigned acc = 0;
    if (src_bytes == 1 && dst_bytes == 1) {
        memcpy(dst, src, n);
        return 0; /* 8-bit samples are always in range */
    }
    uint16_t *d = dst;
    for (unsigned x = 0; x < n; x++) {
        const unsigned v = src_bytes == 1 ? src[x] : (unsigned)src[2 * x] | (unsigned)src[2 * x + 1] << 8;
        acc |= v;
        d[x] = (uint16_t)(v << shift);
    }
    return acc;
}

/* OR of n little-endian 16-bit samples (the range check of a direct read). */
static unsigned or_samples16(const uint8_t *p, size_t n)
{
    uint8_t lo = 0, hi = 0;
    for (size_t i = 0; i < n; i++) {
        lo |= p[2 * i];
        hi |= p[2 * i + 1];
    }
    return (unsigned)hi << 8 | lo;
}

/* 16-bit samples can be read in place only where memory order matches the file's. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define INPUT_HOST_LE 1
#else
#define INPUT_HOST_LE 0
#endif

/*
 * Reads one plane. When the picture rows have the file's layout (same sample
 * size, no shift, stride equal to the row length) the rows go straight into
 * the picture; otherwise they pass through the staging buffer a chunk at a time.
 */
static int read_plane(Input *in, int p, VmafPicture *pic, unsigned dst_bytes, unsigned shift,
                      unsigned *acc, uint64_t *got)
{
    const unsigned src_bytes = in->bytes_per_sample;
    const size_t row_bytes = (size_t)in->plane_w[p] * src_bytes;
    const unsigned pic_h = pic ? pic->h[p] : 0;
    unsigned y = 0;

    if (pic && src_bytes == dst_bytes && !shift && (src_bytes == 1 || INPUT_HOST_LE) &&
        pic->w[p] == in->plane_w[p] &&
        pic->stride[p] == (ptrdiff_t)row_bytes && pic_h) {
        const size_t bytes = row_bytes * pic_h;
        const size_t n = input_read_bytes(in, pic->data[p], bytes);
        *got += n;
        if (n != bytes)
            return -EIO;
        if (src_bytes == 2)
            *acc |= or_samples16(pic->data[p], bytes / 2);
        y = pic_h;
    }
    while (y < in->plane_h[p]) {
        const unsigned rows = in->plane_h[p] - y < in->chunk_rows ? in->plane_h[p] - y
                                                                  : in->chunk_rows;
        const size_t bytes = row_bytes * rows;
        const size_t n = input_read_bytes(in, in->chunk, bytes);
        *got += n;
        if (n != bytes)
            return -EIO;
        for (unsigned r = 0; r < rows && y + r < pic_h; r++) {
            uint8_t *dst = (uint8_t *)pic->data[p] + (ptrdiff_t)(y + r) * pic->stride[p];
            *acc |= copy_row(in->chunk + r * row_bytes, src_bytes, dst, dst_bytes, shift,
                             pic->w[p]);
        }
        y += rows;
    }
    return 0;
}

int input_frame_read(Input *in, VmafPicture *pic)
{
    if (!in->frame_pending) {
        snprintf(in->err, sizeof(in->err), "%s: no frame begun", in->name);
        return -EINVAL;
    }
    in->frame_pending = 0;
    const unsigned frame = in->frames_begun - 1;
    if (pic) {
        const int err = check_picture(in, pic);
        if (err)
            return err;
    }
    const unsigned dst_bytes = pic && pic->bpc > 8 ? 2 : 1;
    const unsigned shift = pic ? pic->bpc - in->geo.bpc : 0;
    unsigned acc = 0;
    uint64_t got = 0;
    for (int p = 0; p < 3; p++) {
        if (read_plane(in, p, pic, dst_bytes, shift, &acc, &got)) {
            if (ferror(in->f))
                snprintf(in->err, sizeof(in->err), "%s: read error in frame %u: %s",
                         in->name, frame, strerror(errno));
            else
                snprintf(in->err, sizeof(in->err),
                         "%s: truncated frame %u (%llu of %llu bytes)", in->name, frame,
                         (unsigned long long)got, (unsigned long long)in->frame_bytes);
            return -EIO;
        }
    }
    if (acc >> in->geo.bpc) {
        snprintf(in->err, sizeof(in->err), "%s: frame %u has sample values above %u bits",
                 in->name, frame, in->geo.bpc);
        return -EINVAL;
    }
    return 0;
}

void input_close(Input *in)
{
    if (in->owns_file && in->f)
        fclose(in->f);
    free(in->chunk);
    in->chunk = NULL;
    in->f = NULL;
    in->owns_file = 0;
}
