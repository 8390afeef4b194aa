#!/bin/sh
# Every public header compiles on its own (api-abi.md 1.5 / 13.9): as C99 with
# -pedantic -Werror, and as C++11 when a C++ compiler exists, spelled both
# <libvmaf/X.h> and <X.h>; <libvmaf.h> alone provides printf, uint64_t, ptrdiff_t.
set -eu
src_inc="$1"      # source include/ (headers)
gen_inc="$2"      # build include/ (generated libvmaf/version.h)
cc="${CC:-cc}"
cxx=$(command -v c++ || command -v g++ || true)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
inc="-I$src_inc -I$src_inc/libvmaf -I$gen_inc -I$gen_inc/libvmaf"
fail=0
for h in libvmaf.h model.h picture.h feature.h version.h vmafx.h; do
    for spelling in "libvmaf/$h" "$h"; do
        printf '#include <%s>\nint vmafx_header_probe;\n' "$spelling" > "$tmp/t.c"
        if $cc -std=c99 -pedantic -Wall -Wextra -Werror $inc -c "$tmp/t.c" -o "$tmp/t.o"; then
            echo "ok   C99   <$spelling>"
        else
            echo "FAIL C99   <$spelling>"; fail=1
        fi
        if [ -n "$cxx" ]; then
            cp "$tmp/t.c" "$tmp/t.cpp"
            if $cxx -std=c++11 -Wall -Wextra -Werror $inc -c "$tmp/t.cpp" -o "$tmp/t.o"; then
                echo "ok   C++11 <$spelling>"
            else
                echo "FAIL C++11 <$spelling>"; fail=1
            fi
        fi
    done
done
cat > "$tmp/u.c" <<'C'
#include <libvmaf.h>
int main(void) { uint64_t a = 1; ptrdiff_t b = 2; printf("%d\n", (int)(a + (uint64_t)b)); return 0; }
C
if $cc -std=c99 -pedantic -Werror $inc -c "$tmp/u.c" -o "$tmp/u.o"; then
    echo "ok   <libvmaf.h> provides printf, uint64_t, ptrdiff_t"
else
    echo "FAIL <libvmaf.h> transitive includes"; fail=1
fi
exit $fail
