"""Template filters of the reserve area:

- ``{{ offer|reserve_stopped }}``: for an offer waiting for an answer whose campaign has
  closed or been cancelled (or whose vacancy was filled or withdrawn), the words saying so
  ("The campaign is no longer running"); "" otherwise. The daily expiry sweep withdraws
  such offers and puts the candidate back on the list.
"""

from __future__ import annotations

from django import template

from cadre.recruitment.models import ReserveOffer
from cadre.recruitment.selectors import reserve as sel

__all__ = ["reserve_stopped"]

register = template.Library()


@register.filter
def reserve_stopped(offer: ReserveOffer) -> str:
    return sel.stopped_target(offer) if isinstance(offer, ReserveOffer) else ""
