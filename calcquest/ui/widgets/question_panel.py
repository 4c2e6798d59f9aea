"""The question panel: asks a run's questions one by one and grades answers off the UI thread.

It shows the prompt (and a choice question's options), the hints revealed so far and the
feedback in one scrolling area, with the answer box and its live preview pinned below it. On a
24-row terminal a long prompt, four options and a hint do not all fit, so nothing is clipped:
the area scrolls to whatever has just changed, and ↑/↓ scroll it without leaving the box.
Grading and the preview run in thread workers, so a slow check shows a spinner and never
freezes the screen; the run stores each counted answer before the verdict comes back. The panel
tells its screen what happened with messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Input, Static

from calcquest.errors import CalcquestError
from calcquest.progress.session import HINT_WORDS, Run
from calcquest.ui.messages import HintRequested, QuestionChanged, RunFinished
from calcquest.ui.widgets.answer_box import AnswerBox, AnswerPreview, preview_names
from calcquest.ui.widgets.feedback import FeedbackPanel

if TYPE_CHECKING:
    from calcquest.grading import Verdict

SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
TIP = "Enter: check · ?: hint · ↑↓: scroll"


class QuestionPanel(Vertical):
    """Prompt, answer box, preview, hints and feedback for the current question of a run."""

    DEFAULT_CSS = """
    QuestionPanel { height: 1fr; }
    QuestionPanel #qa { height: 1fr; padding: 0 1; scrollbar-size-vertical: 1; }
    QuestionPanel #prompt { text-style: bold; margin-bottom: 1; }
    QuestionPanel #options { margin-bottom: 1; }
    QuestionPanel #hints { margin-bottom: 1; color: $text-warning; }
    QuestionPanel FeedbackPanel.right { color: $text-success; }
    QuestionPanel FeedbackPanel.wrong { color: $text-error; }
    QuestionPanel FeedbackPanel.unread { color: $text-warning; }
    QuestionPanel AnswerPreview { height: auto; max-height: 3; padding: 0 1; color: $text-muted; }
    QuestionPanel AnswerPreview.problem { color: $text-warning; }
    """

    BINDINGS = [
        Binding("up", "scroll_question(-1)", "Scroll up", show=False),
        Binding("down", "scroll_question(1)", "Scroll down", show=False),
    ]

    def __init__(self, run: Run, *, show_level: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.run = run
        self.show_level = show_level
        self._names: dict[str, Any] = {}
        self._waiting_for_next = False
        self._grading = False
        self._spinner: Timer | None = None
        self._spin = 0

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="qa", can_focus=False):
            yield Static(id="context")
            yield Static(id="prompt")
            yield Static(id="options")
            yield Static(id="hints")
            yield FeedbackPanel(id="feedback")
        yield AnswerBox(placeholder="type your answer, Enter", id="answer")
        yield AnswerPreview(id="preview")

    def on_mount(self) -> None:
        self._show_question()

    @property
    def busy(self) -> bool:
        """True while an answer is being checked (tests wait on it)."""
        return self._grading

    def focus_answer(self) -> None:
        """Put the cursor in the answer box."""
        self.query_one(AnswerBox).focus()

    def action_scroll_question(self, lines: int) -> None:
        """Scroll the prompt, options, hints and feedback, keeping the cursor in the box."""
        qa = self.query_one("#qa", VerticalScroll)
        qa.scroll_to(y=qa.scroll_y + lines, animate=False, immediate=True)

    def _show_question(self) -> None:
        question = self.run.question
        self._names = preview_names(question.spec)
        self._waiting_for_next = False
        level = self.run.slot.level
        context = self.query_one("#context", Static)
        context.update(Text(f"from {level.title}", "dim") if self.show_level else "")
        context.display = self.show_level
        self.query_one("#prompt", Static).update(Text(question.prompt))
        self._show_options(question.spec.options if question.spec.kind == "choice" else {})
        self._show_hints()
        self.query_one(FeedbackPanel).clear()
        # The box is not cleared here: a fast typist may already be typing the first answer.
        self.query_one(AnswerBox).placeholder = "type your answer, Enter"
        self.query_one(AnswerPreview).show_status(TIP)
        self._announce()

    def _show_options(self, options: dict[str, str]) -> None:
        """A choice question's options, each wrapped under its own text, not under its key."""
        from rich.table import Table

        grid = Table.grid(padding=(0, 2, 0, 0))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()
        for key, text in options.items():
            grid.add_row(Text(key), Text(text))
        widget = self.query_one("#options", Static)
        widget.update(grid)
        widget.display = bool(options)

    def _show_hints(self) -> None:
        shown = self.run.hints_shown()
        total = len(self.run.question.hints)
        lines = [Text.assemble((f"Hint {n}/{total}: ", "bold"), h) for n, h in enumerate(shown, 1)]
        widget = self.query_one("#hints", Static)
        widget.update(Text("\n").join(lines))
        widget.display = bool(lines)

    def _announce(self) -> None:
        run = self.run
        self.post_message(QuestionChanged(run.position, len(run.slots), run.stars_so_far()))

    # -- typing ---------------------------------------------------------------------------

    @on(Input.Changed, "#answer")
    def _typed(self, event: Input.Changed) -> None:
        text = event.value.strip()
        if self._grading or self._waiting_for_next:
            return
        if not text:
            self.query_one(AnswerPreview).show_status(TIP)
        elif text.lower() in HINT_WORDS:
            self.query_one(AnswerPreview).show_status("Enter shows a hint (costs a star)")
        else:
            self._preview(text, self._names)

    @work(thread=True, exclusive=True, group="preview")
    def _preview(self, text: str, names: dict[str, Any]) -> None:
        from calcquest.grading import interpret

        reading = interpret(text, **names)
        self.app.call_from_thread(self._show_preview, text, reading)

    def _show_preview(self, text: str, reading: Any) -> None:
        if not self.is_mounted or self._grading or self.query_one(AnswerBox).value.strip() != text:
            return
        preview = self.query_one(AnswerPreview)
        if reading.ok:
            preview.show_reading(reading.text or text, reading.pretty)
        else:
            preview.show_problem(reading.error or "cannot read this yet")

    # -- answering ------------------------------------------------------------------------

    @on(Input.Submitted, "#answer")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if self._grading:
            return
        if self._waiting_for_next:
            self._next()
        elif text.lower() in HINT_WORDS:
            self.query_one(AnswerBox).value = ""
            self.reveal_hint()
        elif text:
            self._start_grading(text)

    def on_hint_requested(self, message: HintRequested) -> None:
        message.stop()
        if not self._waiting_for_next and not self._grading:
            self.reveal_hint()

    def reveal_hint(self) -> None:
        """Show the next hint (it costs a star), or say there are no more."""
        if self.run.next_hint() is None:
            self.query_one(FeedbackPanel).show_note("No more hints for this question.")
            self._reveal("#feedback")
            return
        self._show_hints()
        self.query_one(FeedbackPanel).clear()
        self._announce()
        self._reveal("#hints")

    def _start_grading(self, text: str) -> None:
        self._grading = True
        self._spin = 0
        self.query_one(AnswerPreview).show_status("checking…")
        self._spinner = self.set_interval(0.1, self._tick_spinner)
        self._grade(text)

    def _tick_spinner(self) -> None:
        self._spin += 1
        frame = SPINNER[self._spin % len(SPINNER)]
        slow = " (the first check takes a moment)" if self._spin > 15 else ""
        self.query_one(AnswerPreview).show_status(f"{frame} checking…{slow}")

    @work(thread=True, exclusive=True, group="grade", exit_on_error=False)
    def _grade(self, text: str) -> None:
        try:
            verdict: Verdict | str = self.run.submit(text)
        except CalcquestError as exc:
            verdict = str(exc)
        except Exception as exc:  # a grading bug must not leave the box stuck on "checking"
            self.log.error(f"grading failed: {exc!r}")
            verdict = (
                f"Something went wrong checking that answer ({type(exc).__name__}); try again."
            )
        self.app.call_from_thread(self._show_verdict, verdict, text)

    def _show_verdict(self, verdict: Verdict | str, typed: str) -> None:
        self._grading = False
        if self._spinner is not None:
            self._spinner.stop()
        if not self.is_mounted:  # the player left while it was being checked (it is saved)
            return
        feedback = self.query_one(FeedbackPanel)
        if isinstance(verdict, str):
            feedback.show_note(verdict)
            self.query_one(AnswerBox).replace_on_typing()
            self.query_one(AnswerPreview).show_status(TIP)
            self._reveal("#feedback")
            return
        last = self.run.position == len(self.run.slots) - 1
        feedback.show_verdict(verdict, self.run.question.why, typed)
        self.query_one(AnswerPreview).show_status(TIP)
        answer = self.query_one(AnswerBox)
        if verdict.correct:
            self._waiting_for_next = True
            answer.value = ""
            answer.placeholder = "Enter to finish" if last else "Enter for the next question"
            self.query_one(AnswerPreview).show_status("")
        else:  # typing replaces the answer; an arrow key keeps it to edit
            answer.replace_on_typing()
        self._announce()
        self._reveal("#feedback")

    def _reveal(self, selector: str) -> None:
        """Scroll the question area so the widget just updated is in view.

        Only after the next refresh: until then the new text has no size, and scrolling to it
        would leave everything below its first line off-screen (a 24-row terminal shows just
        a few lines of the question area under a choice question's options or a hint)."""
        widget = self.query_one(selector)
        self.call_after_refresh(widget.scroll_visible, animate=False)

    def _next(self) -> None:
        if self.run.advance():
            self.query_one(AnswerBox).value = ""
            self._show_question()
            self.query_one("#qa").scroll_home(animate=False)
        else:
            self.post_message(RunFinished())
