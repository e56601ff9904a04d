#!/usr/bin/env python3
"""SHA-256 over the names and contents of every file in a folder (sorted): identifies a generated corpus, so a
peer's stored figures are reused only for byte-identical files."""
import hashlib
import sys
from pathlib import Path

digest = hashlib.sha256()
for path in sorted(Path(sys.argv[1]).rglob("*")):
    if path.is_file():
        digest.update(path.relative_to(sys.argv[1]).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
print(digest.hexdigest())
