#!/bin/sh
# Installs the tools that build VMAFX for TARGETARCH inside the builder stage.
# The builder runs on the build machine's own architecture; another target
# architecture gets Debian's cross compiler (no emulated compiles).
#   toolchain.sh TARGETARCH [cli|server]
# Writes /opt/vmafx-builder/target.env (TRIPLET, CROSS_FILE) for build.sh.
set -eu
target=${1:?TARGETARCH}
flavour=${2:-cli}
here=/opt/vmafx-builder
build=$(dpkg --print-architecture)

case $target in
    amd64) triplet=x86_64-linux-gnu; cpu=x86_64 ;;
    arm64) triplet=aarch64-linux-gnu; cpu=aarch64 ;;
    *) echo "toolchain.sh: unsupported TARGETARCH '$target'" >&2; exit 1 ;;
esac

pkgs="meson ninja-build python3 pkg-config ca-certificates binutils"
if [ "$target" = "$build" ]; then
    pkgs="$pkgs gcc libc6-dev"
    cross_file=
else
    pkgs="$pkgs gcc-$(echo "$triplet" | tr _ -) libc6-dev-$target-cross"
    cross_file=$here/cross-$target.ini
    cat > "$cross_file" <<INI
[binaries]
c = '$triplet-gcc'
ar = '$triplet-ar'
strip = '$triplet-strip'
pkgconfig = 'pkg-config'

[properties]
pkg_config_libdir = ['/usr/lib/$triplet/pkgconfig', '/usr/share/pkgconfig']

[host_machine]
system = 'linux'
cpu_family = '$cpu'
cpu = '$cpu'
endian = 'little'
INI
fi

if [ "$flavour" = server ]; then
    # vmaf-mcp links libmicrohttpd and json-c of the target architecture.
    [ "$target" = "$build" ] || dpkg --add-architecture "$target"
    pkgs="$pkgs libmicrohttpd-dev:$target libjson-c-dev:$target"
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086 # word splitting of the package list is intended
apt-get install -y -q --no-install-recommends $pkgs

printf 'TRIPLET=%s\nCROSS_FILE=%s\n' "$triplet" "$cross_file" > "$here/target.env"
