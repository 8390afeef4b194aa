#!/usr/bin/env python3
"""Bad-input suite for the vmaf CLI: every case builds small inputs in a
temporary folder, runs the tool once and checks the exit status, the single
"vmaf: ..." error line, that nothing crashed or tripped a sanitizer, that
stdout stays empty, that the run is quick and that no input file changed.

Usage: bad_input.py VMAF_BINARY [--only SUBSTRING]
Test data: $VMAFX_TESTDATA, else ../../../shared/testdata next to this script
(read only; generated inputs go to a TemporaryDirectory).
Exit status: 0 every case passed, 1 some failed, 77 skipped (no test data).
"""
import argparse
import hashlib
import json
import os
import random
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

TIME_LIMIT_S = 20.0
# A cross build runs the tool under a wrapper, e.g. "qemu-aarch64 -L /usr/aarch64-linux-gnu"
# (meson test passes its exe_wrapper as MESON_EXE_WRAPPER).
EXE_WRAPPER = shlex.split(os.environ.get("VMAFX_EXE_WRAPPER") or
                          os.environ.get("MESON_EXE_WRAPPER", ""))
# Max resident memory of one run; ASan's shadow memory is not resident, so a
# sanitizer build stays far below this on 64x64 inputs.
MAX_RSS_KB = 1024 * 1024
SANITIZER_MARKS = ("AddressSanitizer", "LeakSanitizer", "runtime error:")
SCORE_LINE = r"(?m)^vmaf_v0\.6\.1: \d+\.\d{6}$"
# Lines the library itself may log before the tool's own error line.
LIBRARY_LINE = re.compile(r"^libvmaf (ERROR|WARNING|INFO|DEBUG) ")
W, H = 64, 64


def default_testdata():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "testdata"))


# ---- input generators -------------------------------------------------------

def frame_bytes(w, h, chroma="420", bpc=8):
    cw = {"420": (w + 1) // 2, "422": (w + 1) // 2, "444": w}[chroma]
    ch = {"420": (h + 1) // 2, "422": h, "444": h}[chroma]
    return (w * h + 2 * cw * ch) * (2 if bpc > 8 else 1)


def random_frame(rng, w, h, chroma="420", bpc=8):
    n = frame_bytes(w, h, chroma, bpc)
    if bpc == 8:
        return bytes(rng.getrandbits(8) for _ in range(n))
    words = [rng.getrandbits(bpc) for _ in range(n // 2)]
    return b"".join(v.to_bytes(2, "little") for v in words)


def y4m_bytes(frames=3, w=W, h=H, chroma="420", bpc=8, seed=1, tag=None, header=None):
    """A y4m stream of random frames; `tag` overrides the C tag, `header` the whole line."""
    rng = random.Random(seed)
    if tag is None:
        tag = "C" + chroma + ("" if bpc == 8 else "p%d" % bpc)
    if header is None:
        header = "YUV4MPEG2 W%d H%d F25:1 Ip A1:1 %s XCOLORRANGE=LIMITED\n" % (w, h, tag)
    out = [header.encode()]
    for _ in range(frames):
        out.append(b"FRAME\n")
        out.append(random_frame(rng, w, h, chroma, bpc))
    return b"".join(out)


def yuv_bytes(frames=3, w=W, h=H, chroma="420", bpc=8, seed=1):
    rng = random.Random(seed)
    return b"".join(random_frame(rng, w, h, chroma, bpc) for _ in range(frames))


def write(tmp, name, data):
    path = os.path.join(tmp, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def pair(tmp, ref=None, dist=None):
    """ref.y4m and dist.y4m: 3 random 64x64 4:2:0 8-bit frames each unless given."""
    r = write(tmp, "ref.y4m", y4m_bytes(seed=1) if ref is None else ref)
    d = write(tmp, "dist.y4m", y4m_bytes(seed=2) if dist is None else dist)
    return r, d


def model_json(testdata, edit):
    """The vmaf_v0.6.1 model file from the models folder next to the test data, edited."""
    src = os.path.join(testdata, "..", "models", "vmaf_v0.6.1.json")
    with open(src) as f:
        model = json.load(f)
    edit(model)
    return json.dumps(model).encode()


# ---- cases ------------------------------------------------------------------
# Each case: name, setup(tmp, testdata) -> dict of named paths (and the argv
# under key "argv"), the expected exit status, a regex for the single error
# line (or for stderr as a whole on success), and optional checks.

CASES = []


def case(name, status, pattern, stdout=None, check=None, fast=None, max_rss_kb=None):
    def register(setup):
        CASES.append(dict(name=name, setup=setup, status=status, pattern=pattern,
                          stdout=stdout, check=check, fast=fast, max_rss_kb=max_rss_kb))
        return setup
    return register


def quoted(path):
    return re.escape(path)


# -- flags

@case("unknown_long_flag", 1, r"^vmaf: unknown option '--bogus'")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--bogus"]}


@case("unknown_short_flag", 1, r"^vmaf: unknown option '-Z'")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "-Z"]}


@case("stray_argument", 1, r"^vmaf: unexpected argument 'extra'")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "extra"]}


@case("missing_reference", 1, r"^vmaf: missing reference \(-r\) input")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-d", d]}


@case("missing_distorted", 1, r"^vmaf: missing distorted \(-d\) input")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r]}


