"""Locate and unpack the public gold data in ../shared/eval.

The archives are read from ../shared (never copied into the repo) and
unpacked once into a cache folder outside the repo.
"""
from __future__ import annotations

import os
import tarfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("REDLINE_SHARED", REPO.parent / "shared"))
CACHE = Path(os.environ.get("REDLINE_EVAL_CACHE", Path.home() / ".cache" / "redline-eval"))


def shared_available(name: str | None = None) -> bool:
    if name is None:
        return SHARED.is_dir()
    return (SHARED / "eval" / f"{name}.tar.gz").is_file()


def eval_dir(name: str) -> Path:
    """Unpack ``../shared/eval/NAME.tar.gz`` (once) and return its folder."""
    archive = SHARED / "eval" / f"{name}.tar.gz"
    if not archive.is_file():
        raise FileNotFoundError(f"{archive}: evaluation archive not found")
    dest = CACHE / name
    stamp = dest / ".unpacked"
    mark = f"{archive.stat().st_size}:{int(archive.stat().st_mtime)}"
    if not (stamp.is_file() and stamp.read_text() == mark):
        dest.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive) as tar:
            tar.extractall(dest, filter="data")
        stamp.write_text(mark)
    return dest / name if (dest / name).is_dir() else dest
