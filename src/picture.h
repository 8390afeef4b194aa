/*
 * Internal picture helpers: reference counting and the preallocated pool.
 */
#ifndef VMAFX_SRC_PICTURE_H
#define VMAFX_SRC_PICTURE_H

#include <stdbool.h>

#include "libvmaf/picture.h"

typedef struct VmafxPicturePool VmafxPicturePool;

/* True when pic looks like a picture made by this library (ref and priv set). */
bool vmafx_picture_is_ours(const VmafPicture *pic);

/* dst becomes a new reference to src's buffer (count + 1). */
void vmafx_picture_ref(VmafPicture *dst, const VmafPicture *src);

/*
 * Creates a pool of `count` zero-filled pictures with the given geometry. The pool
 * is shared by the creator and by every picture taken from it; it is freed when
 * the creator has dropped it and the last picture came back.
 */
int vmafx_pool_create(VmafxPicturePool **pool, enum VmafPixelFormat pix_fmt,
                      unsigned bpc, unsigned w, unsigned h, unsigned count);

/* Takes a free picture, blocking while none is free. */
int vmafx_pool_fetch(VmafxPicturePool *pool, VmafPicture *pic);

/* The creator gives the pool up; outstanding pictures stay valid. NULL-safe. */
void vmafx_pool_drop(VmafxPicturePool *pool);

#endif /* VMAFX_SRC_PICTURE_H */
