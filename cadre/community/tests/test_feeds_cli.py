"""``cadre community feeds personal|community|ics``."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from icalendar import Calendar

from cadre.community.models import Community, PersonalFeed
from cadre.community.selectors import feeds as sel
from cadre.community.tests.feeds_fixtures import fw  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("community_feeds", *args, stdout=out)
    return out.getvalue()


def test_personal_feed_status_create_and_revoke(fw) -> None:  # noqa: ANN001, F811
    email = fw.accounts.member.email
    assert "has no active community calendar feed" in _run("personal", "--user", email)
    made = _run("personal", "--user", email, "--create")
    url = made.strip().splitlines()[-1]
    raw = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert sel.feed_for_token(raw).person == fw.people.a_staff1
    assert "has an active community calendar feed" in _run("personal", "--user", email.upper())
    assert "revoked" in _run("personal", "--user", email, "--revoke")
    assert sel.feed_for_token(raw) is None
    assert "has no active" in _run("personal", "--user", email, "--revoke")
    assert PersonalFeed.objects.count() == 1


def test_a_community_s_address_and_its_replacement(fw) -> None:  # noqa: ANN001, F811
    first = _run("community", "--community", str(fw.open.pk)).strip()
    assert first == _run("community", "--community", str(fw.open.pk)).strip()
    replaced = _run("community", "--community", str(fw.open.pk), "--replace").strip()
    assert replaced != first
    assert replaced.endswith(f"{Community.objects.get(pk=fw.open.pk).feed_key}.ics")


def test_ics_writes_the_feed_to_standard_output(fw) -> None:  # noqa: ANN001, F811
    body = _run("ics", "--community", str(fw.open.pk))
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    calendar = Calendar.from_ical(body)
    uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
    assert fw.events.coming.uid in uids and fw.events.old.uid not in uids
    mine = Calendar.from_ical(_run("ics", "--user", fw.accounts.outsider.email))
    assert [str(e["UID"]) for e in mine.walk("VEVENT")] == [fw.events.coming.uid]


@pytest.mark.parametrize(("args", "message"), [
    (("ics", "--community", "999999"), "No community with the id 999999"),
    (("ics", "--community", "abc"), "must be a community's id"),
    (("ics", "--community", "0"), "positive number"),
    (("community", "--community", "-3"), "positive number"),
    (("personal", "--user", "nobody@example.org"), "No person with an account"),
    (("ics", "--user", "nobody@example.org"), "No person with an account"),
])
def test_bad_input_is_a_clear_error(fw, args, message) -> None:  # noqa: ANN001, F811
    with pytest.raises(CommandError, match=message):
        _run(*args)
