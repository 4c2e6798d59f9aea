"""Turn benchmark results into the Markdown table the README shows, budgets beside figures."""

from __future__ import annotations


def _row(what: str, figure: str, budget: str, ok: bool | None) -> str:
    mark = "" if ok is None else (" ✓" if ok else " ✗ over budget")
    return f"| {what} | {figure} | {budget}{mark} |"


def _startup(r: dict) -> list[str]:
    figure = f"{r['calcquest_s']} s vs bare Textual {r['bare_textual_s']} s = {r['ratio']}x"
    rows = [_row("`calcquest` to first drawn map", figure, "≤ 1.3x", r["ratio"] <= 1.3)]
    if "first_start_s" in r:  # the very first start also creates the database and map index
        first = f"{r['first_start_s']} s = {r['first_start_ratio']}x"
        rows.append(_row("`calcquest` to first drawn map, first start ever", first, "", None))
    return rows


def _grading(r: dict) -> list[str]:
    rows = []
    for key, label in (
        ("table_first_answer", "grading, first answer to a question"),
        ("table_later_answers", "grading, later answers"),
        ("hostile", "grading, hostile inputs"),
    ):
        s = r[key]
        figure = f"median {s['median_ms']} ms, p99 {s['p99_ms']} ms, max {s['max_ms']} ms"
        budget_ok = s["median_ms"] <= 5 and s["p99_ms"] <= 100 and s["max_ms"] <= 1000
        rows.append(
            _row(f"{label} ({s['cases']} cases)", figure, "5 / 100 ms, all < 1 s", budget_ok)
        )
    return rows


def _frames(r: dict) -> list[str]:
    rows = []
    for name, s in r.items():
        figure = (
            f"cold median {s['cold_median_ms']} ms, max {s['cold_max_ms']} ms; "
            f"cached {s['warm_median_ms']} ms"
        )
        small = name.endswith("80x24")
        rows.append(
            _row(
                f"frame build: {name}",
                figure,
                "< 10 ms at 80x24" if small else "—",
                s["cold_max_ms"] < 10 if small else None,
            )
        )
    return rows


def _animation(r: dict) -> list[str]:
    rows = []
    for kind, s in r.items():
        figure = (
            f"{s['cpu_percent']} % of a core, {s['bytes_per_s'] / 1000:.1f} KB/s"
            f" (over {s['window_s']:g} s)"
        )
        ok = s["cpu_percent"] < 25 and s["bytes_per_s"] < 20_000
        rows.append(_row(f"animation ({kind}) at 20 fps", figure, "< 25 %, < 20 KB/s", ok))
    return rows


def _memory(r: dict) -> list[str]:
    figure = f"game {r['game_peak_rss_mb']} MB, grading worker {r['worker_peak_rss_mb']} MB"
    return [
        _row("peak RSS, scripted play-through", figure, "< 150 MB", r["game_peak_rss_mb"] < 150)
    ]


def _serve(r: dict) -> list[str]:
    first = r["first_frame_after_handshake_s"]
    return [
        _row(
            "first frame over `calcquest serve`",
            f"{first} s after the handshake",
            "≤ 0.6 s",
            first <= 0.6,
        ),
        _row(
            "per player over SSH, animation",
            f"game writes {r['bytes_per_s'] / 1000:.1f} KB/s; on the wire "
            f"{(r['wire_bytes_per_s_plain'] or 0) / 1000:.1f} KB/s plain, "
            f"{(r['wire_bytes_per_s_zlib'] or 0) / 1000:.1f} KB/s with zlib (`ssh -C`)",
            "< 20 KB/s",
            r["bytes_per_s"] < 20_000,
        ),
    ]


def _players(r: dict) -> list[str]:
    on_map, asked = r["players_on_map"], r["players_asked"]
    level_gb = r["level_total_mb"] / 1024
    figure = (
        f"{on_map} of {asked} connected: {r['idle_per_player_mb']} MB each on the map, "
        f"{r['level_per_player_mb']} MB each in a level ({level_gb:.1f} GB in all, "
        f"PSS); sitting still {r['idle_cores_in_level']} cores"
    )
    if r.get("stopped_for_memory"):
        figure += "; stopped early: memory ran short"
    ok = on_map >= 500 and level_gb < 24 if asked >= 500 else None
    return [_row("players on one `calcquest serve` host", figure, "≥ 500 on 2 cores, 24 GiB", ok)]


SECTIONS = {
    "startup": _startup,
    "grading": _grading,
    "frames": _frames,
    "animation": _animation,
    "memory": _memory,
    "serve": _serve,
    "players": _players,
}


def markdown_table(results: dict) -> str:
    """A Markdown table of every figure in `results`, with the machine noted above it."""
    m = results.get("machine", {})
    lines = [
        f"Measured {m.get('date')} on {m.get('cpus')} cores, Python {m.get('python')}, "
        f"{m.get('platform')}.",
        "",
        "| what | figure | budget |",
        "|---|---|---|",
    ]
    for name, render in SECTIONS.items():
        if name not in results:
            continue
        if "error" in results[name]:
            lines.append(_row(name, f"failed: {results[name]['error']}", "—", None))
            continue
        lines.extend(render(results[name]))
    return "\n".join(lines)
