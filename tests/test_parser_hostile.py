"""Hostile and absurd input: refused with a clear message, nothing executed, nothing computed.

Every input here must raise AnswerSyntaxError (never anything else), with a short message
that names the problem. Watchers record any call to eval/exec/os.system/subprocess or SymPy's
string parsers during the parse, and a marker file that the payloads try to create must never
appear. The time bound is structural (the caps in `limits`); pytest-timeout only guards the
suite against a regression that would hang it.
"""

from __future__ import annotations

import builtins
import os
import subprocess

import pytest
import sympy.parsing.sympy_parser

from calcquest.grading import AnswerSyntaxError, interpret, parse_answer

HOSTILE = [
    # code
    ("__import__('os').system('touch {marker}')", "'__import__' is not something you can type"),
    ('__import__("os").system("touch {marker}")', "'__import__' is not something you can type"),
    ("x.__class__", "'.' at column 2 is not something you can type here"),
    ("().__class__.__bases__[0].__subclasses__()", "'.' at column 3"),
    ("lambda: 1", "'lambda' is not something you can type here"),
    ("eval('1')", "'eval' is not something you can type here"),
    ('exec(\'open("{marker}", "w")\')', "'exec' is not something you can type here"),
    ("open('{marker}', 'w')", "'open' is not something you can type here"),
    ("import os", "'import' is not something you can type here"),
    ("os.system('touch {marker}')", "'os' is not something you can type here"),
    ("getattr(x, 'y')", "'getattr' is not something you can type here"),
    ("globals()", "'globals' is not something you can type here"),
    ("sympify('x')", "'sympify' is not something you can type here"),
    ("x if x else y", "'if' is not something you can type here"),
    ("[x for x in y]", "'for' is not something you can type here"),
    ('"string"', "quotes are not something you can type here"),
    ("'x'", "quotes are not something you can type here"),
    ("x; y", "';' at column 2 is not something you can type here"),
    ("x\\y", "'\\' at column 2 is not something you can type here"),
    ("\\x41", "'\\' at column 1 is not something you can type here"),
    ("$(touch {marker})", "'$' at column 1 is not something you can type here"),
    ("`touch {marker}`", "'`' at column 1 is not something you can type here"),
    ("{x}", "'{' at column 1 is not something you can type here"),
    ("x @ y", "'@' at column 3 is not something you can type here"),
    ("ｉｍｐｏｒｔ ｏｓ", "'import' is not something you can type here"),
    # computations that would never finish
    ("9^9^9^9", "that power is too large to check (exponent 9^9)"),
    ("9**9**9", "that power is too large to check (exponent 9**9)"),
    ("x^(10^10)", "that power is too large to check (exponent 10^10)"),
    ("x^9999999999999", "that power is too large to check"),
    ("2^(2^(2^(2^(2^2))))", "that power is too large to check"),
    ("2^sqrt(10^20)", "that power is too large to check (exponent 10000000000)"),
    ("2^abs(10^6)", "that power is too large to check"),
    ("2^(10^10 pi)", "that power is too large to check"),
    ("factorial(10^10)", "that factorial is too large to check (10^10!; the limit is 1000!)"),
    ("(10^10)!", "that factorial is too large to check"),
    ("1000!!", "that factorial is too large to check"),
    ("(10^4000)^2", "that number is too large to check"),
    ("10^3000 x 10^3000", "that number is too large to check"),
    ("(10^200+1)^(1/3)", "that root is too large to check"),
    ("(-(10^200+1))^(1/3)", "is not a real number"),
    ("sigmoid(sqrt(ln(asin(2))))", "asin(2) at column 17 is not a real number"),
    ("acot(sin(acot(acsc(sin(-1)) + sech(3)^pi)))", "is not a real number"),
    ("sqrt(10^60+1) sqrt(10^60+3)", "that root is too large to check"),
    ("1e999", "is too large to check (e999; the limit is e300)"),
    ("9" * 200, "is too long (200 digits; the limit is 60)"),
    # size and nesting
    ("x" * 10_000, "that answer is too long (10000 characters; the limit is 500)"),
    ("(" * 200 + "x" + ")" * 200, "nested too deeply"),
    ("|" * 400, "nested too deeply"),
    ("sin " * 100 + "x", "nested too deeply"),
    ("x" + "^x" * 40, "nested too deeply"),
    ("x" + "!" * 40, "nested too deeply"),
    ("-" * 500, "needs something after it"),
    # invisible and look-alike characters
    ("x\x00+1", "invisible control character (NUL) at column 2"),
    ("\x00" * 50, "invisible control character (NUL) at column 1"),
    ("x\u200b+1", "invisible control character (U+200B) at column 2"),
    ("\u202ex", "invisible control character (U+202E) at column 1"),
    ("х + 1", "'х' at column 1 looks like 'x' but is a Cyrillic letter"),
    ("2х", "'х' at column 2 looks like 'x' but is a Cyrillic letter"),
    ("ѕin x", "looks like 's' but is a Cyrillic letter"),
    ("💣", "'💣' at column 1 is not something you can type here"),
]


