#!/bin/sh
# Asserts that libvmaf.so exports exactly the public API: the 29 libvmaf 3.x
# functions plus vmafx_* extensions, nothing else, unversioned, with the right soname.
set -eu
lib="$1"
list="$2"

fail=0
actual=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TWDBRV]$/ {print $3}' | sort)
expected=$(grep -v '^#' "$list" | sed '/^$/d' | sort)

if [ "$actual" != "$expected" ]; then
    echo "exported symbols differ from $list:"
    diff -u "$(printf '%s\n' "$expected" > /tmp/vmafx_exp.$$; echo /tmp/vmafx_exp.$$)" \
            "$(printf '%s\n' "$actual" > /tmp/vmafx_act.$$; echo /tmp/vmafx_act.$$)" || true
    rm -f /tmp/vmafx_exp.$$ /tmp/vmafx_act.$$
    fail=1
fi

soname=$(readelf -d "$lib" | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p')
if [ "$soname" != "libvmaf.so.3" ]; then
    echo "soname is '$soname', expected libvmaf.so.3"
    fail=1
fi
if readelf -S "$lib" | grep -q '\.gnu\.version_d'; then
    echo "library carries symbol versions (.gnu.version_d); upstream's has none"
    fail=1
fi
if readelf -d "$lib" | grep -q 'NEEDED.*libstdc++'; then
    echo "library depends on libstdc++"
    fail=1
fi
n=$(printf '%s\n' "$actual" | grep -c '^vmaf_' || true)
echo "exports: $n vmaf_* functions, $(printf '%s\n' "$actual" | grep -c '^vmafx_' || true) vmafx_* functions"
exit $fail
