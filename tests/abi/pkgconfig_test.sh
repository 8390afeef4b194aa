#!/bin/sh
# Installs the build into a temporary prefix and checks the pkg-config contract
# (api-abi.md 1.4 and 13.8): version 3.x, both include directories in Cflags,
# `-lvmaf` in Libs, installed library links (libvmaf.so -> .so.3 -> .so.3.2.0),
# and a client built with `pkg-config --cflags --libs` (shared) and
# `pkg-config --static --cflags --libs` (static) compiles, links and runs.
set -eu
build="$1"
cc="${CC:-cc}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

meson install -C "$build" --destdir "$tmp/root" --no-rebuild --quiet >/dev/null
prefix=$(meson introspect "$build" --buildoptions | python3 -c \
  'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"))')
pcdir=$(find "$tmp/root$prefix" -name libvmaf.pc -printf '%h\n' | head -1)
[ -n "$pcdir" ] || { echo "libvmaf.pc not installed"; exit 1; }
export PKG_CONFIG_PATH="$pcdir" PKG_CONFIG_SYSROOT_DIR="$tmp/root"

fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }

ver=$(pkg-config --modversion libvmaf)
check "modversion $ver is >= 2.0.0 and < 4" 'pkg-config --atleast-version=2.0.0 libvmaf && ! pkg-config --atleast-version=4 libvmaf'
cflags=$(pkg-config --cflags libvmaf)
check "Cflags has <includedir> and <includedir>/libvmaf" 'echo "$cflags" | grep -q -- "-I[^ ]*/include\( \|$\)" && echo "$cflags" | grep -q -- "-I[^ ]*/include/libvmaf"'
check "Libs is -L<libdir> -lvmaf" 'pkg-config --libs libvmaf | grep -q -- "-lvmaf"'
libdir=$(dirname "$(find "$tmp/root$prefix" -name 'libvmaf.so.3.2.0' | head -1)")
check "libvmaf.so -> libvmaf.so.3 -> libvmaf.so.3.2.0" '[ "$(readlink "$libdir/libvmaf.so")" = libvmaf.so.3 ] && [ "$(readlink "$libdir/libvmaf.so.3")" = libvmaf.so.3.2.0 ]'
check "static archive installed" '[ -f "$libdir/libvmaf.a" ]'

cat > "$tmp/client.c" <<'C'
#include <libvmaf.h>   /* FFmpeg's spelling; needs -I<includedir>/libvmaf */
int main(void)
{
    VmafContext *v;
    VmafConfiguration cfg = { .log_level = VMAF_LOG_LEVEL_NONE };
    if (vmaf_init(&v, cfg))
        return 1;
    printf("%s\n", vmaf_version()); /* printf comes with <libvmaf.h> */
    return vmaf_close(v);
}
C
check "shared client builds and runs" '$cc $(pkg-config --cflags libvmaf) "$tmp/client.c" -o "$tmp/client" $(pkg-config --libs libvmaf) && LD_LIBRARY_PATH="$libdir" "$tmp/client" >/dev/null'
check "static client links with --static flags only" '$cc -static $(pkg-config --cflags libvmaf) "$tmp/client.c" -o "$tmp/client_static" $(pkg-config --static --libs libvmaf) && "$tmp/client_static" >/dev/null'
check "shared client really uses libvmaf.so.3" 'LD_LIBRARY_PATH="$libdir" ldd "$tmp/client" | grep -q "libvmaf.so.3 => $libdir"'
exit $fail
