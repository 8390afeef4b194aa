#!/usr/bin/env python3
"""Helpers for tests/ffmpeg/run.sh.

  ffmpeg_check.py compare RESULT.json STDERR.log EXPECTED.json
      Checks what FFmpeg's libvmaf filter produced against an expected report
      (a golden JSON, or a report of our own CLI): the "VMAF score:" line FFmpeg
      printed, the pooled metrics of the log_path JSON, and every per-frame value
      that both reports carry. Prints one line per check: "ok ..." or "FAIL ...".

  ffmpeg_check.py truncate-rows IN OUT.y4m [W H FORMAT BITS]
      Writes the pictures FFmpeg 5.1's libvmaf filter hands to the library for
      input deeper than 8 bits: that filter copies w[i] *bytes* per row of each
      plane, i.e. the first w[i]/2 16-bit samples, into a zero-filled picture, so
      the right half of every row reaches the library as zeros. IN is a .y4m, or
      raw planar .yuv when W H FORMAT (420, 422, 444) BITS are given.
"""
import json
import re
import sys

# Compared at the precision both reports print (6 decimals).
def same(a, b):
    return round(float(a), 6) == round(float(b), 6)


def compare(result_path, log_path, expected_path):
    failures = 0

    def report(ok, what):
        nonlocal failures
        print(("ok   " if ok else "FAIL ") + what)
        failures += 0 if ok else 1

    with open(expected_path) as f:
        expected = json.load(f)
    want = expected["pooled_metrics"]["vmaf"]["mean"]

    with open(log_path, errors="replace") as f:
        printed = re.findall(r"VMAF score: ([0-9.+-eE]+)", f.read())
    report(len(printed) == 1 and printed[0] == "%.6f" % want,
           "printed 'VMAF score: %s', expected %.6f" %
           (printed[0] if len(printed) == 1 else printed, want))

    try:
        with open(result_path) as f:
            result = json.load(f)
    except (OSError, ValueError) as e:
        report(False, "log_path JSON unreadable: %s" % e)
        return failures

    pooled = result.get("pooled_metrics", {})
    keys = sorted(set(pooled) & set(expected["pooled_metrics"]))
    bad = [(k, s) for k in keys for s in ("min", "max", "mean", "harmonic_mean")
           if not same(pooled[k][s], expected["pooled_metrics"][k][s])]
    report("vmaf" in keys and not bad,
           "log_path JSON pooled vmaf mean %s; %d pooled keys x 4 statistics compared%s" %
           (pooled.get("vmaf", {}).get("mean"), len(keys),
            "" if not bad else "; differ: %s" % bad[:4]))

    frames, want_frames = result.get("frames", []), expected["frames"]
    compared, bad, missing = 0, [], set()
    for got, exp in zip(frames, want_frames):
        if got["frameNum"] != exp["frameNum"]:
            bad.append(("frameNum", got["frameNum"], exp["frameNum"]))
            continue
        for k, v in got["metrics"].items():
            if k not in exp["metrics"]:
                missing.add(k)
                continue
            compared += 1
            if not same(v, exp["metrics"][k]):
                bad.append((got["frameNum"], k, v, exp["metrics"][k]))
    ok = (len(frames) == len(want_frames) and not bad and not missing
          and all("vmaf" in f["metrics"] for f in frames))
    report(ok, "per-frame: %d frames (expected %d), %d values equal%s%s" %
           (len(frames), len(want_frames), compared - len(bad),
            "" if not bad else "; differ: %s" % bad[:4],
            "" if not missing else "; keys not in expected: %s" % sorted(missing)))
    return failures


Y4M_CHROMA = {"420": (1, 1), "422": (1, 0), "444": (0, 0)}


def truncate_rows(src, dst, raw=None):
    with open(src, "rb") as f:
        data = f.read()
    pos = 0
    if raw is None:
        end = data.index(b"\n")
        header = data[:end].decode()
        pos = end + 1
        fields = dict((t[0], t[1:]) for t in header.split()[1:])
        w, h = int(fields["W"]), int(fields["H"])
        m = re.fullmatch(r"(4[0-9]{2})(?:p([0-9]+))?", fields.get("C", "420").split("jpeg")[0]
                         .replace("mpeg2", "").replace("paldv", ""))
        fmt, bits = m.group(1), int(m.group(2) or 8)
    else:
        w, h, fmt, bits = raw
        header = "YUV4MPEG2 W%d H%d F25:1 Ip A1:1 C%s%s XCOLORRANGE=LIMITED" % (
            w, h, fmt, "" if bits == 8 else "p%d" % bits)
    if bits == 8:
        sys.exit("truncate-rows: 8-bit input is copied correctly by FFmpeg 5.1")
    sx, sy = Y4M_CHROMA[fmt]
    planes = [(w, h), (w >> sx, h >> sy), (w >> sx, h >> sy)]
    frame_bytes = sum(pw * ph * 2 for pw, ph in planes)

    out = [header.encode() + b"\n"]
    frames = 0
    while pos < len(data):
        if raw is None:
            end = data.index(b"\n", pos)
            if not data[pos:end].startswith(b"FRAME"):
                sys.exit("truncate-rows: bad FRAME header at byte %d" % pos)
            pos = end + 1
        if pos + frame_bytes > len(data):
            sys.exit("truncate-rows: truncated frame %d" % frames)
        out.append(b"FRAME\n")
        for pw, ph in planes:
            row = pw * 2
            keep = pw  # FFmpeg 5.1 copies w bytes of a 2*w-byte row
            for y in range(ph):
                start = pos + y * row
                out.append(data[start:start + keep])
                out.append(bytes(row - keep))
            pos += row * ph
        frames += 1
    with open(dst, "wb") as f:
        f.write(b"".join(out))
    print("%s: %d frames %dx%d %s %d-bit, each row keeps its first half" %
          (dst, frames, w, h, fmt, bits))


def main(argv):
    if len(argv) == 5 and argv[1] == "compare":
        return 1 if compare(argv[2], argv[3], argv[4]) else 0
    if len(argv) == 4 and argv[1] == "truncate-rows":
        truncate_rows(argv[2], argv[3])
        return 0
    if len(argv) == 8 and argv[1] == "truncate-rows":
        truncate_rows(argv[2], argv[3], (int(argv[4]), int(argv[5]), argv[6], int(argv[7])))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
