#!/bin/bash
# Builds VMAFX and runs the whole test suite:
#   1. release build with warnings as errors, all tests (unit, ABI, exports,
#      conformance against ../shared/testdata, determinism, bad input);
#   2. the same suite under ASan + UBSan;
#   3. the suite of an arm64 cross build under qemu-user (cross/aarch64-linux-gnu.txt);
#   4. every libFuzzer target for a bounded time (clang).
# Prints "N passed, N failed" last; exits non-zero on any failure.
#
# Environment: VMAFX_MODEL_MIRROR (folder with the pinned model JSON files; default
# ../shared/models when it exists), VMAFX_FUZZ_SECONDS (default 20 per target),
# VMAFX_SKIP_SANITIZERS=1 / VMAFX_SKIP_FUZZ=1 / VMAFX_SKIP_FFMPEG=1 / VMAFX_SKIP_ARM64=1
# / VMAFX_SKIP_IMAGES=1 (docker/test/run, the production-image pipeline)
# to shorten local runs.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

if [ -z "${VMAFX_MODEL_MIRROR:-}" ] && [ -d "$ROOT/../shared/models" ]; then
    export VMAFX_MODEL_MIRROR="$ROOT/../shared/models"
fi

passed=0
failed=0

# meson test writes a JSON line per test; count them.
count_results() {
    local log="$1"
    local p f
    p=$(python3 - "$log" <<'PY'
import json, sys
ok = bad = 0
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r["result"] in ("OK", "EXPECTEDFAIL", "SKIP"):
        ok += 1
    else:
        bad += 1
        print("FAILED:", r["name"], file=sys.stderr)
print(ok, bad)
PY
)
    passed=$((passed + ${p% *}))
    failed=$((failed + ${p#* }))
}

run_suite() {
    local dir="$1"; shift
    echo "=== build $dir ($*)"
    if ! { [ -d "$dir" ] || meson setup "$dir" "$@"; } || ! meson compile -C "$dir"; then
        echo "build $dir FAILED"
        failed=$((failed + 1))
        return
    fi
    meson test -C "$dir" --print-errorlogs --num-processes 2 --timeout-multiplier 4
    count_results "$dir/meson-logs/testlog.json"
}

run_suite build --buildtype=release -Dwerror=true

# FFmpeg drop-in test: Debian's FFmpeg built against build/'s installed libvmaf.pc
# (cached in build-ffmpeg/), its libvmaf filter run on golden pairs. Counts as one test.
if [ "${VMAFX_SKIP_FFMPEG:-0}" != 1 ]; then
    echo "=== ffmpeg drop-in test"
    ffmpeg_start=$SECONDS
    tests/ffmpeg/run.sh build
    ffmpeg_rc=$?
    echo "ffmpeg drop-in test: exit $ffmpeg_rc in $((SECONDS - ffmpeg_start)) s"
    if [ "$ffmpeg_rc" -eq 0 ] || [ "$ffmpeg_rc" -eq 77 ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
fi

if [ "${VMAFX_SKIP_SANITIZERS:-0}" != 1 ]; then
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    run_suite build-san --buildtype=debugoptimized -Dwerror=true \
        -Db_sanitize=address,undefined -Db_lundef=false
fi

# arm64: cross build, whole suite (conformance included) under qemu-user.
if [ "${VMAFX_SKIP_ARM64:-0}" != 1 ]; then
    if command -v aarch64-linux-gnu-gcc >/dev/null && command -v qemu-aarch64 >/dev/null; then
        arm64_start=$SECONDS
        run_suite build-arm64 --cross-file cross/aarch64-linux-gnu.txt -Dwerror=true
        echo "arm64 suite: $((SECONDS - arm64_start)) s"
    else
        echo "arm64: needs gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user (or VMAFX_SKIP_ARM64=1)"
        failed=$((failed + 1))
    fi
fi

if [ "${VMAFX_SKIP_FUZZ:-0}" != 1 ] && command -v clang >/dev/null; then
    echo "=== fuzzers"
    if { [ -d build-fuzz ] || CC=clang meson setup build-fuzz --buildtype=debugoptimized \
            -Denable_fuzzers=true -Denable_tools=false -Denable_tests=false; } && meson compile -C build-fuzz; then
        for f in build-fuzz/tests/fuzz/fuzz_*; do
            [ -f "$f" ] && [ -x "$f" ] || continue
            name=$(basename "$f")
            mkdir -p "build-fuzz/corpus/$name"
            if "$f" -max_total_time="${VMAFX_FUZZ_SECONDS:-20}" -rss_limit_mb=2048 \
                    -timeout=10 "build-fuzz/corpus/$name" >"build-fuzz/$name.log" 2>&1; then
                echo "fuzz $name: OK ($(grep -c '' "build-fuzz/$name.log") log lines)"
                passed=$((passed + 1))
            else
                echo "fuzz $name: FAILED"; tail -40 "build-fuzz/$name.log"
                failed=$((failed + 1))
            fi
        done
    else
        echo "fuzz build FAILED"
        failed=$((failed + 1))
    fi
fi

# Production images (docs/docker.md): builds and checks the real images offline.
if [ "${VMAFX_SKIP_IMAGES:-0}" != 1 ]; then
    echo "=== production images (docker/test/run)"
    images_log=$(mktemp)
    docker/test/run 2>&1 | tee "$images_log"
    images_rc=${PIPESTATUS[0]}
    images_sum=$(tail -n 1 "$images_log")
    rm -f "$images_log"
    if [[ "$images_sum" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
        passed=$((passed + BASH_REMATCH[1]))
        failed=$((failed + BASH_REMATCH[2]))
        [ "$images_rc" -eq 0 ] || [ "${BASH_REMATCH[2]}" -ne 0 ] || failed=$((failed + 1))
    else
        echo "docker/test/run: no summary line (exit $images_rc)"
        failed=$((failed + 1))
    fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
