"""Checking the embedded index's files before tantivy maps them.

tantivy reads its segment files through mmap: a file truncated under a running process makes
the next read fault (SIGBUS), which kills the worker instead of raising an error. tantivy's
Python binding has no checksum validation, so this module does what tantivy's own
``validate_checksum`` does: every segment file ends with a footer (JSON with the CRC-32 of the
data, its length, and the magic number 1337), checked once per file version. Before each use
the engine compares the files with what was checked (size and modification time, a few stat
calls), so damage is found before tantivy reads it and becomes ``IndexDamaged`` — a 503 for
the reader, a rebuild for the worker — and an index that is gone becomes ``IndexMissing``.
"""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

from ..query import IndexDamaged

FOOTER_MAGIC = 1337
_CHUNK = 1 << 20


def segment_files(folder: Path) -> list[Path]:
    """The files of every segment meta.json lists (component files and deletes)."""
    try:
        meta = json.loads((folder / "meta.json").read_text())
    except FileNotFoundError as exc:
        raise IndexDamaged(f"{folder}: meta.json is missing") from exc
    except ValueError as exc:
        raise IndexDamaged(f"{folder}: meta.json is not readable: {exc}") from exc
    files: list[Path] = []
    for segment in meta.get("segments", []):
        stem = segment["segment_id"].replace("-", "")
        found = sorted(folder.glob(f"{stem}.*"))
        if not found:
            raise IndexDamaged(f"{folder}: the files of segment {stem} are gone")
        files += found
    return files


def check_file(path: Path) -> None:
    """The footer is whole and the CRC-32 of the data matches it."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            if size < 8:
                raise IndexDamaged(f"{path.name} is truncated ({size} bytes)")
            handle.seek(size - 8)
            length, magic = struct.unpack("<II", handle.read(8))
            if magic != FOOTER_MAGIC or length + 8 > size:
                raise IndexDamaged(f"{path.name} is truncated or corrupt (no footer)")
            handle.seek(size - 8 - length)
            footer = json.loads(handle.read(length))
            handle.seek(0)
            remaining, crc = size - 8 - length, 0
            while remaining:
                block = handle.read(min(_CHUNK, remaining))
                if not block:
                    raise IndexDamaged(f"{path.name} is shorter than it says")
                crc = zlib.crc32(block, crc)
                remaining -= len(block)
    except FileNotFoundError as exc:
        raise IndexDamaged(f"{path.name} is gone") from exc
    except (OSError, ValueError, KeyError) as exc:
        raise IndexDamaged(f"{path.name} cannot be read: {exc}") from exc
    if footer.get("crc") != crc:
        raise IndexDamaged(f"{path.name} is corrupt (checksum mismatch)")


class FileCheck:
    """Which file versions were checked; ``verify`` re-checks only what changed since."""

    def __init__(self):
        self._checked: dict[Path, tuple[int, int]] = {}
        self._listing: tuple[tuple, list[Path]] | None = None

    def verify(self, folder: Path, meta_stamp: tuple) -> None:
        if self._listing is None or self._listing[0] != meta_stamp:
            self._listing = (meta_stamp, segment_files(folder))
        for path in self._listing[1]:
            try:
                stat = path.stat()
            except FileNotFoundError as exc:
                self._listing = None
                raise IndexDamaged(f"{path.name} is gone") from exc
            version = (stat.st_size, stat.st_mtime_ns)
            if self._checked.get(path) != version:
                check_file(path)
                self._checked[path] = version

    def forget(self) -> None:
        self._checked.clear()
        self._listing = None
