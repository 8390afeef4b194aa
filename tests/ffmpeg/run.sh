#!/bin/bash
# FFmpeg drop-in test: builds Debian's FFmpeg (source package `ffmpeg`, 5.1 on
# Debian 12) with its libvmaf filter against OUR installed libvmaf.pc, then runs
# that filter on golden pairs with OUR libvmaf.so.3 and checks the scores.
#
#   tests/ffmpeg/run.sh [BUILD_DIR]        (default: build/, an already built meson build)
#
# Environment:
#   VMAFX_TESTDATA       clips and golden JSON (default ../shared/testdata); missing: exit 77
#   VMAFX_FFMPEG_CACHE   cache folder (default build-ffmpeg/, git-ignored). Holds a private
#                        apt state (deb-src lists), the FFmpeg source and its build. The
#                        build is reused while its key (Debian FFmpeg version, our .pc path,
#                        configure line) is unchanged; our library itself can change freely,
#                        FFmpeg loads libvmaf.so.3 at run time.
#   VMAFX_FFMPEG_JOBS    make -j (default 2)
#
# Prints one line per check and "N passed, N failed" last; exits non-zero on any failure.
# Needs: apt-get, dpkg-source (dpkg-dev), make, a C compiler, pkg-config, python3,
# network on the first run. Root is not needed: apt runs on a private state folder.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/tests/ffmpeg"
BUILD=$(cd "${1:-$ROOT/build}" 2>/dev/null && pwd) || { echo "no build folder: ${1:-$ROOT/build}"; exit 1; }
TESTDATA=${VMAFX_TESTDATA:-$ROOT/../shared/testdata}
CACHE=${VMAFX_FFMPEG_CACHE:-$ROOT/build-ffmpeg}
JOBS=${VMAFX_FFMPEG_JOBS:-2}
GOLDEN="$TESTDATA/golden"

if [ ! -d "$GOLDEN" ]; then
    echo "ffmpeg test skipped: no test data at $TESTDATA"
    exit 77
fi
TESTDATA=$(cd "$TESTDATA" && pwd)
GOLDEN="$TESTDATA/golden"
mkdir -p "$CACHE" && CACHE=$(cd "$CACHE" && pwd)

passed=0
failed=0
check() {  # check OK|FAIL TEXT
    if [ "$1" = OK ]; then
        passed=$((passed + 1)); echo "ok   $2"
    else
        failed=$((failed + 1)); echo "FAIL $2"
    fi
}
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}
t0=$SECONDS

# ---- 1. install our library into a private prefix (DESTDIR staging) ----
STAGE="$CACHE/stage"
rm -rf "$STAGE"
if ! meson install -C "$BUILD" --no-rebuild --destdir "$STAGE" >"$CACHE/install.log" 2>&1; then
    tail -20 "$CACHE/install.log"
    check FAIL "meson install -C $BUILD --destdir $STAGE"
    finish
fi
PC=$(find "$STAGE" -name libvmaf.pc -path '*/pkgconfig/*' | head -1)
LIBDIR=$(dirname "$(dirname "$PC")")
CLI=$(find "$STAGE" -name vmaf -type f -perm -u+x -path '*/bin/*' | head -1)
if [ -z "$PC" ] || [ ! -e "$LIBDIR/libvmaf.so.3" ]; then
    check FAIL "installed libvmaf.pc and libvmaf.so.3 under $STAGE"
    finish
fi
check OK "our library installed: $LIBDIR/libvmaf.so.3, $PC"

# ---- 2. FFmpeg source from Debian, minimal build (cached) ----
APT="$CACHE/apt"
apt_opts=(-o "Dir::Etc::SourceList=$APT/empty.list" -o "Dir::Etc::SourceParts=$APT/sources.list.d"
          -o "Dir::State::Lists=$APT/lists" -o "Dir::Cache=$APT/cache"
          -o "APT::Sandbox::User=$(id -un)" -o "Debug::NoLocking=1")

