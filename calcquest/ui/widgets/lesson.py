"""The lesson text: Textual's Markdown, with code blocks shown as plain text unless tagged.

Lessons indent worked examples (`    f(x) = x²`), which Markdown reads as code blocks with no
language. Textual's Markdown then asks Pygments to *guess* the language, and `guess_lexer`
imports every lexer Pygments knows, including plugins such as IPython's (which drags in
IPython, jedi and prompt_toolkit): about half a second and 39 MB the first time a level opens,
to colour `f(x) = x²` as T-SQL or Commodore BASIC. A fence that names its language
(```` ```python ````) is still highlighted as that language.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Markdown
from textual.widgets.markdown import MarkdownFence

#: What a code block without a language is highlighted as: no guessing, no colours.
PLAIN = "text"


class LessonFence(MarkdownFence):
    """A code block that is plain text unless its fence names a language."""

    @classmethod
    def highlight(cls, code: str, language: str, ansi: bool = False, dark: bool = False) -> Content:
        """Highlight as the fence's language, or as plain text instead of guessing one."""
        return super().highlight(code, language or PLAIN, ansi=ansi, dark=dark)


class LessonMarkdown(Markdown):
    """Markdown for lessons: worked examples in indented blocks are shown as written."""

    BLOCKS = {**Markdown.BLOCKS, "fence": LessonFence, "code_block": LessonFence}
