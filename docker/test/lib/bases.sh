# shellcheck shell=bash
# Base images for docker/test/run, synthesized from Debian packages because no
# container registry is reachable from CI:
#   localhost/vmafx-base/debian:12-slim-amd64        builder (debootstrap minbase)
#   localhost/vmafx-base/distroless-cc:debian12-ARCH runtime, the package set of
#       gcr.io/distroless/cc-debian12 unpacked from .debs: no shell, no dpkg/apt,
#       users root/nonroot(65532)/nobody, status.d package records
#   localhost/vmafx-base/distroless-cc:debian12      manifest list of both arches
# Sourced by docker/test/run (uses $W, the work folder).

BUILDER_BASE=localhost/vmafx-base/debian:12-slim-amd64
RUNTIME_BASE=localhost/vmafx-base/distroless-cc:debian12
# gcr.io/distroless/cc-debian12's packages (docker/scripts/stage-debs.sh knows the same list)
DISTROLESS_PKGS="base-files netbase tzdata media-types ca-certificates libc6 libgcc-s1 gcc-12-base libgomp1 libstdc++6 libssl3"

apt_uri() { sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v -- '-security' | head -n 1; }
apt_security_uri() { sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -- '-security' | head -n 1; }
debian_mirror() { local u; u=$(apt_uri); echo "${u:-http://deb.debian.org/debian}"; }
debian_security() { local u; u=$(apt_security_uri); echo "${u:-http://deb.debian.org/debian-security}"; }

image_exists() { buildah images -q "$1" >/dev/null 2>&1; }

make_builder_base() {
    image_exists "$BUILDER_BASE" && return 0
    local tar=$W/cache/debian12-minbase-amd64.tar dir=$W/rootfs-debian
    if [ ! -f "$tar" ]; then
        rm -rf "$dir"
        debootstrap --variant=minbase --arch amd64 bookworm "$dir" "$(debian_mirror)" > "$W/logs/debootstrap.log" 2>&1
        printf 'deb %s bookworm main\ndeb %s bookworm-updates main\ndeb %s bookworm-security main\n' \
            "$(debian_mirror)" "$(debian_mirror)" "$(debian_security)" > "$dir/etc/apt/sources.list"
        printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' > "$dir/etc/apt/apt.conf.d/90container"
        rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/*.bin "$dir"/var/cache/apt/archives/*.deb \
            "$dir"/usr/share/doc/* "$dir"/usr/share/man/* "$dir"/usr/share/locale/*
        tar -C "$dir" --numeric-owner -cf "$tar.tmp" . && mv "$tar.tmp" "$tar"
        rm -rf "$dir"
    fi
    podman import -q --arch amd64 \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["bash"]' "$tar" "$BUILDER_BASE" >/dev/null
}

# distroless-like rootfs for ARCH from the .debs of DISTROLESS_PKGS
make_distroless_rootfs() {
    local arch=$1 out=$2 st=$W/cache/apt-$1 debs=$W/cache/debs-$1 deb pkg s
    mkdir -p "$st/lists/partial" "$st/cache/archives/partial" "$debs"
    : > "$st/status"
    # private apt state: foreign-arch downloads without dpkg --add-architecture on the host
    local apt=(apt-get -q -o APT::Architecture="$arch" -o APT::Architectures::="$arch"
        -o Dir::State::Lists="$st/lists" -o Dir::State::status="$st/status"
        -o Dir::Cache="$st/cache" -o Debug::NoLocking=1)
    if [ -z "$(ls "$debs")" ]; then
        "${apt[@]}" update >/dev/null 2>&1
        # shellcheck disable=SC2086 # one argument per package
        (cd "$debs" && "${apt[@]}" download $DISTROLESS_PKGS >/dev/null 2>&1)
    fi
    rm -rf "$out"; mkdir -p "$out/var/lib/dpkg/status.d"
    for deb in "$debs"/*.deb; do
        dpkg-deb -x "$deb" "$out"
        pkg=$(dpkg-deb -f "$deb" Package)
        dpkg-deb -f "$deb" | sed '/^Package:/a Status: install ok installed' > "$out/var/lib/dpkg/status.d/$pkg"
        if dpkg-deb -I "$deb" md5sums > "$out/var/lib/dpkg/status.d/$pkg.md5sums" 2>/dev/null; then :; else
            rm -f "$out/var/lib/dpkg/status.d/$pkg.md5sums"; fi
    done
    # ca-certificates' postinst (it needs a shell) would build the bundle
    mkdir -p "$out/etc/ssl/certs"
    cat "$out"/usr/share/ca-certificates/mozilla/*.crt > "$out/etc/ssl/certs/ca-certificates.crt"
    rm -rf "$out/usr/share/ca-certificates" "$out/usr/sbin/update-ca-certificates" "$out/etc/ca-certificates.conf"
    find "$out/usr/share/doc" -type f ! -name copyright -delete
    rm -rf "$out/usr/share/man" "$out/usr/share/info" "$out/usr/share/lintian" "$out/usr/share/locale"
    ln -sf /usr/share/zoneinfo/Etc/UTC "$out/etc/localtime"; echo "Etc/UTC" > "$out/etc/timezone"
    printf '%s\n' 'root:x:0:0:root:/root:/sbin/nologin' 'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin' \
        'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin' > "$out/etc/passwd"
    printf '%s\n' 'root:x:0:' 'tty:x:5:' 'staff:x:50:' 'nogroup:x:65534:' 'nonroot:x:65532:' > "$out/etc/group"
    printf '%s\n' 'passwd: files' 'group: files' 'shadow: files' 'hosts: files dns' 'networks: files' \
        'protocols: files' 'services: files' > "$out/etc/nsswitch.conf"
    install -d -m 1777 "$out/tmp"; install -d -m 0700 "$out/root"
    install -d -m 0700 -o 65532 -g 65532 "$out/home/nonroot"
    for s in bin/sh bin/bash bin/dash usr/bin/sh usr/bin/bash usr/bin/dash bin/busybox usr/bin/dpkg usr/bin/apt; do
        if [ -e "$out/$s" ] || [ -L "$out/$s" ]; then echo "distroless rootfs has $s" >&2; return 1; fi
    done
}

make_runtime_bases() {
    local arch c tar
    for arch in amd64 arm64; do
        image_exists "$RUNTIME_BASE-$arch" && continue
        make_distroless_rootfs "$arch" "$W/rootfs-distroless-$arch"
        tar=$W/cache/distroless-$arch.tar
        tar -C "$W/rootfs-distroless-$arch" --numeric-owner --sort=name --mtime=@0 -cf "$tar" .
        c=$(buildah from --arch "$arch" scratch)
        buildah add "$c" "$tar" / >/dev/null      # a local tar is unpacked, owners kept
        buildah config --arch "$arch" --os linux \
            --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
            --env SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt "$c"
        buildah commit --rm -q --timestamp 0 "$c" "$RUNTIME_BASE-$arch" >/dev/null
        rm -rf "$W/rootfs-distroless-$arch" "$tar"
    done
    buildah manifest rm "$RUNTIME_BASE" >/dev/null 2>&1 || :
    buildah manifest create "$RUNTIME_BASE" >/dev/null
    for arch in amd64 arm64; do
        buildah manifest add "$RUNTIME_BASE" "containers-storage:$RUNTIME_BASE-$arch" >/dev/null
    done
}
