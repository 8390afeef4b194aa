#!/usr/bin/env python3
"""Benchmark of the vmaf tool: speed, instruction count and peak memory.

Prints, for the 1080p pair (6 frames and looped to 30) and the 576x324 pairs,
the median wall time and fps with --threads 0 (everything on the calling
thread), 1 and 2, the valgrind (callgrind) instruction count of the whole
process for the 6-frame 1080p pair, and the peak RSS (/usr/bin/time %M). With
--baseline PATH the same figures for another vmaf binary (an older build of
ours, or upstream libvmaf's tool) are printed side by side, with ratios.

It is a benchmark, not a test: it never fails on slow figures. It does check
that both binaries give the same report (fps aside), because a fast wrong
answer is not worth timing. The machines are noisy: compare builds side by
side in one run and read the ratios, not a lone absolute time.

Usage:
  bench/bench.py [--vmaf PATH] [--baseline PATH [--baseline-args ARGS]] [--runs N] [--quick]
                 [--testdata DIR] [--no-callgrind] [--no-hyperfine]
"""
import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

DOG = "dog_1920x1080_420p8_{}.yuv"
RAW1080 = ["-w", "1920", "-h", "1080", "-p", "420", "-b", "8"]
RAW576 = ["-w", "576", "-h", "324", "-p", "420", "-b", "8"]
THREADS = (0, 1, 2)


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--vmaf", default=os.path.join(ROOT, "build", "tools", "vmaf", "vmaf"),
                    help="our vmaf binary (default: build/tools/vmaf/vmaf)")
    ap.add_argument("--baseline", help="a baseline vmaf binary to compare with")
    ap.add_argument("--baseline-args", default="",
                    help='extra arguments for the baseline only, e.g. "--cpumask 63" with '
                         '--baseline set to our own binary: SIMD against scalar')
    ap.add_argument("--runs", type=int, default=5, help="timed runs per figure (default 5)")
    ap.add_argument("--quick", action="store_true",
                    help="1080p only, 3 runs, no callgrind (a smoke run)")
    ap.add_argument("--testdata", default=os.environ.get(
        "VMAFX_TESTDATA", os.path.join(ROOT, "..", "shared", "testdata")))
    ap.add_argument("--no-callgrind", action="store_true", help="skip the instruction count")
    ap.add_argument("--no-hyperfine", action="store_true",
                    help="time with an interleaved loop even when hyperfine is installed")
    ap.add_argument("--json", help="also write every figure to this JSON file")
    a = ap.parse_args()
    if a.quick:
        a.runs = min(a.runs, 3)
        a.no_callgrind = True
    return a


def cases(testdata, tmp, quick):
    """(label, frames, arguments after the binary) of every input."""
    td = lambda name: os.path.join(testdata, name)
    loop30 = []
    for side in ("ref", "x264crf32"):
        path = os.path.join(tmp, "dog30_" + side + ".yuv")
        with open(path, "wb") as out:
            for _ in range(5):
                with open(td(DOG.format(side)), "rb") as f:
                    shutil.copyfileobj(f, out)
        loop30.append(path)
    out = [
        ("1080p dog, 6 frames", 6,
         ["-r", td(DOG.format("ref")), "-d", td(DOG.format("x264crf32"))] + RAW1080),
        ("1080p dog, 30 frames", 30, ["-r", loop30[0], "-d", loop30[1]] + RAW1080),
    ]
    if quick:
        return out
    out += [
        ("576x324 cockatoo x264crf28 (12)", 12,
         ["-r", td("cockatoo_576x324_420p8_ref.yuv"),
          "-d", td("cockatoo_576x324_420p8_x264crf28.yuv")] + RAW576),
        ("576x324 launch aomcrf45 (12)", 12,
         ["-r", td("launch_576x324_420p8_ref.yuv"),
          "-d", td("launch_576x324_420p8_aomcrf45.yuv")] + RAW576),
        ("576x324 city x265crf40 y4m (12)", 12,
         ["-r", td("city_576x324_420p8_ref.y4m"),
          "-d", td("city_576x324_420p8_x265crf40.y4m")]),
        ("576x324 cockatoolong y4m (48)", 48,
         ["-r", td("cockatoolong_576x324_420p8_ref.y4m"),
          "-d", td("cockatoolong_576x324_420p8_x264crf34.y4m")]),
    ]
    return out


