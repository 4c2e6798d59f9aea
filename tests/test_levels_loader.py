"""Loading one level file: every mistake an author can make is reported exactly once, at its
line and column, with a message that says what to do; nothing in a file is ever executed."""

from __future__ import annotations

from pathlib import Path

import pytest

from calcquest.levels import Level, LevelFileError, load_level, load_world
from calcquest.levels import yaml_source as yaml_source
from calcquest.levels.loader import read_level

FILES = Path(__file__).parent / "fixtures" / "levels" / "files"


def problems_of(name: str) -> list[str]:
    """Every problem in a fixture file, as `line:col: field: message` (path left out)."""
    read = read_level(FILES / name, shown="F")
    return [str(problem).removeprefix("F:") for problem in read.problems]


def test_good_level_loads_with_default_question_ids():
    level = load_level(FILES / "good.yaml")
    assert isinstance(level, Level)
    assert [q.id for q in level.questions] == ["q1", "numeric"]
    assert level.questions[1].accept == ["6.0", "2*3"]  # numbers in YAML read as written


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        (
            "unknown-kind.yaml",
            "7:20: questions[0].answer.kind: unknown kind 'expresion' (did you mean 'expression'?)",
        ),
        (
            "wrong-type.yaml",
            "10:13: questions[0].answer.rtol: expected a number, got the text 'a little'",
        ),
        (
            "missing-expected.yaml",
            "7:5: questions[0].answer: missing 'expected': an 'expression' answer needs the right "
            "expression, e.g. 2*x*cos(x**2)",
        ),
        (
            "duplicate-key.yaml",
            "10:5: questions[0].hints: duplicate key 'hints' (first given at line 8); keep one of them",
        ),
        (
            "tab-indent.yaml",
            "8:1: tab character in the indentation; YAML indents with spaces only (set your editor "
            "to insert spaces)",
        ),
        (
            "python-tag.yaml",
            "4:9: lesson: python tags are not allowed ('!!python/object/apply:os.system'); a level "
            "file holds data, not code",
        ),
    ],
)
def test_each_mistake_is_reported_once_at_its_place(fixture, expected):
    assert problems_of(fixture) == [expected]


def parser_says(text: str, variables=("x",)) -> tuple[str, int]:
    """The parser's own message and column for unreadable `text` (its wording is its own)."""
    from calcquest.grading import AnswerSyntaxError, parse_answer

    with pytest.raises(AnswerSyntaxError) as caught:
        parse_answer(text, variables)
    return caught.value.message, caught.value.column


def test_unparseable_expected_is_reported_at_the_column_inside_it():
    reason, column = parser_says("2*x*cos(x^2")
    assert column == 8  # the unclosed parenthesis
    # the expression's opening quote is at column 42 of line 7, so its 8th character is at 50
    assert problems_of("bad-expected.yaml") == [
        f"7:50: questions[0].answer.expected: cannot read '2*x*cos(x^2': {reason}"
    ]


@pytest.mark.parametrize("loader", ["libyaml", "pure-python"])
def test_unquoted_expected_is_reported_at_the_column_inside_it(tmp_path, monkeypatch, loader):
    if loader == "pure-python":
        monkeypatch.setattr(yaml_source, "FastMarkedLoader", yaml_source.MarkedLoader)
    path = tmp_path / "x.yaml"
    path.write_text(
        "id: a\ntitle: t\nworld: w\nlesson: l\nquestions:\n  - prompt: p\n    answer:\n"
        "      kind: expression\n      expected: 2*x*cos(x^2\n      vars: [x]\n"
    )
    reason, column = parser_says("2*x*cos(x^2")
    # the plain value starts at column 17 of line 9 (no quote before it)
    assert [str(p).removeprefix(f"{path}:") for p in read_level(path).problems] == [
        f"9:{16 + column}: questions[0].answer.expected: cannot read '2*x*cos(x^2': {reason}"
    ]


