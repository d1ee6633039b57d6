"""Issue 12's layout examples, on the pages it named, at 1280 and 375 pixels wide.

The issue found the workforce picture's "profession over time" table overflowing the page
at 1280 px, the team matrix scrolling 1,500 px sideways into blank space, the vacancies,
nine-box and workforce tables overflowing at 375 px, and a service navigation that did
not collapse on a small screen. The accessibility test (``test_axe_in_browser.py``)
checks width at 375 px on every page template; this one opens the named pages at both
widths, checks that nothing is wider than the page outside a scroll container, that every
scroll container is keyboard-reachable and ends where its table ends, and that the
navigation is a menu button at 375 px.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from cadre.access.roles import Role
from cadre.access.services import grant_role
from cadre.talent.models import AppraisalCycle
from tests.browser.test_axe_in_browser import OVERFLOW_JS
from tests.demo_site import load_demo_site
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Per scroll container: its label, whether it scrolls and can then be focused (the page
#: makes it a tab stop only while it has something to scroll), and how far it scrolls past
#: the right edge of anything in it (blank space), in pixels.
SCROLL_REGIONS_JS = """() => Array.from(document.querySelectorAll('.cadre-table-scroll')).map(r => {
  const left = r.getBoundingClientRect().left - r.scrollLeft;
  let right = 0;
  for (const el of r.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width) right = Math.max(right, box.right - left);
  }
  return {label: r.getAttribute('aria-label') || '', tabindex: r.getAttribute('tabindex'),
          role: r.getAttribute('role'), blank: Math.round(r.scrollWidth - right),
          scrolls: r.scrollWidth > r.clientWidth + 1};
})"""


def _session_page(browser, live_server, email: str, width: int):  # noqa: ANN001, ANN202
    client = Client()
    client.force_login(get_user_model().objects.get(email=email),
                       backend="django.contrib.auth.backends.ModelBackend")
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                          "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15000)
    return page


def test_the_pages_the_issue_named_fit_at_1280_and_375(browser, live_server) -> None:  # noqa: ANN001
    load_demo_site()
    cycle = AppraisalCycle.objects.order_by("pk").first()
    pages = [
        ("analyst@cadre.example", "/workforce/organisation/DWP/",
         "The profession over time, extract by extract"),
        ("analyst@cadre.example", "/workforce/government/", "Headcount by organisation"),
        ("manager.dwp@cadre.example", "/capability/team/", None),
        ("central@cadre.example", "/talent/vacancies/", None),
        ("hop.dwp@cadre.example", f"/talent/identification/cycles/{cycle.pk}/",
         "Nine-box grid: potential (rows, high first) by performance (columns, low first)"),
    ]
    problems: list[str] = []
    for width in (1280, 375):
        for email, url, table in pages:
            page = _session_page(browser, live_server, email, width)
            page.goto(f"{live_server.url}{url}")
            label = f"{url} at {width} px"
            if table:
                assert page.get_by_role("table", name=table).count() == 1, (label, table)
            wide = page.evaluate(OVERFLOW_JS)
            if wide:
                problems.append(f"{label}: wider than the page: {', '.join(wide)}")
            regions = page.evaluate(SCROLL_REGIONS_JS)
            if url == "/capability/team/":
                assert regions, "the team matrix is not in a scroll container"
            for region in regions:
                if region["role"] != "region" or not region["label"] or (
                        region["scrolls"] and region["tabindex"] != "0"):
                    problems.append(f"{label}: scroll container {region} cannot be reached "
                                    "and named by keyboard")
                if region["blank"] > 2:
                    problems.append(f"{label}: {region['label']} scrolls {region['blank']} px "
                                    "past its content")
            page.context.close()
    assert not problems, "\n".join(problems)


def test_the_service_navigation_is_a_menu_at_375(browser, live_server, transactional_db) -> None:  # noqa: ANN001
    user = UserFactory(email="narrow@example.gov.uk")
    grant_role(user=user, role=Role.CENTRAL_TEAM, organisation=None, actor=None)
    for width, collapsed in ((375, True), (1280, False)):
        page = _session_page(browser, live_server, user.email, width)
        page.goto(f"{live_server.url}/")
        toggle = page.locator(".govuk-service-navigation__toggle")
        workforce = page.locator("#navigation").get_by_role("link", name="Workforce", exact=True)
        assert toggle.is_visible() is collapsed, width
        assert workforce.is_visible() is not collapsed, width
        if collapsed:
            toggle.click()
            assert workforce.is_visible()
            assert toggle.get_attribute("aria-expanded") == "true"
        assert page.evaluate(OVERFLOW_JS) == [], width
        page.context.close()
