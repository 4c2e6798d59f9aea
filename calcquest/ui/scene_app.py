"""A tiny app that shows one scene alone, for authors (`calcquest scene LEVEL.yaml`) and for
the scene snapshot tests: a caption, the animated SceneView, and the key legend (one line,
two when the controls' names make it longer than the window, so "q quit" is never cut off).

Built by `make_scene_app` from a ready Scene (or a factory run in a thread), so the command
and the tests go through the same door.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from calcquest.scenes import Scene
from calcquest.ui.widgets.scene_view import SceneView


def key_legend(scene: Scene | None) -> str:
    """The keys this scene answers to, in one line."""
    keys = ["space pause", "←/→ step", "r replay"]
    names = [c.label for c in scene.controls] if scene is not None else []
    for name, pair in zip(names, ("[ ]", "{ }"), strict=False):
        keys.append(f"{pair} {name}")
    keys += ["d describe", "q quit"]
    return " · ".join(keys)


class SceneApp(App[None]):
    """One scene, full screen."""

    CSS = """
    #caption { height: 1; text-style: bold; padding: 0 1; }
    SceneView { padding: 0 1; }
    #legend { height: auto; color: $text-muted; padding: 0 1; }
    """
    BINDINGS = [Binding("q", "quit", "Quit")]

    def __init__(
        self,
        scene: Scene | Callable[[], Scene],
        caption: str,
        *,
        reduced_motion: bool = False,
        color: bool | None = None,
        show_description: bool = False,
    ) -> None:
        super().__init__()
        self._scene = scene
        self.caption = caption
        self.reduced_motion = reduced_motion
        self.color = color
        self.show_description = show_description

    def compose(self) -> ComposeResult:
        ready = self._scene if isinstance(self._scene, Scene) else None
        yield Static(self.caption, id="caption", markup=False)
        yield SceneView(
            ready,
            reduced_motion=self.reduced_motion,
            color=self.color,
            show_description=self.show_description,
        )
        yield Static(key_legend(ready), id="legend", markup=False)

    def on_mount(self) -> None:
        """Focus the scene; build it in a thread if only a factory was given."""
        view = self.query_one(SceneView)
        view.focus()
        if not isinstance(self._scene, Scene):
            view.load(self._scene)

    def on_scene_view_scene_shown(self, message: SceneView.SceneShown) -> None:
        """Name the scene's controls in the legend (a scene built in a thread brings them)."""
        self.query_one("#legend", Static).update(key_legend(message.scene))


def make_scene_app(
    scene: Scene | Callable[[], Scene],
    caption: str,
    *,
    reduced_motion: bool = False,
    color: bool | None = None,
    show_description: bool = False,
) -> SceneApp:
    """The one-scene app, as the CLI and the snapshot tests build it."""
    return SceneApp(
        scene,
        caption,
        reduced_motion=reduced_motion,
        color=color,
        show_description=show_description,
    )
