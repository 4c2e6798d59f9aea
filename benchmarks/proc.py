"""Reading Linux's /proc: which processes descend from a pid (the serve benchmarks and tests
measure a server's whole tree: the server, its zygote, every game, the grading service)."""

from __future__ import annotations

from pathlib import Path


def descendants_of(root: int) -> list[int]:
    """Pids whose parent chain leads to `root` (not `root` itself), read from /proc."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], {root}
    while frontier:
        children = {pid for pid, parent in parents.items() if parent in frontier}
        found += children
        frontier = children
    return sorted(found)
