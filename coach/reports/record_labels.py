"""Dutch words for the kinds of records in a file (for the audit trail and erase summaries)."""

from __future__ import annotations

# table -> (one, many)
RECORD_LABELS: dict[str, tuple[str, str]] = {
    "youths": ("gegevens jongere", "gegevens jongere"),
    "network": ("persoon in het netwerk", "mensen in het netwerk"),
    "warm_story": ("stuk warm verhaal", "stukken warm verhaal"),
    "assessments": ("score leefgebied", "scores leefgebieden"),
    "contacts": ("contactmoment", "contactmomenten"),
    "contact_domains": ("leefgebied bij contact", "leefgebieden bij contacten"),
    "agreements": ("afspraak", "afspraken"),
    "phases": ("fase", "fasen"),
    "revisions": ("eerdere versie van een tekst", "eerdere versies van teksten"),
    "taper_plans": ("afbouwplan", "afbouwplannen"),
    "taper_steps": ("stap in afbouw", "stappen in afbouw"),
    "release_decisions": ("besluit over loslaten", "besluiten over loslaten"),
    "nazorg_checks": ("nazorgcheck", "nazorgchecks"),
    "confidence": ("vertrouwensmeting", "vertrouwensmetingen"),
    "activities": ("activiteit", "activiteiten"),
    "basics": ("basiszaak", "basiszaken"),
    "staying_network": ("blijvend netwerk", "blijvend netwerk"),
    "settings": ("instelling", "instellingen"),
    "safety_concerns": ("zorg over veiligheid", "zorgen over veiligheid"),
    "safety_steps": ("stap van de meldcode", "stappen van de meldcode"),
    "safety_dismissals": ("veiligheidssignaal: geen zorg", "veiligheidssignalen: geen zorg"),
    "handover_notes": ("wat werkt", "wat werkt"),
    "handovers": ("overdracht", "overdrachten"),
    "coach_changes": ("wissel van coach", "wissels van coach"),
    "consents": ("toestemming", "toestemmingen"),
    "intakes": ("intake", "intakes"),
    "intake_domains": ("leefgebied in de intake", "leefgebieden in de intake"),
    "intake_warm": ("warm verhaal in de intake", "warm verhaal in de intake"),
    "intervision_notes": ("intervisie-aantekening", "intervisie-aantekeningen"),
    "intervision_period_questions": ("leervraag voor een periode", "leervragen voor een periode"),
    "removals": ("verwijdering", "verwijderingen"),
    "self_assessments": ("eigen antwoord van de jongere", "eigen antwoorden van de jongere"),
    "visits": ("bezoek", "bezoeken"),
}

ACTION_LABELS = {"insert": "toegevoegd", "update": "gewijzigd", "delete": "verwijderd", "erase": "gewist"}


def record_label(table: str, count: int = 1) -> str:
    """'contactmoment' / 'contactmomenten'; an unknown table keeps its own name, made readable."""
    one, many = RECORD_LABELS.get(table, (table.replace("_", " "), table.replace("_", " ")))
    return one if count == 1 else many


FIELD_LABELS = {
    "note": "notitie",
    "text": "tekst",
    "status": "status",
    "due": "deadline",
    "at": "moment",
    "mode": "soort",
    "phase": "fase",
    "since": "sinds",
    "score": "score",
    "youth_score": "eigen score",
    "going_well": "wat goed gaat",
    "concerns": "zorgen",
    "wish": "wens",
    "first_name": "voornaam",
    "last_name": "achternaam",
    "nickname": "roepnaam",
    "birth_date": "geboortedatum",
    "phone": "telefoon",
    "email": "e-mail",
    "street": "straat",
    "postcode": "postcode",
    "city": "plaats",
    "school": "school",
    "employer": "werkgever",
    "owner": "wie",
    "closed_on": "afgerond op",
    "duration_min": "duur",
    "relation": "relatie",
    "name": "naam",
    "reason": "reden",
    "way_back": "weg terug",
    "what_works": "wat werkt",
}


def field_label(field: str) -> str:
    """'note' -> 'notitie'; an unknown field keeps its own name, made readable."""
    return FIELD_LABELS.get(field, field.replace("_", " "))
