"""A person added to the network in the app is named by their role in anonymised text.

The anonymiser builds its known names from `load_case(...).network`; these tests go
through the store as the network screen and `coach network` do (no deduce needed).
"""

from __future__ import annotations

from pathlib import Path

from coach.domain.network import NetworkMember
from coach.privacy.known import build_known
from coach.privacy.result import render
from coach.store.cases import load_case
from coach.store.db import open_db
from coach.store.network import add_person, update_person


def anonymised(db, youth_id: int, text: str) -> str:
    case = load_case(db, youth_id)
    assert case is not None
    table = build_known(case)
    return render(text, table.find(text)).text


def test_a_person_added_in_the_app_becomes_their_relation(case_db: Path) -> None:
    db = open_db(case_db)
    added = add_person(db, 1, NetworkMember("Henk Mulder", "buurman", "informeel", phone="06-12345678"))
    text = "Henk Mulder belde op 06-12345678; Henk komt morgen langs."
    out = anonymised(db, 1, text)
    assert "Henk" not in out and "Mulder" not in out and "12345678" not in out
    assert "buurman" in out
    assert added > 0


def test_a_generic_relation_gives_way_to_the_role(case_db: Path) -> None:
    db = open_db(case_db)
    add_person(
        db,
        1,
        NetworkMember(
            "Petra Zwart", "hulpverlener", "professioneel", organisation="Wijkteam Oost", role="woonbegeleider"
        ),
    )
    out = anonymised(db, 1, "Petra Zwart heeft het huurcontract geregeld.")
    assert "Petra" not in out and "Zwart" not in out
    assert "woonbegeleider" in out.lower()
    assert "hulpverlener" not in out.lower()


def test_a_role_changed_later_is_used_too(case_db: Path) -> None:
    db = open_db(case_db)
    person = add_person(db, 1, NetworkMember("Ans Bos", "anders", "informeel"))
    assert "anders" in anonymised(db, 1, "Ans Bos kwam langs.").lower()
    update_person(db, person, {"role": "oppas"})
    out = anonymised(db, 1, "Ans Bos kwam langs.")
    assert "Ans" not in out and "Bos" not in out
    assert "oppas" in out.lower()


def test_a_specific_relation_stays_beside_a_role(case_db: Path) -> None:
    db = open_db(case_db)
    add_person(db, 1, NetworkMember("Wim Kok", "mentor", "professioneel", role="loopbaanbegeleider"))
    case = load_case(db, 1)
    assert case is not None
    assert [p.relation for p in case.network if p.name == "Wim Kok"] == ["mentor"]
    assert "mentor" in anonymised(db, 1, "Wim Kok gaf een compliment.").lower()