@case("flag_without_value", 1, r"^vmaf: option --threads needs a value")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--threads"]}


@case("both_inputs_stdin", 1, r"^vmaf: only one of -r and -d can read stdin")
def _(tmp, td):
    return {"argv": ["-r", "-", "-d", "-"]}


@case("threads_abc", 1, r"^vmaf: invalid value 'abc' for --threads")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--threads", "abc"]}


@case("threads_negative", 1, r"^vmaf: invalid value '-1' for --threads")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--threads=-1"]}


@case("threads_overflow", 1, r"^vmaf: invalid value '99999999999999999999' for --threads")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--threads", "99999999999999999999"]}


@case("subsample_zero", 1, r"^vmaf: invalid value '0' for --subsample")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--subsample", "0"]}


@case("subsample_negative", 1, r"^vmaf: invalid value '-3' for --subsample")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--subsample=-3"]}


@case("frame_cnt_negative", 1, r"^vmaf: invalid value '-1' for --frame_cnt")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--frame_cnt=-1"]}


@case("aom_ctc_proposed", 1, r"^vmaf: --aom_ctc proposed is deprecated")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--aom_ctc", "proposed"]}


# -- input files

@case("nonexistent_reference", 2, r"^vmaf: .*/nope\.y4m: cannot open: No such file")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", os.path.join(tmp, "nope.y4m"), "-d", d]}


@case("nonexistent_distorted", 2, r"^vmaf: .*/nope\.yuv: cannot open: No such file")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", os.path.join(tmp, "nope.yuv")]}


@case("directory_as_input", 2, r"^vmaf: .*/adir: is a directory")
def _(tmp, td):
    r, d = pair(tmp)
    sub = os.path.join(tmp, "adir")
    os.mkdir(sub)
    return {"argv": ["-r", r, "-d", sub]}


@case("empty_y4m", 2, r"^vmaf: .*/empty\.y4m: truncated y4m header")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", write(tmp, "empty.y4m", b"")]}


@case("y4m_header_without_newline", 2, r"^vmaf: .*/dist\.y4m: truncated y4m header")
def _(tmp, td):
    r, d = pair(tmp, dist=b"YUV4MPEG2 W64 H64 F25:1 C420")
    return {"argv": ["-r", r, "-d", d]}


@case("y4m_header_too_long", 2, r"^vmaf: .*/dist\.y4m: y4m header longer than \d+ bytes")
def _(tmp, td):
    r, d = pair(tmp, dist=b"YUV4MPEG2 W64 H64 " + b"X" * (1 << 20) + b"\n")
    return {"argv": ["-r", r, "-d", d]}


@case("y4m_bad_magic", 2, r"^vmaf: .*/dist\.y4m: not a y4m file")
def _(tmp, td):
    data = y4m_bytes(seed=2).replace(b"YUV4MPEG2", b"YUV4MPEG3", 1)
    r, d = pair(tmp, dist=data)
    return {"argv": ["-r", r, "-d", d]}


@case("y4m_bad_magic_no_suffix", 2,
      r"^vmaf: .*/dist\.bin: not a y4m file; raw \.yuv input needs -w, -h, -p and -b")
def _(tmp, td):
    r, _ = pair(tmp)
    d = write(tmp, "dist.bin", y4m_bytes(seed=2).replace(b"YUV4MPEG2", b"YUV4MPEG_", 1))
    return {"argv": ["-r", r, "-d", d]}


@case("y4m_chroma_C411", 2, r"^vmaf: .*/dist\.y4m: unsupported y4m chroma tag 'C411'")
def _(tmp, td):
    r, d = pair(tmp, dist=y4m_bytes(seed=2, tag="C411"))
    return {"argv": ["-r", r, "-d", d]}


@case("y4m_chroma_Cfoo", 2, r"^vmaf: .*/ref\.y4m: unsupported y4m chroma tag 'Cfoo'")
def _(tmp, td):
    r, d = pair(tmp, ref=y4m_bytes(seed=1, tag="Cfoo"))
    return {"argv": ["-r", r, "-d", d]}


@case("y4m_chroma_mono", 2, r"^vmaf: .*/dist\.y4m: unsupported y4m chroma tag 'Cmono'")
def _(tmp, td):
    r, d = pair(tmp, dist=y4m_bytes(seed=2, tag="Cmono"))
    return {"argv": ["-r", r, "-d", d]}


@case("y4m_chroma_p7", 2, r"^vmaf: .*/dist\.y4m: unsupported y4m chroma tag 'C420p7'")
def _(tmp, td):
    r, d = pair(tmp, dist=y4m_bytes(seed=2, tag="C420p7"))
    return {"argv": ["-r", r, "-d", d]}


@case("y4m_zero_width", 2, r"^vmaf: .*/dist\.y4m: bad y4m width '0'")
def _(tmp, td):
    r, d = pair(tmp, dist=y4m_bytes(seed=2, header="YUV4MPEG2 W0 H64 C420\n"))
    return {"argv": ["-r", r, "-d", d]}


