"""The young person's own answers (samen invullen) in the database, and the warm-story lines they typed themselves."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from coach.domain.domains import DOMAIN_KEYS
from coach.domain.self_assessment import OWN_WARM_KINDS, SelfAssessment
from coach.store.revisions import EditSession, start_session, update_text
from coach.store.rows import new_id

if TYPE_CHECKING:
    from sqlite_utils import Database

    from coach.store.db import Connection


class SelfAssessmentError(ValueError):
    """An answer the store cannot keep (unknown domain, a score outside 1–5)."""


def self_assessments_of(db: Database | Connection, youth_id: int) -> list[SelfAssessment]:
    """Every answer the young person gave themselves, oldest first."""
    rows = db.execute(
        "SELECT id, date, domain, score, skipped, talk FROM self_assessments WHERE youth_id = ? ORDER BY date, id",
        [youth_id],
    ).fetchall()
    return [
        SelfAssessment(date.fromisoformat(on), domain, row_id, score, bool(skipped), bool(talk))
        for row_id, on, domain, score, skipped, talk in rows
    ]


def typed_by_youth(db: Database | Connection, youth_id: int) -> set[int]:
    """Ids of the warm-story items the young person typed themselves."""
    rows = db.execute("SELECT id FROM warm_story WHERE youth_id = ? AND by_youth = 1", [youth_id]).fetchall()
    return {row[0] for row in rows}


def _check(answer: SelfAssessment) -> None:
    if answer.domain not in DOMAIN_KEYS:
        raise SelfAssessmentError(f"onbekend leefgebied: {answer.domain}")
    if answer.score is not None and not 1 <= answer.score <= 5:
        raise SelfAssessmentError("een antwoord is een score van 1 tot en met 5")
    if answer.skipped and answer.score is not None:
        raise SelfAssessmentError("een overgeslagen leefgebied heeft geen score")


class SelfAssessmentSitting:
    """One sitting of samen invullen for one young person on one date: what to continue, and where answers go.

    A sitting on a date that already has answers (the laptop closed, the app
    restarted) continues them: the same rows are updated, not doubled.
    """

    def __init__(self, db: Database, youth_id: int, today: date) -> None:
        self.db = db
        self.youth_id = youth_id
        self.today = today
        self.answers: dict[str, SelfAssessment] = {
            item.domain: item for item in self_assessments_of(db, youth_id) if item.date == today
        }
        self.warm_ids: dict[str, int] = {}
        self.texts: dict[str, str] = {}
        rows = db.execute(
            "SELECT kind, max(id) FROM warm_story WHERE youth_id = ? AND by_youth = 1 AND recorded_on = ? GROUP BY kind",
            [youth_id, today.isoformat()],
        ).fetchall()
        for kind, row_id in rows:
            if kind in OWN_WARM_KINDS:
                self.warm_ids[kind] = row_id
                self.texts[kind] = db.execute("SELECT text FROM warm_story WHERE id = ?", [row_id]).fetchone()[0]
        self.session: EditSession = start_session(db)

    def save(self, answers: Mapping[str, SelfAssessment], texts: Mapping[str, str]) -> None:
        """Store the answers and typed lines in one transaction; SelfAssessmentError stores nothing."""
        for answer in answers.values():
            _check(answer)
        for kind in texts:
            if kind not in OWN_WARM_KINDS:
                raise SelfAssessmentError(f"onbekend onderdeel van het warme verhaal: {kind}")
        before = dict(self.warm_ids)
        try:
            with self.db.atomic():
                for answer in answers.values():
                    self._save_answer(answer)
                for kind, text in texts.items():
                    self._save_text(kind, text)
        except BaseException:
            self.warm_ids = before  # rolled back: a line made in there is made again next time
            raise

    def _save_answer(self, answer: SelfAssessment) -> None:
        values = [answer.score, int(answer.skipped), int(answer.talk)]
        found = self.db.execute(
            "SELECT id FROM self_assessments WHERE youth_id = ? AND date = ? AND domain = ?",
            [self.youth_id, self.today.isoformat(), answer.domain],
        ).fetchone()
        if found is not None:
            self.db.execute(
                "UPDATE self_assessments SET score = ?, skipped = ?, talk = ? WHERE id = ?", [*values, found[0]]
            )
            answer.id = found[0]
            return
        cursor = self.db.execute(
            "INSERT INTO self_assessments (youth_id, date, domain, score, skipped, talk) VALUES (?, ?, ?, ?, ?, ?)",
            [self.youth_id, self.today.isoformat(), answer.domain, *values],
        )
        answer.id = new_id(cursor)

    def _save_text(self, kind: str, typed: str) -> None:
        text = typed.strip()
        row_id = self.warm_ids.get(kind)
        if not text:
            # An emptied line is no part of their story (a warm-story text is never empty).
            if row_id is not None:
                self.db.execute("DELETE FROM warm_story WHERE id = ?", [row_id])
                del self.warm_ids[kind]
            return
        if row_id is None:
            cursor = self.db.execute(
                "INSERT INTO warm_story (youth_id, kind, text, own_words, recorded_on, by_youth) VALUES (?, ?, ?, 1, ?, 1)",
                [self.youth_id, kind, text, self.today.isoformat()],
            )
            self.warm_ids[kind] = new_id(cursor)
            return
        update_text(self.db, self.session, "warm_story", row_id, "text", text)
