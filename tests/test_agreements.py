"""Agreements: marking done or dropped (store and screen), and the young person's own share over time."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from helpers import make_case

from coach.domain.agreements import OwnShare, own_share, own_share_by_month, own_share_trend
from coach.domain.model import Agreement
from coach.store.agreements import (
    AgreementError,
    add_agreement,
    agreements_of,
    closed_on,
    set_agreement_status,
    youth_share,
)
from coach.store.cases import insert_cases
from coach.store.db import open_db
from coach.tui.app import make_app
from coach.tui.dialogs.confirm import Confirm
from coach.tui.screens.youth import YouthScreen
from coach.tui.widgets.agreement_list import AgreementItem, AgreementList
from coach.tui.widgets.agreement_share import AgreementShare

TODAY = date(2026, 3, 14)


def made(day: date, owner: str, status: str = "open", due: date | None = None) -> Agreement:
    return Agreement(day, f"{owner} {status}", owner, status, due=due)


# --- the own share, pure ------------------------------------------------------------------------


def test_own_share_counts_owned_and_kept():
    agreements = [
        made(date(2026, 1, 5), "jongere", "gedaan"),
        made(date(2026, 1, 5), "jongere", "vervallen"),
        made(date(2026, 1, 5), "coach", "gedaan"),
        made(date(2026, 2, 2), "jongere", "open", due=date(2026, 3, 1)),  # overdue: not kept
        made(date(2026, 3, 10), "jongere", "open", due=date(2026, 3, 20)),  # not yet due: undecided
        made(date(2026, 3, 10), "netwerk", "open"),
    ]
    total = own_share(agreements, TODAY)
    assert total == OwnShare(made=6, own=4, own_done=1, own_dropped=1, own_overdue=1)
    assert total.own_share == pytest.approx(4 / 6)
    assert total.decided == 3 and total.kept_share == pytest.approx(1 / 3)


def test_no_agreements_gives_no_shares_rather_than_zero():
    total = own_share([], TODAY)
    assert total.own_share is None and total.kept_share is None
    assert own_share([made(TODAY, "coach")], TODAY).kept_share is None


def test_own_share_by_month_includes_empty_months_and_crosses_the_year():
    agreements = [
        made(date(2025, 11, 3), "coach"),
        made(date(2025, 12, 1), "jongere", "gedaan"),
        made(date(2026, 3, 2), "jongere", "gedaan"),
        made(date(2026, 3, 3), "jongere"),
        made(date(2025, 6, 1), "jongere"),  # before the window
        made(date(2026, 4, 1), "jongere"),  # after today
    ]
    months = own_share_by_month(agreements, TODAY, months=5)
    assert [(m.year, m.month) for m in months] == [(2025, 11), (2025, 12), (2026, 1), (2026, 2), (2026, 3)]
    assert [m.share.made for m in months] == [1, 1, 0, 0, 2]
    assert [m.share.own for m in months] == [0, 1, 0, 0, 2]
    assert months[-1].share.own_done == 1


def test_trend_compares_the_later_months_with_the_earlier_ones():
    growing = [
        made(date(2025, 10, 1), "coach"),
        made(date(2025, 11, 1), "coach"),
        made(date(2025, 11, 2), "jongere"),
        made(date(2026, 2, 1), "jongere"),
        made(date(2026, 3, 1), "jongere"),
    ]
    assert own_share_trend(own_share_by_month(growing, TODAY)) == "groeit"
    falling = [made(date(2025, 10, 1), "jongere"), made(date(2026, 3, 1), "coach")]
    assert own_share_trend(own_share_by_month(falling, TODAY)) == "daalt"
    assert own_share_trend(own_share_by_month([made(date(2026, 3, 1), "coach")], TODAY)) is None
    assert own_share_trend([]) is None


# --- the store ------------------------------------------------------------------------------------


@pytest.fixture
def db():
    database = open_db(memory=True)
    insert_cases(database, [make_case(full=True)])
    return database


def test_mark_done_dropped_and_open_again(db):
    first = agreements_of(db, 1)[0]
    assert first.status == "open"
    done = set_agreement_status(db, first.id, "gedaan", TODAY)
    assert done.status == "gedaan" and closed_on(db, first.id) == TODAY
    dropped = set_agreement_status(db, first.id, "vervallen", date(2026, 3, 15))
    assert dropped.status == "vervallen" and closed_on(db, first.id) == date(2026, 3, 15)
    reopened = set_agreement_status(db, first.id, "open", TODAY)
    assert reopened.status == "open" and closed_on(db, first.id) is None


def test_bad_status_or_unknown_agreement_changes_nothing(db):
    before = agreements_of(db, 1)
    with pytest.raises(AgreementError, match="Onbekende status"):
        set_agreement_status(db, before[0].id, "klaar", TODAY)
    with pytest.raises(AgreementError, match="niet \\(meer\\)"):
        set_agreement_status(db, 999, "gedaan", TODAY)
    assert agreements_of(db, 1) == before


def test_add_agreement_checks_text_and_owner(db):
    new_id = add_agreement(db, 1, "  Huisarts bellen  ", "jongere", TODAY, due=date(2026, 3, 20))
    stored = [a for a in agreements_of(db, 1) if a.id == new_id][0]
    assert (stored.text, stored.owner, stored.due, stored.status) == (
        "Huisarts bellen",
        "jongere",
        date(2026, 3, 20),
        "open",
    )
    count = len(agreements_of(db, 1))
    with pytest.raises(AgreementError, match="zonder tekst"):
        add_agreement(db, 1, "  ", "jongere", TODAY)
    with pytest.raises(AgreementError, match="Wie doet het"):
        add_agreement(db, 1, "Iets", "moeder", TODAY)
    assert len(agreements_of(db, 1)) == count


def test_youth_share_from_the_store(db):
    total, months = youth_share(db, 1, TODAY, months=3)
    assert total.made == 2 and total.own == 1 and total.own_overdue == 1
    assert len(months) == 3


# --- on the young person's screen -------------------------------------------------------------------


@pytest.fixture
def sample_db(tmp_path: Path) -> Path:
    path = tmp_path / "sample.db"
    database = open_db(path)
    insert_cases(database, [make_case(full=True)])
    database.close()
    return path


async def open_first_agreement(pilot) -> AgreementItem:
    """Open the only young person and put the focus on their first agreement."""
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, YouthScreen)
    first = pilot.app.screen.query(AgreementItem).first()
    first.focus()
    await pilot.pause()
    return first


async def test_space_marks_an_agreement_done_and_again_opens_it(sample_db: Path) -> None:
    app = make_app(sample_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        item = await open_first_agreement(pilot)
        assert item.agreement.text == "Bellen met de woningcorporatie"
        share_before = str(app.screen.query_one(AgreementShare).render())
        await pilot.press("space")
        await app.workers.wait_for_complete()
        await pilot.pause()
        check = open_db(sample_db)
        assert {a.text: a.status for a in agreements_of(check, 1)}["Bellen met de woningcorporatie"] == "gedaan"
        focused = app.focused
        assert isinstance(focused, AgreementItem) and focused.agreement.status == "gedaan"
        assert "✓ gedaan" in str(focused.render())
        share_after = str(app.screen.query_one(AgreementShare).render())
        assert "1 van 1" in share_after and share_after != share_before
        await pilot.press("space")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert {a.text: a.status for a in agreements_of(check, 1)}["Bellen met de woningcorporatie"] == "open"
        check.close()


async def test_dropping_asks_first_and_no_keeps_it_open(sample_db: Path) -> None:
    app = make_app(sample_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_agreement(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("escape")
        await pilot.pause()
        check = open_db(sample_db)
        assert agreements_of(check, 1)[0].status == "open"
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("j")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert agreements_of(check, 1)[0].status == "vervallen"
        assert isinstance(app.screen, YouthScreen)
        check.close()


async def test_space_does_nothing_without_an_agreement_in_focus(sample_db: Path) -> None:
    app = make_app(sample_db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "space", "d")
        await pilot.pause()
        assert isinstance(app.screen, YouthScreen)
        check = open_db(sample_db)
        assert [a.status for a in agreements_of(check, 1)] == ["open", "gedaan"]
        check.close()


async def test_arrows_move_between_agreements(sample_db: Path) -> None:
    app = make_app(sample_db, today=TODAY)
    async with app.run_test(size=(200, 50)) as pilot:
        first = await open_first_agreement(pilot)
        await pilot.press("down")
        assert isinstance(app.focused, AgreementItem) and app.focused is not first
        await pilot.press("up")
        assert app.focused is first
        assert app.screen.query_one(AgreementList)
