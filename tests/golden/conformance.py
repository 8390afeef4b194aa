#!/usr/bin/env python3
"""Conformance suite: runs the vmaf CLI on every golden pair in ../shared/testdata
and compares every in-scope value, per frame and pooled, with upstream's golden
JSON at the printed precision. Any difference fails.

Usage: conformance.py VMAF_BINARY [--testdata DIR] [--variants default,neg,4k,b]
                      [--extra-args "..."] [--only SUBSTRING]
Exit status: 0 all identical, 1 differences, 77 skipped (no test data).
"""
import argparse
import csv
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

# Which extractor writes a golden key (first match wins). Keys of extractors the
# build does not list (vmaf --list-features) are not compared, and --feature flags
# naming them are dropped; everything else is compared.
KEY_OWNER = [
    (r"^integer_adm|^integer_aim", "adm"),
    (r"^integer_vif", "vif"),
    (r"^integer_motion|^VMAF_integer_feature_motion", "motion"),
    (r"^psnr_hvs", "psnr_hvs"),
    (r"^psnr_|^mse_", "psnr"),
    (r"^float_ssim", "float_ssim"),
    (r"^float_ms_ssim", "float_ms_ssim"),
    (r"^ciede2000", "ciede"),
    (r"^cambi", "cambi"),
    (r"^speed_chroma", "speed_chroma"),
    (r"^speed_temporal", "speed_temporal"),
    (r"^vif_", "float_vif"),
    (r"^adm|^aim", "float_adm"),
    (r"^motion|^VMAF_feature_motion", "float_motion"),
    (r"^vmaf", None),  # model outputs: always compared
]
SUPPORTED_FEATURES = set()


def in_scope(key):
    for pattern, owner in KEY_OWNER:
        if re.search(pattern, key):
            return owner is None or owner in SUPPORTED_FEATURES
    return False


def default_testdata():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "testdata"))


def parse_commands(testdata, variants):
    jobs = []
    with open(os.path.join(testdata, "golden", "commands.txt")) as f:
        for line in f:
            line = line.strip()
            if not line.startswith("vmaf "):
                continue
            argv = shlex.split(line)[1:]
            out = argv[argv.index("--output") + 1]
            variant = out.rsplit(".", 2)[-2]  # name.yuv.<variant>.<json|xml|csv>
            if variant not in variants:
                continue
            args = []
            i = 0
            while i < len(argv):
                a = argv[i]
                if a == "--output":
                    i += 2
                    continue
                if a in ("-r", "-d"):
                    args += [a, os.path.join(testdata, argv[i + 1])]
                    i += 2
                    continue
                if a == "--feature":
                    if argv[i + 1].split("=")[0] in SUPPORTED_FEATURES:
                        args += [a, argv[i + 1]]
                    i += 2
                    continue
                args.append(a)
                i += 1
            jobs.append((os.path.join(testdata, out), variant, args))
    return jobs


def load_text_values(path):
    """A report (JSON, XML or CSV) as the JSON structure, every number kept as the
    text that was printed."""
    if path.endswith(".xml"):
        return load_xml(path)
    if path.endswith(".csv"):
        return load_csv(path)
    with open(path) as f:
        return json.load(f, parse_float=str, parse_int=str)


def load_xml(path):
    root = ET.parse(path).getroot()
    frames = []
    for fr in root.iter("frame"):
        metrics = dict(fr.attrib)
        n = int(metrics.pop("frameNum"))
        frames.append({"frameNum": n, "metrics": metrics})
    pooled = {}
    for m in root.iter("metric"):
        attrs = dict(m.attrib)
        pooled[attrs.pop("name")] = attrs
    return {"frames": frames, "pooled_metrics": pooled}


def load_csv(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0][:-1]  # every line ends with a trailing comma
    frames = []
    for row in rows[1:]:
        values = row[:-1]
        metrics = dict(zip(header[1:], values[1:]))
        frames.append({"frameNum": int(values[0]), "metrics": metrics})
    return {"frames": frames}


