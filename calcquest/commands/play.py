"""`calcquest play` (also plain `calcquest`): the game, or one level file with hot reload.

Also home of the helpers the other game commands share: opening the player's store and the
level catalog from the common options, and choosing plain mode.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from calcquest.levels import Catalog
    from calcquest.levels.index import MapIndex
    from calcquest.progress import ProgressStore


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register `play`."""
    from calcquest.cli import add_common_options

    parser = subparsers.add_parser(
        "play",
        help="play the game (the default command)",
        description="Play calcquest. With LEVEL.yaml, play just that level file.",
    )
    parser.add_argument("level_file", nargs="?", metavar="LEVEL.yaml", help="play one level file")
    parser.add_argument(
        "--watch", action="store_true", help="with LEVEL.yaml: reload the level when it changes"
    )
    add_common_options(parser)


def open_store(args: argparse.Namespace) -> ProgressStore:
    """The player's progress store from --data-dir/--player (or their defaults)."""
    from calcquest.progress import ProgressStore, resolve_data_dir

    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    return ProgressStore.open(data_dir, getattr(args, "player", None) or "me")


def load_game_catalog(args: argparse.Namespace) -> Catalog:
    """The built-in levels plus any --levels folders (without the built-ins if asked)."""
    from calcquest.levels import load_catalog

    dirs = [Path(d) for d in (getattr(args, "levels", None) or [])]
    return load_catalog(dirs, builtin=not getattr(args, "no_builtin", False))


def load_game_index(args: argparse.Namespace, store: ProgressStore) -> MapIndex:
    """What the map shows of the same levels as `load_game_catalog`, fast (cached in the
    store's data directory); the game loads the full catalog after its first frame."""
    from calcquest.levels.index import load_map_index

    dirs = [Path(d) for d in (getattr(args, "levels", None) or [])]
    builtin = not getattr(args, "no_builtin", False)
    return load_map_index(dirs, builtin=builtin, cache_dir=store.path.parent)


def wants_plain(args: argparse.Namespace) -> bool:
    """--plain, TERM=dumb, or no terminal to draw on."""
    if getattr(args, "plain", False) or os.environ.get("TERM") == "dumb":
        return True
    return not (sys.stdin.isatty() and sys.stdout.isatty())


def run_textual(app: object) -> int:
    """Run a Textual app and print its exit sentence.

    The app releases garbage collection once its first frame is drawn (see
    `calcquest.startup`); an app that ends before that releases it here."""
    from calcquest import startup

    try:
        state = app.run()  # type: ignore[attr-defined]
    finally:
        startup.release()
    if state is not None:
        print(state.sentence())
    return int(getattr(app, "return_code", 0) or 0)


def honour_colour_setting(store: ProgressStore) -> None:
    """A player who chose "no colour" gets Textual's NO_COLOR treatment for this process."""
    if store.settings().colour == "none":
        os.environ["NO_COLOR"] = "1"


def run(args: argparse.Namespace) -> int:
    """Play: the whole game, or one level file (`--watch` reloads it on change)."""
    level_file = getattr(args, "level_file", None)
    if getattr(args, "watch", False) and not level_file:
        from calcquest.errors import CalcquestError

        raise CalcquestError(
            "Nothing to watch", "--watch needs a level file.", "calcquest play LEVEL.yaml --watch"
        )
    with open_store(args) as store:
        if level_file:
            return _play_file(args, store, Path(level_file))
        seed = getattr(args, "seed", None)
        if wants_plain(args):
            return play_plain(load_game_catalog(args), store, seed)
        from calcquest import startup

        startup.hold()  # until the map is drawn: Textual's imports make many lasting objects
        from calcquest.ui.app import make_app

        honour_colour_setting(store)
        return run_textual(make_app(load_game_index(args, store), store, seed=seed))


def play_plain(catalog: Catalog, store: ProgressStore, seed: int | None, **kwargs: object) -> int:
    """The line-by-line game (`PlainGame.play(**kwargs)`), then the goodbye sentence."""
    from calcquest.plain import PlainGame

    PlainGame(catalog, store, seed=seed).play(**kwargs)  # type: ignore[arg-type]
    from calcquest.progress.standing import exit_state

    print(exit_state(store).sentence())
    return 0


def single_level_catalog(path: Path) -> tuple[Catalog, str]:
    """A catalog holding just the level in `path` (and its world), for `play LEVEL.yaml`.

    The level is always open there, whatever it `requires`, so authors can try it at once.
    """
    from calcquest.levels import Catalog, load_level

    level = load_level(path)
    return Catalog([world_of(level.world, path)], [level], [], {level.id: path}), level.id


def world_of(world_id: str, path: Path):  # -> World
    """The world a single level file belongs to: its folder's world.yaml, a built-in world,
    or a plain stand-in named after the id."""
    from calcquest.levels import World, load_catalog, load_world

    beside = path.parent / "world.yaml"
    if beside.is_file():
        world = load_world(beside)
        if world.id == world_id:
            return world
    for world in load_catalog().worlds:
        if world.id == world_id:
            return world
    return World(id=world_id, title=world_id.replace("-", " ").capitalize(), order=1)


def _play_file(args: argparse.Namespace, store: ProgressStore, path: Path) -> int:
    seed = getattr(args, "seed", None)
    watch = getattr(args, "watch", False)
    if wants_plain(args):
        catalog, level_id = single_level_catalog(path)
        return play_plain(catalog, store, seed, level_id=level_id)
    from calcquest.ui.app import make_app

    honour_colour_setting(store)
    if watch:
        return run_textual(make_app(_watch_catalog(path), store, seed=seed, watch=path))
    catalog, level_id = single_level_catalog(path)
    return run_textual(make_app(catalog, store, seed=seed, start_level=level_id))


def _watch_catalog(path: Path) -> Catalog:
    """The level's catalog, or (while the file is broken) just the worlds it might join;
    the game shows the file's problems and reloads it when it is saved."""
    from calcquest.levels import Catalog, LevelFileError, load_catalog

    try:
        return single_level_catalog(path)[0]
    except LevelFileError:
        return Catalog(worlds=load_catalog().worlds)