def test_unreadable_expression_with_parameters_points_where_the_author_wrote_it(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(
        "id: a\ntitle: t\nworld: w\nlesson: l\nquestions:\n  - prompt: p\n"
        "    params: {a: {randint: [12, 12]}}\n"
        '    answer: {kind: expression, expected: "{a}*x^({a}-1))", vars: [x]}\n'
        '    accept: ["{a}*x^({a}-1) +"]\n'
    )
    closing = parser_says("12*x^(12-1))", ("x",))
    ending = parser_says("12*x^(12-1) +", ("x",))
    assert (closing[1], ending[1]) == (12, 13)  # columns in the text with a = 12 substituted
    # as written, those are the last ')' (14th character after the quote at column 42) and
    # the '+' (15th character after the quote at column 14)
    assert [str(p).removeprefix(f"{path}:") for p in read_level(path).problems] == [
        f"8:56: questions[0].answer.expected: cannot read '12*x^(12-1))': {closing[0]}",
        f"9:29: questions[0].accept[0]: cannot read '12*x^(12-1) +': {ending[0]}",
    ]


def test_unreadable_block_expression_stays_on_one_message_line(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(
        "id: a\ntitle: t\nworld: w\nlesson: l\nquestions:\n  - prompt: p\n    answer:\n"
        "      kind: expression\n      expected: |\n        2*x*cos(x^2\n      vars: [x]\n"
    )
    (problem,) = read_level(path).problems
    assert (problem.line, problem.column) == (9, 17)
    assert problem.message.startswith("cannot read '2*x*cos(x^2': ")


def test_unknown_keys_get_suggestions_and_all_are_reported_together():
    assert problems_of("unknown-key.yaml") == [
        "6:5: questions[0].promt: unknown key 'promt' (did you mean 'prompt'?)",
        "11:7: questions[0].answer.rtoll: unknown key 'rtoll' (did you mean 'rtol'?)",
    ]


def test_python_tag_runs_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(LevelFileError) as caught:
        load_level(FILES / "python-tag.yaml")
    assert not (tmp_path / "calcquest-was-pwned").exists()
    assert "python tags are not allowed" in caught.value.message
    assert len(caught.value.problems) == 1


def test_load_level_raises_one_error_listing_every_problem(tmp_path):
    path = tmp_path / "many.yaml"
    path.write_text(
        "id: Many Problems\n"
        "title: t\n"
        "world: w\n"
        "lesson: l\n"
        "questions:\n"
        "  - prompt: p\n"
        "    answer: {kind: numerc, expected: 1}\n"
        "  - prompt: q\n"
        "    answer: {kind: expression, expected: '2*x +', vars: [x]}\n"
        "    hints: ['{k} times']\n"
        "    params: {n: {randint: [1, 3]}}\n"
    )
    with pytest.raises(LevelFileError) as caught:
        load_level(path)
    lines = [str(p).removeprefix(f"{path}:") for p in caught.value.problems]
    assert lines == [
        "1:5: id: 'Many Problems' is not a valid id; use lower-case letters, digits and dashes, "
        "e.g. 'many-problems'",
        "7:20: questions[0].answer.kind: unknown kind 'numerc' (did you mean 'numeric'?)",
        f"9:{42 + parser_says('2*x +')[1]}: questions[1].answer.expected: cannot read '2*x +': "
        f"{parser_says('2*x +')[0]}",
        "10:14: questions[1].hints[0]: '{k}' is not a parameter of this question; declare it "
        "under params, e.g. params: {k: {randint: [2, 9]}}",
    ]
    assert str(path) in caught.value.message and "4 problems" in caught.value.message


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("", "1:1: the file is empty; start from `calcquest new level FILE`"),
        (
            "- a\n- b\n",
            "1:1: a level file is a mapping of keys: id, title, world, lesson and questions",
        ),
        (
            "id: [unclosed\n",
            "1:5: YAML syntax: this '[' is never closed; end it with ']'",
        ),
        (
            "id: a\ntitle: t\nworld: w\nlesson: l\nquestions: []\n",
            "5:12: questions: needs at least 1 entry",
        ),
    ],
)
def test_documents_that_are_not_levels(tmp_path, yaml_text, expected):
    path = tmp_path / "x.yaml"
    path.write_text(yaml_text)
    assert [str(p).removeprefix(f"{path}:") for p in read_level(path).problems] == [expected]


