"""A one-line bar of the keys a screen offers, drawn like Textual's footer, clickable too.

The map is the game's first frame. Textual's `Footer` builds a widget per key and lays itself
out again as focus settles: several ms of start-up for a line that never changes on the map.
This bar is one widget drawing one line from its screen's bindings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, NamedTuple

from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget

if TYPE_CHECKING:
    from textual import events


class KeySpan(NamedTuple):
    """Where a key's label was drawn, and what clicking it does."""

    start: int
    end: int
    action: str


class KeyBar(Widget):
    """The shown bindings of its screen, then the command palette's key at the right."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--hover",
        "key-bar--rule",
    }

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-bar--hover {
            background: $block-hover-background;
        }
        & > .key-bar--rule {
            color: $footer-foreground 30%;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[KeySpan] = []
        self._hover: int | None = None

    def render(self) -> Content:
        keys = [(self._key(b), b.description, self._action(b.action)) for b in self._shown()]
        left = [(self._label(i, key, text), action) for i, (key, text, action) in enumerate(keys)]
        palette = self._label(len(keys), "^p", "palette", compact=True)
        rule = Content.styled("▏", self.get_visual_style("key-bar--rule"))
        used = sum(label.cell_length for label, _ in left) + rule.cell_length + palette.cell_length
        gap = Content(" " * max(1, self.size.width - used))
        pieces = [*left, (gap, None), (rule, None), (palette, "app.command_palette")]
        self._spans, x = [], 0
        for piece, action in pieces:
            if action is not None:
                self._spans.append(KeySpan(x, x + piece.cell_length, action))
            x += piece.cell_length
        return Content.assemble(*(piece for piece, _ in pieces))

    def _shown(self) -> list[Binding]:
        return [b for b in self.screen.BINDINGS if isinstance(b, Binding) and b.show]

    def _label(self, index: int, key: str, description: str, compact: bool = False) -> Content:
        extra = ("key-bar--hover",) if index == self._hover else ()
        key_text = f"{key} " if compact else f" {key} "
        return Content.assemble(
            Content.styled(key_text, self.get_visual_style("key-bar--key", *extra)),
            Content.styled(
                f"{description} ", self.get_visual_style("key-bar--description", *extra)
            ),
        )

    def _key(self, binding: Binding) -> str:
        """How the footer would show the binding's first key (`f1`, `^p`)."""
        first = binding.key.split(",")[0].strip()
        return self.app.get_key_display(Binding(first, binding.action, binding.description))

    @staticmethod
    def _action(action: str) -> str:
        """The action as a click on the bar must name it: on the screen unless scoped."""
        return action if "." in action else f"screen.{action}"

    def _span_at(self, x: int) -> int | None:
        return next((i for i, span in enumerate(self._spans) if span.start <= x < span.end), None)

    async def on_click(self, event: events.Click) -> None:
        index = self._span_at(event.x)
        if index is not None:
            await self.run_action(self._spans[index].action)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._span_at(event.x)
        if index != self._hover:
            self._hover = index
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()
