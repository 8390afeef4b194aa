#!/usr/bin/env python3
"""docs/metrics.md carries the option tables of every extractor between the
markers below; they must equal what the build registers (dump_extractors).

Usage: check_metrics_doc.py DUMP_EXTRACTORS_BINARY DOCS_METRICS_MD [--update]
"""
import os
import shlex
import subprocess
import sys

BEGIN = "<!-- BEGIN GENERATED: extractor tables (tests/docs/dump_extractors.c) -->\n"
END = "<!-- END GENERATED -->\n"


def main():
    dump, path = sys.argv[1], sys.argv[2]
    # cross builds run the dump program through the emulator meson names
    wrapper = shlex.split(os.environ.get("MESON_EXE_WRAPPER", ""))
    generated = subprocess.run(wrapper + [dump], stdout=subprocess.PIPE,
                               check=True).stdout.decode()
    text = open(path).read()
    head, sep, rest = text.partition(BEGIN)
    body, sep2, tail = rest.partition(END)
    if not sep or not sep2:
        print("%s: generated-section markers missing" % path)
        return 1
    if "--update" in sys.argv:
        open(path, "w").write(head + BEGIN + generated + END + tail)
        print("updated %s" % path)
        return 0
    if body != generated:
        print("%s is out of date with the registered extractors; run:\n"
              "  %s %s %s --update" % (path, sys.argv[0], dump, path))
        return 1
    print("docs/metrics.md matches the %d registered extractors" % generated.count("### "))
    return 0


if __name__ == "__main__":
    sys.exit(main())