def test_unquoted_parameter_in_expected_gets_a_quoting_hint(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(
        "id: a\ntitle: t\nworld: w\nlesson: l\nquestions:\n"
        "  - prompt: p\n    params: {a: {randint: [2, 3]}}\n"
        "    answer:\n      kind: numeric\n      expected: {a}\n"
    )
    (problem,) = read_level(path).problems
    assert problem.line == 10
    assert problem.message.endswith('to use the parameter a, write "{a}" in quotes')


def test_scene_parameters_are_checked_with_suggestions(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(
        "id: a\ntitle: t\nworld: w\nlesson: l\n"
        "scene:\n  type: function\n  curvs: [x]\n  controls: [{param: lr, values: [1, 2]}]\n"
        "questions:\n  - prompt: p\n    answer: {kind: numeric, expected: 1}\n"
    )
    messages = [str(p).removeprefix(f"{path}:") for p in read_level(path).problems]
    assert "7:3: scene.curvs: unknown key 'curvs' (did you mean 'curves'?)" in messages
    assert any(
        m.startswith("8:22: scene.controls[0].param: a function scene has no control 'lr'")
        for m in messages
    )


def test_choice_expected_must_be_an_option(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(
        "id: a\ntitle: t\nworld: w\nlesson: l\nquestions:\n  - prompt: p\n"
        "    answer:\n      kind: choice\n      options: {a: one, b: two}\n      expected: c\n"
    )
    (problem,) = read_level(path).problems
    assert str(problem).removeprefix(f"{path}:") == (
        "10:17: questions[0].answer.expected: 'c' is not an option; the options are a, b"
    )


def test_world_file_loads_and_reports_problems(tmp_path):
    good = tmp_path / "world.yaml"
    good.write_text("id: limits\ntitle: Limits\norder: 1\n")
    assert load_world(good).title == "Limits"
    good.write_text("id: limits\ntitle: Limits\nordr: 1\n")
    with pytest.raises(LevelFileError) as caught:
        load_world(good)
    assert [str(p).removeprefix(f"{good}:") for p in caught.value.problems] == [
        "3:1: ordr: unknown key 'ordr' (did you mean 'order'?)"
    ]


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (
            "{kind: expression, expected: x, vars: [1]}",
            "questions[0].answer.vars[0]: expected text, got the number 1",
        ),
        (
            "{kind: vector, expected: {a: 1}}",
            "questions[0].answer.expected: expected text, a number or a list, got a mapping",
        ),
        (
            "{kind: numeric, expected: 1, general: maybe}",
            "questions[0].answer.general: expected true or false, got the text 'maybe'",
        ),
        ("[1, 2]", "questions[0].answer: expected a mapping (key: value lines), got a list"),
    ],
)
def test_wrong_types_say_what_was_expected_and_what_was_found(tmp_path, answer, expected):
    path = tmp_path / "x.yaml"
    path.write_text(
        f"id: a\ntitle: t\nworld: w\nlesson: l\nquestions:\n  - prompt: p\n    answer: {answer}\n"
    )
    assert [f"{p.field}: {p.message}" for p in read_level(path).problems] == [expected]


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    assert [str(p).removeprefix(f"{path}:") for p in read_level(path).problems] == [
        "1:5: more than 20000 values (are aliases repeating a large block?)"
    ]


def test_only_plain_data_tags_are_allowed_and_newer_formats_are_refused(tmp_path):
    path = tmp_path / "tags.yaml"
    path.write_text(
        "id: a\ntitle: !!binary aGVsbG8=\nworld: !!set {a, b}\nlesson: !custom x\nformat: 2\n"
        "questions:\n  - prompt: p\n    answer: {kind: numeric, expected: 1}\n"
    )
    assert [str(p).removeprefix(f"{path}:") for p in read_level(path).problems] == [
        "2:8: title: unsupported tag '!!binary'; write plain text, numbers, lists and mappings",
        "3:8: world: unsupported tag '!!set'; write plain text, numbers, lists and mappings",
        "4:9: lesson: unsupported tag '!custom'; write plain text, numbers, lists and mappings",
        "5:9: format: this file uses level format 2, but this calcquest reads format 1; update "
        "calcquest (pip install -U calcquest)",
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b"id: a\ntitle: caf\xe9\n",
            "2:11: the file is not UTF-8 text (byte 0xe9); save it as UTF-8 in your editor",
        ),
        (
            b"\x7fELF\x02\x01\x00\x00",
            "1:1: this is not a text file (it holds NUL bytes); a level is a YAML text file",
        ),
        (
            b"lesson: |\n" + b"  aaaaaaaaaaaaaaaaaaa\n" * 60_000,
            "1:1: the file is over 1 MB; a level is a few KB of text, so split it into levels",
        ),
    ],
    ids=["latin-1", "binary", "5 MB"],
)
def test_files_that_are_not_level_text_get_one_problem_with_a_next_step(
    tmp_path, content, expected
):
    path = tmp_path / "x.yaml"
    path.write_bytes(content)
    assert [str(p).removeprefix(f"{path}:") for p in read_level(path).problems] == [expected]