# deb-src copies of this machine's apt sources, in a private apt state.
write_apt_sources() {
    rm -rf "$APT/sources.list.d"
    mkdir -p "$APT/sources.list.d" "$APT/lists/partial" "$APT/cache/archives/partial"
    : >"$APT/empty.list"
    local f n=0
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        n=$((n + 1))
        case "$f" in
        *.sources) sed -E 's/^Types:.*/Types: deb-src/' "$f" >"$APT/sources.list.d/$n.sources" ;;
        *) sed -nE 's/^[[:space:]]*deb([[:space:]])/deb-src\1/p' "$f" >"$APT/sources.list.d/$n.list" ;;
        esac
    done
}

# Prints the Debian version of the ffmpeg source package apt would fetch.
debian_ffmpeg_version() {
    apt-get "${apt_opts[@]}" source --print-uris --only-source ffmpeg 2>/dev/null |
        sed -nE "s/.* ffmpeg_([^ ]+)\.dsc .*/\1/p" | head -1
}

CONFIGURE_ARGS=(--disable-everything --disable-doc --disable-network --disable-autodetect
    --disable-x86asm --disable-debug --enable-libvmaf
    --enable-filter=libvmaf,scale,format,setpts,null,nullsink,buffer,buffersink
    --enable-demuxer=rawvideo,yuv4mpegpipe --enable-decoder=rawvideo,wrapped_avframe
    --enable-muxer=null,yuv4mpegpipe --enable-encoder=wrapped_avframe
    --enable-protocol=file,pipe --disable-programs --enable-ffmpeg)

tb=$SECONDS
write_apt_sources
if [ -z "$(find "$APT/lists" -name '*Sources*' -mmin -1440 2>/dev/null | head -1)" ]; then
    apt-get "${apt_opts[@]}" update >"$CACHE/apt-update.log" 2>&1 ||
        echo "note: apt-get update reported errors (see $CACHE/apt-update.log)"
fi
VERSION=$(debian_ffmpeg_version)
KEY="debian-ffmpeg=${VERSION:-?} pc=$PC configure=${CONFIGURE_ARGS[*]}"
OBJ="$CACHE/obj"
if [ -z "$VERSION" ] && [ -x "$OBJ/ffmpeg" ] && [ -f "$CACHE/ffmpeg.key" ] &&
        grep -qF "pc=$PC configure=${CONFIGURE_ARGS[*]}" "$CACHE/ffmpeg.key"; then
    # Offline: keep the FFmpeg we have.
    KEY=$(cat "$CACHE/ffmpeg.key")
    VERSION=$(sed -nE 's/^debian-ffmpeg=([^ ]+) .*/\1/p' <<<"$KEY")
    echo "note: apt source index unavailable, reusing the cached FFmpeg $VERSION"
fi
if [ -z "$VERSION" ]; then
    check FAIL "find Debian's ffmpeg source package (deb-src from /etc/apt; see $CACHE/apt-update.log)"
    finish
fi

SRCROOT="$CACHE/src-$VERSION"
if [ -x "$OBJ/ffmpeg" ] && [ "$(cat "$CACHE/ffmpeg.key" 2>/dev/null)" = "$KEY" ]; then
    check OK "FFmpeg $VERSION build reused ($OBJ/ffmpeg, key matches)"
else
    rm -f "$CACHE/ffmpeg.key"
    if ! ls -d "$SRCROOT"/ffmpeg-*/configure >/dev/null 2>&1; then
        rm -rf "$CACHE"/src-*
        mkdir -p "$SRCROOT"
        if ! (cd "$SRCROOT" && apt-get "${apt_opts[@]}" source --only-source ffmpeg) \
                >"$CACHE/apt-source.log" 2>&1; then
            tail -20 "$CACHE/apt-source.log"
            check FAIL "apt-get source ffmpeg=$VERSION"
            finish
        fi
    fi
    SRC=$(ls -d "$SRCROOT"/ffmpeg-*/ | head -1)
    rm -rf "$OBJ" && mkdir -p "$OBJ"
    echo "configuring FFmpeg $VERSION against $PC"
    if ! (cd "$OBJ" && PKG_CONFIG_SYSROOT_DIR="$STAGE" PKG_CONFIG_PATH="$(dirname "$PC")" \
            "$SRC/configure" "${CONFIGURE_ARGS[@]}") >"$CACHE/configure.log" 2>&1; then
        tail -20 "$CACHE/configure.log"; tail -30 "$OBJ/ffbuild/config.log" 2>/dev/null
        check FAIL "configure FFmpeg $VERSION --enable-libvmaf against $PC"
        finish
    fi
    echo "building FFmpeg (make -j$JOBS)"
    if ! make -C "$OBJ" -j"$JOBS" ffmpeg >"$CACHE/make.log" 2>&1; then
        tail -30 "$CACHE/make.log"
        check FAIL "build FFmpeg $VERSION"
        finish
    fi
    echo "$KEY" >"$CACHE/ffmpeg.key"
    check OK "FFmpeg $VERSION built against our libvmaf.pc in $((SECONDS - tb)) s"