@case("y4m_no_height", 2, r"^vmaf: .*/dist\.y4m: y4m header has no height")
def _(tmp, td):
    r, d = pair(tmp, dist=y4m_bytes(seed=2, header="YUV4MPEG2 W64 C420\n"))
    return {"argv": ["-r", r, "-d", d]}


@case("y4m_huge_dimensions", 2, r"^vmaf: .*/dist\.y4m: bad y4m width '100000'",
      fast=2.0, max_rss_kb=256 * 1024)
def _(tmp, td):
    # a header promising 10^10 pixels followed by a little data
    data = b"YUV4MPEG2 W100000 H100000 C420\nFRAME\n" + bytes(4096)
    r, d = pair(tmp, dist=data)
    return {"argv": ["-r", r, "-d", d]}


@case("y4m_max_size_header_tiny_file", 2,
      r"^vmaf: .*/dist\.y4m: truncated frame 0 \(10 of 1610612736 bytes\)",
      fast=5.0, max_rss_kb=256 * 1024)
def _(tmp, td):
    # legal maximum size, 16-bit 4:4:4 (1.5 GiB a frame), but only 10 sample bytes:
    # the short file must be noticed before any picture is allocated
    big = b"YUV4MPEG2 W16384 H16384 C444p16\nFRAME\n0123456789"
    r, d = pair(tmp, ref=big, dist=big)
    os.rename(r, os.path.join(tmp, "ref_big.y4m"))
    return {"argv": ["-r", d, "-d", os.path.join(tmp, "ref_big.y4m")]}


@case("y4m_negative_height", 2, r"^vmaf: .*/dist\.y4m: bad y4m height '-64'")
def _(tmp, td):
    r, d = pair(tmp, dist=y4m_bytes(seed=2, header="YUV4MPEG2 W64 H-64 C420\n"))
    return {"argv": ["-r", r, "-d", d]}


@case("y4m_odd_size_420_ok", 0, SCORE_LINE)
def _(tmp, td):
    # docs/cli.md: odd 4:2:0 sizes are read (chroma rows/columns rounded up in the file)
    r, d = pair(tmp, ref=y4m_bytes(w=63, h=61, seed=1), dist=y4m_bytes(w=63, h=61, seed=2))
    return {"argv": ["-r", r, "-d", d]}


@case("y4m_truncated_last_frame", 2,
      r"^vmaf: .*/dist\.y4m: truncated frame 2 \(5000 of 6144 bytes\)")
def _(tmp, td):
    r, d = pair(tmp, dist=y4m_bytes(seed=2)[:-1144])
    return {"argv": ["-r", r, "-d", d]}


@case("y4m_corrupt_frame_line", 2,
      r"^vmaf: .*/dist\.y4m: frame 1 does not start with a FRAME line")
def _(tmp, td):
    data = bytearray(y4m_bytes(seed=2))
    second = data.index(b"FRAME\n", data.index(b"FRAME\n") + 1)
    data[second:second + 5] = b"FRAMX"
    r, d = pair(tmp, dist=bytes(data))
    return {"argv": ["-r", r, "-d", d]}


@case("y4m_10bit_sample_out_of_range", 2,
      r"^vmaf: .*/dist\.y4m: frame 0 has sample values above 10 bits")
def _(tmp, td):
    ref = y4m_bytes(seed=1, bpc=10)
    data = bytearray(y4m_bytes(seed=2, bpc=10))
    pos = data.index(b"FRAME\n") + 6
    data[pos:pos + 2] = (0xFFFF).to_bytes(2, "little")  # big-endian-looking / 16-bit sample
    r, d = pair(tmp, ref=ref, dist=bytes(data))
    return {"argv": ["-r", r, "-d", d]}


@case("y4m_header_contradicts_flags", 2,
      r"^vmaf: .*/ref\.y4m: y4m header says 64x64 4:2:0 8-bit, which contradicts -w/-h/-p/-b")
def _(tmp, td):
    r = write(tmp, "ref.y4m", y4m_bytes(seed=1))
    d = write(tmp, "dist.yuv", yuv_bytes(w=32, h=32, seed=2))
    return {"argv": ["-r", r, "-d", d, "-w", "32", "-h", "32", "-p", "420", "-b", "8"]}


@case("yuv_truncated_last_frame", 2,
      r"^vmaf: .*/dist\.yuv: truncated frame 2 \(100 of 6144 bytes\)")
def _(tmp, td):
    r = write(tmp, "ref.yuv", yuv_bytes(seed=1))
    d = write(tmp, "dist.yuv", yuv_bytes(seed=2)[:2 * 6144 + 100])
    return {"argv": ["-r", r, "-d", d, "-w", "64", "-h", "64", "-p", "420", "-b", "8"]}


@case("yuv_missing_bitdepth", 1, r"^vmaf: raw \.yuv input needs all of -w, -h, -p and -b "
                                 r"\(missing -b\)")
