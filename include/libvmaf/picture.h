/*
 * VMAFX: libvmaf-3.x compatible public API.
 * Pictures: reference-counted planar YUV buffers.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#ifndef VMAFX_LIBVMAF_PICTURE_H
#define VMAFX_LIBVMAF_PICTURE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum VmafPixelFormat {
    VMAF_PIX_FMT_UNKNOWN,
    VMAF_PIX_FMT_YUV420P,
    VMAF_PIX_FMT_YUV422P,
    VMAF_PIX_FMT_YUV444P,
    VMAF_PIX_FMT_YUV400P,
};

typedef struct VmafRef VmafRef;

/*
 * One picture. Every field is ABI (clients keep this struct on the stack).
 * bpc == 8: one byte per sample; bpc 9..16: 16-bit host-endian samples.
 * Clients write sample values only; the other fields belong to the library.
 */
typedef struct VmafPicture {
    enum VmafPixelFormat pix_fmt;
    unsigned bpc;
    unsigned w[3], h[3];
    ptrdiff_t stride[3];
    void *data[3];
    VmafRef *ref;
    void *priv;
} VmafPicture;

/*
 * Allocates a zero-filled picture holding one reference, in one contiguous buffer
 * (planes Y, U, V back to back; strides rounded up to 32 samples; chroma sizes
 * rounded down). Returns 0, -EINVAL (pic NULL, pix_fmt not 1..4, bpc not 8..16)
 * or -ENOMEM. Ownership: the caller owns the reference and gives it up with
 * vmaf_picture_unref() or a successful vmaf_read_pictures().
 */
int vmaf_picture_alloc(VmafPicture *pic, enum VmafPixelFormat pix_fmt, unsigned bpc,
                       unsigned w, unsigned h);

/*
 * Drops the reference held by *pic and zeroes the struct. The buffer is freed (or
 * returned to its pool) with the last reference. Returns 0, or -EINVAL when pic or
 * pic->ref is NULL (never allocated or already released). Any thread may call it.
 */
int vmaf_picture_unref(VmafPicture *pic);

#ifdef __cplusplus
}
#endif

#endif /* VMAFX_LIBVMAF_PICTURE_H */
