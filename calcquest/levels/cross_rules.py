"""Rules across level files: unique ids, worlds and `requires` that exist, no cycles.

Each rule reports at the line that has to change: the second file claiming an id, the
`world:` naming a missing world, the `requires` entry that closes a cycle.
"""

from __future__ import annotations

from calcquest.levels.folders import FolderScan
from calcquest.levels.loader import Source
from calcquest.levels.problems import FieldPath, Problem, did_you_mean, format_field


def cross_problems(scan: FolderScan) -> list[Problem]:
    """Every problem between the valid files of `scan`."""
    worlds = [w for w in scan.worlds if w.model is not None]
    levels = [s for s in scan.levels if s.model is not None]
    return [
        *_duplicates(worlds, "world"),
        *_duplicates(levels, "level"),
        *_worlds_exist(levels, {w.model.id for w in worlds}, scan),
        *_requires_resolve(levels),
        *_cycles(levels),
    ]


def _at(source: Source, path: FieldPath, message: str) -> Problem:
    line, column = source.source.locate(path)
    return Problem(source.path, line, column, format_field(path), message)


def _duplicates(sources: list[Source], what: str) -> list[Problem]:
    first: dict[str, Source] = {}
    problems = []
    for source in sources:
        ident = source.model.id
        if ident in first:
            other = first[ident]
            line, _ = other.source.locate(("id",))
            message = (
                f"duplicate {what} id '{ident}' (also in {other.path}:{line}); ids must be unique"
            )
            problems.append(_at(source, ("id",), message))
        else:
            first[ident] = source
    return problems


def _worlds_exist(levels: list[Source], world_ids: set[str], scan: FolderScan) -> list[Problem]:
    problems = []
    for source in levels:
        named = source.model.world
        folder = scan.folder_world.get(source.path)
        if named not in world_ids:
            hint = did_you_mean(named, world_ids) or (
                f"; the worlds are: {', '.join(sorted(world_ids))}"
                if world_ids
                else "; no world.yaml was found (add one with `calcquest new world DIR`)"
            )
            problems.append(_at(source, ("world",), f"unknown world '{named}'{hint}"))
        elif folder is not None and folder.model is not None and folder.model.id != named:
            message = (
                f"this file is in the folder of world '{folder.model.id}' but says "
                f"world: {named}; move the file or change the world"
            )
            problems.append(_at(source, ("world",), message))
    return problems


def _requires_resolve(levels: list[Source]) -> list[Problem]:
    known = {s.model.id for s in levels}
    problems = []
    for source in levels:
        for index, needed in enumerate(source.model.requires):
            if needed == source.model.id:
                problems.append(_at(source, ("requires", index), "a level cannot require itself"))
            elif needed not in known:
                hint = did_you_mean(needed, known)
                problems.append(_at(source, ("requires", index), f"unknown level '{needed}'{hint}"))
    return problems


def _cycles(levels: list[Source]) -> list[Problem]:
    by_id = {s.model.id: s for s in levels}
    graph = {
        ident: [r for r in s.model.requires if r in by_id and r != ident]
        for ident, s in by_id.items()
    }
    problems = []
    for cycle in _find_cycles(graph):
        source = by_id[cycle[0]]
        index = source.model.requires.index(cycle[1])
        chain = " -> ".join([*cycle, cycle[0]])
        message = f"requires cycle: {chain}; remove one of these requires"
        problems.append(_at(source, ("requires", index), message))
    return problems


def _find_cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Each elementary cycle found by depth-first search, once, starting at its smallest id."""
    found: dict[tuple[str, ...], list[str]] = {}
    state: dict[str, str] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        trail.append(node)
        for nxt in graph[node]:
            if state.get(nxt) == "open":
                cycle = trail[trail.index(nxt) :]
                start = cycle.index(min(cycle))
                rotated = cycle[start:] + cycle[:start]
                found.setdefault(tuple(rotated), rotated)
            elif nxt not in state:
                visit(nxt, trail)
        trail.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    return list(found.values())
