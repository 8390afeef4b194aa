/*
 * Pictures: one contiguous, 64-byte aligned buffer per picture, planes back to
 * back with upstream's stride rule (rows rounded up to 32 samples), plus a
 * private header holding the reference count. Pool pictures return to their
 * pool with the last reference instead of being freed.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "picture.h"

/* Invisible slack after the last plane so that SIMD kernels may over-read. */
#define TAIL_PADDING 128

struct VmafRef {
    atomic_int count;
};

typedef struct PictureBuffer {
    VmafRef ref;            /* must stay first: VmafPicture.ref points here */
    void *data;             /* 64-byte aligned, inside block */
    void *block;            /* what calloc() returned */
    VmafxPicturePool *pool; /* NULL for vmaf_picture_alloc() pictures */
    VmafPicture layout;     /* geometry, to hand the buffer out again */
    struct PictureBuffer *next_free;
} PictureBuffer;

struct VmafxPicturePool {
    pthread_mutex_t lock;
    pthread_cond_t returned;
    PictureBuffer *free_list;
    unsigned outstanding; /* buffers not on the free list */
    unsigned total;
    bool dropped;
};

typedef struct Geometry {
    unsigned w[3], h[3];
    size_t stride[3];
    size_t size;
} Geometry;

static size_t round_up32(size_t x)
{
    return (x + 31) & ~(size_t)31;
}

static int compute_geometry(Geometry *g, enum VmafPixelFormat fmt, unsigned bpc,
                            unsigned w, unsigned h)
{
    if (fmt < VMAF_PIX_FMT_YUV420P || fmt > VMAF_PIX_FMT_YUV400P || bpc < 8 || bpc > 16)
        return -EINVAL;
    const unsigned hbd = bpc > 8;
    const unsigned ss_x = (fmt == VMAF_PIX_FMT_YUV420P || fmt == VMAF_PIX_FMT_YUV422P);
    const unsigned ss_y = (fmt == VMAF_PIX_FMT_YUV420P);

    g->w[0] = w;
    g->h[0] = h;
    if (fmt == VMAF_PIX_FMT_YUV400P) {
        g->w[1] = g->w[2] = g->h[1] = g->h[2] = 0;
    } else {
        g->w[1] = g->w[2] = w >> ss_x;
        g->h[1] = g->h[2] = h >> ss_y;
    }
    uint64_t total = 0;
    for (int p = 0; p < 3; p++) {
        uint64_t stride = (uint64_t)round_up32(g->w[p]) << hbd;
        if (fmt == VMAF_PIX_FMT_YUV400P && p > 0)
            stride = 0;
        g->stride[p] = (size_t)stride;
        uint64_t plane = stride * g->h[p];
        if (stride > (1ull << 40) || plane > (1ull << 46))
            return -ENOMEM;
        total += plane;
    }
    if (total > SIZE_MAX - TAIL_PADDING - 128)
        return -ENOMEM;
    g->size = (size_t)total;
    return 0;
}

static void fill_picture(VmafPicture *pic, const Geometry *g, enum VmafPixelFormat fmt,
                         unsigned bpc, uint8_t *data)
{
    pic->pix_fmt = fmt;
    pic->bpc = bpc;
    uint8_t *plane = data;
    for (int p = 0; p < 3; p++) {
        pic->w[p] = g->w[p];
        pic->h[p] = g->h[p];
        pic->stride[p] = (ptrdiff_t)g->stride[p];
        if (fmt == VMAF_PIX_FMT_YUV400P && p > 0) {
            pic->data[p] = NULL;
            continue;
        }
        pic->data[p] = plane;
        plane += g->stride[p] * g->h[p];
    }
}

static PictureBuffer *buffer_new(const Geometry *g, enum VmafPixelFormat fmt,
                                 unsigned bpc)
{
    PictureBuffer *b = calloc(1, sizeof(*b));
    if (!b)
        return NULL;
    /* calloc() rather than aligned_alloc() + memset(): a large block comes
     * straight from the kernel already zeroed, so a pool's spare pictures
     * cost address space but no resident memory until they are first used. */
    size_t bytes = (g->size + TAIL_PADDING + 63) & ~(size_t)63;
    b->block = calloc(1, bytes + 63);
    if (!b->block) {
        free(b);
        return NULL;
    }
    b->data = (void *)(((uintptr_t)b->block + 63) & ~(uintptr_t)63);
    atomic_init(&b->ref.count, 0);
    fill_picture(&b->layout, g, fmt, bpc, b->data);
    b->layout.ref = &b->ref;
    b->layout.priv = b;
    return b;
}

