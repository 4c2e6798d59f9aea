"""Lessons show indented worked examples as written, without asking Pygments to guess.

Guessing a code block's language imports every Pygments lexer (and IPython's plugin lexer):
half a second and ~39 MB the first time a level opens. These tests fail if the lesson widget
ever guesses again.
"""

from __future__ import annotations

import asyncio

import pytest
from textual.app import App, ComposeResult

from calcquest.ui.widgets.lesson import LessonFence, LessonMarkdown

LESSON = "Take f(x) = x². Then\n\n    f'(x) = 2x\n    f'(3) = 6\n\nso the slope at 3 is 6.\n"


class LessonApp(App):
    """Just a lesson."""

    def compose(self) -> ComposeResult:
        yield LessonMarkdown(LESSON)


@pytest.fixture
def no_guessing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any attempt to guess a language fail the test."""
    import pygments.lexers

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the lesson asked Pygments to guess a language")

    monkeypatch.setattr(pygments.lexers, "guess_lexer", refuse)
    monkeypatch.setattr("textual.highlight.guess_language", refuse)


def test_an_indented_example_is_shown_as_written_without_guessing(no_guessing: None) -> None:
    async def shown() -> list[str]:
        app = LessonApp()
        async with app.run_test() as pilot:
            await pilot.pause()
            return [
                str(fence.query_one("#code-content").render()) for fence in app.query(LessonFence)
            ]

    assert asyncio.run(shown()) == ["f'(x) = 2x\nf'(3) = 6"]


def test_a_fence_that_names_its_language_is_still_highlighted(no_guessing: None) -> None:
    code = LessonFence.highlight("def f(x):\n    return x ** 2", "python")
    plain = LessonFence.highlight("def f(x):\n    return x ** 2", "")
    assert code.spans != plain.spans, "python keywords are coloured, plain text is not"
