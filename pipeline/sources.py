"""Turn the SOURCE arguments of ``recount run`` into a list of input files.

A SOURCE is one of:

- a file: taken as it is, whatever its suffix (an unsupported one is recorded as a failure
  by the pipeline, not silently dropped);
- a folder: walked recursively for ``.pdf`` and ``.txt`` files (any case), skipping hidden
  files and folders (``.git``, ``.DS_Store``);
- a glob (``archive/2019/**/*.pdf``): each match is a file or a folder as above (``**``
  does not follow symlinked folders; walking a folder does);
- ``@LISTING``: a text file naming one path per line (blank lines and ``#`` comments
  ignored; relative paths are relative to the listing's folder);
- ``-``: the same listing format read from stdin (relative to the working directory).

Archives copied from shared drives hold symlinks that point back up the tree and folders
nested hundreds deep; the walk is iterative (no recursion limit) and remembers every
folder it entered by device and inode, so a loop is entered once. A file reached through
two sources, or through a symlink and its target, is listed once.

The result is sorted by path, so the same arguments give the same inputs in the same order.
"""
from __future__ import annotations

import glob
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, TextIO

#: Suffixes picked up when walking a folder.
INPUT_SUFFIXES = (".pdf", ".txt")
#: Characters that make a SOURCE a glob pattern.
_GLOB_CHARS = set("*?[")


@dataclass
class Inputs:
    """The input files found, and what could not be walked (with why)."""

    paths: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _is_input_name(name: str) -> bool:
    return not name.startswith(".") and name.lower().endswith(INPUT_SUFFIXES)


def walk_folder(root: str, problems: list[str], seen_dirs: set) -> Iterable[str]:
    """Yield input files under ``root``, following symlinks but entering each folder once."""
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            stat = os.stat(folder)
        except OSError as error:
            problems.append(f"{folder}: {error.strerror or error}")
            continue
        key = (stat.st_dev, stat.st_ino)
        if key in seen_dirs:
            continue  # a symlink loop, or a folder reached twice
        seen_dirs.add(key)
        try:
            with os.scandir(folder) as entries:
                entries = sorted(entries, key=lambda entry: entry.name)
        except OSError as error:
            problems.append(f"{folder}: {error.strerror or error}")
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
                is_file = not is_dir and entry.is_file(follow_symlinks=True)
            except OSError as error:
                problems.append(f"{entry.path}: {error.strerror or error}")
                continue
            if is_dir:
                subfolders.append(entry.path)
            elif is_file and _is_input_name(entry.name):
                yield entry.path
        # Reversed so that folders pop in name order; the final list is sorted anyway.
        stack.extend(reversed(subfolders))


def expand_glob(pattern: str) -> list[str]:
    """Paths matching ``pattern``; ``**`` matches any depth without following symlinks.

    ``glob.glob(recursive=True)`` follows symlinked folders under ``**`` and goes round a
    loop until the path grows too long; ``pathlib`` does not follow them.
    """
    if "**" not in pattern:
        return sorted(glob.glob(pattern))
    parts = pattern.split(os.sep)
    first_magic = next(i for i, part in enumerate(parts) if _GLOB_CHARS & set(part))
    root = os.sep.join(parts[:first_magic]) or ("/" if pattern.startswith(os.sep) else ".")
    rest = "/".join(parts[first_magic:])
    return sorted(os.path.join(root, str(p.relative_to(root))) for p in Path(root).glob(rest))


def read_listing(stream: TextIO, base: str) -> list[str]:
    """Paths named one per line in ``stream``, relative ones joined to ``base``."""
    paths = []
    for line in stream:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        paths.append(line if os.path.isabs(line) else os.path.join(base, line))
    return paths


def expand_sources(sources: Iterable[str], stdin: TextIO | None = None) -> Inputs:
    """Resolve SOURCE arguments into a sorted, de-duplicated list of absolute file paths.

    A path that does not exist is kept (the pipeline records it as ``not_found``); a glob
    that matches nothing is reported in ``problems``.
    """
    inputs = Inputs()
    seen_dirs: set = set()
    candidates: list[str] = []
    for source in sources:
        if source == "-":
            candidates.extend(read_listing(stdin or sys.stdin, os.getcwd()))
        elif source.startswith("@") and len(source) > 1:
            listing = source[1:]
            try:
                with open(listing, encoding="utf-8") as stream:
                    candidates.extend(read_listing(stream, os.path.dirname(os.path.abspath(listing))))
            except OSError as error:
                inputs.problems.append(f"{listing}: {error.strerror or error}")
        elif _GLOB_CHARS & set(source) and not os.path.exists(source):
            matches = expand_glob(source)
            if not matches:
                inputs.problems.append(f"{source}: no file matches")
            candidates.extend(matches)
        else:
            candidates.append(source)

    files: dict[str, str] = {}  # real path -> path as found, to list each file once
    for candidate in candidates:
        path = os.path.abspath(candidate)
        if os.path.isdir(path):
            found = walk_folder(path, inputs.problems, seen_dirs)
        else:
            found = [path]
        for file_path in found:
            real = os.path.realpath(file_path)
            # Keep the lexically smallest name for a file reached twice, so the choice
            # does not depend on the order the sources were given in.
            if real not in files or file_path < files[real]:
                files[real] = file_path
    inputs.paths = sorted(files.values())
    return inputs
