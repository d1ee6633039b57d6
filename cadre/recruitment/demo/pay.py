"""Demo market pay figures (``cadre demo recruitment``, pay area): a few figures for the
role levels most people hold in the demo government, each plainly labelled as made up.
Figures already there (same role level and source) are left alone, so it runs twice."""

from __future__ import annotations

import random
from typing import Any

from django.db.models import Count
from django.utils import timezone

from cadre.framework.models import RoleLevel
from cadre.recruitment.models.pay import MarketFigure
from cadre.recruitment.selectors import pay as sel
from cadre.recruitment.services import pay as services

__all__ = ["DEMO_SOURCE", "load"]

#: The source of every demo figure: nobody should mistake it for real market data.
DEMO_SOURCE = "Demo figures made up for Cadre's demo site, not real market data"
#: How many role levels get a demo figure.
LEVELS = 4


def _levels() -> list[RoleLevel]:
    """The role levels most current employed people hold (the framework's first few when
    there is no workforce data yet)."""
    used = (RoleLevel.objects.filter(workforce_records__in_profession=True)
            .annotate(n=Count("workforce_records")).order_by("-n", "pk")[:LEVELS])
    found = list(used) or list(RoleLevel.objects.order_by("pk")[:LEVELS])
    return found


def load(*, actor: Any, rng: random.Random) -> list[str]:
    """Add the demo market figures; the lines to print."""
    day = timezone.localdate().replace(day=1)
    added = 0
    for level in _levels():
        if MarketFigure.objects.filter(role_level=level, source=DEMO_SOURCE).exists():
            continue
        employed = sel.benchmark_for(role_level_id=level.pk).employed
        base = employed.median if employed.median else 35000 + 6000 * level.seniority
        # A generator of the level's own, not ``rng``: the other areas' draws stay the
        # same whether these figures were added now or on an earlier run.
        median = int(round(base * random.Random(level.pk).uniform(1.02, 1.15), -2))
        services.add_market_figure(
            actor=actor, role_level_id=level.pk, low=int(round(median * 0.85, -2)),
            median=median, high=int(round(median * 1.2, -2)), source=DEMO_SOURCE,
            source_date=day)
        added += 1
    return [f"Market pay figures: {added} added "
            f"({MarketFigure.objects.filter(source=DEMO_SOURCE).count()} demo figures in all)."]