def test_unreadable_files_and_folders_are_problems_not_tracebacks(tmp_path, monkeypatch):
    folder = tmp_path / "a-folder.yaml"
    folder.mkdir()
    (problem,) = read_level(folder).problems
    assert problem.message == "this is a folder, not a level file; give a .yaml file"
    locked = tmp_path / "locked.yaml"
    locked.write_text("id: a\n")

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)  # root may read anything, so pretend
    (problem,) = read_level(locked).problems
    assert str(problem) == (
        f"{locked}:1:1: cannot read it: permission denied; give yourself read access (chmod u+r)"
    )


def test_a_tab_inside_lesson_text_is_kept_not_reported(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(
        "id: a\ntitle: t\nworld: w\nlesson: |\n  Code:\n  \tx = 1\n"
        "questions:\n  - prompt: p\n    answer: {kind: numeric, expected: 1}\n"
    )
    source = read_level(path)
    assert source.problems == []
    assert source.model.lesson == "Code:\n\tx = 1\n"


QUOTE_NEVER_CLOSED = (
    "YAML syntax: this quote is never closed; end the text with the same quote mark "
    "(inside, write \\\" or '')"
)


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ('id: a\ntitle: "A\nworld: w\nlesson: "l"\n', f"2:8: {QUOTE_NEVER_CLOSED}"),
        ("id: a\ntitle: 'it''s\nworld: w\n", f"2:8: {QUOTE_NEVER_CLOSED}"),
        (
            'lesson: |\n  "a quote in the text\nvars: [x\nid: a\n',
            "3:7: YAML syntax: this '[' is never closed; end it with ']'",
        ),
        (
            'accept: ["2x" "x*2"]\n',
            "1:15: YAML syntax: expected ',' or ']', but got '<scalar>'; separate the items "
            "inside [ ... with commas",
        ),
        (
            "questions:\n  - id: p\n   prompt: q\n",
            "3:4: YAML syntax: this line is not lined up with the block it belongs to (which "
            "starts at line 2, column 3); indent the keys of one mapping equally, with spaces",
        ),
        (
            "answer:\n  kind: numeric\n    expected: 1\n",
            "3:5: YAML syntax: this line is indented deeper than the key above it, so it reads "
            "as more of that key's value; line it up with its siblings",
        ),
        (
            "id: a\nthe lesson goes here\ntitle: t\n",
            "2:1: YAML syntax: this line is not 'key: value' nor a list item; quote text that "
            "goes on over several lines, or write it as a block (key: |)",
        ),
        (
            "title: Limits: a start\n",
            "1:14: YAML syntax: mapping values are not allowed here (a value containing ': ' "
            "needs quotes)",
        ),
    ],
    ids=[
        "open-double-quote",
        "open-single-quote",
        "open-bracket-after-lesson-quote",
        "missing-comma",
        "indented-less",
        "indented-more",
        "no-colon",
        "colon-in-value",
    ],
)
def test_yaml_syntax_errors_are_told_plainly_where_to_fix_them(tmp_path, yaml_text, expected):
    path = tmp_path / "x.yaml"
    path.write_text(yaml_text)
    assert [str(p).removeprefix(f"{path}:") for p in read_level(path).problems] == [expected]


def test_keys_are_text_as_written_so_choice_options_may_be_numbered(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(
        "id: a\ntitle: t\nworld: w\nlesson: l\nquestions:\n  - prompt: p\n    answer:\n"
        "      kind: choice\n      options: {1: one, 2: two}\n      expected: 2\n"
        "1: stray\n"
    )
    assert [str(p).removeprefix(f"{path}:") for p in read_level(path).problems] == [
        "11:1: 1: unknown key '1'; allowed here: format, id, title, world, requires, lesson, "
        "scene, questions"
    ]
    path.write_text(path.read_text().replace("1: stray\n", ""))
    assert load_level(path).questions[0].answer.options == {"1": "one", "2": "two"}


def test_a_number_or_yes_in_a_text_field_gets_a_quoting_hint(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(
        "id: yes\ntitle: 2024\nworld: w\nlesson: l\n"
        "questions:\n  - prompt: p\n    answer: {kind: numeric, expected: 1}\n"
    )
    assert [str(p).removeprefix(f"{path}:") for p in read_level(path).problems] == [
        "1:5: id: expected text, got true (a yes/no value); put it in quotes to keep it as text",
        "2:8: title: expected text, got the number 2024; put it in quotes to keep it as text",
    ]


def test_a_second_yaml_document_is_explained(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("id: a\ntitle: t\n---\nid: b\n")
    assert [str(p).removeprefix(f"{path}:") for p in read_level(path).problems] == [
        "3:1: YAML syntax: a level file holds one document; remove this '---' line and what "
        "follows, or move it to a file of its own"
    ]