def compare(golden, ours, label, report):
    compared = 0
    diffs = 0
    gframes = {fr["frameNum"]: fr["metrics"] for fr in golden["frames"]}
    oframes = {fr["frameNum"]: fr["metrics"] for fr in ours.get("frames", [])}
    for n, gm in gframes.items():
        om = oframes.get(n, {})
        for key, gval in gm.items():
            if not in_scope(key):
                continue
            compared += 1
            oval = om.get(key)
            if oval != gval:
                diffs += 1
                if diffs <= 20:
                    delta = ""
                    try:
                        delta = " (delta %.3g)" % (float(oval) - float(gval))
                    except (TypeError, ValueError):
                        pass
                    report.append("%s frame %s %s: golden %s, ours %s%s" %
                                  (label, n, key, gval, oval, delta))
    for key, gpool in golden.get("pooled_metrics", {}).items():
        if not in_scope(key):
            continue
        opool = ours.get("pooled_metrics", {}).get(key, {})
        for method, gval in gpool.items():
            compared += 1
            oval = opool.get(method)
            if oval != gval:
                diffs += 1
                if diffs <= 20:
                    report.append("%s pooled %s.%s: golden %s, ours %s" %
                                  (label, key, method, gval, oval))
    return compared, diffs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("vmaf")
    ap.add_argument("--testdata", default=os.environ.get("VMAFX_TESTDATA", default_testdata()))
    ap.add_argument("--variants", default=os.environ.get("VMAFX_CONFORMANCE_VARIANTS",
                                                         "default,neg,4k,b,float,v1"))
    ap.add_argument("--extra-args", default="")
    ap.add_argument("--only", default="")
    opt = ap.parse_args()
    # a cross build runs the tool under a wrapper, e.g. "qemu-aarch64 -L /usr/aarch64-linux-gnu"
    # (meson test passes its exe_wrapper as MESON_EXE_WRAPPER)
    vmaf_cmd = shlex.split(os.environ.get("VMAFX_EXE_WRAPPER") or
                           os.environ.get("MESON_EXE_WRAPPER", ""))
    vmaf_cmd.append(opt.vmaf)

    if not os.path.isfile(os.path.join(opt.testdata, "golden", "commands.txt")):
        print("SKIP: golden test data not found at %s (set VMAFX_TESTDATA)" % opt.testdata)
        return 77

    listed = subprocess.run(vmaf_cmd + ["--list-features"], stdout=subprocess.PIPE, check=True)
    SUPPORTED_FEATURES.update(listed.stdout.decode().split())
    print("features: %s; variants: %s" % (" ".join(sorted(SUPPORTED_FEATURES)), opt.variants))
    jobs = parse_commands(opt.testdata, set(opt.variants.split(",")))
    jobs = [j for j in jobs if opt.only in j[0]]
    total = 0
    total_diffs = 0
    failed_runs = 0
    report = []
    with tempfile.TemporaryDirectory(prefix="vmafx-conf-") as tmp:
        for golden_path, variant, args in jobs:
            label = os.path.basename(golden_path)
            out = os.path.join(tmp, label)
            cmd = vmaf_cmd + args + shlex.split(opt.extra_args) + ["-q", "--output", out]
            proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            if proc.returncode != 0 or not os.path.exists(out):
                failed_runs += 1
                report.append("%s: vmaf exited %d: %s" % (label, proc.returncode,
                                                           proc.stderr.decode(errors="replace").strip()[:300]))
                continue
            try:
                ours = load_text_values(out)
            except ValueError as e:
                failed_runs += 1
                report.append("%s: report is not valid JSON: %s" % (label, e))
                continue
            c, d = compare(load_text_values(golden_path), ours, label, report)
            total += c
            total_diffs += d
            print("%-55s %5d values, %d differ" % (label, c, d))
    for line in report:
        print("  " + line)
    print("conformance: %d runs, %d values compared, %d differ, %d runs failed" %
          (len(jobs), total, total_diffs, failed_runs))
    return 0 if (total_diffs == 0 and failed_runs == 0 and total > 0) else 1


if __name__ == "__main__":
    sys.exit(main())
