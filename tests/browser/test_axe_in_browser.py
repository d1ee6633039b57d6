"""Every page template the demo roles reach passes axe-core, at 1280 and at 375 pixels wide.

The demo site (``tests/demo_site.py``) is crawled by links as each demo role; the first
address found for each page template is then opened in Chromium as that role, axe-core
(``npm``, pinned in package.json, copied to ``tests/browser/vendor/`` by
``scripts/build_frontend.py``) is injected and run, and the page is checked for content
wider than the viewport outside a scroll container. Pages with a form are also checked
after sending the form empty, in their error state. Any violation fails the test, listed
by template.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.demo_site import crawl, demo_emails, load_demo_site
from tests.helpers import skip_or_fail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WIDTHS = (1280, 375)
#: WCAG 2.2 A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
#: Templates that are layout pieces, not pages.
NOT_PAGES = ("core/base.html", "core/includes/", "django/forms/", "gds/", "crispy")
#: Forms not sent empty to see their errors: they change something without any field.
NO_ERROR_STATE = ("sign-out", "/active/", "/revoke/", "/delete/")

#: Elements wider than the viewport that are not inside anything that scrolls sideways.
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if ((o === 'auto' || o === 'scroll') && p !== document.documentElement
          && p !== document.body) return true;
    }
    return false;
  };
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 1 && !scrolls(el)
        && getComputedStyle(el).position !== 'fixed' && !el.closest('.govuk-visually-hidden')) {
      wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + (el.className && typeof el.className === 'string'
                   ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                + ' (' + Math.round(box.right) + ' px)');
    }
  }
  return wide.slice(0, 5);
}"""

RUN_AXE_JS = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map(v => v.id + ': ' + v.help + ' [' +
    v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ') + ']');
}"""


def page_template(templates: set[str]) -> str | None:
    """The page's own template: the first that is not a layout piece or include."""
    pages = sorted(t for t in templates if not t.startswith(NOT_PAGES) and "/_" not in t
                   and "includes/" not in t)
    return pages[0] if pages else None


def pages_by_template() -> dict[str, tuple[str, str]]:
    """One (sign-in email, address) per page template the demo roles reach by links."""
    chosen: dict[str, tuple[str, str]] = {}
    for email in demo_emails():
        client = Client(raise_request_exception=False)
        client.force_login(get_user_model().objects.get(email=email),
                           backend="django.contrib.auth.backends.ModelBackend")
        result = crawl(client, max_pages=250, per_pattern=2)
        for url, status in result.pages.items():
            template = page_template(result.templates.get(url, set()))
            if status == 200 and template and template not in chosen:
                chosen[template] = (email, url)
    return chosen


def check(page, label: str, problems: list[str]) -> None:  # noqa: ANN001
    """axe and (at 375 px) width, on the page as it stands."""
    page.add_script_tag(path=str(AXE))
    for violation in page.evaluate(RUN_AXE_JS, AXE_TAGS):
        problems.append(f"{label}: {violation}")
    if page.viewport_size["width"] < 400:
        wide = page.evaluate(OVERFLOW_JS)
        if wide:
            problems.append(f"{label}: wider than the screen: {', '.join(wide)}")


def test_every_page_template_passes_axe_at_1280_and_375(browser, live_server) -> None:  # noqa: ANN001
    if not AXE.exists():
        skip_or_fail("axe-core is not built (npm ci, then scripts/build_frontend.py)")
    started = time.monotonic()
    load_demo_site()
    chosen = pages_by_template()
    crawled = time.monotonic()
    assert len(chosen) >= 40, f"the crawl found only {len(chosen)} page templates"
    problems: list[str] = []
    error_states = 0
    contexts: dict[tuple[str, int], object] = {}
    try:
        for template, (email, url) in sorted(chosen.items()):
            for width in WIDTHS:
                key = (email, width)
                if key not in contexts:
                    client = Client()
                    client.force_login(get_user_model().objects.get(email=email),
                                       backend="django.contrib.auth.backends.ModelBackend")
                    context = browser.new_context(viewport={"width": width, "height": 900},
                                                  bypass_csp=True)
                    context.add_cookies([{"name": "sessionid",
                                          "value": client.cookies["sessionid"].value,
                                          "url": live_server.url}])
                    contexts[key] = context.new_page()
                page = contexts[key]
                page.goto(f"{live_server.url}{url}")
                check(page, f"{template} ({url} as {email}, {width} px)", problems)
                form = page.locator("main form[method=post]").first
                if form.count() and not any(
                        part in (form.get_attribute("action") or url) for part in NO_ERROR_STATE):
                    for field in form.locator(
                            "input[type=text], input[type=email], input[type=number], "
                            "input:not([type]), textarea").all():
                        if field.is_visible() and field.is_editable():
                            field.fill("")
                    submit = form.locator("button[type=submit], button:not([type]), "
                                          "input[type=submit]").first
                    if submit.count() and submit.is_visible():
                        submit.click()
                        page.wait_for_load_state()
                        if page.locator(".govuk-error-summary").count():
                            error_states += 1
                            check(page, f"{template} error state ({url} as {email}, {width} px)",
                                  problems)
    finally:
        for page in contexts.values():
            page.context.close()
    print(f"{len(chosen)} templates, {error_states} error states; "
          f"crawl {crawled - started:.0f} s, "
          f"browser {time.monotonic() - crawled:.0f} s")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(sorted(problems))
