"""Every URL in the permission map is opened by some privacy test, so a new page or endpoint
cannot ship without a test that outsiders get nothing from it.

A privacy test is a test module named ``test_*privacy*.py`` (in an app's ``tests`` or here).
It "opens" a URL name when it names it (``reverse("people:list")``; inside an app's tests a
bare name such as ``"moves"`` means that app's ``"<app>:moves"`` or ``"api:moves"``) or
requests a literal path that resolves to it (``"/people/{pk}/"``). Public URLs need no test;
the few that show only reference data, or nothing stored, are listed below with the reason.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from django.urls import Resolver404, resolve, reverse

from cadre.access.rules import PUBLIC
from config.permissions import PERMISSION_MAP

ROOT = Path(__file__).resolve().parent.parent

_FRAMEWORK = "the capability framework: reference data every account may read"
#: URL names with no privacy test, and why none is needed.
NO_PRIVATE_DATA = {
    **{name: _FRAMEWORK for name in (
        "framework:home", "framework:search", "framework:compare", "framework:path",
        "framework:versions", "framework:diff", "framework:export", "framework:role-level",
        "framework:role-profile", "framework:skill", "api:framework-list",
        "api:framework-detail", "api:framework-diff", "api:framework-export",
        "api:role-level-list", "api:role-level-detail", "api:skill-list", "api:skill-detail",
        "api:skill-mapping-list", "api:skill-mapping-detail", "api:career-path")},
    "organisations:list": "organisations and their unit trees: reference data",
    "organisations:detail": "organisations and their unit trees: reference data",
    "api:unit-list": "organisations' unit trees: reference data",
    "api:unit-detail": "organisations' unit trees: reference data",
    "api:grade-list": "grades and their equivalents: reference data",
    "api:grade-detail": "grades and their equivalents: reference data",
    "api:schema": "describes the endpoints, holds no records",
    "api:docs": "describes the endpoints, holds no records",
    "workforce:review-try": "classifies a title typed in; reads and stores nothing",
    "api:workforce-classify-title": "classifies a title sent; reads and stores nothing",
}


def _is_public(name: str) -> bool:
    entry = PERMISSION_MAP[name]
    rules = entry.values() if isinstance(entry, dict) else [entry]
    return all(rule is PUBLIC for rule in rules)


def _privacy_tests() -> list[Path]:
    return sorted([*ROOT.glob("cadre/*/tests/test_*privacy*.py"),
                   *ROOT.glob("tests/test_*privacy*.py")])


def _opened_by(path: Path) -> set[str]:
    source = path.read_text(encoding="utf-8")
    app = path.parent.parent.name if path.parent.parent.parent.name == "cadre" else None
    names: set[str] = set()
    for literal in re.findall(r'"(/[^"\s]*)"', source):
        url = re.sub(r"\{[^}]*\}", "1", literal).split("?")[0]
        with contextlib.suppress(Resolver404):
            names.add(resolve(url).view_name)
    for word in re.findall(r'"([a-z][a-z:-]*)"', source):
        candidates = [word, f"api:{word}"] + ([f"{app}:{word}"] if app else [])
        names.update(n for n in candidates if n in PERMISSION_MAP)
    return names


def test_every_url_name_is_opened_by_a_privacy_test() -> None:
    opened: set[str] = set()
    for path in _privacy_tests():
        opened |= _opened_by(path)
    needed = {n for n in PERMISSION_MAP if not _is_public(n)} - set(NO_PRIVATE_DATA)
    missing = sorted(needed - opened)
    assert not missing, f"No privacy test opens {missing}"


def test_the_exemptions_name_real_urls_that_are_not_public() -> None:
    stale = [n for n in NO_PRIVATE_DATA if n not in PERMISSION_MAP or _is_public(n)]
    assert not stale, f"Remove from NO_PRIVATE_DATA: {stale}"


@pytest.mark.django_db
def test_the_home_page_needs_a_signed_in_account_and_names_nobody(
        client, people, make_account, web_client) -> None:  # noqa: ANN001
    response = client.get(reverse("core:home"))
    assert response.status_code == 302 and "sign-in" in response["Location"]
    page = web_client(make_account(person=people.a_staff2)).get(reverse("core:home"))
    assert page.status_code == 200 and b"Astaffone" not in page.content
