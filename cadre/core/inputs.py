"""Checked input from query strings, form values and command options.

Each helper returns the parsed value or raises Django's ``ValidationError``
keyed by the field, which the API turns into 400 with the README's error shape
(``{"detail", "errors": [{"field", "message"}]}``), pages show beside the field
and commands turn into a ``CommandError``. Limits live in one place per value
(a :class:`Bounds`), so page, API and command line accept the same range.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError

_MISSING = object()

#: The largest key a (big) integer id column holds, on SQLite and PostgreSQL alike.
MAX_ID = 2**63 - 1
#: Text limits shared by models, forms, serializers and importers (docs/limits.md).
SHORT_TEXT = 500
LONG_TEXT = 5000
REASON_TEXT = 2000
STAFF_NUMBER_LENGTH = 32


@dataclass(frozen=True)
class Bounds:
    """An inclusive range of whole numbers with a default, shared by every channel."""

    minimum: int
    maximum: int
    default: int

    def parse(self, value: object, *, field: str) -> int:
        return parse_int(value, field=field, minimum=self.minimum, maximum=self.maximum,
                         default=self.default)


def invalid(field: str, message: str) -> ValidationError:
    """The error for one bad field."""
    return ValidationError({field: [message]})


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_int(value: object, *, field: str, minimum: int | None = None,
              maximum: int | None = None, default: object = _MISSING) -> int:
    """A whole number within ``minimum``..``maximum``; blank gives ``default`` (or an error)."""
    if _blank(value):
        if default is _MISSING:
            raise invalid(field, "This value is required.")
        return default  # type: ignore[return-value]
    try:
        number = int(str(value).strip())
    except ValueError:
        raise invalid(field, f"Give a whole number, not '{str(value)[:40]}'.") from None
    if minimum is not None and number < minimum:
        raise invalid(field, f"Give a number of at least {minimum}.")
    if maximum is not None and number > maximum:
        raise invalid(field, f"Give a number of at most {maximum}.")
    return number


def parse_choice(value: object, *, field: str, choices: Iterable[str],
                 default: object = _MISSING) -> str:
    """One of ``choices``; blank gives ``default`` (or an error)."""
    allowed = list(choices)
    if _blank(value):
        if default is _MISSING:
            raise invalid(field, f"Choose one of: {', '.join(allowed)}.")
        return default  # type: ignore[return-value]
    text = str(value).strip()
    if text not in allowed:
        raise invalid(field, f"'{text[:40]}' is not one of: {', '.join(allowed)}.")
    return text


def parse_date(value: object, *, field: str, default: object = _MISSING) -> dt.date:
    """An ISO date (YYYY-MM-DD); blank gives ``default`` (or an error)."""
    if _blank(value):
        if default is _MISSING:
            raise invalid(field, "Give a date as YYYY-MM-DD.")
        return default  # type: ignore[return-value]
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise invalid(field, f"Give a date as YYYY-MM-DD, not '{str(value)[:40]}'.") from None


def parse_bool(value: object, *, field: str, default: object = _MISSING) -> bool:
    """true/false, yes/no, 1/0 (any case); blank gives ``default`` (or an error)."""
    if _blank(value):
        if default is _MISSING:
            raise invalid(field, "Give true or false.")
        return default  # type: ignore[return-value]
    text = str(value).strip().lower()
    if text in {"true", "yes", "1", "on"}:
        return True
    if text in {"false", "no", "0", "off"}:
        return False
    raise invalid(field, "Give true or false.")


def collect(checks: Mapping[str, object]) -> dict[str, object]:
    """Run several zero-argument checks and raise every problem at once.

    ``collect({"from": lambda: parse_int(a, field="from"), ...})`` returns the values
    by name, or raises one ``ValidationError`` naming every bad field.
    """
    values: dict[str, object] = {}
    errors: dict[str, list[str]] = {}
    for name, check in checks.items():
        try:
            values[name] = check()  # type: ignore[operator]
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return values


def parse_id(value: object, *, field: str, default: object = _MISSING) -> int:
    """A record id (1 to :data:`MAX_ID`); blank gives ``default`` (or an error)."""
    return parse_int(value, field=field, minimum=1, maximum=MAX_ID, default=default)


def check_text(value: str, *, field: str, max_length: int) -> str:
    """``value`` unchanged when it fits ``max_length`` characters; otherwise an error.

    Never cuts: text that is too long is refused and the person shortens it.
    """
    if len(value) > max_length:
        raise invalid(field, f"Use at most {max_length:,} characters (this has "
                             f"{len(value):,}).")
    return value


def staff_number_problem(value: str) -> str | None:
    """Why ``value`` is not a usable staff number, or None when it is.

    At most :data:`STAFF_NUMBER_LENGTH` printable characters, no control characters,
    quotes, backslashes or line breaks (it ends up in file names and exports).
    """
    if not value or not value.strip():
        return "Give a staff number."
    if len(value) > STAFF_NUMBER_LENGTH:
        return f"A staff number has at most {STAFF_NUMBER_LENGTH} characters."
    if not value.isprintable() or any(ch in value for ch in "\"'\\\t"):
        return "A staff number has only printable characters, without quotes or backslashes."
    if value != value.strip():
        return "A staff number does not start or end with a space."
    return None


def validate_staff_number(value: str) -> None:
    """A model and form field validator for staff numbers."""
    problem = staff_number_problem(value)
    if problem:
        raise ValidationError(problem, code="staff_number")
