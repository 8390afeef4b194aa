#!/usr/bin/env python3
"""Fetch the built-in VMAF model files pinned in scripts/models.lock.

Each file comes from a local mirror folder (--mirror, or the environment variable
VMAFX_MODEL_MIRROR) or else from the upstream repository at the pinned commit, and
must match its SHA-256 from the lock file. A missing file or a wrong hash is a
hard error. The files are written into OUTDIR.

usage: fetch_models.py [--lock FILE] [--mirror DIR] OUTDIR
"""

import argparse
import hashlib
import os
import sys
import urllib.request

URL = "https://raw.githubusercontent.com/Netflix/vmaf/{commit}/model/{name}"
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def die(msg):
    sys.stderr.write("fetch_models: error: %s\n" % msg)
    sys.exit(1)


def read_lock(path):
    """Returns (commit, [(name, sha256)]) from the lock file."""
    commit, entries = None, []
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as e:
        die("cannot read lock file %s: %s" % (path, e))
    for no, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        fields = line.split()
        if len(fields) != 2:
            die("%s:%d: expected two fields" % (path, no))
        if fields[0] == "commit":
            commit = fields[1]
            continue
        name, digest = fields
        if (os.path.basename(name) != name or not name.endswith(".json")
                or len(digest) != 64
                or any(c not in "0123456789abcdef" for c in digest)):
            die("%s:%d: bad entry %r" % (path, no, line))
        entries.append((name, digest))
    if not commit or len(commit) != 40:
        die("%s: no 40-digit 'commit' line" % path)
    if not entries:
        die("%s: no model entries" % path)
    return commit, entries


def resolve_mirror(mirror):
    """A relative mirror is tried against the working directory, then the repo root."""
    if os.path.isabs(mirror):
        candidates = [mirror]
    else:
        candidates = [os.path.abspath(mirror), os.path.join(REPO_ROOT, mirror)]
    for c in candidates:
        if os.path.isdir(c):
            return c
    die("model mirror folder not found: %s (tried %s)" % (mirror, ", ".join(candidates)))


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def fetch_one(name, commit, mirror):
    if mirror:
        path = os.path.join(mirror, name)
        try:
            with open(path, "rb") as f:
                return f.read(), path
        except OSError as e:
            die("%s: missing from mirror: %s" % (name, e))
    url = URL.format(commit=commit, name=name)
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.read(), url
    except Exception as e:  # network errors come in many classes
        die("%s: download failed from %s: %s" % (name, url, e))


def write_atomic(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lock", default=os.path.join(REPO_ROOT, "scripts", "models.lock"))
    ap.add_argument("--mirror", default=os.environ.get("VMAFX_MODEL_MIRROR") or None)
    ap.add_argument("outdir")
    args = ap.parse_args()

    commit, entries = read_lock(args.lock)
    mirror = resolve_mirror(args.mirror) if args.mirror else None
    os.makedirs(args.outdir, exist_ok=True)

    for name, digest in entries:
        out = os.path.join(args.outdir, name)
        try:
            with open(out, "rb") as f:
                if sha256(f.read()) == digest:
                    continue  # already fetched and verified
        except OSError:
            pass
        data, origin = fetch_one(name, commit, mirror)
        got = sha256(data)
        if got != digest:
            die("%s: SHA-256 mismatch for %s: expected %s, got %s"
                % (name, origin, digest, got))
        write_atomic(out, data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
