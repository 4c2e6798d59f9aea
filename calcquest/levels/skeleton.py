"""Starting points for authors: a commented level and world that already validate.

`calcquest new level PATH` writes `level_skeleton(...)`; every line an author must change is
commented, and the first line points editors at the JSON Schema for completion and checks.
"""

from __future__ import annotations

import re
from pathlib import Path

_LEVEL = """\
# yaml-language-server: $schema=__SCHEMA__
# A calcquest level. Reference: docs/authoring.md. While you write:
#   calcquest validate __FILE__        every field and expression
#   calcquest check __FILE__           grades your answers and mistakes
#   calcquest play __FILE__ --watch    play it, reloading on every save
format: 1
# id: unique across all levels (lower-case letters, digits, dashes); progress is kept by it
id: __ID__
title: __TITLE__
# world: the id in this folder's world.yaml
world: __WORLD__
requires: []                # ids of levels to finish first, e.g. [power-rule]
lesson: |
  Say what the idea is, why machine learning needs it, and work one example.

  Example: the derivative of x^n is n x^(n-1), so x^3 changes at rate 3x^2.
scene:                      # optional: the animated plot beside the lesson
  type: function
  curves: ["x^3", "3*x^2"]
  x: [-2, 2]
questions:
  - id: power-rule          # keep ids stable: progress is stored by them
    prompt: "Differentiate f(x) = x^{n}."
    params:                 # optional random parameters, drawn afresh per attempt
      n: {randint: [2, 9]}
    answer:
      kind: expression      # or numeric, limit, vector, matrix, equation, antiderivative,
                            # ode_solution, choice
      expected: "{n}*x^({n}-1)"
      vars: [x]
    accept: ["{n} x^({n} - 1)"]      # other right forms; check proves each grades right
    mistakes:                        # wrong answers people give; each must grade wrong
      - answer: "x^({n}-1)"
        feedback: "Bring the power {n} down in front as a factor."
    hints:
      - "Multiply by the power, then lower the power by one."
    why: "The power rule: d/dx x^n = n x^(n-1)."
"""

_WORLD = """\
# A calcquest world: a chapter on the map. Its levels are the other .yaml files here.
format: 1
# id: levels name it in `world:`
id: __ID__
title: __TITLE__
# order: worlds are played in increasing order
order: __ORDER__
blurb: One or two sentences shown under the title on the map.
"""


def slug_from_path(path: Path) -> str:
    """An id from a file or folder name: `03-chain-rule.yaml` -> `chain-rule`."""
    stem = path.stem if path.suffix in (".yaml", ".yml") else path.name
    stem = re.sub(r"^\d+[-_ ]*", "", stem.lower())
    return re.sub(r"[^a-z0-9]+", "-", stem).strip("-") or "my-level"


def title_from_slug(slug: str) -> str:
    """`chain-rule` -> `Chain rule`."""
    return slug.replace("-", " ").capitalize()


def level_skeleton(path: Path, world: str, schema_ref: str) -> str:
    """The commented starting level for `path`, in `world`, pointing at `schema_ref`."""
    slug = slug_from_path(path)
    return (
        _LEVEL.replace("__SCHEMA__", schema_ref)
        .replace("__FILE__", path.name)
        .replace("__ID__", slug)
        .replace("__TITLE__", title_from_slug(slug))
        .replace("__WORLD__", world)
    )


def world_skeleton(folder: Path, order: int) -> str:
    """The commented world.yaml for `folder`."""
    slug = slug_from_path(folder) if folder.name else "my-world"
    return (
        _WORLD.replace("__ID__", slug)
        .replace("__TITLE__", title_from_slug(slug))
        .replace("__ORDER__", str(order))
    )
