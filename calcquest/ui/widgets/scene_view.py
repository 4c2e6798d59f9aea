"""SceneView: a scene animated in the terminal, with pause, step, replay and its controls.

The scene (calcquest.scenes) does the numbers and the drawing; this widget only chooses the
frame, asks for it at its own size and shows it. Frames come from the scene's cache; when one
is missing (first show, a resize, a turned control) a thread worker draws it and every frame
after it, so the event loop never waits on plotext and keys stay instant. The timer advances
only to frames already drawn, and stops on the last frame (or a pause) until the player
replays. Reduced motion shows the final frame and never animates.

Each change is redrawn where it is and nowhere else: the widget remembers the rows it last
asked Textual to show and refreshes only the cells that differ (`_repaint`), so a frame that
moves a ball and a number sends a few hundred bytes to the terminal, not the whole plot.
Colour follows NO_COLOR unless the caller says otherwise. Messages go up (ControlChanged);
nothing here reaches into the app.
"""

from __future__ import annotations

import os
import textwrap
from collections import OrderedDict
from collections.abc import Callable

from rich.text import Text
from textual import events, work
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.worker import get_current_worker

from calcquest.errors import CalcquestError
from calcquest.scenes import Scene
from calcquest.scenes.textfit import changed_span
from calcquest.ui.widgets.scene_status import status_line

#: Never animate faster than this, whatever the scene prefers.
MAX_FPS = 20
#: At most this many lines of description under the frame.
DESCRIPTION_LINES = 4


def colour_wanted() -> bool:
    """False when NO_COLOR is set to anything non-empty (https://no-color.org)."""
    return not os.environ.get("NO_COLOR")


