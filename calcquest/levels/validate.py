"""Validate level files and folders the way `calcquest validate` reports them.

A file is checked on its own (schema, expressions, scene). A folder is also checked across
files (unique ids, worlds and `requires` that exist, no cycles), with the built-in levels as
context so a teacher's folder may build on built-in worlds and levels; only problems in the
given paths are reported.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from calcquest.errors import CalcquestError
from calcquest.levels.catalog import builtin_levels_dir
from calcquest.levels.cross_rules import cross_problems
from calcquest.levels.folders import WORLD_FILE, FolderScan, scan_folders
from calcquest.levels.loader import Source, read_level, read_world
from calcquest.levels.problems import Problem, sort_problems


@dataclass
class ValidationReport:
    """What validating some paths found: the files read and every problem in them."""

    sources: list[Source] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def files(self) -> int:
        """How many world and level files were read."""
        return len(self.sources)

    def levels(self) -> list[Source]:
        """The level files read (valid or not), in reading order."""
        return [s for s in self.sources if s.path.name != WORLD_FILE]


def validate_paths(
    paths: Sequence[Path | str] = (), *, builtin_context: bool = True
) -> ValidationReport:
    """Validate files and folders (default: the built-in levels)."""
    targets = [Path(p) for p in paths] or [builtin_levels_dir()]
    for target in targets:
        _must_exist(target)
    report = ValidationReport()
    for file in (t for t in targets if not t.is_dir()):
        source = read_world(file) if file.name == WORLD_FILE else read_level(file)
        report.sources.append(source)
        report.problems += source.problems
    folders = [t for t in targets if t.is_dir()]
    if folders:
        _validate_folders(folders, builtin_context, report)
    report.problems = sort_problems(report.problems)
    return report


def _must_exist(target: Path) -> None:
    if target.exists():
        return
    if os.path.lexists(target):
        message = f"{target} is a link that leads nowhere (broken, or looping back on itself)"
    else:
        message = f"{target} does not exist"
    raise CalcquestError(
        "Not found",
        message,
        "Give a level file or a folder of levels, e.g. `calcquest validate levels/`.",
    )


def _real(path: Path | str) -> Path:
    """The path with links followed (never raises, unlike `Path.resolve` on a loop)."""
    return Path(os.path.realpath(path))


def _validate_folders(folders: list[Path], builtin_context: bool, report: ValidationReport) -> None:
    builtin = _real(builtin_levels_dir())
    inside = [_real(f) for f in folders]
    context = [] if not builtin_context or builtin in inside else [builtin]
    # A folder inside the built-in levels is already scanned as part of the context.
    extra = [f for f in folders if not (context and builtin in _real(f).parents)]
    scan = scan_folders([*context, *extra])

    def ours(path: Path) -> bool:
        resolved = _real(path)
        return any(resolved == f or f in resolved.parents for f in inside)

    for source in scan.worlds + scan.levels + _orphan_levels(scan):
        if ours(source.path):
            report.sources.append(source)
            report.problems += source.problems
    report.problems += [p for p in [*scan.problems, *cross_problems(scan)] if ours(Path(p.path))]
    report.problems += _empty_folders(folders, report)


def _orphan_levels(scan: FolderScan) -> list[Source]:
    """The level files of folders without a world.yaml: not playable, but an author still
    wants every problem in them (the missing world.yaml is reported on its own)."""
    found = []
    for folder in scan.orphan_folders:
        for path in sorted(folder.iterdir()):
            if path.suffix in (".yaml", ".yml") and not path.name.startswith("."):
                found.append(read_level(path))
    return found


def _empty_folders(folders: list[Path], report: ValidationReport) -> list[Problem]:
    """A folder given to validate that holds no level files is almost always a wrong path."""
    found = [_real(s.path) for s in report.sources] + [_real(p.path) for p in report.problems]
    return [
        _empty(folder)
        for folder in folders
        if not any(place == _real(folder) or _real(folder) in place.parents for place in found)
    ]


def _empty(folder: Path) -> Problem:
    message = (
        "no world or level files here; a levels folder holds world folders such as "
        f"01-limits/ (start one with `calcquest new world {folder / '01-first'}`)"
    )
    return Problem(folder, 1, 1, "", message)
