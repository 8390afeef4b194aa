#!/bin/sh
# Adds to ROOTFS the Debian packages (TARGETARCH) whose shared libraries BINARY
# needs at run time and that distroless cc-debian12 does not already carry,
# the way distroless itself is assembled: files unpacked from the .deb, one
# control stanza per package in /var/lib/dpkg/status.d/ so SBOM scanners
# (syft, cdxgen, trivy) list them, documentation trimmed to the copyright file.
#   stage-debs.sh TARGETARCH ROOTFS BINARY
set -eu
arch=${1:?TARGETARCH}
root=${2:?ROOTFS}
bin=${3:?BINARY}
# shellcheck source=/dev/null
. /opt/vmafx-builder/target.env

# Packages of gcr.io/distroless/cc-debian12: their libraries are in the runtime already.
base=" base-files netbase tzdata media-types ca-certificates libc6 libgcc-s1 gcc-12-base libgomp1 libstdc++6 libssl3 "
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# owner PATH: the package that installed PATH (dpkg may have recorded the file
# under /lib or /usr/lib, and under the symlink's or the target's name)
owner() {
    for p in "$1" "$(readlink -f "$1")"; do
        for q in "$p" "${p#/usr}" "/usr${p#/usr}"; do
            o=$(dpkg -S "$q" 2>/dev/null | head -n 1)
            if [ -n "$o" ]; then echo "${o%%:*}"; return 0; fi
        done
    done
    return 1
}

# Walk the ELF DT_NEEDED graph from BINARY; each library maps to its package.
needed() { "$TRIPLET-readelf" -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }
: > "$work/pkgs"; : > "$work/seen"
queue=$(needed "$bin")
while [ -n "$queue" ]; do
    next=
    for so in $queue; do
        grep -qx "$so" "$work/seen" && continue
        echo "$so" >> "$work/seen"
        path=
        for d in /usr/lib/$TRIPLET /lib/$TRIPLET; do [ -e "$d/$so" ] && { path=$d/$so; break; }; done
        if [ -z "$path" ]; then
            # cross builds: libc & co. live in the cross sysroot and are in the base anyway
            [ -e "/usr/$TRIPLET/lib/$so" ] && continue
            echo "stage-debs.sh: $so not found" >&2; exit 1
        fi
        pkg=$(owner "$path") || { echo "stage-debs.sh: no package owns $path" >&2; exit 1; }
        case $base in *" $pkg "*) continue ;; esac
        grep -qx "$pkg" "$work/pkgs" || echo "$pkg" >> "$work/pkgs"
        next="$next $(needed "$(readlink -f "$path")")"
    done
    queue=$next
done

mkdir -p "$root/var/lib/dpkg/status.d"
(
    cd "$work"
    # shellcheck disable=SC2046 # one argument per package is intended
    apt-get download -q $(sed "s/\$/:$arch/" pkgs) >/dev/null
)
for deb in "$work"/*.deb; do
    pkg=$(dpkg-deb -f "$deb" Package)
    dpkg-deb -x "$deb" "$root"
    dpkg-deb -f "$deb" | sed '/^Package:/a Status: install ok installed' > "$root/var/lib/dpkg/status.d/$pkg"
    if dpkg-deb -I "$deb" md5sums > "$work/md5sums" 2>/dev/null; then
        cp "$work/md5sums" "$root/var/lib/dpkg/status.d/$pkg.md5sums"
    fi
    echo "staged $pkg $(dpkg-deb -f "$deb" Version)"
done
if [ -d "$root/usr/share" ]; then
    [ ! -d "$root/usr/share/doc" ] || find "$root/usr/share/doc" -type f ! -name copyright -delete
    rm -rf "$root/usr/share/man" "$root/usr/share/info" "$root/usr/share/lintian" "$root/usr/share/locale"
    find "$root/usr/share" -depth -type d -empty -delete
fi