class SceneView(Widget, can_focus=True):
    """Shows one scene: the frame, a status line, and (on `d`) the frame's description."""

    DEFAULT_CSS = """
    SceneView {
        width: 1fr;
        height: 1fr;
        min-height: 6;
    }
    """

    BINDINGS = [
        Binding("space", "toggle_pause", "Pause"),
        Binding("left", "step(-1)", "Back", show=False),
        Binding("right", "step(1)", "Step", show=False),
        Binding("r", "replay", "Replay"),
        Binding("left_square_bracket", "control(0, -1)", "Control -", show=False),
        Binding("right_square_bracket", "control(0, 1)", "Control +", show=False),
        Binding("left_curly_bracket", "control(1, -1)", "Control 2 -", show=False),
        Binding("right_curly_bracket", "control(1, 1)", "Control 2 +", show=False),
        Binding("d", "toggle_description", "Describe"),
    ]

    class SceneShown(Message):
        """A (new) scene is now on show: built, recomputed after a control, or replaced."""

        def __init__(self, scene: Scene) -> None:
            super().__init__()
            self.scene = scene

    class ControlChanged(Message):
        """The player turned a control; the scene has been recomputed with the new value (a
        number, or a choice such as "tanh")."""

        def __init__(self, name: str, value: float | str) -> None:
            super().__init__()
            self.name = name
            self.value = value

    def __init__(
        self,
        scene: Scene | None = None,
        *,
        reduced_motion: bool = False,
        color: bool | None = None,
        show_description: bool = False,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.scene = scene
        self.reduced_motion = reduced_motion
        self.color = colour_wanted() if color is None else color
        self.show_description = show_description
        self.frame = scene.last_frame if scene is not None and reduced_motion else 0
        self.paused = False
        self.problem: str | None = None
        self.busy = False
        self._timer: Timer | None = None
        self._texts: OrderedDict[tuple, Text] = OrderedDict()
        self._last: tuple[tuple, str] | None = None
        self._painted: list[str] | None = None
        self._drawing: tuple | None = None
        self._mounted = False
        self._pending: dict[str, float | str] = {}

    # -- lifecycle --------------------------------------------------------------------------

    def on_mount(self) -> None:
        """Start the clock for this scene."""
        self._mounted = True
        self._restart_timer()

    def on_resize(self, event: events.Resize) -> None:
        """Draw again at the new size (frames for it are drawn ahead in a worker)."""
        self._repaint(full=True)

    def set_scene(self, scene: Scene) -> None:
        """Show another scene (e.g. after the level file changed), from its first frame."""
        self.scene = scene
        self.problem = None
        self.frame = scene.last_frame if self.reduced_motion else 0
        self._texts.clear()
        self._restart_timer()
        self._repaint()
        self.post_message(self.SceneShown(scene))

    def load(self, factory: Callable[[], Scene]) -> None:
        """Build a scene in a thread (SymPy and NumPy take a moment the first time)."""
        self.busy = True
        self._repaint()
        self._build(factory)

    @work(thread=True, exclusive=True, group="scene-build", exit_on_error=False)
    def _build(self, factory: Callable[[], Scene]) -> None:
        try:
            scene = factory()
        except CalcquestError as exc:
            self.app.call_from_thread(self._failed, exc.message)
            return
        self.app.call_from_thread(self._built, scene)

    def _built(self, scene: Scene) -> None:
        self.busy = False
        self.set_scene(scene)

    def _failed(self, message: str) -> None:
        self.busy = False
        self.problem = message
        self._repaint()

    def _restart_timer(self) -> None:
        """A fresh clock at this scene's pace (a new scene may have another fps)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._sync_timer()

    def _sync_timer(self) -> None:
        """Run the clock only while there is a next frame to show: stopped on the last frame
        and while paused, so a finished animation costs nothing until the player replays."""
        moving = (
            self.scene is not None
            and self._mounted
            and not self.reduced_motion
            and not self.paused
            and not self.finished
        )
        if not moving and self._timer is not None:
            self._timer.stop()
            self._timer = None
        elif moving and self._timer is None:
            fps = max(1, min(self.scene.fps, MAX_FPS))
            self._timer = self.set_interval(1 / fps, self._tick)

    # -- animation --------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        """True when the animation stands on its final frame."""
        return self.scene is None or self.frame >= self.scene.last_frame

    def frame_size(self) -> tuple[int, int]:
        """Width and height left for the picture under the status (and description) lines."""
        width, height = self.size.width, self.size.height
        return width, max(0, height - 1 - len(self._description_lines(width)))

    @property
    def frame_ready(self) -> bool:
        """True when the current frame is drawn for the current size (tests wait on it)."""
        width, height = self.frame_size()
        return self.scene is not None and self.scene.is_cached(
            self.frame, width, height, self.color
        )

    def _tick(self) -> None:
        if self.scene is None or self.paused or self.finished:
            self._sync_timer()
            return
        width, height = self.frame_size()
        if self.scene.is_cached(self.frame + 1, width, height, self.color):
            self.frame += 1
            self._repaint()
            self._sync_timer()
        else:
            self._ensure_drawing(self.frame + 1, width, height)

    def _ensure_drawing(self, start: int, width: int, height: int) -> None:
        """Start drawing frames ahead for this size, unless a worker already does exactly that."""
        job = self.scene.cache_key(start, width, height, self.color)[:-4] + (
            width,
            height,
            self.color,
        )
        if self._drawing != job:
            self._drawing = job
            self._draw_ahead(self.scene, start, width, height, self.color)

    @work(thread=True, exclusive=True, group="scene-draw", exit_on_error=False)
    def _draw_ahead(self, scene: Scene, start: int, width: int, height: int, color: bool) -> None:
        """Draw `start` and every later frame (then the earlier ones) into the scene's cache."""
        worker = get_current_worker()
        count = scene.frame_count
        for offset in range(count):
            if worker.is_cancelled:
                return
            frame = (start + offset) % count
            if not scene.is_cached(frame, width, height, color):
                scene.render(frame, width, height, color)
                if frame == start:
                    self.app.call_from_thread(self._repaint)
        self.app.call_from_thread(
            self._drawn, scene.cache_key(0, width, height, color)[:-4] + (width, height, color)
        )

    def _drawn(self, job: tuple) -> None:
        if self._drawing == job:
            self._drawing = None
        self._repaint()

    # -- drawing ----------------------------------------------------------------------------

    def _shown_frame(self, width: int, height: int) -> tuple[tuple | None, str]:
        """(cache key, ANSI text) of the picture on show: the current frame when it is drawn
        for this size, else the last one shown while a worker draws this one."""
        scene = self.scene
        if scene is None or width <= 0 or height <= 0:
            return None, "\n" * max(height - 1, 0)
        if scene.is_cached(self.frame, width, height, self.color):
            key = scene.cache_key(self.frame, width, height, self.color)
            self._last = (key, scene.render(self.frame, width, height, self.color))
        else:
            self._ensure_drawing(self.frame, width, height)
        return self._last or (None, "\n" * (height - 1))

    def _frame_text(self, width: int, height: int) -> Text:
        """The picture on show as Rich text (converted once per frame and size)."""
        key, ansi = self._shown_frame(width, height)
        text = self._texts.get(key) if key is not None else None
        if text is None:
            text = Text.from_ansi(ansi, no_wrap=True)
            if key is not None and self.scene is not None:
                self._texts[key] = text
                while len(self._texts) > 2 * self.scene.frame_count + 4:
                    self._texts.popitem(last=False)
        return text

    def _status(self, width: int) -> Text:
        """The status line (see scene_status.py), dim."""
        if self.scene is None:
            return Text("")
        line = status_line(
            self.scene,
            self.frame,
            width,
            paused=self.paused,
            reduced_motion=self.reduced_motion,
            pending=self._pending,
        )
        return Text(line, style="dim", no_wrap=True)

    def description(self) -> str:
        """What the current frame shows, in words (also for the plain mode)."""
        if self.problem:
            return self.problem
        return self.scene.describe(self.frame) if self.scene is not None else ""

    def _description_lines(self, width: int) -> list[str]:
        if not self.show_description or self.scene is None or width < 10:
            return []
        return textwrap.wrap(self.description(), width)[:DESCRIPTION_LINES]

    def _rows(self) -> list[str] | None:
        """What `render` shows, row by row (the picture's rows with their colour codes), to
        compare with what was shown before; None while there is no picture to show."""
        if self.problem or self.busy or self.scene is None or not self._mounted:
            return None
        width, height = self.frame_size()
        key, ansi = self._shown_frame(width, height)
        if key is None:
            return None  # nothing drawn yet: the first picture is painted whole
        status = self._status(width).plain
        return [*ansi.split("\n"), status, *self._description_lines(width)]

    def _repaint(self, full: bool = False) -> None:
        """Ask Textual to redraw the cells that changed since the last request, and only
        those (everything when the rows themselves changed: a resize, the description
        toggled, a problem shown). Textual rewrites a dirty row from the widget's left edge to
        the last dirty cell, so one region per row (first to last change) is the cheapest;
        a full refresh per frame would resend the whole plot (~4 KB)."""
        rows, before = self._rows(), self._painted
        self._painted = rows
        if full or rows is None or before is None or len(rows) != len(before):
            self.refresh()
            return
        spans = [
            (y, changed_span(old, new))
            for y, (old, new) in enumerate(zip(before, rows, strict=True))
            if old != new
        ]
        regions = [Region(span[0], y, span[1] - span[0], 1) for y, span in spans if span]
        if regions:
            self.refresh(*regions)

    def render(self) -> Text:
        """Frame, status line and optional description, exactly filling the widget."""
        width = self.size.width
        if self.problem:
            return Text(
                "\n".join(
                    textwrap.wrap(f"The scene cannot be shown: {self.problem}", max(width, 10))
                )
            )
        if self.busy or self.scene is None:
            return Text("drawing the scene…", style="dim")
        _, height = self.frame_size()
        result = self._frame_text(width, height).copy()
        result.append("\n")
        result.append_text(self._status(width))
        for line in self._description_lines(width):
            result.append("\n" + line)
        return result

    # -- actions ----------------------------------------------------------------------------

    def action_toggle_pause(self) -> None:
        """Pause or resume; at the end, resume replays from the start."""
        if self.scene is None or self.reduced_motion:
            return
        if self.paused or not self.finished:
            self.paused = not self.paused
        else:
            self.frame, self.paused = 0, False
        self._sync_timer()
        self._repaint()

    def action_step(self, delta: int) -> None:
        """One frame back or forward, pausing the animation."""
        if self.scene is None:
            return
        self.paused = not self.reduced_motion
        self.frame = self.scene.clamp(self.frame + delta)
        self._sync_timer()
        self._repaint()

    def action_replay(self) -> None:
        """From the first frame again (reduced motion: the final frame)."""
        if self.scene is None:
            return
        self.frame = self.scene.last_frame if self.reduced_motion else 0
        self.paused = False
        self._sync_timer()
        self._repaint()

    def action_toggle_description(self) -> None:
        """Show or hide the sentence describing the current frame."""
        self.show_description = not self.show_description
        self._repaint()

    def action_control(self, index: int, delta: int) -> None:
        """Turn control `index` one rung up (delta 1) or down (delta -1); a choice (such as
        the activation) moves to the next or previous one, wrapping round."""
        if self.scene is None or index >= len(self.scene.controls):
            return
        state = self.scene.controls[index]
        state = state.at(self._pending.get(state.name, state.value))
        value = state.stepped(delta)
        if value == state.value:
            self.app.bell()
            return
        self._pending[state.name] = value
        self._repaint()
        self._recompute(self.scene, dict(self._pending), state.name)

    @work(thread=True, exclusive=True, group="scene-control", exit_on_error=False)
    def _recompute(self, scene: Scene, changes: dict[str, float | str], name: str) -> None:
        """Apply every control change not yet shown (keys pressed faster than we compute)."""
        try:
            for control, value in changes.items():
                scene = scene.with_control(control, value)
        except CalcquestError as exc:
            self.app.call_from_thread(self._control_failed, exc.message)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._control_done, scene, changes, name)

    def _control_done(self, scene: Scene, changes: dict[str, float | str], name: str) -> None:
        if changes != self._pending:
            return  # a newer change is being computed; it includes these
        self._pending.clear()
        frame = self.frame
        self.set_scene(scene)
        if self.paused:
            self.frame = scene.clamp(frame)
            self._repaint()
        self.post_message(self.ControlChanged(name, changes[name]))

    def _control_failed(self, message: str) -> None:
        self._pending.clear()
        self.notify(message, title="Scene control", severity="error")
        self._repaint()
