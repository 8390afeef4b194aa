#!/usr/bin/env python3
"""--aom_ctc / --nflx_ctc expand exactly to upstream's model and feature sets
(reference-inventory A2): each preset's report must be identical (fps aside) to the
report of the same run with the expansion written out by hand.

Usage: presets.py VMAF_BINARY
"""
import os
import re
import shlex
import subprocess
import sys
import tempfile

AOM_MODELS = ["version=vmaf_v0.6.1:name=vmaf", "version=vmaf_v0.6.1neg:name=vmaf_neg"]
AOM_V1 = ["psnr=reduced_hbd_peak=true:enable_apsnr=true:min_sse=0.5", "ciede",
          "float_ssim=enable_db=true:clip_db=true",
          "float_ms_ssim=enable_db=true:clip_db=true", "psnr_hvs"]
AOM_V3 = AOM_V1 + ["cambi"]
AOM_V7 = [f if not f.startswith("float_ssim=") else
          "float_ssim=scale=1:enable_db=true:clip_db=true" for f in AOM_V3]
NFLX_MODELS = ["version=vmaf_4k_v0.6.1:name=vmaf", "version=vmaf_4k_v0.6.1neg:name=vmaf_neg"]
NFLX_V1 = ["psnr=enable_chroma=true:enable_apsnr=true",
           "float_ssim=enable_db=true:clip_db=true", "cambi"]

PRESETS = [
    (["--aom_ctc", "v1.0"], AOM_MODELS, AOM_V1),
    (["--aom_ctc", "v2.0"], AOM_MODELS, AOM_V1),
    (["--aom_ctc", "v3.0"], AOM_MODELS, AOM_V3),
    (["--aom_ctc", "v4.0"], AOM_MODELS, AOM_V3),
    (["--aom_ctc", "v5.0"], AOM_MODELS, AOM_V3),
    (["--aom_ctc", "v6.0"], AOM_MODELS, AOM_V3),
    (["--aom_ctc", "v7.0"], AOM_MODELS, AOM_V7),
    (["--nflx_ctc", "v1.0"], NFLX_MODELS, NFLX_V1),
]


def default_testdata():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "testdata"))


def main():
    # cross builds: qemu-user, from meson test (MESON_EXE_WRAPPER) or by hand
    wrapper = shlex.split(os.environ.get("VMAFX_EXE_WRAPPER") or
                          os.environ.get("MESON_EXE_WRAPPER", ""))
    vmaf = sys.argv[1]
    td = os.environ.get("VMAFX_TESTDATA", default_testdata())
    if not os.path.isdir(td):
        print("SKIP: test data not found at %s" % td)
        return 77
    pair = ["-r", os.path.join(td, "city_576x324_420p8_ref.y4m"),
            "-d", os.path.join(td, "city_576x324_420p8_x265crf40.y4m"), "--frame_cnt", "3",
            "--json", "-q"]
    fails = 0
    with tempfile.TemporaryDirectory() as tmp:
        for flags, models, features in PRESETS:
            a, b = os.path.join(tmp, "a.json"), os.path.join(tmp, "b.json")
            r1 = subprocess.run(wrapper + [vmaf] + pair + flags + ["-o", a], stderr=subprocess.PIPE)
            explicit = []
            for m in models:
                explicit += ["--model", m]
            for f in features:
                explicit += ["--feature", f]
            r2 = subprocess.run(wrapper + [vmaf] + pair + explicit + ["-o", b], stderr=subprocess.PIPE)
            ok = r1.returncode == 0 and r2.returncode == 0
            if ok:
                ta = re.sub(r'"fps": [^,]*', "", open(a).read())
                tb = re.sub(r'"fps": [^,]*', "", open(b).read())
                ok = ta == tb and '"vmaf_neg"' in ta and '"apsnr_y"' in ta
            print("%s %s" % ("PASS" if ok else "FAIL", " ".join(flags)))
            fails += not ok
        for bad in (["--aom_ctc", "v8.0"], ["--aom_ctc", "proposed"], ["--nflx_ctc", "v2.0"]):
            r = subprocess.run(wrapper + [vmaf] + pair + bad, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            ok = r.returncode == 1 and bad[0].encode() in r.stderr
            print("%s %s rejected" % ("PASS" if ok else "FAIL", " ".join(bad)))
            fails += not ok
    print("presets: %d failure(s)" % fails)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
