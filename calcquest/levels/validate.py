"""Validate level files and folders the way `calcquest validate` reports them.

A file is checked on its own (schema, expressions, scene). A folder is also checked across
files (unique ids, worlds and `requires` that exist, no cycles), with the built-in levels as
context so a teacher's folder may build on built-in worlds and levels; only problems in the
given paths are reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from calcquest.errors import CalcquestError
from calcquest.levels.catalog import builtin_levels_dir
from calcquest.levels.cross_rules import cross_problems
from calcquest.levels.folders import WORLD_FILE, scan_folders
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
        if not target.exists():
            raise CalcquestError(
                "Not found",
                f"{target} does not exist",
                "Give a level file or a folder of levels, e.g. `calcquest validate levels/`.",
            )
    report = ValidationReport()
    for file in (t for t in targets if t.is_file()):
        source = read_world(file) if file.name == WORLD_FILE else read_level(file)
        report.sources.append(source)
        report.problems += source.problems
    folders = [t for t in targets if t.is_dir()]
    if folders:
        _validate_folders(folders, builtin_context, report)
    report.problems = sort_problems(report.problems)
    return report


def _validate_folders(folders: list[Path], builtin_context: bool, report: ValidationReport) -> None:
    builtin = builtin_levels_dir().resolve()
    inside = [f.resolve() for f in folders]
    context = [] if not builtin_context or builtin in inside else [builtin]
    # A folder inside the built-in levels is already scanned as part of the context.
    extra = [f for f in folders if not (context and builtin in f.resolve().parents)]
    scan = scan_folders([*context, *extra])

    def ours(path: Path) -> bool:
        resolved = Path(path).resolve()
        return any(resolved == f or f in resolved.parents for f in inside)

    for source in scan.worlds + scan.levels:
        if ours(source.path):
            report.sources.append(source)
            report.problems += source.problems
    report.problems += [p for p in [*scan.problems, *cross_problems(scan)] if ours(Path(p.path))]
