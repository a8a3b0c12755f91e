"""Samen invullen: the laptop turned around, a calm full screen for the young person's own eyes.

The screen draws a SamenSession and forwards keys and clicks to it. It is
handed only what the young person may see: the questions, their own answers
and typed lines, their first name and the coach's latest scores per domain
(shown on the last page only when the coach presses c). The app's own keys
(palette, help, quit, lock) are off while it is open (LockingApp.check_action,
FOR_YOUTH), and leaving asks the coach's passphrase.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static, TextArea

from coach.content.model import Content
from coach.conversation.samen_session import PICTURE, START, SamenSession
from coach.domain.model import Case, latest_scores
from coach.domain.safety import SafetySource
from coach.store.db import StoreError
from coach.store.self_assessment import SelfAssessmentSitting
from coach.tui.autosave import Autosaver
from coach.tui.context import CoachScreen
from coach.tui.dialogs.samen_leave import SamenLeave
from coach.tui.screens.safety import raise_pending
from coach.tui.store_errors import report_store_error
from coach.tui.widgets.body import Body
from coach.tui.widgets.own_words import OwnWords
from coach.tui.widgets.refresh import update_if_changed
from coach.tui.widgets.samen_picture import SamenPicture

CHOSEN = "✓ jouw antwoord"
SKIP = "Sla over"
TALK = "Hier wil ik over praten"
KEYS_DOMAIN = "1–5 kiezen · s sla over · p praten · ← → bladeren · Esc: terug naar je coach"
KEYS_WARM = "Typ wat je wilt · Enter: verder · Esc: terug naar je coach"
KEYS_PICTURE = "c: scores van je coach erbij · ← terug · Esc: terug naar je coach"


def mark(on: bool) -> str:
    """A chosen toggle reads "✓ " in front, also without colour."""
    return "✓ " if on else ""


class SamenScreen(CoachScreen[bool]):
    """One page at a time: welcome, the warm story, the 13 domains, their picture. Dismisses True when left."""

    CSS_PATH = "samen.tcss"
    # Read by LockingApp.check_action: while this screen is open the app's own keys do nothing.
    FOR_YOUTH = True
    # Below 32 rows (80×24) the answers are one line high, so a whole page fits without scrolling.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    BINDINGS = [
        Binding(
            "escape", "leave", "Terug naar je coach", id="samen.leave", show=False, tooltip="Vraagt het wachtwoord"
        ),
        *(
            Binding(str(n), f"choose({n})", show=False, id=f"samen.choose_{n}", tooltip=f"Kies antwoord {n}")
            for n in range(1, 6)
        ),
        Binding("s", "skip", SKIP, show=False, id="samen.skip", tooltip="Deze vraag overslaan"),
        Binding("p", "talk", TALK, show=False, id="samen.talk", tooltip="Hier wil je het met je coach over hebben"),
        Binding("right", "step(1)", "Verder", show=False, id="samen.next", tooltip="Naar de volgende vraag"),
        Binding("left", "step(-1)", "Terug", show=False, id="samen.previous", tooltip="Naar de vorige vraag"),
        Binding("down", "app.focus_next", show=False, id="samen.down", tooltip="Naar het volgende antwoord"),
        Binding("up", "app.focus_previous", show=False, id="samen.up", tooltip="Naar het vorige antwoord"),
        Binding(
            "c",
            "coach_scores",
            "Scores van je coach",
            show=False,
            id="samen.coach_scores",
            tooltip="Op het plaatje: de scores van je coach ernaast, of weer weg",
        ),
    ]

    def __init__(self, session: SamenSession, name: str) -> None:
        super().__init__()
        self.session = session
        self.first_name = name
        self.autosaver = Autosaver(self, self._save)
        session.on_change = self.autosaver.touch
        self._drawn = ""  # the kind of page composed (see _kind)

    # --- drawing ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        session = self.session
        self._drawn = self._kind()
        with Vertical(id="samen-page"):
            yield Static(self._top(), id="samen-top")
            if session.page == START:
                yield from self._start()
            elif session.warm_kind is not None:
                yield from self._warm(session.warm_kind)
            elif session.domain is not None:
                yield from self._domain(session.domain)
            else:
                yield from self._picture()
            yield Static(self._keys(), id="samen-keys")

    def _start(self) -> ComposeResult:
        words = self.session.content
        with Body(id="samen-body"):
            yield Static(f"Hoi {self.first_name}!", classes="samen-question")
            yield Static(words.welcome, classes="samen-hint")
            yield Static(words.how, classes="samen-hint")
        with Horizontal(classes="samen-nav"):
            yield Button("Beginnen →", id="samen-next", variant="primary")

    def _warm(self, kind: str) -> ComposeResult:
        question = next(item for item in self.session.content.warm if item.key == kind)
        with Body(id="samen-body"):
            yield Static(question.question, classes="samen-question")
            yield Static(question.hint, classes="samen-hint")
            yield OwnWords(self.session.text(kind), id="samen-words", soft_wrap=True, show_line_numbers=False)
        yield from self._nav()

    def _domain(self, domain: str) -> ComposeResult:
        question = self.session.content.questions[domain]
        answers, extras = self._domain_buttons(domain)
        with Body(id="samen-body"):
            yield Static(question.question, classes="samen-question")
            yield Static(question.hint, classes="samen-hint")
            with Vertical(id="samen-answers"):
                for button_id, (label, chosen) in answers.items():
                    yield Button(label, id=button_id, classes="samen-answer").set_class(chosen, "-chosen")
            with Horizontal(id="samen-extra"):
                for button_id, (label, chosen) in extras.items():
                    yield Button(label, id=button_id, classes="samen-extra").set_class(chosen, "-chosen")
        yield from self._nav()

    def _domain_buttons(self, domain: str) -> tuple[dict[str, tuple[str, bool]], dict[str, tuple[str, bool]]]:
        """A domain page's answer buttons and its two extra ones, by id: label, and whether it is their choice."""
        session = self.session
        answer = session.answer(domain)
        answers: dict[str, tuple[str, bool]] = {}
        for score, words in enumerate(session.content.answers, start=1):
            chosen = answer is not None and answer.score == score
            answers[f"answer-{score}"] = (f"{score}  {words}" + (f"   {CHOSEN}" if chosen else ""), chosen)
        skipped = answer is not None and answer.skipped
        talk = answer is not None and answer.talk
        # The mark goes first, so a narrow button can never cut it off.
        extras = {"samen-skip": (f"{mark(skipped)}s  {SKIP}", skipped), "samen-talk": (f"{mark(talk)}p  {TALK}", talk)}
        return answers, extras

    def _fill_domain(self, domain: str) -> None:
        """Show another domain, or another answer, on the domain page already drawn.

        Only texts and marks change between domain pages: drawn anew, every answer
        chosen and every step to the next domain built some thirty widgets again.
        """
        question = self.session.content.questions[domain]
        update_if_changed(self.query_one("#samen-top", Static), self._top())
        body = self.query_one("#samen-body", Body)
        if update_if_changed(body.query_one(".samen-question", Static), question.question):
            body.scroll_home(animate=False)  # another question: from its top, as a new page would be
        update_if_changed(body.query_one(".samen-hint", Static), question.hint)
        answers, extras = self._domain_buttons(domain)
        for button_id, (label, chosen) in (answers | extras).items():
            button = self.query_one(f"#{button_id}", Button)
            if str(button.label) != label:
                button.label = label
            button.set_class(chosen, "-chosen")

    def _picture(self) -> ComposeResult:
        session = self.session
        yield Static(session.content.closing, classes="samen-hint", id="samen-closing")
        yield SamenPicture(session.picture(), session.content, session.show_coach, id="samen-picture")
        with Horizontal(classes="samen-nav"):
            yield Button("← Terug", id="samen-previous")
            shown = "Scores van je coach weg (c)" if session.show_coach else "Scores van je coach erbij (c)"
            yield Button(shown, id="samen-coach")

    def _nav(self) -> ComposeResult:
        with Horizontal(classes="samen-nav"):
            yield Button("← Terug", id="samen-previous")
            yield Button("Verder →", id="samen-next", variant="primary")

    def _top(self) -> str:
        return f"{self.session.content.title}   {self.session.progress()}".rstrip()

    def _kind(self) -> str:
        """Which kind of page the session is on: each kind has its own widgets."""
        session = self.session
        if session.page == START:
            return "start"
        if session.warm_kind is not None:
            return "warm"
        return "domain" if session.domain is not None else "picture"

    def _keys(self) -> str:
        session = self.session
        if session.page == PICTURE:
            return KEYS_PICTURE.replace("erbij", "weg") if session.show_coach else KEYS_PICTURE
        if session.warm_kind is not None:
            return KEYS_WARM
        if session.domain is not None:
            return KEYS_DOMAIN
        return "Enter of → : beginnen · Esc: terug naar je coach"

    def on_mount(self) -> None:
        self.app.clear_notifications()  # nothing from the coach's work shows on their screen
        self._focus_page()

    def _focus_page(self) -> None:
        session = self.session
        if session.warm_kind is not None:
            self.query_one("#samen-words", TextArea).focus()
        elif session.domain is not None:
            answer = session.answer(session.domain)
            score = answer.score if answer is not None and answer.score is not None else 1
            self.query_one(f"#answer-{score}", Button).focus()
        elif self.query("#samen-next"):
            self.query_one("#samen-next", Button).focus()
        else:
            self.query_one("#samen-coach", Button).focus()

    async def _redraw(self) -> None:
        domain = self.session.domain
        if self._drawn == "domain" == self._kind() and domain is not None:
            self._fill_domain(domain)
        else:
            await self.recompose()
        self._focus_page()

    # --- keys and clicks -----------------------------------------------------------------

    async def action_step(self, step: int) -> None:
        """To the next (or previous) page; what waits is saved first."""
        self.autosaver.flush()
        if self.session.go(step):
            await self._redraw()

    async def action_choose(self, score: int) -> None:
        """Their answer on this domain page."""
        if self.session.choose(score):
            await self._redraw()

    async def action_skip(self) -> None:
        """Sla over (again: undo)."""
        if self.session.skip():
            await self._redraw()

    async def action_talk(self) -> None:
        """Hier wil ik over praten, on or off."""
        if self.session.toggle_talk():
            await self._redraw()

    async def action_coach_scores(self) -> None:
        """On the last page: show or hide the coach's scores beside theirs."""
        if self.session.page == PICTURE:
            self.session.toggle_coach()
            await self._redraw()

    def action_leave(self) -> None:
        """Ask the coach's passphrase; only then back to the rest of the app."""
        self.autosaver.flush()
        self.app.push_screen(SamenLeave(self.context.passphrase_check), self._left)

    def _left(self, leave: bool | None) -> None:
        if leave:
            self.dismiss(True)
        else:
            self._focus_page()

    @on(Button.Pressed)
    async def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button = event.button.id or ""
        if button.startswith("answer-"):
            await self.action_choose(int(button.removeprefix("answer-")))
        elif button == "samen-next":
            await self.action_step(1)
        elif button == "samen-previous":
            await self.action_step(-1)
        elif button == "samen-skip":
            await self.action_skip()
        elif button == "samen-talk":
            await self.action_talk()
        elif button == "samen-coach":
            await self.action_coach_scores()

    @on(TextArea.Changed, "#samen-words")
    def _typed(self, event: TextArea.Changed) -> None:
        kind = self.session.warm_kind
        if kind is not None:
            self.session.type_text(kind, event.text_area.text)

    # --- saving ----------------------------------------------------------------------------

    def save_now(self) -> None:
        """Save what waits (the app calls this before it locks)."""
        self.autosaver.flush()

    def on_screen_suspend(self) -> None:
        self.autosaver.flush()

    def on_unmount(self) -> None:
        self.autosaver.flush()

    def _save(self) -> None:
        try:
            saved = self.session.save()
        except StoreError as error:
            report_store_error(self, error, kept="Wat je koos blijft staan; coach probeert het zo opnieuw.")
            self.autosaver.touch()
            return
        if saved is not None and saved.rejected:
            self.notify(saved.rejected, severity="warning")


def open_samen(
    screen: CoachScreen[Any],
    case: Case,
    content: Content,
    today: date,
    done: Callable[[bool | None], None] | None = None,
) -> None:
    """Turn the laptop around: samen invullen for this young person, from the coach's screen `screen`.

    A safety signal in what they typed is never shown to them; once the coach is back on
    `screen`, the usual prompt asks about it (source "samen").
    """
    youth = case.youth
    assert youth.id is not None
    youth_id = youth.id
    try:
        records = SelfAssessmentSitting(screen.context.database, youth_id, today)
    except StoreError as error:
        report_store_error(screen, error, kept="Samen invullen is niet geopend; probeer het zo nog eens.")
        return
    labels = {domain.key: domain.short for domain in content.domains}
    session = SamenSession(
        content.samen, labels, records, today, latest_scores(case.assessments), safety=content.safety
    )

    def left(result: bool | None) -> None:
        if done is not None:
            done(result)
        watch = session.heard()
        if watch is not None:
            screen.call_after_refresh(raise_pending, screen, youth_id, youth.display_name, SafetySource.SAMEN, watch)

    screen.app.push_screen(SamenScreen(session, youth.nickname or youth.first_name), left)