fi
FFMPEG="$OBJ/ffmpeg"
SRC=$(ls -d "$SRCROOT"/ffmpeg-*/ 2>/dev/null | head -1)

# ---- 3. checks ----
export LD_LIBRARY_PATH="$LIBDIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

# Linked dynamically, and at run time libvmaf.so.3 is ours (the file meson built).
if readelf -d "$FFMPEG" | grep -q 'NEEDED.*\[libvmaf\.so\.3\]'; then
    check OK "ffmpeg needs libvmaf.so.3 (readelf -d)"
else
    check FAIL "ffmpeg needs libvmaf.so.3 (readelf -d)"
fi
resolved=$(ldd "$FFMPEG" | sed -nE 's/^[[:space:]]*libvmaf\.so\.3 => ([^ ]+) .*/\1/p')
if [ -n "$resolved" ] && [ "$(readlink -f "$resolved")" = "$(readlink -f "$LIBDIR/libvmaf.so.3")" ] &&
        cmp -s "$resolved" "$BUILD/src/libvmaf.so.3"; then
    check OK "ldd: libvmaf.so.3 => $resolved (identical to $BUILD/src/libvmaf.so.3)"
else
    check FAIL "ldd: libvmaf.so.3 => '${resolved:-not found}', expected our $LIBDIR/libvmaf.so.3"
fi

WORK="$CACHE/run"
rm -rf "$WORK" && mkdir -p "$WORK"

# run_ffmpeg NAME FILTER_OPTIONS DIST_INPUT... -- REF_INPUT...
# FFmpeg's libvmaf filter takes the distorted clip as its first input and the
# reference as its second.
run_ffmpeg() {
    local name="$1" opts="$2"; shift 2
    local dist=() ref=()
    while [ "$1" != -- ]; do dist+=("$1"); shift; done
    shift; ref=("$@")
    "$FFMPEG" -nostdin -hide_banner -loglevel info "${dist[@]}" "${ref[@]}" \
        -lavfi "[0:v][1:v]libvmaf=log_path=$WORK/$name.json:log_fmt=json:n_threads=2$opts" \
        -f null - >"$WORK/$name.log" 2>&1
}

# ffmpeg_vs NAME EXPECTED_JSON OPTS DIST... -- REF...
ffmpeg_vs() {
    local name="$1" expected="$2" opts="$3"; shift 3
    if ! run_ffmpeg "$name" "$opts" "$@"; then
        tail -15 "$WORK/$name.log"
        check FAIL "$name: ffmpeg exited non-zero"
        return
    fi
    local line
    while IFS= read -r line; do
        case "$line" in
        "ok   "*) check OK "$name: ${line#ok   }" ;;
        "FAIL "*) check FAIL "$name: ${line#FAIL }" ;;
        *) echo "$line" ;;
        esac
    done < <(python3 "$HERE/ffmpeg_check.py" compare "$WORK/$name.json" "$WORK/$name.log" "$expected")
}

# Raw input options, ending in -i (the file name follows).
RAW420=(-f rawvideo -pix_fmt yuv420p -s 576x324 -i)
RAW422=(-f rawvideo -pix_fmt yuv422p -s 320x180 -i)

# 8-bit: FFmpeg hands the library exact pictures, so everything equals the CLI golden.
for d in x265crf40 vp9crf56 svtav1crf63; do
    ffmpeg_vs "city_576x324_420p8_$d.y4m" "$GOLDEN/city_576x324_420p8_$d.y4m.default.json" "" \
        -i "$TESTDATA/city_576x324_420p8_$d.y4m" -- -i "$TESTDATA/city_576x324_420p8_ref.y4m"