def _(tmp, td):
    r = write(tmp, "ref.yuv", yuv_bytes(seed=1))
    d = write(tmp, "dist.yuv", yuv_bytes(seed=2))
    return {"argv": ["-r", r, "-d", d, "-w", "64", "-h", "64", "-p", "420"]}


@case("yuv_no_geometry", 2, r"^vmaf: .*/ref\.yuv: not a y4m file; raw \.yuv input needs")
def _(tmp, td):
    r = write(tmp, "ref.yuv", yuv_bytes(seed=1))
    d = write(tmp, "dist.yuv", yuv_bytes(seed=2))
    return {"argv": ["-r", r, "-d", d]}


@case("yuv_pixel_format_411", 1, r"^vmaf: invalid value '411' for -p \(expected 420, 422 or 444\)")
def _(tmp, td):
    r = write(tmp, "ref.yuv", yuv_bytes(seed=1))
    d = write(tmp, "dist.yuv", yuv_bytes(seed=2))
    return {"argv": ["-r", r, "-d", d, "-w", "64", "-h", "64", "-p", "411", "-b", "8"]}


@case("yuv_bitdepth_9", 1, r"^vmaf: invalid value '9' for -b \(expected 8, 10, 12 or 16\)")
def _(tmp, td):
    r = write(tmp, "ref.yuv", yuv_bytes(seed=1))
    d = write(tmp, "dist.yuv", yuv_bytes(seed=2))
    return {"argv": ["-r", r, "-d", d, "-w", "64", "-h", "64", "-p", "420", "-b", "9"]}


@case("yuv_width_zero", 1, r"^vmaf: invalid value '0' for --width")
def _(tmp, td):
    r = write(tmp, "ref.yuv", yuv_bytes(seed=1))
    d = write(tmp, "dist.yuv", yuv_bytes(seed=2))
    return {"argv": ["-r", r, "-d", d, "--width", "0", "-h", "64", "-p", "420", "-b", "8"]}


@case("yuv_width_huge", 1, r"^vmaf: invalid value '100000' for -w", fast=2.0,
      max_rss_kb=256 * 1024)
def _(tmp, td):
    r = write(tmp, "ref.yuv", yuv_bytes(seed=1))
    d = write(tmp, "dist.yuv", yuv_bytes(seed=2))
    return {"argv": ["-r", r, "-d", d, "-w", "100000", "-h", "100000", "-p", "420", "-b", "8"]}


@case("yuv_empty_files", 2, r"^vmaf: no frames to score: .*/ref\.yuv has no frames")
def _(tmp, td):
    r = write(tmp, "ref.yuv", b"")
    d = write(tmp, "dist.yuv", b"")
    return {"argv": ["-r", r, "-d", d, "-w", "64", "-h", "64", "-p", "420", "-b", "8"]}


@case("one_frame_ok", 0, SCORE_LINE)
def _(tmp, td):
    r, d = pair(tmp, ref=y4m_bytes(frames=1, seed=1), dist=y4m_bytes(frames=1, seed=2))
    return {"argv": ["-r", r, "-d", d]}


@case("one_frame_raw_ok", 0, SCORE_LINE)
def _(tmp, td):
    r = write(tmp, "ref.yuv", yuv_bytes(frames=1, seed=1))
    d = write(tmp, "dist.yuv", yuv_bytes(frames=1, seed=2))
    return {"argv": ["-r", r, "-d", d, "-w", "64", "-h", "64", "-p", "420", "-b", "8"]}


# -- reference vs distorted

@case("geometry_mismatch_testdata", 2,
      r"^vmaf: reference .*/city_576x324_420p8_ref\.y4m is 576x324 4:2:0 8-bit but "
      r"distorted .*/cockatoo_320x180_444p8_ref\.y4m is 320x180 4:4:4 8-bit")
def _(tmp, td):
    return {"argv": ["-r", os.path.join(td, "city_576x324_420p8_ref.y4m"),
                     "-d", os.path.join(td, "cockatoo_320x180_444p8_ref.y4m")]}


@case("geometry_mismatch", 2,
      r"^vmaf: reference .*/ref\.y4m is 64x64 4:2:0 8-bit but distorted .*/dist\.y4m is "
      r"64x48 4:2:0 8-bit")
def _(tmp, td):
    r, d = pair(tmp, dist=y4m_bytes(h=48, seed=2))
    return {"argv": ["-r", r, "-d", d]}


@case("chroma_mismatch", 2,
      r"^vmaf: reference .*/ref\.y4m is 64x64 4:2:0 8-bit but distorted .*/dist\.y4m is "
      r"64x64 4:2:2 8-bit")
def _(tmp, td):
    r, d = pair(tmp, dist=y4m_bytes(chroma="422", seed=2))
    return {"argv": ["-r", r, "-d", d]}


@case("bitdepth_mismatch", 2,
      r"^vmaf: reference .*/ref\.y4m is 64x64 4:2:0 8-bit but distorted .*/dist\.y4m is "
      r"64x64 4:2:0 10-bit")
def _(tmp, td):
    r, d = pair(tmp, dist=y4m_bytes(bpc=10, seed=2))
    return {"argv": ["-r", r, "-d", d]}


