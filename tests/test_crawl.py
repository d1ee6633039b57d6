"""Every page a demo role may open is reachable by links from its home page, and no link breaks.

For each of the nine demo sign-ins (``cadre demo load``) the crawler (``tests/demo_site.py``)
opens the home page and follows links only. The test fails when a page URL name that the
permission map lets that account open (GET) is never reached, or when any reached link
answers 403, 404 or a server error. A URL with ids counts as reached when one instance is.
"""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils.module_loading import import_string

from cadre.access.rules import Rule
from tests.demo_site import crawl, demo_emails, load_demo_site

pytestmark = pytest.mark.django_db

#: Page URL names no link leads to, on purpose. Keep this short and say why.
EXEMPT = {
    "core:healthz": "a machine check for load balancers, not a page for people",
    "access:sign-in": "a signed-in account is sent on from it; it is where signing in starts",
    "access:sign-out": "the header's sign-out button is a form (POST) on every page",
    "access:signed-out": "reached by signing out, a form (POST), not a link",
    "access:password-email-sent": "reached by sending the password form (POST)",
    "access:password-set": "reached from the link in the password email",
    "access:password-set-done": "reached by saving a new password (POST)",
    "access:account-active": "a form's target (POST) on the account page",
    "access:role-revoke": "a form's target (POST) on the account page",
    "identity:callback": "where an identity provider sends the browser back after sign-in",
    "calendars:ics": "a calendar feed's secret address, shown once after creating the feed "
                     "(POST) for a calendar to fetch, never linked",
    "community:feed-personal-ics": "a personal community calendar feed's secret address, "
                                   "shown once after creating the feed (POST) for a calendar "
                                   "to fetch, never linked",
    "community:feed-community-ics": "a community calendar feed's address, shown on the "
                                    "community's feed page for a calendar to fetch, never "
                                    "linked",
    "community:communications-unsubscribe": "the signed unsubscribe link at the foot of a "
                                            "non-essential message's email, never linked "
                                            "on a page",
    "people:import-confirm": "the step after uploading a file (POST)",
    "organisations:import-confirm": "the step after uploading a file (POST)",
    "workforce:extract-mapping": "the step after uploading an extract (POST)",
    "workforce:extract-confirm": "the step after checking an extract's mapping (POST)",
    "framework:diff": "compares two framework versions; the demo loads one, so no form offers it",
    "accreditation:credential-verify": "one credential's public check page: its address is on "
                                       "the certificate and in the signed credential, for the "
                                       "holder to share; only holders and the central team "
                                       "have a list that links to it",
    "learning:spend-mapping": "the step after uploading a spend file (POST)",
    "learning:spend-confirm": "the step after checking a spend file's mapping (POST)",
    "xapi:statements": "the xAPI endpoint for learning providers' systems (Basic auth with a "
                       "provider's credential), not a page for people",
    "xapi:about": "the xAPI endpoint's version resource, for learning providers' systems",
    "jobs:detail": "a background job's page; the demo sign-ins have started none",
    "jobs:download": "the file of a job that made one (an export across government); only "
                     "accounts that may export across government start such jobs",
}

#: Pages at most per account; a crawl of the demo opens fewer than this.
MAX_PAGES = 1000


def page_names_allowed(user: object) -> set[str]:
    """Page (not API) URL names whose GET the permission map lets ``user`` open."""
    allowed = set()
    for name, entry in import_string(settings.CADRE_PERMISSION_MAP).items():
        if name.startswith("api:"):
            continue
        rule = entry if isinstance(entry, Rule) else entry.get("GET")
        if rule is not None and rule.allows(user):
            allowed.add(name)
    return allowed


@pytest.fixture
def demo_site(db) -> None:  # noqa: ANN001
    load_demo_site()


def test_every_allowed_page_is_reached_by_links_for_every_demo_role(demo_site) -> None:  # noqa: ANN001
    problems: list[str] = []
    report: list[str] = []
    for email in demo_emails():
        user = get_user_model().objects.get(email=email)
        client = Client(raise_request_exception=False)
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        started = time.monotonic()
        result = crawl(client, max_pages=MAX_PAGES)
        report.append(f"{email}: {len(result.pages)} pages in {time.monotonic() - started:.1f} s")
        for broken in result.broken():
            problems.append(f"{email}: {broken}")
        missing = page_names_allowed(user) - result.reached() - set(EXEMPT)
        for name in sorted(missing):
            problems.append(f"{email}: never reached {name}")
    print("\n".join(report))
    assert not problems, "\n".join(problems)
