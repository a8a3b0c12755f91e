"""The tables of a version-2 case file: which rows belong to a young person, and how each column is written.

`coach.store.casefile_v2` reads and writes files by this list; the JSON
Schema (case-v2.schema.json) describes the same sections.
"""

from __future__ import annotations

from dataclasses import dataclass

# Column kinds: how a value is written to the file and read back.
TEXT, DATE, MOMENT, INT, BOOL, JSON_LIST, CSV_LIST, LINK = (
    "text",
    "date",
    "moment",
    "int",
    "bool",
    "json",
    "csv",
    "link",
)


@dataclass(frozen=True)
class Column:
    """One field of a record: its key in the file, its column in the table, its kind, and a link target."""

    key: str
    column: str
    kind: str = TEXT
    target: str | None = None  # for LINK: the section whose local id it names


@dataclass(frozen=True)
class Section:
    """One list in the file: the table it comes from and how its rows belong to the young person."""

    name: str
    table: str
    columns: tuple[Column, ...]
    #: SQL selecting the row ids of one young person (parameter: youth id), in the order they were made.
    owned: str
    #: The column that holds the youth id (None for children reached through a parent link).
    youth_column: str | None = "youth_id"
    #: The column `owned` selects and a row is read back by ("rowid" for tables without an id column).
    key: str = "id"


def _own(table: str) -> str:
    return f"SELECT id FROM {table} WHERE youth_id = ? ORDER BY id"


def _cols(*spec: tuple[str, ...]) -> tuple[Column, ...]:
    return tuple(Column(s[0], s[1] if len(s) > 1 and s[1] else s[0], *s[2:]) for s in spec)