@case("distorted_shorter", 2,
      r"^vmaf: distorted .*/dist\.y4m has 2 frames but reference .*/ref\.y4m has 3")
def _(tmp, td):
    r, d = pair(tmp, dist=y4m_bytes(frames=2, seed=2))
    return {"argv": ["-r", r, "-d", d]}


@case("reference_shorter", 2,
      r"^vmaf: reference .*/ref\.y4m has 1 frame but distorted .*/dist\.y4m has 3")
def _(tmp, td):
    r, d = pair(tmp, ref=y4m_bytes(frames=1, seed=1))
    return {"argv": ["-r", r, "-d", d]}


@case("skip_past_end", 2, r"^vmaf: --frame_skip_dist 5: .*/dist\.y4m has only 3 frames")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--frame_skip_dist", "5"]}


# -- models and features

@case("model_garbage_json", 3,
      r"^vmaf: model file '.*/garbage\.json' is not a valid VMAF model")
def _(tmp, td):
    r, d = pair(tmp)
    m = write(tmp, "garbage.json", bytes(random.Random(7).getrandbits(8) for _ in range(3000)))
    return {"argv": ["-r", r, "-d", d, "--model", "path=" + m]}


@case("model_truncated_json", 3,
      r"^vmaf: model file '.*/truncated\.json' is not a valid VMAF model")
def _(tmp, td):
    r, d = pair(tmp)
    full = model_json(td, lambda m: None)
    m = write(tmp, "truncated.json", full[:len(full) // 2])
    return {"argv": ["-r", r, "-d", d, "--model", "path=" + m]}


@case("model_nested_arrays", 3,
      r"^vmaf: model file '.*/nested\.json' is not a valid VMAF model", fast=5.0)
def _(tmp, td):
    r, d = pair(tmp)
    m = write(tmp, "nested.json", b"[" * 100000 + b"]" * 100000)
    return {"argv": ["-r", r, "-d", d, "--model", "path=" + m]}


@case("model_nested_objects", 3,
      r"^vmaf: model file '.*/nested\.json' is not a valid VMAF model", fast=5.0)
def _(tmp, td):
    r, d = pair(tmp)
    m = write(tmp, "nested.json", b'{"model_dict":' + b'{"a":' * 100000 + b"1" +
              b"}" * 100001)
    return {"argv": ["-r", r, "-d", d, "--model", "path=" + m]}


@case("model_huge_total_sv", 3,
      r"^vmaf: model file '.*/huge_sv\.json' is not a valid VMAF model", fast=5.0,
      max_rss_kb=512 * 1024)
def _(tmp, td):
    r, d = pair(tmp)
    def edit(m):
        m["model_dict"]["model"] = re.sub(r"total_sv \d+", "total_sv 4000000000",
                                          m["model_dict"]["model"])
    m = write(tmp, "huge_sv.json", model_json(td, edit))
    return {"argv": ["-r", r, "-d", d, "--model", "path=" + m]}


def svm_edit(name, old, new):
    """A vmaf_v0.6.1 model whose libsvm text has `old` replaced by `new` (regex)."""
    @case(name, 3, r"^vmaf: model file '.*/%s\.json' is not a valid VMAF model" % name,
          fast=5.0, max_rss_kb=512 * 1024)
    def _(tmp, td):
        r, d = pair(tmp)
        def edit(m):
            text = m["model_dict"]["model"]
            edited = re.sub(old, new, text, count=1)
            assert edited != text, "edit %s did not apply" % name
            m["model_dict"]["model"] = edited
        m = write(tmp, name + ".json", model_json(td, edit))
        return {"argv": ["-r", r, "-d", d, "--model", "path=" + m]}


svm_edit("model_total_sv_int_max", r"total_sv \d+", "total_sv 2147483647")
svm_edit("model_total_sv_negative", r"total_sv \d+", "total_sv -1")
svm_edit("model_nr_class_huge", r"nr_class \d+", "nr_class 1000000000")
svm_edit("model_sv_index_huge", r" 1:", " 1000000:")
svm_edit("model_sv_index_negative", r" 1:", " -5:")
svm_edit("model_no_support_vectors", r"\nSV\n(.|\n)*", "\n")


@case("model_unknown_feature", 3,
      r"^vmaf: model '.*/unknown_feat\.json' needs a feature extractor that this build "
      r"does not provide")
def _(tmp, td):
    r, d = pair(tmp)
    def edit(m):
        md = m["model_dict"]
        md["feature_names"] = ["VMAF_feature_no_such_thing_score"] + md["feature_names"][1:]
        md["feature_dict"] = {"VMAF_feature": ["no_such_thing"],
                              "VMAF_integer_feature": md["feature_dict"]["VMAF_integer_feature"][1:]}
    m = write(tmp, "unknown_feat.json", model_json(td, edit))
    return {"argv": ["-r", r, "-d", d, "--model", "path=" + m]}


@case("model_missing_file", 3, r"^vmaf: cannot read model file '.*/missing\.json': No such file")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "-m", "path=" + os.path.join(tmp, "missing.json")]}


