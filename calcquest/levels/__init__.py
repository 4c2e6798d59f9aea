"""Levels as YAML: the schema, a loader with `path:line:col` errors, the catalog and unlocks.

Public API (the rest of calcquest uses only these names):

- `load_level(path)`, `load_world(path)`: one file, or a `LevelFileError` listing every
  `Problem` in it.
- `load_catalog(dirs, builtin=True) -> Catalog`: the built-in levels plus other folders.
- `builtin_levels_dir()`: where the built-in levels are (a checkout or the installed package).
- `instantiate(level, index, seed) -> PlayableQuestion`, `instantiate_scene(level, seed)`:
  a question or scene with its random parameters drawn from a seed.
- `open_levels(catalog, done)`: which levels a player may start.
- `load_map_index(dirs, builtin=True, cache_dir=None) -> MapIndex`: just what the map shows,
  read fast (no pydantic) and cached, for the game's first frame; `index.load_catalog()`
  then reads the full catalog of the same folders.

Nothing here imports Textual; SymPy loads only when an expression is checked. Importing the
package is light: each name loads its module on first use.
"""

import importlib
import sys
import types

#: Public name -> the module that defines it. Names load on first use, so importing a light
#: module such as `calcquest.levels.index` (the game's map, before the first frame) does not
#: import pydantic and the level models with this package.
_NAMES = {
    "Catalog": "calcquest.levels.catalog",
    "UnknownIdError": "calcquest.levels.problems",
    "builtin_levels_dir": "calcquest.levels.files",
    "load_catalog": "calcquest.levels.catalog",
    "PlayableQuestion": "calcquest.levels.instantiate",
    "instantiate": "calcquest.levels.instantiate",
    "instantiate_scene": "calcquest.levels.instantiate",
    "load_level": "calcquest.levels.loader",
    "load_world": "calcquest.levels.loader",
    "LevelFileError": "calcquest.levels.problems",
    "Problem": "calcquest.levels.problems",
    "SCENE_TYPES": "calcquest.levels.schema",
    "Level": "calcquest.levels.schema",
    "Question": "calcquest.levels.schema",
    "SceneSpec": "calcquest.levels.schema",
    "World": "calcquest.levels.schema",
    "open_levels": "calcquest.levels.unlock",
    "MapIndex": "calcquest.levels.index",
    "load_map_index": "calcquest.levels.index",
}

__all__ = sorted(_NAMES)


def __getattr__(name: str) -> object:
    """Load a public name from its module on first use (module-level __getattr__)."""
    if name not in _NAMES:
        raise AttributeError(f"module 'calcquest.levels' has no attribute {name!r}")
    value = getattr(importlib.import_module(_NAMES[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_NAMES])


class _Package(types.ModuleType):
    """Keeps `calcquest.levels.instantiate` the function, as it was when every name was
    imported eagerly: importing the submodule of the same name would otherwise rebind the
    package attribute to the module."""

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, types.ModuleType) and _NAMES.get(name) == value.__name__:
            return  # the submodule stays reachable through sys.modules
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
