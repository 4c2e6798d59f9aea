"""The one-line status under an animated scene: where the animation is and what it turns.

Kept apart from the widget so the line's wording and its narrowing rules (a side panel is
about 40 cells wide) read in one place; the widget passes in its state and shows the result.
"""

from __future__ import annotations

from collections.abc import Mapping

from calcquest.scenes import Scene


def state_word(scene: Scene, frame: int, *, paused: bool, reduced_motion: bool) -> list[str]:
    """paused, still, or the replay hint at the end (none while playing)."""
    if paused:
        return ["paused"]
    if reduced_motion:
        return ["still"]
    if frame >= scene.last_frame and scene.frame_count > 1:
        return ["done, r replays"]
    return []


def status_line(
    scene: Scene,
    frame: int,
    width: int,
    *,
    paused: bool,
    reduced_motion: bool,
    pending: Mapping[str, float | str],
) -> str:
    """frame k/n, paused or still, the controls (a choice with its place among the others,
    `activation = tanh (2 of 3)`) and their keys; when that is too wide, the controls in
    short (`activation=tanh`), then without the state word, so the current values stay
    visible in a narrow side panel. A control still being recomputed is marked `…`."""
    head = f"{'⏸' if paused else '▶'} {frame + 1}/{scene.frame_count}"
    states = [
        state if pending.get(state.name) is None else state.at(pending[state.name])
        for state in scene.controls
    ]
    marks = ["…" if state.name in pending else "" for state in states]
    full = [
        f"{state.shown()}{mark} {keys}"
        for state, mark, keys in zip(states, marks, ("[ ]", "{ }"), strict=False)
    ]
    short = [f"{state.compact()}{mark}" for state, mark in zip(states, marks, strict=False)]
    word = state_word(scene, frame, paused=paused, reduced_motion=reduced_motion)
    candidates = [[head, *word, *full], [head, *word, *short], [head, *short]]
    line = next(
        (text for text in ("  ".join(parts) for parts in candidates) if len(text) <= width),
        "  ".join(candidates[-1]),
    )
    return line[:width]
