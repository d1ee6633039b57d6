"""What the home page lists for a signed-in account: work waiting, and their own record.

Each app registers a provider in its ``AppConfig.ready()``::

    register_provider(WAITING, rounds_to_review, order=10)

A provider takes the account and returns ``HomeItem``s (an empty list when it has
nothing for this account). ``core`` knows no app's models or URLs; which items an
account may open is checked by whoever registered the link check (``access``, in its
``ready()``), so the home page never offers a link that answers 403.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse

#: Work waiting for the account, each with a count.
WAITING = "waiting"
#: The account's own record: their person, capability, preferences.
OWN = "own"


@dataclass(frozen=True)
class Step:
    """One record waiting (a named round, a named plan) under a ``HomeItem``."""

    label: str
    url_name: str
    args: tuple = ()

    @property
    def url(self) -> str:
        return reverse(self.url_name, args=self.args)


@dataclass(frozen=True)
class HomeItem:
    """A line on the home page: what it is, how many (None: not a count) and where to go."""

    label: str
    url_name: str
    args: tuple = ()
    count: int | None = None
    hint: str = ""
    query: str = ""
    #: A few of the records themselves, when there are few enough to name.
    steps: Sequence[Step] = field(default_factory=tuple)

    @property
    def url(self) -> str:
        return reverse(self.url_name, args=self.args) + (f"?{self.query}" if self.query else "")


Provider = Callable[[object], Sequence[HomeItem]]
LinkCheck = Callable[[object, str, tuple], bool]

_providers: dict[tuple[str, str], tuple[int, Provider]] = {}
_link_check: list[LinkCheck] = []


def register_provider(section: str, name: str, provider: Provider, order: int = 0) -> None:
    """Add a provider to a section; the same section and name again replaces it."""
    _providers[(section, name)] = (order, provider)


def set_link_check(check: LinkCheck) -> None:
    """Say how to tell whether an account may open a URL name (``access`` sets it)."""
    _link_check[:] = [check]


def may_open(user: object, url_name: str, args: tuple = ()) -> bool:
    """Whether the registered link check lets ``user`` open the URL (False if none is set)."""
    if not _link_check:
        return False
    try:
        reverse(url_name, args=args)
    except NoReverseMatch:
        return False
    return _link_check[0](user, url_name, args)


def items_for(user: object, section: str) -> list[HomeItem]:
    """Every provider's items for ``user`` in ``section``, in order, that the user may open.

    Counts of zero are left out of the waiting section: it lists only what is waiting.
    Steps the user may not open are dropped from an item.
    """
    found: list[HomeItem] = []
    for (item_section, _), (_, provider) in sorted(
            _providers.items(), key=lambda kv: (kv[1][0], kv[0][1])):
        if item_section != section:
            continue
        for item in provider(user):
            if section == WAITING and not item.count:
                continue
            if not may_open(user, item.url_name, item.args):
                continue
            steps = tuple(s for s in item.steps if may_open(user, s.url_name, s.args))
            found.append(HomeItem(item.label, item.url_name, item.args, item.count,
                                  item.hint, item.query, steps))
    return found
