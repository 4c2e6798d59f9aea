"""`calcquest check [PATH ...]`: validate, then prove every level grades as its author meant.

On top of `validate`: each expected and `accept` answer must grade right, each `mistakes`
answer must grade wrong and show its feedback, 20 seeded parameter draws must each give a
gradable question, and the scene must build. One line per level, then a summary; exit 1 on
any failure. Grading runs in one worker process, under the same time limit as the game.
"""

from __future__ import annotations

import argparse
import time


def add_parser(subparsers) -> None:
    """Register `check`."""
    from calcquest.commands._levels_output import add_path_arguments

    parser = subparsers.add_parser(
        "check",
        help="validate levels and grade their own answers and mistakes",
        description=(
            "Validate, then grade every expected, accept and mistakes answer over 20 seeded "
            "parameter draws, and build every scene."
        ),
    )
    add_path_arguments(parser, "check")
    parser.add_argument(
        "--draws", type=int, default=20, help="parameter draws per question (default 20)"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=1.0,
        help="seconds allowed per answer, as in the game (default 1)",
    )


def run(args: argparse.Namespace) -> int:
    """Check and report; 1 when any level fails."""
    from calcquest.commands._levels_output import plural, problem_line
    from calcquest.levels.validate import validate_paths

    started = time.perf_counter()
    report = validate_paths(
        getattr(args, "paths", []),
        builtin_context=not getattr(args, "no_builtin_context", False),
    )
    by_file: dict = {}
    for problem in report.problems:
        by_file.setdefault(str(problem.path), []).append(problem)
    checks = _grade_levels(report, by_file, args.draws, args.timeout)
    width = max((len(_name(source)) for source, _, _ in checks), default=0)
    for source, problems, graded_here in checks:
        _print_level(source, problems, graded_here, width)
    others = [p for key, ps in by_file.items() if key not in _level_paths(report) for p in ps]
    for problem in others:  # world.yaml files and folders
        print(f"FAIL {problem_line(problem)}")
    failing = sum(bool(problems) for _, problems, _ in checks)
    graded = sum(count for _, _, count in checks)
    seconds = time.perf_counter() - started
    print(
        f"{plural(len(checks), 'level')} checked: {len(checks) - failing} ok, {failing} failing; "
        f"{plural(graded, 'answer')} graded in {seconds:.1f} s."
    )
    return 1 if failing or others else 0


def _name(source) -> str:
    """The level's id, or its file name when the file is too broken to have one."""
    return source.model.id if source.model is not None else source.path.stem


def _print_level(source, problems: list, graded: int, width: int) -> None:
    """`ok   id   path: N answers graded`, or FAIL with each problem indented below."""
    from calcquest.commands._levels_output import plural, problem_line, shown_path

    status = "FAIL" if problems else "ok  "
    detail = plural(len(problems), "problem") if problems else f"{graded} answers graded"
    print(f"{status} {_name(source):<{width}}  {shown_path(source.path)}: {detail}")
    for problem in problems:
        print(f"     {problem_line(problem)}")


def _level_paths(report) -> set[str]:
    return {str(source.path) for source in report.levels()}


def _grade_levels(report, by_file: dict, draws: int, timeout: float) -> list[tuple]:
    """(source, problems, answers graded) for every level file, grading the valid ones."""
    from calcquest.grading import GradingPool
    from calcquest.levels.problems import sort_problems
    from calcquest.levels.selfcheck import check_level

    results = []
    if not any(source.model is not None for source in report.levels()):
        return [(source, list(by_file.get(str(source.path), [])), 0) for source in report.levels()]
    with GradingPool(processes=1) as pool:

        def grade(spec, response):
            verdict = pool.grade(spec, response, timeout=timeout)
            if not verdict.counted and verdict.error and "too long" in verdict.error:
                verdict = pool.grade(spec, response, timeout=timeout)  # a busy machine, once
            return verdict

        for source in report.levels():
            problems = list(by_file.get(str(source.path), []))
            graded = 0
            if source.model is not None:
                checked = check_level(source, grade, draws=draws)
                problems = sort_problems([*problems, *checked.problems])
                graded = checked.graded
            results.append((source, problems, graded))
    return results
