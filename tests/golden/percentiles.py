#!/usr/bin/env python3
"""Percentile pooling (VMAFX extension): --percentiles adds p<N> entries to every
pooled metric and changes nothing else; p0/p100 equal min/max; values follow the
documented definition (linear interpolation between order statistics).

Usage: percentiles.py VMAF_BINARY
"""
import json
import math
import os
import re
import shlex
import subprocess
import sys
import tempfile


def default_testdata():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "testdata"))


def percentile(values, p):
    v = sorted(values)
    rank = p / 100.0 * (len(v) - 1)
    lo = math.floor(rank)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (rank - lo) * (v[hi] - v[lo])


def main():
    vmaf = sys.argv[1]
    td = os.environ.get("VMAFX_TESTDATA", default_testdata())
    if not os.path.isdir(td):
        print("SKIP: test data not found at %s" % td)
        return 77
    # cross builds: qemu-user, from meson test (MESON_EXE_WRAPPER) or by hand
    wrapper = shlex.split(os.environ.get("VMAFX_EXE_WRAPPER") or
                          os.environ.get("MESON_EXE_WRAPPER", ""))
    base = wrapper + [vmaf, "-r", os.path.join(td, "cockatoolong_576x324_420p8_ref.y4m"),
            "-d", os.path.join(td, "cockatoolong_576x324_420p8_x264crf34.y4m"),
            "--feature", "psnr", "-q"]
    fails = 0

    def check(cond, what):
        nonlocal fails
        print("%s %s" % ("PASS" if cond else "FAIL", what))
        fails += not cond

    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("--json", "--xml"):
            plain = os.path.join(tmp, "plain")
            extra = os.path.join(tmp, "extra")
            subprocess.run(base + [fmt, "-o", plain], check=True)
            subprocess.run(base + [fmt, "-o", extra, "--percentiles", "0,5,50,95,100"],
                           check=True)
            a = re.sub(r'fps="[^"]*"|"fps": [^,]*', "", open(plain).read())
            b = re.sub(r'fps="[^"]*"|"fps": [^,]*', "", open(extra).read())
            b_stripped = re.sub(r' p[0-9.]+="[^"]*"|,\n      "p[0-9.]+": [^,\n]*', "", b)
            check(a == b_stripped, "%s: report without --percentiles equals the extended one "
                  "minus its p entries" % fmt)
        out = os.path.join(tmp, "x.json")
        subprocess.run(base + ["--json", "-o", out, "--percentiles", "0,5,50,95,100"], check=True)
        rep = json.load(open(out))
        raw = json.load(open(out), parse_float=str)
        frames = rep["frames"]
        for key in ("vmaf", "psnr_y", "integer_adm2"):
            pooled = rep["pooled_metrics"][key]
            praw = raw["pooled_metrics"][key]
            check(praw["p0"] == praw["min"] and praw["p100"] == praw["max"],
                  "%s: p0 == min and p100 == max" % key)
            vals = [fr["metrics"][key] for fr in frames]
            for p in (5, 50, 95):
                want = percentile(vals, p)
                check(abs(pooled["p%d" % p] - want) <= 2e-6,
                      "%s: p%d %.6f matches the definition (%.6f)" % (key, p, pooled["p%d" % p], want))
        for bad in ("101", "-1", "abc", "5,,6", ",".join(["1"] * 17)):
            r = subprocess.run(base + ["--percentiles", bad], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
            check(r.returncode == 1 and b"--percentiles" in r.stderr,
                  "--percentiles %s rejected with exit 1" % bad[:20])
    print("percentiles: %d failure(s)" % fails)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