@case("model_unknown_version", 3, r"^vmaf: unknown model version 'vmaf_v9\.9\.9'")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--model", "version=vmaf_v9.9.9"]}


@case("model_spec_without_source", 1, r"^vmaf: --model 'name=x': needs version=NAME or path=FILE")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--model", "name=x"]}


@case("model_duplicate_names", 1, r"^vmaf: two models are named 'vmaf'")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "-m", "version=vmaf_v0.6.1",
                     "-m", "version=vmaf_v0.6.1neg"]}


@case("model_duplicate_explicit_names", 1, r"^vmaf: two models are named 'same'")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "-m", "version=vmaf_v0.6.1:name=same",
                     "-m", "version=vmaf_v0.6.1neg:name=same"]}


@case("feature_bad_option_value", 1,
      r"^vmaf: --feature psnr: invalid value 'maybe' for option 'enable_chroma'")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--feature", "psnr=enable_chroma=maybe"]}


@case("float_ssim_scale_out_of_range", 1,
      r"^vmaf: --feature float_ssim: invalid value '11' for option 'scale'")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--feature", "float_ssim=scale=11"]}


@case("float_ms_ssim_bad_bool", 1,
      r"^vmaf: --feature float_ms_ssim: invalid value 'maybe' for option 'enable_db'")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--feature", "float_ms_ssim=enable_db=maybe"]}


@case("cambi_window_size_out_of_range", 1,
      r"^vmaf: --feature cambi: invalid value '200' for option 'window_size'")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--feature", "cambi=window_size=200"]}


@case("cambi_bad_eotf", 1,
      r"^vmaf: --feature cambi: invalid value 'hlg' for option 'eotf'")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--feature", "cambi=eotf=hlg"]}


@case("cambi_topk_zero", 1,
      r"^vmaf: --feature cambi: invalid value '0' for option 'topk'")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--feature", "cambi=topk=0"]}


@case("cambi_heatmaps_unsupported", 1,
      r"^vmaf: --feature cambi: invalid value '/tmp/vmafx-heat' for option 'heatmaps_path'")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--feature", "cambi=heatmaps_path=/tmp/vmafx-heat"]}


@case("speed_chroma_bad_mode", 1,
      r"^vmaf: --feature speed_chroma: invalid value '7' for option 'speed_weight_var_mode'")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--feature", "speed_chroma=speed_weight_var_mode=7"]}


@case("speed_temporal_bad_prescale_method", 1,
      r"^vmaf: --feature speed_temporal: invalid value 'sinc' for option 'speed_prescale_method'")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--feature", "speed_temporal=speed_prescale_method=sinc"]}


@case("float_vif_bad_kernelscale", 1,
      r"^vmaf: --feature float_vif: invalid value '0\.05' for option 'vif_kernelscale'")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--feature", "float_vif=vif_kernelscale=0.05"]}


@case("float_vif_bad_prescale_method", 1,
      r"^vmaf: --feature float_vif: invalid value 'sinc' for option 'vif_prescale_method'")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--feature", "float_vif=vif_prescale_method=sinc"]}


@case("float_adm_p_norm_out_of_range", 1,
      r"^vmaf: --feature float_adm: invalid value '0\.5' for option 'adm_p_norm'")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--feature", "float_adm=adm_p_norm=0.5"]}


@case("float_motion_filter_size_out_of_range", 1,
      r"^vmaf: --feature float_motion: invalid value '12' for option 'motion_filter_size'")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--feature", "float_motion=motion_filter_size=12"]}


@case("adm_csf_mode_out_of_range", 1,
      r"^vmaf: --feature adm: invalid value '4' for option 'adm_csf_mode'")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--feature", "adm=adm_csf_mode=4"]}


@case("vif_egl_below_one", 1,
      r"^vmaf: --feature vif: invalid value '0\.5' for option 'vif_enhn_gain_limit'")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--feature", "vif=vif_enhn_gain_limit=0.5"]}


@case("psnr_min_sse_negative", 1,
      r"^vmaf: --feature psnr: invalid value '-1' for option 'min_sse'")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--feature", "psnr=min_sse=-1"]}


@case("float_ms_ssim_frame_too_small", 3,
      r"^vmaf: frame 0: the library rejected the picture pair")
def _(tmp, td):
    r, d = pair(tmp)  # 64x64: below MS-SSIM's 176x176 minimum
    return {"argv": ["-r", r, "-d", d, "--feature", "float_ms_ssim"]}


@case("feature_unknown_name", 3,
      r"^vmaf: feature extractor 'no_such_feature' is not available in this build")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--feature", "no_such_feature"]}


@case("feature_malformed_spec", 1, r"^vmaf: --feature psnr: option 'enable_chroma' is not KEY=VALUE")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--feature", "psnr=enable_chroma"]}


# -- report output

def output_untouched(name, content):
    def check(tmp, res):
        path = os.path.join(tmp, name)
        with open(path, "rb") as f:
            if f.read() != content:
                return "%s was modified by a failed run" % name
        return None
    return check


@case("output_unwritable_dir", 2,
      r"^vmaf: cannot write report '/nonexistent/dir/x\.xml': No such file or directory")
