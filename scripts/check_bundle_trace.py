"""Check an strace log of the bundle (scripts/bundle_smoke.sh): every path the program opened,
ran, looked at or tried to, must be its own or the system's libraries, never a Python
installation, the virtual environment or the source tree.

    python scripts/check_bundle_trace.py TRACE --bundle dist/StudioDesk --forbid /usr/lib/python3* ...

A --forbid pattern names a folder (everything under it is refused) or ends in * (a prefix, as
/usr/lib/python3* for every Debian Python). Exit 0 when clean, 1 with the offending lines.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterable
from fnmatch import fnmatchcase
from pathlib import Path

QUOTED_PATH = re.compile(r'"(/[^"]*)"')


def paths_in(line: str) -> list[str]:
    """The absolute paths a strace line names (a call's path arguments, execve's program)."""
    return [os.path.normpath(p) for p in QUOTED_PATH.findall(line)]


def refused(path: str, patterns: Iterable[str]) -> bool:
    return any(fnmatchcase(path, p) or fnmatchcase(path, p.rstrip("/") + "/*") for p in patterns)


def foreign_lines(lines: Iterable[str], forbidden: Iterable[str]) -> list[str]:
    """The trace lines that name a forbidden path, a failed attempt (ENOENT) as much as an open."""
    patterns = [p for p in forbidden if p]
    return [line.rstrip("\n") for line in lines if any(refused(path, patterns) for path in paths_in(line))]


def own_opens(lines: Iterable[str], bundle: str) -> int:
    """How many successful opens of the bundle's own files the trace holds (a trace without
    any did not watch the bundle at all)."""
    root = os.path.normpath(bundle)
    return sum(1 for line in lines if "open" in line and " = -1 " not in line
               and any(p == root or p.startswith(root + "/") for p in paths_in(line)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trace", type=Path)
    parser.add_argument("--bundle", required=True, help="the bundle's folder (absolute)")
    parser.add_argument("--forbid", action="append", default=[], help="folder or prefix* never to be touched")
    args = parser.parse_args(argv)
    lines = args.trace.read_text(encoding="utf-8", errors="replace").splitlines()
    bad = foreign_lines(lines, args.forbid)
    own = own_opens(lines, args.bundle)
    print(f"trace: {len(lines)} lines, {own} opens of the bundle's own files, {len(bad)} of a forbidden path")
    for line in bad[:30]:
        print(f"  forbidden: {line}")
    if own == 0:
        print("  the trace holds no open of the bundle's files: it did not watch the bundle")
    return 1 if bad or own == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
