"""The messages Cadre sends, one module per message (ADR 30).

Each module defines ``KIND``: its key, the personalisation fields it needs, whether it is
mandatory (sent whatever the person chose), and the subject and body. The text is written
the way GOV.UK Notify templates are, with ``((field))`` placeholders, so the same words go
into the Notify template (whose id comes from ``CADRE_NOTIFY_TEMPLATE_<KEY>``) and into the
local outbox.
"""

from __future__ import annotations

import pkgutil
import re
from dataclasses import dataclass
from importlib import import_module

PLACEHOLDER = re.compile(r"\(\(([a-z_]+)\)\)")
#: Every module in this package is one message kind (adding a message is adding a file).
MODULES = tuple(sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.ispkg))


@dataclass(frozen=True)
class MessageKind:
    key: str
    title: str
    fields: tuple[str, ...]
    subject: str
    body: str
    mandatory: bool = False
    #: Only ever sent in the weekly digest ("at once" counts as weekly; "never" still
    #: means never), e.g. vacancy matches: at most one email a week.
    digest_only: bool = False

    def __post_init__(self) -> None:
        used = set(PLACEHOLDER.findall(self.subject + self.body))
        if self.mandatory and self.digest_only:
            raise ValueError(f"Message {self.key}: a mandatory message cannot wait for the "
                             "weekly digest.")
        if used != set(self.fields):
            raise ValueError(f"Message {self.key}: placeholders {sorted(used)} do not match "
                             f"its fields {sorted(self.fields)}.")

    def check(self, personalisation: dict[str, object]) -> dict[str, str]:
        """The personalisation as strings; a missing or unknown field is refused by name."""
        missing = [f for f in self.fields if personalisation.get(f) in (None, "")]
        unknown = sorted(set(personalisation) - set(self.fields))
        if missing or unknown:
            raise ValueError(f"Message {self.key}: " + "; ".join(
                ([f"missing {', '.join(missing)}"] if missing else [])
                + ([f"unknown {', '.join(unknown)}"] if unknown else [])))
        return {f: str(personalisation[f]) for f in self.fields}

    def render(self, personalisation: dict[str, str]) -> tuple[str, str]:
        """Subject and body with the fields filled in (the outbox's copy)."""
        def fill(text: str) -> str:
            return PLACEHOLDER.sub(lambda m: personalisation[m.group(1)], text)
        return fill(self.subject), fill(self.body)


def all_kinds() -> dict[str, MessageKind]:
    kinds = [import_module(f"{__name__}.{name}").KIND for name in MODULES]
    return {kind.key: kind for kind in kinds}


def kind_for(key: str) -> MessageKind:
    kinds = all_kinds()
    if key not in kinds:
        raise ValueError(f"No message kind {key!r}; known: {', '.join(sorted(kinds))}.")
    return kinds[key]
