"""The error states of the forms that used to lose what was typed pass axe-core in Chromium.

Each case of ``tests/test_form_errors_keep_input.py`` (bad input posted to a form, a filter
that is not understood) is sent from a real page in the browser, with the page's own CSRF
token, and the page that comes back is checked at 1280 and 375 pixels: axe-core finds
nothing, nothing is wider than the screen outside a scroll container, the error summary is
there and its first link moves focus to the field.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.browser.test_axe_in_browser import AXE, WIDTHS, check
from tests.helpers import skip_or_fail
from tests.test_form_errors_keep_input import (  # noqa: F401 - fixtures
    CASES,
    FILTER_CASES,
    _account,
    _filters,
    mob,
    world,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Sends ``data`` to ``url`` as a form from the current page (its CSRF token included).
POST_JS = """([url, data]) => {
  const form = document.createElement('form');
  form.method = 'post';
  form.action = url;
  const token = document.querySelector('input[name=csrfmiddlewaretoken]');
  const all = Object.assign({csrfmiddlewaretoken: token ? token.value : ''}, data);
  for (const [name, value] of Object.entries(all)) {
    for (const one of [].concat(value)) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = String(one);
      form.appendChild(input);
    }
  }
  document.body.appendChild(form);
  form.submit();
}"""


def _signed_in(browser, live_server, user, width: int):  # noqa: ANN001, ANN202
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                          "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(20000)
    return page


def test_form_error_states_pass_axe(browser, live_server, world, make_account) -> None:  # noqa: ANN001, F811
    if not AXE.exists():
        skip_or_fail("axe-core is not built (npm ci, then scripts/build_frontend.py)")
    accounts = {who: _account(who, world, make_account)
                for who in {who for who, _ in CASES.values()}
                | {who for who, _ in _filters(world).values()}}
    problems: list[str] = []
    for width in WIDTHS:
        pages = {who: _signed_in(browser, live_server, user, width)
                 for who, user in accounts.items()}
        try:
            states = [(name, who, build(world)) for name, (who, build) in CASES.items()]
            states += [(name, *_filters(world)[name]) for name in FILTER_CASES]
            for name, who, bad in states:
                page = pages[who]
                if bad.method == "get":
                    page.goto(f"{live_server.url}{bad.url}")
                else:
                    # Any page of the site gives the CSRF token; the form's own page is best.
                    page.goto(f"{live_server.url}{bad.url}")
                    with page.expect_navigation():
                        page.evaluate(POST_JS, [bad.url, bad.data])
                label = f"{name} ({who}, {width} px)"
                summary = page.locator(".govuk-error-summary")
                if not summary.count():
                    problems.append(f"{label}: no error summary")
                    continue
                assert page.title().startswith("Error: "), label
                check(page, label, problems)
                link = summary.locator("a").first
                if bad.anchor and link.count():
                    link.click()
                    focused = page.evaluate("() => [document.activeElement && "
                                            "document.activeElement.id, location.hash]")
                    if bad.anchor not in (focused[0], focused[1].lstrip("#")):
                        problems.append(f"{label}: the summary's link leads to {focused}, "
                                        f"not #{bad.anchor}")
        finally:
            for page in pages.values():
                page.context.close()
    assert not problems, "\n".join(problems)
