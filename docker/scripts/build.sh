#!/bin/sh
# Builds VMAFX for TARGETARCH (see toolchain.sh) and stages the runtime files
# of one image flavour under /out/rootfs:
#   build.sh cli      vmaf CLI (libvmaf linked in statically, models built in)
#   build.sh server   vmaf CLI + vmaf-mcp, plus the Debian runtime libraries of
#                     vmaf-mcp that distroless cc-debian12 lacks (stage-debs.sh)
# Inputs (environment): TARGETARCH, VMAFX_MODEL_MIRROR (folder with the pinned
# model files, relative to the build context; empty: download from upstream at
# the commit pinned in scripts/models.lock), SOURCE_DATE_EPOCH.
set -eu
flavour=${1:?cli|server}
here=/opt/vmafx-builder
# shellcheck source=/dev/null
. "$here/target.env"

mirror=${VMAFX_MODEL_MIRROR:-}
if [ -n "$mirror" ]; then
    case $mirror in /*) ;; *) mirror=/src/$mirror ;; esac
    [ -d "$mirror" ] || { echo "build.sh: model mirror $mirror not in the build context" >&2; exit 1; }
fi

set -- --buildtype=release --prefix=/usr/local -Ddefault_library=static \
    -Denable_tests=false -Denable_fuzzers=false -Db_ndebug=true \
    -Dmodel_mirror="$mirror"
[ -z "$CROSS_FILE" ] || set -- "$@" --cross-file "$CROSS_FILE"
if [ "$flavour" = cli ]; then set -- "$@" -Denable_mcp=disabled; else set -- "$@" -Denable_mcp=enabled; fi

# Same bytes from every build: no build paths in the binaries, fixed dates.
export CFLAGS="-ffile-prefix-map=/src/= -ffile-prefix-map=/build/="
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-0}"
meson setup /build /src "$@"
meson compile -C /build

bins="tools/vmaf/vmaf"
[ "$flavour" = cli ] || bins="$bins tools/vmaf-mcp/vmaf-mcp"
case $TRIPLET in x86_64-*) machine='Advanced Micro Devices X86-64' ;; aarch64-*) machine=AArch64 ;; esac
install -d -m 0755 /out/rootfs/usr/local/bin /out/rootfs/usr/local/share/vmafx
for b in $bins; do
    "$TRIPLET-strip" --strip-all -o "/out/rootfs/usr/local/bin/${b##*/}" "/build/$b"
    # a wrong-architecture binary must never reach the runtime stage
    "$TRIPLET-readelf" -h "/out/rootfs/usr/local/bin/${b##*/}" | grep -q "Machine: *$machine" \
        || { echo "build.sh: ${b##*/} is not a $TRIPLET binary" >&2; exit 1; }
done
# Provenance of the built-in models: upstream commit and SHA-256 of each file.
install -m 0644 /src/scripts/models.lock /out/rootfs/usr/local/share/vmafx/models.lock
chmod 0755 /out/rootfs/usr/local/bin/*

[ "$flavour" = cli ] || "$here/stage-debs.sh" "$TARGETARCH" /out/rootfs /build/tools/vmaf-mcp/vmaf-mcp