done
for d in x264crf18 x264crf28 x264crf38 x264crf48; do
    ffmpeg_vs "cockatoo_576x324_420p8_$d.yuv" "$GOLDEN/cockatoo_576x324_420p8_$d.yuv.default.json" "" \
        "${RAW420[@]}" "$TESTDATA/cockatoo_576x324_420p8_$d.yuv" -- \
        "${RAW420[@]}" "$TESTDATA/cockatoo_576x324_420p8_ref.yuv"
done
ffmpeg_vs "birds_320x180_422p8_x264crf35.yuv" "$GOLDEN/birds_320x180_422p8_x264crf35.yuv.default.json" "" \
    "${RAW422[@]}" "$TESTDATA/birds_320x180_422p8_x264crf35.yuv" -- \
    "${RAW422[@]}" "$TESTDATA/birds_320x180_422p8_ref.yuv"
ffmpeg_vs "cockatoo_320x180_444p8_vp9crf45.y4m" "$GOLDEN/cockatoo_320x180_444p8_vp9crf45.y4m.default.json" "" \
    -i "$TESTDATA/cockatoo_320x180_444p8_vp9crf45.y4m" -- -i "$TESTDATA/cockatoo_320x180_444p8_ref.y4m"
# The model option (FFmpeg 5.1 syntax): another built-in model, its own golden.
ffmpeg_vs "city_576x324_420p8_x265crf40.y4m+neg" "$GOLDEN/city_576x324_420p8_x265crf40.y4m.neg.json" \
    ":model=version=vmaf_v0.6.1neg" \
    -i "$TESTDATA/city_576x324_420p8_x265crf40.y4m" -- -i "$TESTDATA/city_576x324_420p8_ref.y4m"
ffmpeg_vs "cockatoo_576x324_420p8_x264crf38.yuv+neg" "$GOLDEN/cockatoo_576x324_420p8_x264crf38.yuv.neg.json" \
    ":model=version=vmaf_v0.6.1neg" \
    "${RAW420[@]}" "$TESTDATA/cockatoo_576x324_420p8_x264crf38.yuv" -- \
    "${RAW420[@]}" "$TESTDATA/cockatoo_576x324_420p8_ref.yuv"

# >8-bit: FFmpeg 5.1's filter copies w[i] bytes per row, i.e. only the left half of
# each row of 16-bit samples; the rest of the library's (zero-filled) picture stays 0.
# So the expected result is OUR CLI on pictures rebuilt the same way (left half of
# each row kept, right half zero), not the CLI golden of the intact clip. The
# source we built is inspected to know which behaviour to expect.
TRUNC=1
if [ -n "$SRC" ] && grep -qE 'memcpy\(dst_data, src_data, sizeof\(\*dst_data\) \* dst->w\[i\]\)' \
        "$SRC/libavfilter/vf_libvmaf.c"; then
    echo "note: this FFmpeg copies w bytes per row (the 5.1 >8-bit bug); >8-bit checks expect truncated rows"
else
    TRUNC=0
    echo "note: this FFmpeg's libvmaf filter has no w-bytes row copy; >8-bit checks expect the CLI golden"
fi

# cli_expected OUT.json REF DIST [raw W H FMT BITS]: our CLI's report for what FFmpeg 5.1 hands over.
cli_expected() {
    local out="$1" ref_file="$2" dist_file="$3"; shift 3
    local tr td
    tr="$WORK/$(basename "$ref_file").trunc.y4m"
    td="$WORK/$(basename "$dist_file").trunc.y4m"
    python3 "$HERE/ffmpeg_check.py" truncate-rows "$ref_file" "$tr" "$@" >/dev/null &&
    python3 "$HERE/ffmpeg_check.py" truncate-rows "$dist_file" "$td" "$@" >/dev/null &&
    "$CLI" -r "$tr" -d "$td" --model version=vmaf_v0.6.1 --threads 2 --json -o "$out" \
        >"$out.log" 2>&1
}

