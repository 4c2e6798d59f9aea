"""Read level YAML safely and remember where every value came from.

`MarkedLoader` is a `yaml.SafeLoader` that composes the document, then builds plain Python
data itself so it can record the line and column of every key and value (for `path:line:col`
messages), refuse duplicate keys, and refuse every tag that is not plain data. A
`!!python/object/apply:os.system` tag is reported as a problem and never constructed.
Tab indentation is found by a line scan first, so each tab gets its own precise message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from calcquest.levels.problems import FieldPath, Problem, format_field
from calcquest.levels.text_file import read_text
from calcquest.levels.yaml_syntax import syntax_problem

_CORE = "tag:yaml.org,2002:"
_PLAIN_TAGS = {f"{_CORE}{name}" for name in ("null", "bool", "int", "float", "str", "timestamp")}
_STR = f"{_CORE}str"
#: Scalar styles whose text starts one character after the value's mark (plain text is
#: marked as None by PyYAML and '' by libyaml, so styles are compared as whole strings).
_QUOTED = ("'", '"')
_BLOCK = ("|", ">")
_MAX_NODES = 20_000


class TooManyValues(yaml.MarkedYAMLError):
    """A document that expands to more values than any level needs (an alias bomb)."""


@dataclass(frozen=True)
class ScalarPlace:
    """Where a string value starts and how it was written, to point inside it."""

    line: int
    column: int
    style: str | None
    single_line: bool


@dataclass
class SourceMap:
    """Line and column (1-based) of every key and value, by field path."""

    values: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    scalars: dict[FieldPath, ScalarPlace] = field(default_factory=dict)
    bad_paths: set[FieldPath] = field(default_factory=set)
    """Values already reported (e.g. a refused tag): later checks stay quiet about them."""

    def locate(self, path: FieldPath, *, key: bool = False) -> tuple[int, int]:
        """The place of `path` (its key when `key`), or of its nearest recorded parent."""
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if key and end == len(path) and prefix in self.keys:
                return self.keys[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return (1, 1)

    def inside(self, path: FieldPath, column: int | None) -> tuple[int, int]:
        """The file place of 1-based `column` inside the string at `path`, when it maps
        one-to-one onto the file (a one-line plain or quoted scalar); else the value's place."""
        place = self.scalars.get(path)
        if place is None or column is None or not place.single_line or place.style in _BLOCK:
            return self.locate(path)
        offset = 1 if place.style in _QUOTED else 0
        return (place.line, place.column + offset + column - 1)


def tab_problems(text: str, path: Path | str) -> list[Problem]:
    """One problem per line whose indentation contains a tab."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = re.match(r"[ \t]*", line).group(0)
        if "\t" in indent and line.strip():
            problems.append(
                Problem(
                    path,
                    number,
                    indent.index("\t") + 1,
                    "",
                    "tab character in the indentation; YAML indents with spaces only "
                    "(set your editor to insert spaces)",
                )
            )
    return problems


class _Marking:
    """Builds plain data from composed nodes while recording places and collecting problems.

    Mixed into a safe loader (its SafeConstructor builds scalars only after `_tag_allowed`
    accepted the tag, so no Python object is ever constructed).
    """

    def __init__(self, text: str, path: Path | str) -> None:
        super().__init__(text)
        self.path = path
        self.problems: list[Problem] = []
        self.source_map = SourceMap()
        self._nodes_seen = 0

    def load_marked(self) -> Any:
        """The document as plain Python data (None for an empty document)."""
        node = self.get_single_node()
        return None if node is None else self._build(node, ())

    def _problem(self, node: Node, path: FieldPath, message: str) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(self.path, mark.line + 1, mark.column + 1, format_field(path), message)
        )
        self.source_map.bad_paths.add(path)

    def _build(self, node: Node, path: FieldPath) -> Any:
        self._nodes_seen += 1
        if self._nodes_seen > _MAX_NODES:
            raise TooManyValues(
                problem=f"more than {_MAX_NODES} values (are aliases repeating a large block?)",
                problem_mark=node.start_mark,
            )
        self.source_map.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if not self._tag_allowed(node, path):
            return None
        if isinstance(node, MappingNode):
            return self._build_mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self._build(item, (*path, index)) for index, item in enumerate(node.value)]
        return self._build_scalar(node, path)

    def _tag_allowed(self, node: Node, path: FieldPath) -> bool:
        tag = node.tag or ""
        expected = {MappingNode: f"{_CORE}map", SequenceNode: f"{_CORE}seq"}.get(type(node))
        if tag == expected or (isinstance(node, ScalarNode) and tag in _PLAIN_TAGS):
            return True
        shown = "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag
        if tag.startswith(f"{_CORE}python/"):
            message = f"python tags are not allowed ('{shown}'); a level file holds data, not code"
        else:
            message = f"unsupported tag '{shown}'; write plain text, numbers, lists and mappings"
        self._problem(node, path, message)
        return False

    def _scalar(self, node: ScalarNode) -> Any:
        """The scalar's value; text directly (most values), other tags by the constructor."""
        return node.value if node.tag == _STR else self.construct_object(node)

    def _build_scalar(self, node: ScalarNode, path: FieldPath) -> Any:
        value = self._scalar(node)
        if isinstance(value, str):
            start, end = node.start_mark, node.end_mark
            self.source_map.scalars[path] = ScalarPlace(
                start.line + 1, start.column + 1, node.style, start.line == end.line
            )
        return value

    def _build_mapping(self, node: MappingNode, path: FieldPath) -> dict:
        self._check_duplicates(node, path)
        self.flatten_mapping(node)
        result: dict = {}
        for key_node, value_node in node.value:
            key = self._build_key(key_node, path)
            if key is None:
                continue
            child = (*path, key)
            mark = key_node.start_mark
            self.source_map.keys[child] = (mark.line + 1, mark.column + 1)
            result[key] = self._build(value_node, child)
        return result

    def _build_key(self, key_node: Node, path: FieldPath) -> str | None:
        """The key as written: keys are names, so `1:` or `yes:` stay the text "1", "yes"
        (choice options may be numbered), never the number or the yes/no value."""
        if not isinstance(key_node, ScalarNode):
            self._problem(key_node, path, "a key must be a plain word such as 'prompt'")
            return None
        if not self._tag_allowed(key_node, path):
            return None
        return key_node.value

    def _check_duplicates(self, node: MappingNode, path: FieldPath) -> None:
        first_seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == f"{_CORE}merge":
                continue
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in first_seen:
                self._problem(
                    key_node,
                    (*path, key),
                    f"duplicate key '{key}' (first given at line {first_seen[key]}); "
                    "keep one of them",
                )
            else:
                first_seen[key] = line


