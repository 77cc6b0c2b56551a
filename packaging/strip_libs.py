"""Strips the symbol tables from a bundle's shared libraries, keeping only the results the dynamic loader accepts.

    python packaging/strip_libs.py dist/lenet-gui/_internal/torch/lib dist/lenet-gui/_internal/nvidia

``strip`` rewrites some libraries that auditwheel/patchelf have edited into files whose LOAD segments are no longer
page-aligned (numpy's OpenBLAS: "ELF load command address/offset not page-aligned" at import), and a library that
only a GPU run loads would break unnoticed. So every stripped file is checked the way glibc's loader checks it, and
any that fails is put back as it was. Prints what it saved.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
from pathlib import Path

PAGE = 4096
PT_LOAD = 1


def load_segments_ok(path: Path) -> bool:
    """glibc's checks on a 64-bit little-endian ELF's LOAD segments (dl-load.c, _dl_map_object_from_fd)."""
    with path.open("rb") as f:
        header = f.read(64)
        if header[:4] != b"\x7fELF" or header[4] != 2 or header[5] != 1:
            return False  # not a 64-bit little-endian ELF: leave it alone
        phoff = struct.unpack_from("<Q", header, 0x20)[0]
        phentsize, phnum = struct.unpack_from("<HH", header, 0x36)
        f.seek(phoff)
        table = f.read(phentsize * phnum)
    for i in range(phnum):
        p_type, _flags, p_offset, p_vaddr, _paddr, _filesz, _memsz, p_align = struct.unpack_from(
            "<IIQQQQQQ", table, i * phentsize
        )
        if p_type != PT_LOAD:
            continue
        if p_align % PAGE or (p_vaddr - p_offset) % PAGE or (p_align and (p_vaddr - p_offset) % p_align):
            return False
    return True


def shared_libraries(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*") if p.is_file() and not p.is_symlink() and (p.suffix == ".so" or ".so." in p.name)
    )


def strip(path: Path) -> int:
    """Bytes saved (0 when stripping broke the file and it was restored, or saved nothing)."""
    if not load_segments_ok(path):
        return 0  # already unusual: do not touch
    backup = path.with_name(path.name + ".unstripped")
    shutil.copy2(path, backup)
    before = path.stat().st_size
    result = subprocess.run(["strip", str(path)], capture_output=True, text=True)
    if result.returncode != 0 or not load_segments_ok(path):
        shutil.move(backup, path)
        print(f"  kept unstripped (strip would break it): {path}", file=sys.stderr)
        return 0
    backup.unlink()
    return before - path.stat().st_size


def main(folders: list[str]) -> int:
    if not folders:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    if shutil.which("strip") is None:
        print("strip_libs: no `strip` (binutils) here; the libraries stay as they are", file=sys.stderr)
        return 0
    saved = 0
    count = 0
    for folder in map(Path, folders):
        for library in shared_libraries(folder):
            saved += strip(library)
            count += 1
    print(f"stripped {count} libraries: {saved / 2**20:.0f} MB saved")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
