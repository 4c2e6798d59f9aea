"""`calcquest grade`: one answer (readable or --json, exit 0/1/2) and JSON Lines batches."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from calcquest.cli import main

SPEC = json.dumps({"kind": "expression", "expected": "2*x", "vars": ["x"]})


def test_a_right_answer_prints_the_reading_and_exits_0(capsys):
    assert main(["grade", "--spec", SPEC, "2x"]) == 0
    out = capsys.readouterr().out
    assert "read as:  2*x" in out
    assert "verdict:  correct" in out


def test_a_wrong_answer_prints_feedback_and_exits_1(capsys):
    assert main(["grade", "--spec", SPEC, "--", "-2x"]) == 1  # -- before a leading minus
    out = capsys.readouterr().out
    assert "verdict:  wrong" in out
    assert "Check the sign" in out
    assert "mistake:  sign" in out


def test_an_answer_starting_with_a_minus_needs_no_double_dash(capsys):
    assert main(["grade", "--spec", SPEC, "-2x"]) == 1
    assert "read as:  -2*x" in capsys.readouterr().out
    with pytest.raises(SystemExit):  # a second stray argument is still an error
        main(["grade", "--spec", SPEC, "2x", "-3"])
    assert "unrecognized arguments: -3" in capsys.readouterr().err


def test_an_unreadable_answer_exits_2_and_says_why(capsys):
    assert main(["grade", "--spec", SPEC, "2x + (x"]) == 2
    assert "not judged: Unclosed parenthesis at column 6." in capsys.readouterr().out


def test_json_output_is_one_line_with_every_field(capsys):
    assert main(["grade", "--json", "--spec", SPEC, "x^2"]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["correct"] is False and record["counted"] is True
    assert record["interpreted"] == "x^2"
    assert record["mistake"] == "not_differentiated"
    assert record["ms"] > 0


@pytest.mark.parametrize(
    ("spec", "message"),
    [("{not json", "not valid JSON"), ("[1, 2]", "JSON object"), (None, "needs --spec")],
)
def test_a_bad_spec_argument_exits_2_with_a_message(capsys, spec, message):
    argv = ["grade", "2x"] if spec is None else ["grade", "--spec", spec, "2x"]
    assert main(argv) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("seconds", ["nan", "inf", "1e9", "0", "soon"])
def test_a_nonsense_time_limit_is_refused_with_a_message(capsys, seconds):
    with pytest.raises(SystemExit) as stopped:
        main(["grade", "--timeout", seconds, "--spec", SPEC, "2x"])
    assert stopped.value.code == 2
    assert "--timeout" in capsys.readouterr().err


def test_a_spec_with_a_bad_field_is_not_judged(capsys):
    assert main(["grade", "--spec", '{"kind": "expresion"}', "2x"]) == 2
    assert "answer key has a problem" in capsys.readouterr().out


CASES = [
    {"id": 1, "spec": {"kind": "numeric", "expected": "1/3"}, "response": "0.3333"},
    {"id": "two", "spec": {"kind": "limit", "expected": "oo"}, "response": "-oo"},
    {"id": 3, "spec": {"kind": "vector", "expected": [1, 2]}, "response": "[1, 2"},
]


def _batch_output(capsys) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.strip().splitlines()]


def test_batch_writes_one_record_per_case(tmp_path, capsys):
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in CASES), encoding="utf-8")
    assert main(["grade", "--batch", str(path)]) == 0
    records = _batch_output(capsys)
    assert [r["id"] for r in records] == [1, "two", 3]
    assert [r["correct"] for r in records] == [True, False, False]
    assert records[1]["mistake"] == "sign" and records[1]["feedback"]
    assert records[2]["error"].startswith("Unclosed bracket")
    for record in records:
        assert {"id", "correct", "error", "interpreted", "feedback", "ms"} <= set(record)


def test_batch_turns_malformed_lines_into_error_records(monkeypatch, capsys):
    lines = [
        json.dumps(CASES[0]),
        "{this is not json",
        json.dumps({"id": "no-spec", "response": "1"}),
        json.dumps({"id": "bad-kind", "spec": {"kind": "riddle"}, "response": "1"}),
        json.dumps({"id": "no-response", "spec": {"kind": "numeric", "expected": 1}}),
        "[1, 2, 3]",
        "",
        json.dumps(CASES[1]),
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["grade", "--batch", "-"]) == 0
    records = _batch_output(capsys)
    assert [r["id"] for r in records] == [
        1,
        None,
        "no-spec",
        "bad-kind",
        "no-response",
        None,
        "two",
    ]
    assert records[0]["correct"] and records[-1]["mistake"] == "sign"
    assert "line 2: not valid JSON" in records[1]["error"]
    assert "spec must be a JSON object" in records[2]["error"]
    assert "answer key has a problem" in records[3]["error"]
    assert "response must be a string" in records[4]["error"]
    assert "expected a JSON object" in records[5]["error"]


def test_batch_with_a_missing_file_is_a_clear_error(tmp_path, capsys):
    assert main(["grade", "--batch", str(tmp_path / "nope.jsonl")]) == 1
    assert "Can't read the batch file" in capsys.readouterr().err


def test_the_installed_command_grades_end_to_end():
    result = subprocess.run(
        [sys.executable, "-m", "calcquest", "grade", "--spec", SPEC, "x + x"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "verdict:  correct" in result.stdout