class MarkedLoader(_Marking, yaml.SafeLoader):
    """The pure-Python SafeLoader with marks; its syntax messages are the reference wording."""


#: libyaml's safe loader with the same marking (about nine times faster at start-up), when
#: PyYAML was built with it; same SafeConstructor, same refusal of every non-plain tag.
FastMarkedLoader = (
    type("FastMarkedLoader", (_Marking, yaml.CSafeLoader), {})
    if getattr(yaml, "__with_libyaml__", False)
    else MarkedLoader
)


#: YAML 1.2 reads `1e-4` and `1.5e3` as numbers; PyYAML (YAML 1.1) wants `1.0e-4`, `1.5e+3`. Authors, editors and
#: JSON Schema expect 1.2 here, so both loaders resolve exponents without a dot as floats.
_EXPONENT_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)[eE][-+]?[0-9]+$")
for _loader in {MarkedLoader, FastMarkedLoader}:
    _loader.add_implicit_resolver(f"{_CORE}float", _EXPONENT_FLOAT, list("-+.0123456789"))


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, path: Path | str) -> Problem:
    if isinstance(error, TooManyValues):
        mark = error.problem_mark
        return Problem(path, mark.line + 1, mark.column + 1, "", error.problem)
    return syntax_problem(error, text, path)


def read_yaml(path: Path, shown: Path | str | None = None) -> tuple[Any, SourceMap, list[Problem]]:
    """Read a YAML file into plain data, its source map and every problem found.

    Data is None when the file could not be read or parsed at all. `shown` is how the path
    appears in messages (default: as given).
    """
    shown = path if shown is None else shown
    text, problem = read_text(path, shown)
    if text is None:
        return None, SourceMap(), [problem]
    return parse_yaml(text, shown)


def parse_yaml(text: str, shown: Path | str) -> tuple[Any, SourceMap, list[Problem]]:
    """Parse YAML text (see `read_yaml`).

    Tabs are reported only when the document cannot be read: a tab YAML accepted sits inside
    text (a code line in a `lesson: |` block), where it is the author's to keep."""
    try:
        loader = _load(FastMarkedLoader, text, shown)
    except yaml.YAMLError:
        try:  # the pure-Python loader words syntax errors better, and the same everywhere
            loader = _load(MarkedLoader, text, shown)
        except yaml.MarkedYAMLError as error:
            tabs = tab_problems(text, shown)
            syntax = _syntax_problem(error, text, shown)
            return (
                None,
                SourceMap(),
                tabs + ([] if syntax.line in {p.line for p in tabs} else [syntax]),
            )
    return loader.data, loader.source_map, loader.problems


def _load(loader_class: type, text: str, shown: Path | str):
    loader = loader_class(text, shown)
    try:
        loader.data = loader.load_marked()
    finally:
        loader.dispose()
    return loader
