"""Issue 12's "Controls people cannot use", checked on every page the demo roles reach.

The issue found them page by page: an opt-in checkbox nobody could see, multi-selects of
200 options one row tall, 17 browser ``mm/dd/yyyy`` date pickers, empty choices reading
``---------`` and ten ``aria-describedby`` references to ids that do not exist. The
tests next to each form check the forms they know of; this one opens the first address of
every page (URL name) that each demo sign-in reaches by links (``tests/demo_site.py``) and
checks the HTML of all of them, so a form added later cannot bring one back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.demo_site import crawl, demo_emails, load_demo_site

pytestmark = pytest.mark.django_db

#: A choice list longer than this is an accessible autocomplete, not a bare select.
LONG_LIST = 30

@dataclass
class _Control:
    tag: str
    attrs: dict[str, str]
    options: list[str] = field(default_factory=list)


class _Controls(HTMLParser):
    """Every id on the page, and its inputs and selects with their option texts."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.controls: list[_Control] = []
        self._select: _Control | None = None
        self._option: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if found.get("id"):
            self.ids.add(found["id"])
        if tag in ("input", "select", "textarea"):
            control = _Control(tag, found)
            self.controls.append(control)
            if tag == "select":
                self._select = control
        elif tag == "option" and self._select is not None:
            self._option = []

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._option.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "option" and self._select is not None and self._option is not None:
            self._select.options.append("".join(self._option).strip())
            self._option = None
        elif tag == "select":
            self._select = None


LONG_NO_AUTOCOMPLETE = "a long choice list with no autocomplete"


def problems_on(html: str) -> list[str]:
    """What the issue found wrong with controls, as found on this page."""
    page = _Controls()
    page.feed(html)
    found = []
    for control in page.controls:
        name = control.attrs.get("name") or control.attrs.get("id") or control.tag
        kind = control.attrs.get("type", "").lower()
        if control.tag == "input" and kind in ("date", "datetime-local", "month", "week"):
            found.append(f"{name}: a browser date picker (type={kind}), not day/month/year")
        if control.tag == "input" and kind == "checkbox" and "govuk-checkboxes__input" not in (
                control.attrs.get("class", "")):
            found.append(f"{name}: a checkbox that is not a GOV.UK checkbox")
        if control.tag == "select" and "multiple" in control.attrs:
            found.append(f"{name}: a multi-select (needs Ctrl-click)")
        if control.tag == "select" and any(set(o) == {"-"} for o in control.options):
            found.append(f"{name}: an empty choice reading '---------'")
        if (control.tag == "select" and len(control.options) > LONG_LIST
                and "autocomplete" not in control.attrs.get("data-module", "")):
            found.append(f"{name}: {LONG_NO_AUTOCOMPLETE}")
        for target in control.attrs.get("aria-describedby", "").split():
            if target not in page.ids:
                found.append(f"{name}: aria-describedby names #{target}, not on the page")
    return found


def test_problems_on_finds_what_the_issue_found() -> None:
    """The checker itself, on the controls the issue described."""
    bad = ('<input type="date" name="closing_date">'
           '<input type="checkbox" name="open_to_opportunities" class="hidden">'
           '<select name="targets" multiple><option value="">---------</option></select>'
           '<input name="title" aria-describedby="title-hint">')
    found = problems_on(bad)
    assert len(found) == 5, found
    long = "<select name='role'>" + "<option>Role</option>" * (LONG_LIST + 1) + "</select>"
    assert problems_on(long) == [f"role: {LONG_NO_AUTOCOMPLETE}"]
    good = ('<div id="title-hint"></div><input name="title" aria-describedby="title-hint">'
            '<input type="checkbox" class="govuk-checkboxes__input" name="hybrid">'
            '<select name="grade"><option value="">Choose a grade</option></select>')
    assert problems_on(good) == []


@pytest.fixture
def demo_site(db) -> None:  # noqa: ANN001
    load_demo_site()


def test_no_page_any_demo_role_reaches_has_a_control_the_issue_found(demo_site) -> None:  # noqa: ANN001
    problems: set[str] = set()
    checked: set[str] = set()
    for email in demo_emails():
        client = Client(raise_request_exception=False)
        client.force_login(get_user_model().objects.get(email=email),
                           backend="django.contrib.auth.backends.ModelBackend")
        result = crawl(client, max_pages=250, per_pattern=2)
        first: dict[str, str] = {}
        for url, name in result.names.items():
            if result.pages.get(url) == 200:
                first.setdefault(name, url)
        for name, url in sorted(first.items()):
            response = client.get(url)
            if "text/html" not in response.get("Content-Type", ""):
                continue
            checked.add(name)
            for problem in problems_on(response.content.decode()):
                problems.add(f"{name} ({url}): {problem}")
    assert len(checked) >= 60, f"only {len(checked)} pages checked"
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(sorted(problems))
