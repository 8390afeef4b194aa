#!/usr/bin/env python3
"""Writes a small deterministic raw YUV 4:2:0 8-bit pair for image smoke tests
where the golden clips are not at hand (the GitHub publish workflow):
  ref.yuv  moving gradients and a checkerboard, 176x144, 8 frames
  dis.yuv  the same, coarsely quantized and with a horizontal blur
usage: make-smoke-pair.py OUTDIR
The pooled vmaf_v0.6.1 score of the pair is in docker/test/smoke-pair.golden; the
offline pipeline (docker/test/run) checks that value with every image it builds."""
import os
import sys

W, H, FRAMES = 176, 144, 8


def luma(f, x, y):
    v = (x * 3 + y * 2 + f * 5) % 256
    if ((x + f * 2) // 16 + y // 16) % 2:
        v = 255 - v
    return v


def plane(f, w, h, fn):
    return bytes(fn(f, x, y) for y in range(h) for x in range(w))


def distort(buf, w, h):
    out = bytearray(len(buf))
    for y in range(h):
        row = buf[y * w:(y + 1) * w]
        for x in range(w):
            a, b, c = row[max(x - 1, 0)], row[x], row[min(x + 1, w - 1)]
            out[y * w + x] = ((a + 2 * b + c) // 4) // 12 * 12
    return bytes(out)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    cw, ch = W // 2, H // 2
    with open(os.path.join(out, "ref.yuv"), "wb") as ref, open(os.path.join(out, "dis.yuv"), "wb") as dis:
        for f in range(FRAMES):
            y = plane(f, W, H, luma)
            u = plane(f, cw, ch, lambda f_, x, y_: (128 + x - y_ + f_) % 256)
            v = plane(f, cw, ch, lambda f_, x, y_: (96 + 2 * y_ + f_) % 256)
            ref.write(y + u + v)
            dis.write(distort(y, W, H) + distort(u, cw, ch) + distort(v, cw, ch))
    return 0


if __name__ == "__main__":
    sys.exit(main())
