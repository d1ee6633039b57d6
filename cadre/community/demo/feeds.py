"""Demo feeds: a feed address for every demo community (so the community feed pages have
one to show). No personal feed is made: its address is shown only once, to its person,
and a demo has nobody to show it to; the demo professional makes one on "Your community
calendar". Safe to run twice: a community that has an address keeps it."""

from __future__ import annotations

import random
from typing import Any

from cadre.community.models import Community
from cadre.community.services import feeds as services


def load(*, actor: Any, rng: random.Random) -> list[str]:
    made = 0
    for community in Community.objects.filter(feed_key__isnull=True).order_by("pk"):
        services.ensure_community_key(actor=actor, community_id=community.pk)
        made += 1
    return [f"Community calendar feeds: {made} community feed address(es) made, "
            f"{Community.objects.filter(feed_key__isnull=False).count()} in all."]