#: Modules a payload would import; our own lazy imports (sympy, calcquest) are fine.
DANGEROUS_MODULES = {"os", "subprocess", "shutil", "socket", "pty", "ctypes", "builtins"}


def _suspicious(name: str, args: tuple) -> bool:
    """Whether a watched call looks like typed text being run or parsed."""
    if name == "__import__":
        return args[0].split(".")[0] in DANGEROUS_MODULES
    if name in ("sympify", "parse_expr"):
        return any(isinstance(arg, str) for arg in args)
    return True


@pytest.fixture
def watchers(monkeypatch, tmp_path):
    """Record every call that would mean typed text was run or handed to a string parser."""
    calls: list[str] = []
    parse_answer("sin(x) + x^2 + |x|", ["x"])  # load everything the parser imports first

    def watch(name, real):
        def watcher(*args, **kwargs):
            if _suspicious(name, args):
                calls.append(name)
            return real(*args, **kwargs)

        return watcher

    monkeypatch.setattr(builtins, "eval", watch("eval", builtins.eval))
    monkeypatch.setattr(builtins, "exec", watch("exec", builtins.exec))
    monkeypatch.setattr(builtins, "__import__", watch("__import__", builtins.__import__))
    monkeypatch.setattr(os, "system", watch("os.system", os.system))
    monkeypatch.setattr(subprocess, "Popen", watch("Popen", subprocess.Popen))
    monkeypatch.setattr(sympy, "sympify", watch("sympify", sympy.sympify))
    monkeypatch.setattr(
        sympy.parsing.sympy_parser,
        "parse_expr",
        watch("parse_expr", sympy.parsing.sympy_parser.parse_expr),
    )
    return calls, tmp_path / "MARKER"


@pytest.mark.timeout(20)
@pytest.mark.parametrize(("template", "message"), HOSTILE, ids=[h[0][:30] for h in HOSTILE])
def test_hostile_input_is_refused_and_runs_nothing(template, message, watchers):
    calls, marker = watchers
    text = template.format(marker=marker) if "{marker}" in template else template
    with pytest.raises(AnswerSyntaxError) as caught:
        parse_answer(text, ["x", "y"])
    assert message in caught.value.message
    assert len(caught.value.message) < 120
    assert calls == []
    assert not marker.exists()


@pytest.mark.parametrize(
    ("template", "message"), HOSTILE[:12], ids=[h[0][:30] for h in HOSTILE[:12]]
)
def test_interpret_reports_hostile_input_without_raising(template, message):
    reading = interpret(template.format(marker="never"), ["x"])
    assert not reading.ok
    assert message in reading.error
    assert reading.text is None


def test_the_error_is_a_calcquest_error_with_a_title():
    from calcquest.errors import CalcquestError

    with pytest.raises(CalcquestError) as caught:
        parse_answer("9^9^9^9", ["x"])
    assert caught.value.title == "Can't read that answer"
    assert "Traceback" not in str(caught.value)


def test_full_width_and_styled_letters_are_plain_letters_not_look_alikes():
    assert parse_answer("𝐱 + ｘ", ["x"]).text == "2*x"


def test_the_watchers_would_notice_code_being_run(watchers):
    calls, marker = watchers
    run = builtins.eval  # noqa: S307 -- the patched builtin, on a harmless constant
    run("1 + 1")
    __import__("os")
    sympy.sympify("x")
    assert {"eval", "__import__", "sympify", "parse_expr"} <= set(calls)


def test_interpret_turns_a_parser_bug_into_a_kind_message(monkeypatch):
    from calcquest.grading.parser import pipeline

    def broken(text, scope):
        raise RuntimeError("a bug")

    monkeypatch.setattr(pipeline, "read", broken)
    reading = interpret("x + 123456789", ["x"])
    assert not reading.ok
    assert reading.error == "that answer could not be read; try writing it out"


def test_importing_the_parser_loads_no_sympy():
    import subprocess as sp
    import sys

    code = (
        "import sys, calcquest.grading, calcquest.grading.parser\n"
        "from calcquest.grading import parse_answer, interpret, AnswerSyntaxError\n"
        "print('sympy' in sys.modules)"
    )
    out = sp.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "False"