def command(binary, args, threads, extra=()):
    return [binary] + args + ["--threads", str(threads), "-q"] + list(extra)


def run_quiet(cmd):
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode:
        sys.exit("bench: failed (%d): %s\n%s" % (r.returncode, " ".join(cmd), r.stderr))
    return r


def time_hyperfine(cmds, runs, tmp):
    """Median seconds of each command, timed by hyperfine (no shell)."""
    out = os.path.join(tmp, "hyperfine.json")
    hf = ["hyperfine", "-N", "--style", "none", "--warmup", "1", "--runs", str(runs),
          "--export-json", out]
    hf += [shlex.join(c) for c in cmds]
    subprocess.run(hf, check=True, stdout=subprocess.DEVNULL)
    with open(out) as f:
        return [r["median"] for r in json.load(f)["results"]]


def time_loop(cmds, runs):
    """Median seconds of each command; runs interleave so that noise hits all alike."""
    for c in cmds:
        run_quiet(c)  # warm-up: page cache, dynamic loader
    times = [[] for _ in cmds]
    for _ in range(runs):
        for i, c in enumerate(cmds):
            t0 = time.perf_counter()
            run_quiet(c)
            times[i].append(time.perf_counter() - t0)
    return [statistics.median(t) for t in times]


def peak_rss_mb(cmd):
    """Peak resident set of the process, in MB (1e6 bytes), from GNU time."""
    r = subprocess.run(["/usr/bin/time", "-f", "RSS_KB=%M"] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode:
        sys.exit("bench: failed: %s\n%s" % (" ".join(cmd), r.stderr))
    kb = [l for l in r.stderr.splitlines() if l.startswith("RSS_KB=")][-1]
    return int(kb.split("=")[1]) * 1024 / 1e6


def instructions(cmd, tmp):
    """Instructions of the whole process (all threads) under callgrind."""
    out = os.path.join(tmp, "callgrind.out")
    r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode:
        sys.exit("bench: callgrind failed: %s\n%s" % (" ".join(cmd), r.stderr[-2000:]))
    for line in r.stderr.splitlines():
        if "Collected :" in line:
            return int(line.split(":")[-1])
    sys.exit("bench: no 'Collected' line from callgrind")


def report_without_fps(binary, args, extra, tmp, name):
    path = os.path.join(tmp, name + ".json")
    run_quiet(command(binary, args, 0, extra) + ["--json", "-o", path])
    with open(path) as f:
        report = json.load(f)
    report.pop("fps", None)
    report.pop("version", None)  # a baseline may report its own version string
    return report


def machine():
    lines = []
    try:
        info = dict(l.split(":", 1) for l in
                    subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines()
                    if ":" in l)
        info = {k.strip(): v.strip() for k, v in info.items()}
        flags = info.get("Flags", "").split()
        simd = [f for f in ("sse4_2", "avx2", "avx512f", "avx512bw", "avx512vl", "asimd", "sve")
                if f in flags]
        lines.append("%s, %s CPU(s), %s; %s; SIMD: %s" % (
            info.get("Model name", platform.processor() or "?"), info.get("CPU(s)", "?"),
            info.get("Architecture", platform.machine()),
            ("hypervisor " + info["Hypervisor vendor"]) if "Hypervisor vendor" in info
            else "bare metal", " ".join(simd) or "-"))
    except (OSError, ValueError):
        lines.append(platform.machine())
    try:
        load = os.getloadavg()
        lines.append("load average at start: %.2f %.2f %.2f" % load)
    except OSError:
        pass
    return lines


def ratio(a, b):
    return "%.2f" % (a / b) if a and b else "-"


def main():
    a = parse_args()
    bins = [("ours", os.path.abspath(a.vmaf))]
    if a.baseline:
        bins.append(("baseline", os.path.abspath(a.baseline)))
    extra = {"ours": [], "baseline": shlex.split(a.baseline_args)}
    for _, b in bins:
        if not os.access(b, os.X_OK):
            sys.exit("bench: not an executable: " + b)
    use_hf = not a.no_hyperfine and shutil.which("hyperfine")
    figures = {"machine": machine(), "binaries": dict(bins), "runs": a.runs,
               "timer": "hyperfine" if use_hf else "interleaved loop", "cases": []}

    print("# vmaf benchmark, %s" % time.strftime("%Y-%m-%d %H:%M"))
    for l in figures["machine"]:
        print("# " + l)
    for n, b in bins:
        print("# %-8s %s" % (n, " ".join([b] + extra[n])))
    print("# median of %d runs (%s); fps = frames / median wall time"
          % (a.runs, figures["timer"]))

    with tempfile.TemporaryDirectory(prefix="vmafx-bench-") as tmp:
        all_cases = cases(a.testdata, tmp, a.quick)
        if a.baseline:
            for label, _, args in all_cases:
                if report_without_fps(bins[0][1], args, [], tmp, "a") != \
                        report_without_fps(bins[1][1], args, extra["baseline"], tmp, "b"):
                    print("# WARNING: reports differ (fps and version aside) on " + label)

        print()
        hdr = "| input | threads | " + " | ".join(
            "%s s | %s fps" % (n, n) for n, _ in bins)
        print(hdr + (" | speed-up |" if a.baseline else " |"))
        print("|---|---:|" + "---:|---:|" * len(bins) + ("---:|" if a.baseline else ""))
        for label, frames, args in all_cases:
            for t in THREADS:
                cmds = [command(b, args, t, extra[n]) for n, b in bins]
                med = time_hyperfine(cmds, a.runs, tmp) if use_hf else time_loop(cmds, a.runs)
                row = {"input": label, "frames": frames, "threads": t,
                       "median_s": dict(zip([n for n, _ in bins], med))}
                figures["cases"].append(row)
                cells = " | ".join("%.3f | %.1f" % (m, frames / m) for m in med)
                tail = " %sx |" % ratio(med[1], med[0]) if a.baseline else ""
                print("| %s | %d | %s |%s" % (label, t, cells, tail), flush=True)

        print()
        print("| peak RSS, MB | " + " | ".join(n for n, _ in bins) +
              (" | ours / baseline |" if a.baseline else " |"))
        print("|---|" + "---:|" * len(bins) + ("---:|" if a.baseline else ""))
        rss = []
        for label, _, args in all_cases[:2]:
            for t in THREADS:
                vals = [peak_rss_mb(command(b, args, t, extra[n])) for n, b in bins]
                rss.append({"input": label, "threads": t, "mb": dict(zip([n for n, _ in bins],
                                                                         vals))})
                tail = " %s |" % ratio(vals[0], vals[1]) if a.baseline else ""
                print("| %s, --threads %d | %s |%s" % (
                    label, t, " | ".join("%.1f" % v for v in vals), tail), flush=True)
        figures["peak_rss"] = rss

        if not a.no_callgrind and shutil.which("valgrind"):
            print()
            label, _, args = all_cases[0]
            vals = [instructions(command(b, args, 1, extra[n]), tmp) for n, b in bins]
            figures["instructions"] = {"input": label, "threads": 1,
                                       "count": dict(zip([n for n, _ in bins], vals))}
            print("instructions (callgrind, %s, --threads 1, whole process): %s%s" % (
                label, ", ".join("%s %.3e" % (n, v) for (n, _), v in zip(bins, vals)),
                ("; ours / baseline %s" % ratio(vals[0], vals[1])) if a.baseline else ""))

    if a.json:
        with open(a.json, "w") as f:
            json.dump(figures, f, indent=1)


if __name__ == "__main__":
    main()
