"""The question panel: asks a run's questions one by one and grades answers off the UI thread.

It shows the prompt (and a choice question's options), the answer box with its live preview,
the hints revealed so far and the feedback. Grading and the preview run in thread workers, so a
slow check shows a spinner and never freezes the screen; the run stores each counted answer
before the verdict comes back. The panel tells its screen what happened with messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
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
TIP = "Enter: check · ?: hint · F1: help"


class QuestionPanel(Vertical):
    """Prompt, answer box, preview, hints and feedback for the current question of a run."""

    DEFAULT_CSS = """
    QuestionPanel { height: 1fr; }
    QuestionPanel #qa { height: 1fr; padding: 0 1; margin-top: 1; }
    QuestionPanel #context { padding: 0 1; }
    QuestionPanel #prompt { text-style: bold; padding: 0 1; max-height: 6; }
    QuestionPanel #options { margin-bottom: 1; }
    QuestionPanel #hints { margin-bottom: 1; color: $text-warning; }
    QuestionPanel FeedbackPanel.right { color: $text-success; }
    QuestionPanel FeedbackPanel.wrong { color: $text-error; }
    QuestionPanel FeedbackPanel.unread { color: $text-warning; }
    QuestionPanel AnswerPreview { height: auto; max-height: 3; padding: 0 1; color: $text-muted; }
    QuestionPanel AnswerPreview.problem { color: $text-warning; }
    """

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
        yield Static(id="context")
        yield Static(id="prompt")
        with VerticalScroll(id="qa"):
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
        widget = self.query_one("#options", Static)
        lines = [Text.assemble((key, "bold"), f"  {text}") for key, text in options.items()]
        widget.update(Text("\n").join(lines))
        widget.display = bool(lines)

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
            return
        self._show_hints()
        self.query_one(FeedbackPanel).clear()
        self._announce()
        self.query_one("#hints").scroll_visible()

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
        self.app.call_from_thread(self._show_verdict, verdict)

    def _show_verdict(self, verdict: Verdict | str) -> None:
        self._grading = False
        if self._spinner is not None:
            self._spinner.stop()
        if not self.is_mounted:  # the player left while it was being checked (it is saved)
            return
        feedback = self.query_one(FeedbackPanel)
        if isinstance(verdict, str):
            feedback.show_note(verdict)
            self.query_one(AnswerPreview).show_status(TIP)
            return
        last = self.run.position == len(self.run.slots) - 1
        feedback.show_verdict(verdict, self.run.question.why, last)
        self.query_one(AnswerPreview).show_status(TIP)
        if verdict.correct:
            self._waiting_for_next = True
            answer = self.query_one(AnswerBox)
            answer.value = ""
            answer.placeholder = "Enter to finish" if last else "Enter for the next question"
            self.query_one(AnswerPreview).show_status("")
        self._announce()
        feedback.scroll_visible()

    def _next(self) -> None:
        if self.run.advance():
            self.query_one(AnswerBox).value = ""
            self._show_question()
            self.query_one("#qa").scroll_home(animate=False)
        else:
            self.post_message(RunFinished())