SECTIONS: tuple[Section, ...] = (
    Section(
        "consents",
        "consents",
        _cols(
            ("given_to",),
            ("organisation",),
            ("role",),
            ("parts", "", CSV_LIST),
            ("given_on", "", DATE),
            ("note",),
            ("withdrawn_on", "", DATE),
        ),
        _own("consents"),
    ),
    Section(
        "coach_changes",
        "coach_changes",
        _cols(("changed_on", "", DATE), ("from_coach",), ("to_coach",), ("note",)),
        _own("coach_changes"),
    ),
    Section(
        "network",
        "network",
        _cols(
            ("name",),
            ("relation",),
            ("kind",),
            ("organisation",),
            ("role",),
            ("phone",),
            ("email",),
            ("seen_as",),
            ("may_contact", "", BOOL),
            ("note",),
        ),
        _own("network"),
    ),
    Section(
        "warm_story",
        "warm_story",
        _cols(("kind",), ("text",), ("own_words", "", BOOL), ("recorded_on", "", DATE), ("by_youth", "", BOOL)),
        _own("warm_story"),
    ),
    Section(
        "assessments",
        "assessments",
        _cols(
            ("date", "", DATE),
            ("domain",),
            ("score", "", INT),
            ("youth_score", "", INT),
            ("going_well",),
            ("concerns",),
            ("wish",),
        ),
        _own("assessments"),
    ),
    Section(
        "contacts",
        "contacts",
        _cols(
            ("at", "", MOMENT),
            ("mode",),
            ("status",),
            ("duration_min", "", INT),
            ("initiated_by",),
            ("coach",),
            ("note",),
            ("moved_from", "", LINK, "contacts"),
        ),
        _own("contacts"),
    ),
    Section("visits", "visits", _cols(("contact", "contact_id", LINK, "contacts"), ("started_at",)), _own("visits")),
    Section(
        "agreements",
        "agreements",
        _cols(
            ("made_on", "", DATE),
            ("text",),
            ("owner",),
            ("owner_network", "owner_network_id", LINK, "network"),
            ("due", "", DATE),
            ("status",),
            ("closed_on", "", DATE),
            ("contact", "contact_id", LINK, "contacts"),
        ),
        _own("agreements"),
    ),
    Section("phases", "phases", _cols(("phase",), ("since", "", DATE), ("note",)), _own("phases")),
    Section(
        "intakes",
        "intakes",
        _cols(("started_on", "", DATE), ("completed_on", "", DATE), ("section",), ("field",), ("question", "", INT)),
        _own("intakes"),
    ),
    Section(
        "intake_domains",
        "intake_domains",
        _cols(
            ("intake", "intake_id", LINK, "intakes"),
            ("domain",),
            ("notes",),
            ("going_well",),
            ("concerns",),
            ("wish",),
            ("carried_by", "", JSON_LIST),
            ("carriers", "", JSON_LIST),
            ("score", "", INT),
            ("youth_score", "", INT),
            ("skip",),
            ("touched_on", "", DATE),
            ("assessment", "assessment_id", LINK, "assessments"),
        ),
        _own("intake_domains"),
    ),
    Section(
        "intake_warm",
        "intake_warm",
        _cols(("intake", "intake_id", LINK, "intakes"), ("kind",), ("warm_story", "warm_story_id", LINK, "warm_story")),
        "SELECT w.rowid FROM intake_warm w JOIN intakes i ON i.id = w.intake_id WHERE i.youth_id = ? ORDER BY w.rowid",
        youth_column=None,
        key="rowid",
    ),
    Section(
        "taper_plans",
        "taper_plans",
        _cols(
            ("accepted_on", "", DATE),
            ("starts_on", "", DATE),
            ("intervals",),
            ("tolerance_days", "", INT),
            ("ended_on", "", DATE),
        ),
        _own("taper_plans"),
    ),
    Section(
        "taper_steps",
        "taper_steps",
        _cols(
            ("plan", "plan_id", LINK, "taper_plans"),
            ("planned_at", "", MOMENT),
            ("contact", "contact_id", LINK, "contacts"),
        ),
        "SELECT s.id FROM taper_steps s JOIN taper_plans p ON p.id = s.plan_id WHERE p.youth_id = ? ORDER BY s.id",
        youth_column=None,
    ),
    Section(
        "release_decisions",
        "release_decisions",
        _cols(("decided_on", "", DATE), ("decision",), ("reason",), ("way_back",)),
        _own("release_decisions"),
    ),
    Section(
        "nazorg_checks",
        "nazorg_checks",
        _cols(
            ("release", "release_id", LINK, "release_decisions"),
            ("planned_at", "", MOMENT),
            ("contact", "contact_id", LINK, "contacts"),
        ),
        "SELECT n.id FROM nazorg_checks n JOIN release_decisions r ON r.id = n.release_id WHERE r.youth_id = ? ORDER BY n.id",
        youth_column=None,
    ),
    Section(
        "confidence",
        "confidence",
        _cols(("asked_on", "", DATE), ("score", "", INT), ("words",)),
        _own("confidence"),
    ),
    Section(
        "activities",
        "activities",
        _cols(("kind",), ("description",), ("since", "", DATE), ("until", "", DATE)),
        _own("activities"),
    ),
    Section(
        "basics",
        "basics",
        _cols(("key",), ("label",), ("state",), ("custom", "", BOOL), ("updated_on", "", DATE)),
        _own("basics"),
    ),
    Section(
        "intervision_notes",
        "intervision_notes",
        _cols(("tried",), ("own_part",), ("domains", "", JSON_LIST), ("hidden", "", JSON_LIST)),
        "SELECT rowid FROM intervision_notes WHERE youth_id = ? ORDER BY rowid",
        key="rowid",
    ),
    # Safety concerns with their meldcode steps, and signals judged no concern (issue 14).
    Section(
        "safety_concerns",
        "safety_concerns",
        _cols(
            ("kind",),
            ("label",),
            ("opened_on", "", DATE),
            ("source",),
            ("heard",),
            ("status",),
            ("closed_on", "", DATE),
            ("decision",),
            ("decision_note",),
        ),
        _own("safety_concerns"),
    ),
    Section(
        "safety_steps",
        "safety_steps",
        _cols(
            ("concern", "concern_id", LINK, "safety_concerns"),
            ("step", "", INT),
            ("done_on", "", DATE),
            ("who",),
            ("note",),
            ("facts",),
            ("interpretation",),
        ),
        _own("safety_steps"),
    ),
    Section(
        "safety_dismissals",
        "safety_dismissals",
        _cols(("kind",), ("heard",), ("source",), ("dismissed_on", "", DATE)),
        _own("safety_dismissals"),
    ),
    # The warm handover (issue 19): what works with the young person, and each handover made or received.
    Section(
        "handover_notes",
        "handover_notes",
        _cols(("what_works",)),
        _own("handover_notes"),
    ),
    Section(
        "handovers",
        "handovers",
        _cols(
            ("kind",),
            ("made_on", "", DATE),
            ("counterpart",),
            ("organisation",),
            ("consent", "consent_id", LINK, "consents"),
            ("parts", "", CSV_LIST),
            ("coach",),
            ("note",),
        ),
        _own("handovers"),
    ),
    # The young person's own answers from samen invullen (issue 20).
    Section(
        "self_assessments",
        "self_assessments",
        _cols(("date", "", DATE), ("domain",), ("score", "", INT), ("skipped", "", BOOL), ("talk", "", BOOL)),
        _own("self_assessments"),
    ),
    # The coach's leervraag for a period or one contact (the whole case's is the youth's intervision_question).
    Section(
        "intervision_period_questions",
        "intervision_period_questions",
        _cols(("scope",), ("question",)),
        _own("intervision_period_questions"),
    ),
)
SECTION_BY_NAME = {section.name: section for section in SECTIONS}
TABLE_TO_SECTION = {section.table: section.name for section in SECTIONS}

# The young person's own fields, in file order: key -> column.
YOUTH_FIELDS: tuple[str, ...] = (
    "ref",
    "first_name",
    "last_name",
    "nickname",
    "birth_date",
    "phone",
    "email",
    "school",
    "employer",
    "coach",
    "started_on",
    "registered_on",
    "referred_by",
    "referrer_org",
    "referral_reason",
)
ADDRESS_FIELDS = ("street", "postcode", "city")
