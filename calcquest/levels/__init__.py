"""Levels as YAML: the schema, a loader with `path:line:col` errors, the catalog and unlocks.

Public API (the rest of calcquest uses only these names):

- `load_level(path)`, `load_world(path)`: one file, or a `LevelFileError` listing every
  `Problem` in it.
- `load_catalog(dirs, builtin=True) -> Catalog`: the built-in levels plus other folders.
- `builtin_levels_dir()`: where the built-in levels are (a checkout or the installed package).
- `instantiate(level, index, seed) -> PlayableQuestion`, `instantiate_scene(level, seed)`:
  a question or scene with its random parameters drawn from a seed.
- `open_levels(catalog, done)`: which levels a player may start.

Nothing here imports Textual; SymPy loads only when an expression is checked.
"""

from calcquest.levels.catalog import Catalog, UnknownIdError, builtin_levels_dir, load_catalog
from calcquest.levels.instantiate import PlayableQuestion, instantiate, instantiate_scene
from calcquest.levels.loader import load_level, load_world
from calcquest.levels.problems import LevelFileError, Problem
from calcquest.levels.schema import SCENE_TYPES, Level, Question, SceneSpec, World
from calcquest.levels.unlock import open_levels

__all__ = [
    "SCENE_TYPES",
    "Catalog",
    "Level",
    "LevelFileError",
    "PlayableQuestion",
    "Problem",
    "Question",
    "SceneSpec",
    "UnknownIdError",
    "World",
    "builtin_levels_dir",
    "instantiate",
    "instantiate_scene",
    "load_catalog",
    "load_level",
    "load_world",
    "open_levels",
]