# hbd_check NAME GOLDEN REF DIST [W H FMT BITS] -- FFMPEG_DIST_INPUT... -- FFMPEG_REF_INPUT...
hbd_check() {
    local name="$1" golden="$2" ref_file="$3" dist_file="$4"; shift 4
    local raw=()
    while [ "$1" != -- ]; do raw+=("$1"); shift; done
    shift
    if [ "$TRUNC" = 0 ]; then
        ffmpeg_vs "$name" "$golden" "" "$@"
    elif [ -z "$CLI" ]; then
        check FAIL "$name: our vmaf CLI was not installed (enable_tools=false?)"
    elif cli_expected "$WORK/$name.expected.json" "$ref_file" "$dist_file" "${raw[@]}"; then
        ffmpeg_vs "$name vs CLI on half-row pictures" "$WORK/$name.expected.json" "" "$@"
        # The bug is visible: FFmpeg 5.1's score is not the intact clip's golden one.
        local got want
        got=$(sed -nE 's/.*VMAF score: ([0-9.]+).*/\1/p' "$WORK/$name vs CLI on half-row pictures.log")
        want=$(python3 -c 'import json,sys; print("%.6f" % json.load(open(sys.argv[1]))["pooled_metrics"]["vmaf"]["mean"])' "$golden")
        if [ -n "$got" ] && [ "$got" != "$want" ]; then
            check OK "$name: FFmpeg 5.1 score $got differs from the intact clip's golden $want (the copy bug)"
        else
            check FAIL "$name: FFmpeg 5.1 score '$got' vs intact golden $want: expected the copy bug to show"
        fi
    else
        cat "$WORK/$name.expected.json.log"
        check FAIL "$name: our CLI on half-row pictures"
    fi
}

C10=city_320x180_420p10
hbd_check "$C10.y4m" "$GOLDEN/${C10}_x265crf30.y4m.default.json" \
    "$TESTDATA/${C10}_ref.y4m" "$TESTDATA/${C10}_x265crf30.y4m" -- \
    -i "$TESTDATA/${C10}_x265crf30.y4m" -- -i "$TESTDATA/${C10}_ref.y4m"
hbd_check "$C10.yuv" "$GOLDEN/${C10}_x265crf30.yuv.default.json" \
    "$TESTDATA/${C10}_ref.yuv" "$TESTDATA/${C10}_x265crf30.yuv" 320 180 420 10 -- \
    -f rawvideo -pix_fmt yuv420p10le -s 320x180 -i "$TESTDATA/${C10}_x265crf30.yuv" -- \
    -f rawvideo -pix_fmt yuv420p10le -s 320x180 -i "$TESTDATA/${C10}_ref.yuv"

# 12-bit: FFmpeg 5.1's filter accepts at most 10 bits, so FFmpeg's format
# negotiation converts to yuv420p10le (swscale) before the filter. The expected
# pictures are therefore FFmpeg's own 10-bit conversion (written with the same
# binary), then truncated as above.
L12=launch_320x180_420p12
ok12=1
for c in ref x265crf34; do
    "$FFMPEG" -nostdin -hide_banner -loglevel error -i "$TESTDATA/${L12}_$c.y4m" \
        -lavfi "[0:v]format=yuv420p10le" -strict -1 -f yuv4mpegpipe -y "$WORK/${L12}_$c.as10bit.y4m" \
        >"$WORK/${L12}_$c.convert.log" 2>&1 || ok12=0
done
if [ "$ok12" = 1 ]; then
    hbd_check "$L12.y4m (converted to 10-bit by FFmpeg)" "$GOLDEN/${L12}_x265crf34.y4m.default.json" \
        "$WORK/${L12}_ref.as10bit.y4m" "$WORK/${L12}_x265crf34.as10bit.y4m" -- \
        -i "$TESTDATA/${L12}_x265crf34.y4m" -- -i "$TESTDATA/${L12}_ref.y4m"
else
    cat "$WORK/${L12}"_*.convert.log
    check FAIL "$L12: FFmpeg conversion to 10-bit"
fi

echo "ffmpeg test took $((SECONDS - t0)) s"
finish
