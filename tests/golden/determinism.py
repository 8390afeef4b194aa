#!/usr/bin/env python3
"""Reports must be identical (all bytes but the fps field) across --threads 0/1/2
and across every --cpumask level. Runs a few representative golden pairs.

Usage: determinism.py VMAF_BINARY [--testdata DIR]
"""
import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile

PAIRS = [
    ["-r", "cockatoo_576x324_420p8_ref.yuv", "-d", "cockatoo_576x324_420p8_x264crf38.yuv",
     "-w", "576", "-h", "324", "-p", "420", "-b", "8"],
    ["-r", "city_320x180_420p10_ref.y4m", "-d", "city_320x180_420p10_x265crf30.y4m"],
    ["-r", "cockatoolong_576x324_420p8_ref.y4m", "-d", "cockatoolong_576x324_420p8_x264crf34.y4m",
     "--frame_cnt", "20"],
    ["-r", "birds_320x180_422p8_ref.yuv", "-d", "birds_320x180_422p8_x264crf35.yuv",
     "-w", "320", "-h", "180", "-p", "422", "-b", "8"],
    # every other extractor and the v1 / float models
    ["-r", "city_320x180_420p10_ref.y4m", "-d", "city_320x180_420p10_x265crf30.y4m",
     "--model", "version=vmaf_v1.0.16_3d0h:name=v1", "--model", "version=vmaf_float_v0.6.1:name=f",
     "--feature", "float_ssim", "--feature", "float_ms_ssim", "--feature", "ciede",
     "--feature", "psnr_hvs", "--feature", "cambi", "--feature", "speed_temporal"],
]
MODEL_ARGS = ["--model", "version=vmaf_v0.6.1", "--model", "version=vmaf_b_v0.6.3:name=boot",
              "--feature", "psnr=enable_apsnr=true"]
# cpumask levels: none disabled, then each x86 level and above disabled, then all.
CPUMASKS = ["0", "32", "48", "56", "60", "62", "63"]
THREADS = ["0", "1", "2"]


def default_testdata():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "testdata"))


def strip_fps(text):
    return re.sub(r'fps="[^"]*"|"fps": [^,\n]*', "fps", text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("vmaf")
    ap.add_argument("--testdata", default=os.environ.get("VMAFX_TESTDATA", default_testdata()))
    opt = ap.parse_args()
    # cross builds: qemu-user, from meson test (MESON_EXE_WRAPPER) or by hand
    wrapper = shlex.split(os.environ.get("VMAFX_EXE_WRAPPER") or
                          os.environ.get("MESON_EXE_WRAPPER", ""))
    if not os.path.isdir(opt.testdata):
        print("SKIP: test data not found at %s" % opt.testdata)
        return 77
    failures = 0
    runs = 0
    with tempfile.TemporaryDirectory(prefix="vmafx-det-") as tmp:
        for pair in PAIRS:
            args = [os.path.join(opt.testdata, a) if a.endswith((".yuv", ".y4m")) else a
                    for a in pair]
            baseline = None
            variants = [("--threads", t, "--cpumask", "0") for t in THREADS] + \
                       [("--threads", "0", "--cpumask", m) for m in CPUMASKS[1:]]
            for v in variants:
                for fmt in ("--xml", "--json"):
                    out = os.path.join(tmp, "out")
                    cmd = wrapper + [opt.vmaf] + args + MODEL_ARGS + list(v) + [fmt, "-q", "-o", out]
                    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                    runs += 1
                    if p.returncode:
                        print("FAIL %s: exit %d %s" % (" ".join(v), p.returncode,
                                                       p.stderr.decode()[:200]))
                        failures += 1
                        continue
                    text = strip_fps(open(out).read())
                    key = fmt
                    if baseline is None:
                        baseline = {}
                    if key not in baseline:
                        baseline[key] = text
                    elif baseline[key] != text:
                        print("FAIL %s %s %s: report differs from --threads 0 --cpumask 0" %
                              (os.path.basename(args[1]), " ".join(v), fmt))
                        failures += 1
            print("%-45s identical across threads %s and cpumasks %s" %
                  (os.path.basename(args[1]), "/".join(THREADS), "/".join(CPUMASKS))
                  if not failures else "")
    print("determinism: %d runs, %d failures" % (runs, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
