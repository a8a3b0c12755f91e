"""Encrypting a case file for a colleague in the age format (pyrage), and opening one; all in memory.

No home-made crypto: age (age-encryption.org/v1) with a passphrase (scrypt)
or for the receiver's X25519 public key (`age1…`). The receiver's identity
is the secret key itself (`AGE-SECRET-KEY-1…`) or the path of a key file as
`age-keygen` writes it (comment lines start with '#'). Every failure is a
TransferError with a Dutch message that says what to do.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pyrage

AGE_HEADER = b"age-encryption.org/v1\n"
ARMOR_HEADER = b"-----BEGIN AGE ENCRYPTED FILE-----"
SECRET_PREFIX = "AGE-SECRET-KEY-1"
PUBLIC_PREFIX = "age1"
# A key file is a few lines; anything much bigger is the wrong file.
KEY_FILE_MAX = 64_000


class TransferError(ValueError):
    """A transfer file or key that cannot be used; `code` 1 (cannot be done) or 2 (wrong input)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def is_transfer(raw: bytes) -> bool:
    """True when the bytes start like an age file (binary or ASCII-armored)."""
    return raw.startswith(AGE_HEADER) or raw.lstrip().startswith(ARMOR_HEADER)


def stanza_kinds(raw: bytes) -> list[str]:
    """The kinds of key the file was locked with ('scrypt' for a passphrase, 'X25519' for a public key)."""
    kinds = []
    for line in raw[len(AGE_HEADER) : 4096].split(b"\n"):
        if line.startswith(b"---"):
            break
        if line.startswith(b"-> "):
            kinds.append(line[3:].split(b" ", 1)[0].decode("ascii", "replace"))
    return kinds


def encrypt_with_passphrase(plain: bytes, passphrase: str) -> bytes:
    """The bytes locked with a passphrase (age scrypt)."""
    return bytes(pyrage.passphrase.encrypt(plain, passphrase))


def recipient(public_key: str) -> pyrage.x25519.Recipient:
    """The receiver's public key, or TransferError (exit 2) saying what a good one looks like."""
    try:
        return pyrage.x25519.Recipient.from_str(public_key.strip())
    except pyrage.RecipientError:
        raise TransferError(
            "Dit is geen geldige publieke age-sleutel. Vraag de ontvanger om de sleutel die met 'age1' begint "
            "(age-keygen -y sleutelbestand laat hem zien) en plak hem in zijn geheel.",
            2,
        ) from None


def encrypt_for(plain: bytes, public_key: str) -> bytes:
    """The bytes locked for one receiver's public key."""
    return bytes(pyrage.encrypt(plain, [recipient(public_key)]))


def identities(value: str) -> list[pyrage.x25519.Identity]:
    """The receiver's secret key(s): the key itself, or read from a key file; TransferError (exit 2) otherwise."""
    text = value.strip()
    if not text.startswith(SECRET_PREFIX):
        path = Path(text).expanduser()
        try:
            # Only a regular file, and never more than a key file holds: /dev/zero or a pipe would never end.
            if not stat.S_ISREG(os.stat(path).st_mode):
                raise OSError(f"{path} is geen gewoon bestand")
            with path.open("rb") as stream:
                raw = stream.read(KEY_FILE_MAX + 1)
            if len(raw) > KEY_FILE_MAX:
                raise OSError(f"{path} is te groot voor een sleutelbestand")
            text = raw.decode("utf-8")
        except (OSError, UnicodeDecodeError, ValueError):
            raise TransferError(
                "COACH_AGE_IDENTITY is geen geheime age-sleutel (AGE-SECRET-KEY-1…) en geen leesbaar "
                "sleutelbestand. Geef de sleutel zelf of het pad van het bestand van age-keygen.",
                2,
            ) from None
    keys = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    found = []
    for key in keys:
        try:
            found.append(pyrage.x25519.Identity.from_str(key))
        except pyrage.IdentityError:
            continue
    if not found:
        raise TransferError(
            "In COACH_AGE_IDENTITY staat geen geldige geheime age-sleutel (een regel die met "
            "AGE-SECRET-KEY-1 begint). Controleer de sleutel of het sleutelbestand.",
            2,
        )
    return found


def _damaged() -> TransferError:
    return TransferError(
        "Het overdrachtsbestand is beschadigd of niet compleet (misschien afgebroken bij het kopiëren). "
        "Vraag de afzender het opnieuw te sturen.",
        2,
    )


def decrypt(raw: bytes, *, passphrase: str | None = None, identity: str | None = None) -> bytes:
    """The plain bytes of a transfer file, opened with the passphrase or the receiver's secret key.

    Raises TransferError: wrong passphrase, a file for someone else, a file
    locked the other way than the key given, or a damaged file.
    """
    if raw.lstrip().startswith(ARMOR_HEADER):
        raise TransferError(
            "Dit overdrachtsbestand is als tekst (ASCII-armor) opgeslagen; coach leest de gewone vorm. "
            "Zet het om met 'age -d' of vraag de afzender het met coach te maken.",
            2,
        )
    kinds = stanza_kinds(raw)
    if not kinds:
        raise _damaged()
    by_passphrase = "scrypt" in kinds
    if by_passphrase and passphrase is None:
        raise TransferError(
            "Dit overdrachtsbestand is met een wachtwoord versleuteld. Geef het wachtwoord via "
            "COACH_TRANSFER_PASSPHRASE, of start het commando in een terminal om het te typen."
        )
    if not by_passphrase and identity is None:
        raise TransferError(
            "Dit overdrachtsbestand is versleuteld voor iemands age-sleutel. Geef je geheime sleutel via "
            "COACH_AGE_IDENTITY (de sleutel zelf of het pad van je sleutelbestand)."
        )
    try:
        if by_passphrase:
            return bytes(pyrage.passphrase.decrypt(raw, passphrase or ""))
        return bytes(pyrage.decrypt(raw, list(identities(identity or ""))))
    except pyrage.DecryptError as error:
        reason = str(error).lower()
        if "no matching keys" in reason:
            raise TransferError(
                "Dit overdrachtsbestand is niet voor jouw sleutel versleuteld maar voor iemand anders. "
                "Controleer COACH_AGE_IDENTITY, of vraag de afzender het voor jouw publieke sleutel te maken."
            ) from None
        if by_passphrase and reason.startswith("decryption failed"):
            raise TransferError(
                "Het wachtwoord van het overdrachtsbestand klopt niet. Vraag de afzender het goede "
                "wachtwoord (liefst niet per mail) en probeer het opnieuw."
            ) from None
        raise _damaged() from None
