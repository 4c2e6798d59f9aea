"""`calcquest grade`: grade one answer against a spec, or a batch of JSON Lines cases.

    calcquest grade --spec '{"kind": "expression", "expected": "2*x", "vars": ["x"]}' '2x'
    calcquest grade --batch cases.jsonl      (or `-` for stdin)

One answer: prints how it was read and the verdict (`--json`: one JSON line). Exit status
0 correct, 1 wrong, 2 not judged (unreadable answer, broken spec, or too slow to check).

Batch: each input line is `{"id": ..., "spec": {...}, "response": "..."}`; each output line
is `{"id", "correct", "counted", "error", "interpreted", "feedback", "mistake", "ms"}`. A
malformed line gets an output line with `error` set (and its id when it had one), never a
crash. One warm worker process grades every case. Exit status 0 once every line is answered.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from calcquest.errors import CalcquestError

EXIT_CORRECT, EXIT_WRONG, EXIT_NOT_JUDGED = 0, 1, 2


def add_parser(subparsers) -> None:
    """Register `grade` (cheap: nothing heavy is imported here)."""
    parser = subparsers.add_parser(
        "grade",
        help="grade an answer against an answer spec (or a JSON Lines batch)",
        description=(
            'Grade one answer: calcquest grade --spec \'{"kind": "expression", '
            '"expected": "2*x", "vars": ["x"]}\' \'2x\'. Exit status 0 correct, 1 wrong, '
            "2 not judged (unreadable, bad spec, too slow). With --batch FILE (- for stdin), "
            "read JSON Lines {id, spec, response} and write one JSON line per case."
        ),
    )
    parser.add_argument(
        "response",
        nargs="?",
        help="the answer, as a learner would type it (-2x works; so does -- -2x)",
    )
    parser.add_argument("--spec", metavar="JSON", help="the answer spec as a JSON object")
    parser.add_argument("--batch", metavar="FILE", help="JSON Lines cases to grade (- for stdin)")
    parser.add_argument("--json", action="store_true", help="print the verdict as one JSON line")
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=1.0,
        metavar="S",
        help="time limit per answer, 0.05 to 60 seconds (1.0)",
    )


def adopt_unknown(args: argparse.Namespace, unknown: list[str]) -> bool:
    """Take an answer that starts with `-` (`-2x`, which argparse reads as an unknown option)
    as the response, when no response was given otherwise. True when it was taken."""
    if args.response is None and len(unknown) == 1 and unknown[0].startswith("-"):
        args.response = unknown[0]
        return True
    return False


def _seconds(text: str) -> float:
    """A time limit argparse can check: a number of seconds from 0.05 to 60."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not 0.05 <= value <= 60:  # also refuses nan and inf
        raise argparse.ArgumentTypeError(f"{text} is outside 0.05 to 60 seconds")
    return value


def run(args: argparse.Namespace) -> int:
    """Grade one answer or a batch; see the module docstring for exit codes."""
    from calcquest.grading.pool import GradingPool

    timeout = float(getattr(args, "timeout", 1.0))
    with GradingPool(processes=1) as pool:
        if getattr(args, "batch", None):
            return _run_batch(pool, args.batch, timeout)
        return _run_one(pool, args, timeout)


def _spec_from_text(text: str | None) -> dict:
    if not text:
        raise CalcquestError(
            "No answer spec",
            "grade needs --spec with a JSON object, or --batch FILE",
            'Example: calcquest grade --spec \'{"kind": "numeric", "expected": "1/3"}\' 0.333',
        )
    try:
        spec = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CalcquestError(
            "Bad --spec", f"not valid JSON at column {exc.colno}: {exc.msg}"
        ) from None
    if not isinstance(spec, dict):
        raise CalcquestError("Bad --spec", "the spec must be a JSON object, {...}")
    return spec


def _run_one(pool, args: argparse.Namespace, timeout: float) -> int:
    try:
        spec = _spec_from_text(getattr(args, "spec", None))
    except CalcquestError as exc:
        print(f"calcquest: {exc}", file=sys.stderr)
        return EXIT_NOT_JUDGED
    if getattr(args, "response", None) is None:
        print("calcquest: give the answer to grade after the options, e.g. '2x'", file=sys.stderr)
        return EXIT_NOT_JUDGED
    verdict = pool.grade(spec, args.response, timeout=timeout)
    if getattr(args, "json", False):
        print(json.dumps(verdict.as_dict(), ensure_ascii=False))
    else:
        print(_readable(verdict))
    if not verdict.counted:
        return EXIT_NOT_JUDGED
    return EXIT_CORRECT if verdict.correct else EXIT_WRONG


def _readable(verdict) -> str:
    """The verdict as a few labelled lines for a person."""
    lines = []
    if verdict.interpreted:
        lines.append(f"read as:  {verdict.interpreted}")
    if not verdict.counted:
        lines.append(f"not judged: {verdict.error}")
    else:
        lines.append(f"verdict:  {'correct' if verdict.correct else 'wrong'}")
        if verdict.feedback:
            lines.append(f"feedback: {verdict.feedback}")
        if verdict.mistake:
            lines.append(f"mistake:  {verdict.mistake}")
    lines.append(f"time:     {verdict.ms:.1f} ms")
    return "\n".join(lines)


def _open_batch(path: str):
    if path == "-":
        return sys.stdin
    try:
        return open(path, encoding="utf-8")  # noqa: SIM115 - closed by the caller
    except OSError as exc:
        raise CalcquestError(
            "Can't read the batch file",
            f"{path}: {exc.strerror}",
            "Check the path, or use - for stdin.",
        ) from None


def _run_batch(pool, path: str, timeout: float) -> int:
    source = _open_batch(path)
    try:
        for number, line in enumerate(source, start=1):
            if line.strip():
                print(json.dumps(_grade_line(pool, number, line, timeout), ensure_ascii=False))
                sys.stdout.flush()
    finally:
        if source is not sys.stdin:
            source.close()
    return 0


def _problem(case_id, message: str, started: float) -> dict:
    return {
        "id": case_id,
        "correct": False,
        "counted": False,
        "error": message,
        "interpreted": None,
        "feedback": None,
        "mistake": None,
        "ms": round((time.perf_counter() - started) * 1000, 3),
    }


def _grade_line(pool, number: int, line: str, timeout: float) -> dict:
    """One output record for one input line; malformed lines become error records."""
    started = time.perf_counter()
    try:
        case = json.loads(line)
    except json.JSONDecodeError as exc:
        return _problem(None, f"line {number}: not valid JSON ({exc.msg})", started)
    if not isinstance(case, dict):
        return _problem(None, f"line {number}: expected a JSON object", started)
    case_id = case.get("id")
    spec, response = case.get("spec"), case.get("response")
    if not isinstance(spec, dict):
        return _problem(case_id, f"line {number}: spec must be a JSON object", started)
    if not isinstance(response, str):
        return _problem(case_id, f"line {number}: response must be a string", started)
    verdict = pool.grade(spec, response, timeout=timeout)
    return {"id": case_id, **verdict.as_dict()}
