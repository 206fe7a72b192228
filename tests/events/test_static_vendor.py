"""The check-in desk's bundled scripts are the npm packages' files, unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "events" / "static" / "events" / "vendor"
MODULES = ROOT / "tests" / "e2e" / "node_modules"
FILES = {
    "barcode-detector-ponyfill.js": "barcode-detector/dist/iife/ponyfill.js",
    "zxing_reader.wasm": "zxing-wasm/dist/reader/zxing_reader.wasm",
    "nacl-fast.min.js": "tweetnacl/nacl-fast.min.js",
}


@pytest.mark.parametrize("name", list(FILES))
def test_each_bundled_file_is_the_packages(name):
    source = MODULES / FILES[name]
    if not source.exists():
        pytest.fail(f"{source} is missing: make test installs it (npm ci --prefix tests/e2e)")
    assert (VENDOR / name).read_bytes() == source.read_bytes(), f"{name} differs from {FILES[name]}"
    assert name in (VENDOR / "README.md").read_text(encoding="utf-8")