def _(tmp, td):
    # -d is bad too: the target must be checked before any input is opened
    r, _ = pair(tmp)
    return {"argv": ["-r", r, "-d", os.path.join(tmp, "nope.y4m"),
                     "-o", "/nonexistent/dir/x.xml"]}


@case("output_unwritable_before_scoring", 2,
      r"^vmaf: cannot write report '/nonexistent/dir/x\.xml': No such file or directory",
      check=lambda tmp, res: "scored before failing" if re.search(SCORE_LINE, res.stderr)
      else None)
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "-o", "/nonexistent/dir/x.xml"]}


@case("output_is_directory", 2, r"^vmaf: cannot write report '.*/outdir': is a directory")
def _(tmp, td):
    r, d = pair(tmp)
    out = os.path.join(tmp, "outdir")
    os.mkdir(out)
    return {"argv": ["-r", r, "-d", d, "-o", out]}


@case("output_is_reference", 1, r"^vmaf: -o '.*/ref\.y4m' is one of the input files")
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "-o", r]}


@case("output_is_distorted_other_spelling", 1,
      r"^vmaf: -o '.*/sub/\.\./dist\.y4m' is one of the input files")
def _(tmp, td):
    r, d = pair(tmp)
    os.mkdir(os.path.join(tmp, "sub"))
    return {"argv": ["-r", r, "-d", d, "--json", "-o", os.path.join(tmp, "sub", "..", "dist.y4m")]}


@case("output_is_input_via_symlink", 1, r"^vmaf: -o '.*/link\.xml' is one of the input files")
def _(tmp, td):
    r, d = pair(tmp)
    link = os.path.join(tmp, "link.xml")
    os.symlink(r, link)
    return {"argv": ["-r", r, "-d", d, "-o", link]}


KNOWN_REPORT = b"<previous report: must survive a failed run>\n"


@case("existing_report_kept_on_failure", 2,
      r"^vmaf: .*/dist\.y4m: truncated frame 2 \(", check=output_untouched("out.xml", KNOWN_REPORT))
def _(tmp, td):
    r, d = pair(tmp, dist=y4m_bytes(seed=2)[:-10])
    write(tmp, "out.xml", KNOWN_REPORT)
    return {"argv": ["-r", r, "-d", d, "-o", os.path.join(tmp, "out.xml")]}


@case("existing_report_kept_on_model_failure", 3,
      r"^vmaf: unknown model version 'nope'", check=output_untouched("out.json", KNOWN_REPORT))
def _(tmp, td):
    r, d = pair(tmp)
    write(tmp, "out.json", KNOWN_REPORT)
    return {"argv": ["-r", r, "-d", d, "--json", "-o", os.path.join(tmp, "out.json"),
                     "-m", "version=nope"]}


def stdout_json(res):
    try:
        doc = json.loads(res.stdout)
    except ValueError as e:
        return "stdout is not JSON: %s" % e
    if len(doc.get("frames", [])) != 3 or "vmaf" not in doc.get("pooled_metrics", {}):
        return "JSON report lacks 3 frames or pooled vmaf"
    return None


def stdout_xml(res):
    try:
        root = ET.fromstring(res.stdout)
    except ET.ParseError as e:
        return "stdout is not XML: %s" % e
    if len(root.findall("./frames/frame")) != 3:
        return "XML report does not hold 3 frames"
    return None


@case("output_stdout_json", 0, SCORE_LINE, stdout=stdout_json)
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "--json", "-o", "-"]}


@case("output_stdout_xml", 0, SCORE_LINE, stdout=stdout_xml)
def _(tmp, td):
    r, d = pair(tmp)
    return {"argv": ["-r", r, "-d", d, "-o", "-"]}


# -- informational

@case("help", 0, r"^$", stdout=lambda res: None if res.stdout.startswith("Usage: vmaf ")
      else "no usage on stdout")
def _(tmp, td):
    return {"argv": ["--help"]}


@case("version", 0, r"^$", stdout=lambda res: None if re.fullmatch(r"VMAFX \S+ \(libvmaf 3\.\d+\.\d+ API; reports carry version \"\S+\"\)\n", res.stdout)
      else "stdout is not the version line")
def _(tmp, td):
    return {"argv": ["--version"]}


@case("list_models", 0, r"^$", stdout=lambda res: None if "vmaf_v0.6.1\n" in res.stdout
      else "vmaf_v0.6.1 not listed")
def _(tmp, td):
    return {"argv": ["--list-models"]}


# ---- runner -----------------------------------------------------------------

class Result:
    def __init__(self, status, stdout, stderr, wall, maxrss_kb, timed_out):
        self.status, self.stdout, self.stderr = status, stdout, stderr
        self.wall, self.maxrss_kb, self.timed_out = wall, maxrss_kb, timed_out


