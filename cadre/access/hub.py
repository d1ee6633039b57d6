"""An app's hub page: its links grouped under headings, each shown only to accounts the
permission map lets open it (``navigation.may_open``). A link whose URL name is not mounted
is left out too, like a link the account may not open."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from cadre.access.navigation import may_open


@dataclass(frozen=True)
class HubLink:
    label: str
    url_name: str
    description: str

    @property
    def href(self) -> str:
        return reverse(self.url_name)


def _mounted(link: HubLink) -> bool:
    try:
        reverse(link.url_name)
    except NoReverseMatch:
        return False
    return True


def sections_for(request: HttpRequest, sections: Iterable[tuple[str, Sequence[HubLink]]]
                 ) -> list[tuple[str, list[HubLink]]]:
    """The headings with the links this account may open; empty headings left out."""
    shown = []
    for title, links in sections:
        allowed = [link for link in links
                   if _mounted(link) and may_open(request.user, link.url_name)]
        if allowed:
            shown.append((title, allowed))
    return shown
