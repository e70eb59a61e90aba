"""Read drafts from paths, directories, stdin or JSONL, turning every problem into a one-line error."""

from __future__ import annotations

import fnmatch
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.mdx", "*.txt", "*.html", "*.htm")
#: Bytes read from a file at most; bigger files are refused before decoding.
MAX_FILE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Draft:
    """One draft to lint, or the error that stopped us from reading it."""

    source: str  # a path, "<stdin>", or a JSONL id
    text: str = ""
    error: str = ""
    id: object = None  # the JSONL "id", echoed back


def expand(paths: tuple[str, ...], include: tuple[str, ...] = DEFAULT_INCLUDE,
           exclude: tuple[str, ...] = ()) -> list[str | Path | Draft]:
    """What to read, in order, without reading it: "-" (stdin), a file, or a Draft with an error."""
    items: list[str | Path | Draft] = []
    for raw in paths or ("-",):
        path = Path(raw)
        if raw == "-":
            items.append(raw)
        elif path.is_dir():
            files = list(walk(path, include, exclude))
            items += files or [Draft(raw, error=f"{raw}: no text files found (looked for {', '.join(include)})")]
        elif path.exists():
            items.append(path)
        elif path.is_symlink():
            items.append(Draft(raw, error=f"{raw}: a broken or looping symbolic link"))
        else:
            items.append(Draft(raw, error=f"{raw}: no such file or directory"))
    return items


def read(item: str | Path | Draft, stdin: IO[bytes]) -> Draft:
    """Read one item of ``expand``: stdin, a file, or pass an error through."""
    if isinstance(item, Draft):
        return item
    if item == "-":
        return _decode("<stdin>", stdin.read(MAX_FILE_BYTES + 1))
    return read_file(Path(item))


def read_paths(paths: tuple[str, ...], stdin: IO[bytes], include: tuple[str, ...] = DEFAULT_INCLUDE,
               exclude: tuple[str, ...] = ()) -> Iterator[Draft]:
    """Drafts from each path ('-' is stdin); directories are walked for matching files."""
    for item in expand(paths, include, exclude):
        yield read(item, stdin)


def walk(root: Path, include: tuple[str, ...] = DEFAULT_INCLUDE, exclude: tuple[str, ...] = ()) -> Iterator[Path]:
    """Files below ``root`` matching ``include`` and not ``exclude``, in sorted order,
    skipping hidden folders (.git, .venv, ...) and never following symlinked folders."""
    for folder, dirs, files in os.walk(root, onerror=None, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        for name in sorted(files):
            path = Path(folder) / name
            relative = path.relative_to(root).as_posix()
            if name.startswith(".") or not _globbed(name, relative, include):
                continue
            if exclude and _globbed(name, relative, exclude):
                continue
            yield path


SKIPPED_DIRS = {"node_modules", "__pycache__", "venv", "site-packages"}


def _globbed(name: str, relative: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatch(name.lower(), p.lower()) or fnmatch.fnmatch(relative, p) for p in patterns)


def read_file(path: Path) -> Draft:
    """Read one file as a draft (refusing huge, binary and non-UTF-8 files)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return Draft(str(path), error=f"{path}: cannot read ({exc.strerror or exc})")
    return _decode(str(path), data)


def _decode(source: str, data: bytes) -> Draft:
    if len(data) > MAX_FILE_BYTES:
        return Draft(source, error=f"{source}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; split it up")
    if b"\x00" in data:
        return Draft(source, error=f"{source}: looks like a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Draft(source, error=f"{source}: not UTF-8 text (bad byte at offset {exc.start})")
    if not text.strip():
        return Draft(source, error=f"{source}: the draft is empty")
    return Draft(source, text=text)


def read_jsonl(stream: IO[bytes], source: str = "<stdin>") -> Iterator[Draft]:
    """One draft per JSONL line ``{"id": ..., "text": ...}``; other keys are ignored."""
    for number, raw in enumerate(stream, start=1):
        where = f"{source}:{number}"
        if not raw.strip():
            continue
        try:
            item = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            yield Draft(where, error=f"{where}: not UTF-8 text")
            continue
        except json.JSONDecodeError as exc:
            yield Draft(where, error=f"{where}: not valid JSON ({exc.msg})")
            continue
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            ident = item.get("id") if isinstance(item, dict) else None
            yield Draft(where, error=f"{where}: needs an object with a string \"text\"", id=ident)
            continue
        if not item["text"].strip():
            yield Draft(where, error=f"{where}: the draft is empty", id=item.get("id"))
            continue
        yield Draft(where, text=item["text"], id=item.get("id"))