static void buffer_free(PictureBuffer *b)
{
    free(b->block);
    free(b);
}

VMAFX_EXPORT int vmaf_picture_alloc(VmafPicture *pic, enum VmafPixelFormat pix_fmt,
                                    unsigned bpc, unsigned w, unsigned h)
{
    if (!pic)
        return -EINVAL;
    Geometry g;
    int err = compute_geometry(&g, pix_fmt, bpc, w, h);
    if (err)
        return err;
    PictureBuffer *b = buffer_new(&g, pix_fmt, bpc);
    if (!b)
        return -ENOMEM;
    atomic_store(&b->ref.count, 1);
    *pic = b->layout;
    return 0;
}

static void pool_release(VmafxPicturePool *pool, PictureBuffer *b)
{
    pthread_mutex_lock(&pool->lock);
    pool->outstanding--;
    bool free_pool = false;
    if (pool->dropped) {
        buffer_free(b);
        pool->total--;
        free_pool = pool->total == 0;
    } else {
        b->next_free = pool->free_list;
        pool->free_list = b;
        pthread_cond_signal(&pool->returned);
    }
    pthread_mutex_unlock(&pool->lock);
    if (free_pool) {
        pthread_cond_destroy(&pool->returned);
        pthread_mutex_destroy(&pool->lock);
        free(pool);
    }
}

VMAFX_EXPORT int vmaf_picture_unref(VmafPicture *pic)
{
    if (!pic || !pic->ref || !pic->priv)
        return -EINVAL;
    PictureBuffer *b = pic->priv;
    if (atomic_fetch_sub(&pic->ref->count, 1) == 1) {
        if (b->pool)
            pool_release(b->pool, b);
        else
            buffer_free(b);
    }
    memset(pic, 0, sizeof(*pic));
    return 0;
}

bool vmafx_picture_is_ours(const VmafPicture *pic)
{
    return pic && pic->ref && pic->priv && (void *)pic->ref == pic->priv;
}

void vmafx_picture_ref(VmafPicture *dst, const VmafPicture *src)
{
    atomic_fetch_add(&src->ref->count, 1);
    *dst = *src;
}

int vmafx_pool_create(VmafxPicturePool **out, enum VmafPixelFormat pix_fmt,
                      unsigned bpc, unsigned w, unsigned h, unsigned count)
{
    if (!out || !w || !h || !count)
        return -EINVAL;
    Geometry g;
    int err = compute_geometry(&g, pix_fmt, bpc, w, h);
    if (err)
        return err;
    VmafxPicturePool *pool = calloc(1, sizeof(*pool));
    if (!pool)
        return -ENOMEM;
    pthread_mutex_init(&pool->lock, NULL);
    pthread_cond_init(&pool->returned, NULL);
    for (unsigned i = 0; i < count; i++) {
        PictureBuffer *b = buffer_new(&g, pix_fmt, bpc);
        if (!b) {
            pool->dropped = true;
            while (pool->free_list) {
                PictureBuffer *n = pool->free_list->next_free;
                buffer_free(pool->free_list);
                pool->free_list = n;
            }
            pthread_cond_destroy(&pool->returned);
            pthread_mutex_destroy(&pool->lock);
            free(pool);
            return -ENOMEM;
        }
        b->pool = pool;
        b->next_free = pool->free_list;
        pool->free_list = b;
        pool->total++;
    }
    *out = pool;
    return 0;
}

int vmafx_pool_fetch(VmafxPicturePool *pool, VmafPicture *pic)
{
    if (!pool || !pic)
        return -EINVAL;
    pthread_mutex_lock(&pool->lock);
    while (!pool->free_list)
        pthread_cond_wait(&pool->returned, &pool->lock);
    PictureBuffer *b = pool->free_list;
    pool->free_list = b->next_free;
    pool->outstanding++;
    pthread_mutex_unlock(&pool->lock);
    atomic_store(&b->ref.count, 1);
    *pic = b->layout;
    return 0;
}

void vmafx_pool_drop(VmafxPicturePool *pool)
{
    if (!pool)
        return;
    pthread_mutex_lock(&pool->lock);
    pool->dropped = true;
    while (pool->free_list) {
        PictureBuffer *n = pool->free_list->next_free;
        buffer_free(pool->free_list);
        pool->free_list = n;
        pool->total--;
    }
    bool free_pool = pool->total == 0;
    pthread_mutex_unlock(&pool->lock);
    if (free_pool) {
        pthread_cond_destroy(&pool->returned);
        pthread_mutex_destroy(&pool->lock);
        free(pool);
    }
}