def run_tool(binary, argv, cwd):
    """Runs binary with argv; stdout/stderr go to files, wait4 gives this child's rusage."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(EXE_WRAPPER + [binary] + argv, cwd=cwd,
                                stdin=subprocess.DEVNULL,
                                stdout=out, stderr=err)
        timed_out = False
        while True:
            pid, wstatus, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > TIME_LIMIT_S:
                timed_out = True
                proc.kill()
                pid, wstatus, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        wall = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(wstatus)  # tells Popen it is reaped
        status = proc.returncode
        if status < 0:
            status = 128 - status  # killed by a signal: report like a shell
        out.seek(0)
        err.seek(0)
        return Result(status, out.read().decode("utf-8", "replace"),
                      err.read().decode("utf-8", "replace"), wall, usage.ru_maxrss, timed_out)


def file_hashes(paths):
    hashes = {}
    for path in paths:
        if os.path.isfile(path):
            with open(path, "rb") as f:
                hashes[path] = hashlib.sha256(f.read()).hexdigest()
    return hashes


def files_under(tmp):
    found = []
    for root, _, names in os.walk(tmp):
        found += [os.path.join(root, n) for n in names if not os.path.islink(os.path.join(root, n))]
    return sorted(found)


def check_stderr(c, res):
    if c["status"] == 0:
        if not re.search(c["pattern"], res.stderr):
            return "stderr does not match /%s/: %r" % (c["pattern"], res.stderr[-300:])
        if "vmaf: " in res.stderr:
            return "error line on success: %r" % res.stderr[-300:]
        return None
    lines = [l for l in res.stderr.split("\n") if l]
    own = [l for l in lines if l.startswith("vmaf: ")]
    if len(own) != 1:
        return "expected one 'vmaf: ' error line, got %d: %r" % (len(own), res.stderr[-400:])
    if lines[-1] != own[0]:
        return "the error line is not the last stderr line: %r" % res.stderr[-400:]
    stray = [l for l in lines[:-1] if not LIBRARY_LINE.match(l)]
    if stray:
        return "unexpected stderr line: %r" % stray[0][:200]
    if not re.search(c["pattern"], own[0]):
        return "error line %r does not match /%s/" % (own[0][:300], c["pattern"])
    return None


def run_case(binary, testdata, c):
    with tempfile.TemporaryDirectory(prefix="vmafx-bad-input-") as tmp:
        spec = c["setup"](tmp, testdata)
        argv = spec["argv"]
        # every input we may touch: generated files and test data clips named on the command line
        watched = files_under(tmp) + [a for a in argv if a.startswith(testdata)]
        before = file_hashes(watched)
        res = run_tool(binary, argv, tmp)
        after = file_hashes(watched)
        problems = []
        if res.timed_out:
            problems.append("did not finish within %.0f s" % TIME_LIMIT_S)
        if res.status >= 128:
            problems.append("crashed (status %d)" % res.status)
        for mark in SANITIZER_MARKS:
            if mark in res.stderr:
                at = res.stderr.index(mark)
                problems.append("sanitizer report: %r" % res.stderr[max(0, at - 80):at + 200])
                break
        if res.status != c["status"]:
            problems.append("exit status %d, expected %d" % (res.status, c["status"]))
        msg = check_stderr(c, res)
        if msg:
            problems.append(msg)
        if c["stdout"] is None:
            if res.stdout:
                problems.append("stdout not empty: %r" % res.stdout[:200])
        else:
            msg = c["stdout"](res)
            if msg:
                problems.append(msg)
        if before != after:
            changed = sorted(p for p in before if before[p] != after.get(p))
            problems.append("input changed: %s" % ", ".join(os.path.basename(p) for p in changed))
        leftovers = [p for p in files_under(tmp) if ".vmafx-" in os.path.basename(p)]
        if leftovers:
            problems.append("temporary report left behind: %s" % os.path.basename(leftovers[0]))
        if c["fast"] is not None and res.wall > c["fast"]:
            problems.append("took %.2f s (must fail fast: < %.1f s)" % (res.wall, c["fast"]))
        rss_cap = c["max_rss_kb"] or MAX_RSS_KB
        if res.maxrss_kb > rss_cap:
            problems.append("max RSS %d KiB (limit %d KiB)" % (res.maxrss_kb, rss_cap))
        if c["check"] and not problems:
            msg = c["check"](tmp, res)
            if msg:
                problems.append(msg)
        return problems, res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("binary")
    ap.add_argument("--only", default="", help="run the cases whose name contains this")
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    testdata = os.path.abspath(os.environ.get("VMAFX_TESTDATA") or default_testdata())
    if not os.path.isdir(testdata):
        print("SKIP: test data folder %s not found" % testdata)
        return 77
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)), "duplicate case names"
    failed = 0
    ran = 0
    for c in CASES:
        if args.only not in c["name"]:
            continue
        ran += 1
        try:
            problems, res = run_case(binary, testdata, c)
            detail = "exit %d, %.2f s" % (res.status, res.wall)
        except Exception as e:  # a broken case must not hide the others
            problems, detail = ["test harness error: %r" % e], ""
        if problems:
            failed += 1
            print("FAIL %s: %s (%s)" % (c["name"], "; ".join(problems), detail))
        else:
            print("PASS %s (%s)" % (c["name"], detail))
        sys.stdout.flush()
    print("%s: %d of %d cases passed, %d failed" % ("OK" if not failed else "FAILED",
                                                    ran - failed, ran, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
