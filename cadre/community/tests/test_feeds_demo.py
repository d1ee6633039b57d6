"""The feeds demo: every community gets a feed address; a second run changes nothing."""

from __future__ import annotations

import random

import pytest

from cadre.community.demo import feeds as demo
from cadre.community.models import Community, PersonalFeed
from cadre.community.tests.feeds_fixtures import fw  # noqa: F401 - fixture
from cadre.core.actor import Actor

pytestmark = pytest.mark.django_db


def test_every_community_gets_an_address_once(fw) -> None:  # noqa: ANN001, F811
    lines = demo.load(actor=Actor.command_line("demo"), rng=random.Random(1))
    assert lines == ["Community calendar feeds: 2 community feed address(es) made, 2 in all."]
    keys = dict(Community.objects.values_list("pk", "feed_key"))
    assert all(keys.values())
    again = demo.load(actor=Actor.command_line("demo"), rng=random.Random(1))
    assert again == ["Community calendar feeds: 0 community feed address(es) made, 2 in all."]
    assert dict(Community.objects.values_list("pk", "feed_key")) == keys
    assert not PersonalFeed.objects.exists()
