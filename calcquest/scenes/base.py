"""What every scene is: numbers per frame, a sentence per frame, a drawing per frame.

A scene is built once from its validated parameters; building precomputes the numbers behind
every frame, so asking for a frame later only draws. Drawings are cached in one process-wide
LRU keyed by (scene type, parameters including control values, frame, size, colour), so an
animation that loops, or a control turned back to a value seen before, costs nothing to redraw.
No Textual here: the UI layer wraps a scene in a widget.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections import OrderedDict
from typing import Any, ClassVar

from pydantic import BaseModel

from calcquest.errors import CalcquestError
from calcquest.scenes.controls import ControlState
from calcquest.scenes.textfit import MIN_HEIGHT, MIN_WIDTH, fit_block, too_small

__all__ = ["ControlState", "FrameCache", "Scene", "SceneError"]


class SceneError(CalcquestError):
    """A scene cannot be built from its parameters (an unreadable curve, a bad range...)."""

    def __init__(self, message: str, hint: str | None = None, title: str = "Scene problem"):
        super().__init__(title, message, hint)


class FrameCache:
    """A small thread-safe LRU of drawn frames (and of plots' backdrops); the UI renders
    ahead from a worker thread."""

    def __init__(self, size: int = 384) -> None:
        self._size = size
        self._items: OrderedDict[tuple, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> Any:
        """The cached drawing for `key`, marking it recently used; None when absent."""
        with self._lock:
            text = self._items.get(key)
            if text is not None:
                self._items.move_to_end(key)
            return text

    def put(self, key: tuple, text: Any) -> None:
        """Remember a drawing, forgetting the least recently used beyond the size."""
        with self._lock:
            self._items[key] = text
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        """Forget everything (tests use it to measure a cold build)."""
        with self._lock:
            self._items.clear()


#: Every scene's drawings share this cache.
FRAME_CACHE = FrameCache()


class Scene(ABC):
    """Base class of every scene type: subclasses compute in `_prepare` and draw in `_draw`."""

    type_name: ClassVar[str] = ""
    #: The scene type's own pace, when the level does not set `fps`.
    default_fps: ClassVar[int] = 4

    def __init__(self, params: BaseModel, controls: tuple[ControlState, ...] = ()) -> None:
        self.params = params
        self.controls: list[ControlState] = list(controls)
        self._key = (self.type_name, params.model_dump_json(warnings=False))
        self._prepare()

    @property
    @abstractmethod
    def frame_count(self) -> int:
        """How many frames the animation has (1 for a still picture)."""

    @abstractmethod
    def _prepare(self) -> None:
        """Compute the numbers behind every frame (called once, from the constructor)."""

    @abstractmethod
    def _data(self, frame: int) -> dict[str, Any]:
        """The numbers behind one (valid) frame."""

    @abstractmethod
    def _describe(self, frame: int) -> str:
        """One or two sentences with the frame's actual figures."""

    @abstractmethod
    def _draw(self, frame: int, width: int, height: int, color: bool) -> str:
        """The picture of one frame; `render` fits it to exactly width x height."""

    @property
    def fps(self) -> int:
        """Preferred frames per second: the level's `fps`, else the type's own pace (the
        widget never goes above 20)."""
        return getattr(self.params, "fps", None) or self.default_fps

    def clamp(self, frame: int) -> int:
        """The nearest valid frame index, so callers can step past either end safely."""
        return max(0, min(int(frame), self.frame_count - 1))

    @property
    def last_frame(self) -> int:
        """The final frame: what reduced motion shows."""
        return self.frame_count - 1

    def data(self, frame: int) -> dict[str, Any]:
        """The numbers behind a frame, for tests and for the descriptions."""
        return self._data(self.clamp(frame))

    def describe(self, frame: int) -> str:
        """What the frame shows, in words, for screen readers and the plain mode."""
        return self._describe(self.clamp(frame))

    def cache_key(self, frame: int, width: int, height: int, color: bool) -> tuple:
        """The key a drawing of this frame is cached under (includes the control values)."""
        return (*self._key, self.clamp(frame), width, height, bool(color))

    def is_cached(self, frame: int, width: int, height: int, color: bool) -> bool:
        """True when `render` would return at once (the UI renders the rest off its loop)."""
        return FRAME_CACHE.get(self.cache_key(frame, width, height, color)) is not None

    def render(self, frame: int, width: int, height: int, color: bool) -> str:
        """Exactly `height` lines of `width` cells; ANSI colours only when `color` is true."""
        key = self.cache_key(frame, width, height, color)
        text = FRAME_CACHE.get(key)
        if text is None:
            if width < MIN_WIDTH or height < MIN_HEIGHT:
                text = too_small(width, height)
            else:
                text = fit_block(self._draw(key[2], width, height, color), width, height, color)
            FRAME_CACHE.put(key, text)
        return text

    def still_key(self, *varying: str) -> tuple:
        """A key for the picture every frame shares (a plot's backdrop): the scene type and
        its parameters except the `varying` ones, which change only what moves."""
        return (self.type_name, self.params.model_dump_json(exclude=set(varying)))

    def control(self, name: str) -> ControlState:
        """The control turning parameter `name`; SceneError when there is none."""
        for state in self.controls:
            if state.name == name:
                return state
        names = ", ".join(s.name for s in self.controls) or "none"
        raise SceneError(
            f"this {self.type_name} scene has no control '{name}' (its controls: {names})",
            "Add it under the scene's `controls:` in the level file.",
        )

    @property
    def control_params(self) -> tuple[str, ...]:
        """The parameters a control may turn on this scene type (numbers and choices)."""
        from calcquest.scenes.registry import scene_control_params

        return scene_control_params(self.type_name)

    def with_control(self, name: str, value: float | str) -> Scene:
        """The same scene with one control at a new value (a number, or a choice such as
        "tanh"), recomputed at once; SceneError for a value the parameter does not take."""
        from calcquest.scenes.registry import control_value, param_value

        if name not in self.control_params:
            raise SceneError(
                f"'{name}' cannot be a control of a {self.type_name} scene",
                f"Controls it supports: {', '.join(self.control_params) or 'none'}.",
            )
        value = control_value(self.type_name, name, value)
        params = self.params.model_copy(update={name: param_value(name, value)})
        controls = [s.at(value) if s.name == name else s for s in self.controls]
        if all(s.name != name for s in controls):
            controls.append(ControlState.single(name, value))
        return type(self)(params, tuple(controls))
