"""The coach's settings: a small TOML file in the user config folder (or COACH_CONFIG).

Every setting has a sensible default, so the file is optional. Example:

    prompts = "~/Documents/coach-vragen"   # the organisation's own prompts folder
    idle_lock_minutes = 10    # lock the app after this many idle minutes (0: never)
    retention_months = 24     # 'coach retention' lists cases closed longer ago than this
    backup_keep = 7           # how many daily automatic backups to keep
    intervision_method = "roddel"   # the team's intervision method: "incident" or "roddel"
    coach = "Sam de Vries"    # your name: the vaste coach a new aanmelding gets (change it per jongere)
    coach_phone = "06-12345678"   # how a colleague reaches you, in an overdrachtsdossier
    coach_email = "sam@voorbeeld.nl"
    organisation = "Jongerenwerk Oost"

    [contactritme]            # days between held contacts before it is worth a look, per phase
    begeleiding = 10
    eerste_contact = 7        # days after the aanmelding by which the first contact is due
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from coach.domain.continuity import DEFAULT_INTERVALS, ContinuityRules
from coach.paths import config_path

# In [contactritme]: days after the aanmelddatum by which the first contact is due (default 7).
FIRST_CONTACT_KEY = "eerste_contact"
# As long as a name may be in the form (coach.domain.registration.NAME_MAX).
COACH_NAME_MAX = 100
# The coach's contact details for a handover: one line each (as the registration's LINE_MAX).
_CARD_KEYS = ("coach_phone", "coach_email", "organisation")
CARD_MAX = 200


class ConfigError(ValueError):
    """The settings file cannot be read or holds a wrong value; the message is Dutch."""


class Config(NamedTuple):
    """The coach's settings, with their defaults."""

    prompts: Path | None = None
    idle_lock_minutes: float = 10
    retention_months: int = 24
    backup_keep: int = 7
    intervision_method: str = "roddel"
    contactritme: dict[str, int] | None = None
    #: The coach's own name, the default vaste coach of a new aanmelding (None: the field starts empty).
    coach: str | None = None
    #: How the next professional reaches the coach (the overdrachtsdossier's last part); None: not given.
    coach_phone: str | None = None
    coach_email: str | None = None
    organisation: str | None = None

    def continuity_rules(self) -> ContinuityRules:
        """The continuity rules with this organisation's contact rhythm per phase."""
        # A copy typed as the rules take it (where a phase may be switched off with None);
        # eerste_contact sits in the same table but is no phase.
        intervals: dict[str, int | None] = {**(self.contactritme or {})}
        first = intervals.pop(FIRST_CONTACT_KEY, None)
        if first is None:
            return ContinuityRules(intervals=intervals or None)
        return ContinuityRules(intervals=intervals or None, first_contact_days=first)


# Each setting's smallest allowed value and how to say it in Dutch.
_LIMITS = {
    "idle_lock_minutes": (0, "een aantal minuten (0 of meer; 0 is nooit vergrendelen)"),
    "retention_months": (1, "een aantal maanden (1 of meer)"),
    "backup_keep": (1, "een aantal back-ups (1 of meer)"),
}


def load_config(path: Path | None = None) -> Config:
    """The settings from the file (defaults for what it leaves out, or when there is no file)."""
    path = path or config_path()
    if not path.is_file():
        return Config()
    import tomllib  # only with a file: the file is optional, and the app's start has no time to spare

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"Kan de instellingen in {path} niet lezen ({error}).") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            f"{path}: {error}. Verbeter het bestand of haal het weg om de standaard te gebruiken."
        ) from None
    known = Config.__annotations__  # each setting's name and its type, as written above
    values = {}
    for key, value in data.items():
        if key not in known:
            continue  # settings of other parts of coach, or of a newer version
        if key in _LIMITS:
            smallest, what = _LIMITS[key]
            wanted = float if known[key] in (float, "float") else int
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, float))
                or value < smallest
                or (wanted is int and value != int(value))
            ):
                raise ConfigError(f"{path}: {key} = {value!r} klopt niet; geef {what}.")
            value = wanted(value)
        elif key == "intervision_method":
            # Which keys exist is up to prompts/intervision.toml; the summary checks it against that.
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(
                    f'{path}: intervision_method = {value!r} klopt niet; geef een methode, zoals "incident" of "roddel".'
                )
            value = value.strip().lower()
        elif key == "coach":
            if not isinstance(value, str) or "\n" in value or len(value.strip()) > COACH_NAME_MAX:
                raise ConfigError(
                    f'{path}: coach = {value!r} klopt niet; geef je naam tussen aanhalingstekens, zoals "Sam".'
                )
            value = value.strip() or None
        elif key in _CARD_KEYS:
            if not isinstance(value, str) or "\n" in value or len(value.strip()) > CARD_MAX:
                raise ConfigError(
                    f"{path}: {key} = {value!r} klopt niet; geef één regel tekst tussen aanhalingstekens, "
                    f"hoogstens {CARD_MAX} tekens."
                )
            value = value.strip() or None
        elif key == "contactritme":
            value = _contact_rhythm(path, value)
        elif key == "prompts":
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(
                    f"{path}: prompts = {value!r} klopt niet; geef het pad van een map tussen aanhalingstekens."
                )
            # A relative folder is read from where the settings file is.
            value = (path.parent / Path(value).expanduser()).resolve()
        values[key] = value
    return Config(**values)


def _contact_rhythm(path: Path, table: object) -> dict[str, int]:
    phases = ", ".join(DEFAULT_INTERVALS)
    if not isinstance(table, dict):
        raise ConfigError(
            f"{path}: [contactritme] moet een tabel zijn, met per fase een aantal dagen (fasen: {phases})."
        )
    for phase, days in table.items():
        if phase not in DEFAULT_INTERVALS and phase != FIRST_CONTACT_KEY:
            raise ConfigError(
                f"{path}: [contactritme] kent geen fase '{phase}'; gebruik {phases} (of {FIRST_CONTACT_KEY})."
            )
        if isinstance(days, bool) or not isinstance(days, int) or days < 1:
            raise ConfigError(
                f"{path}: [contactritme] {phase} = {days!r} klopt niet; geef een heel aantal dagen (1 of meer)."
            )
    return dict(table)
