"""`calcquest validate [PATH ...]`: check level files and folders without grading anything.

Prints every problem as `path:line:col: field: message` and a one-line summary; exits 1
when anything is wrong, 0 when clean.
"""

from __future__ import annotations

import argparse


def add_parser(subparsers) -> None:
    """Register `validate`."""
    parser = subparsers.add_parser(
        "validate",
        help="check level files for mistakes (schema, expressions, cross-level rules)",
        description=(
            "Check level files and folders: YAML, every field, expressions that must parse, "
            "scenes, and for folders unique ids, worlds and requires that exist, no cycles."
        ),
    )
    from calcquest.commands._levels_output import add_path_arguments

    add_path_arguments(parser, "validate")


def run(args: argparse.Namespace) -> int:
    """Validate and report; 1 when any problem was found."""
    from calcquest.commands._levels_output import plural, problem_line
    from calcquest.levels.validate import validate_paths

    report = validate_paths(
        getattr(args, "paths", []),
        builtin_context=not getattr(args, "no_builtin_context", False),
    )
    for problem in report.problems:
        print(problem_line(problem))
    files = plural(report.files, "file")
    if report.problems:
        print(f"{plural(len(report.problems), 'problem')} in {files}.")
        return 1
    print(f"{files} checked: no problems.")
    return 0
