"""The definitions page: reachable by every signed-in account, holds no records, and every
headline label's link lands on an entry that exists."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from cadre.access.roles import Role
from cadre.core.definitions import BY_SLUG, DEFINITIONS
from cadre.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_signed_out_visitors_are_sent_to_sign_in_and_everyone_else_reads_it(
        make_account, web_client) -> None:  # noqa: ANN001
    assert Client().get(reverse("core:definitions")).status_code in (302, 403)
    for role in (Role.ANALYST, Role.CENTRAL_TEAM, None):
        page = web_client(make_account(role)).get("/definitions")
        assert page.status_code == 200
        body = page.content.decode()
        for d in DEFINITIONS:
            assert f'id="{d.slug}"' in body
        # The four headline populations of issue 12, each defined.
        for slug in ("everyone", "current-staff", "in-the-profession", "capability-profile"):
            assert slug in BY_SLUG


def test_the_header_links_to_definitions(make_account, web_client) -> None:  # noqa: ANN001
    body = web_client(make_account(Role.ANALYST)).get("/").content.decode()
    assert 'href="/definitions"' in body


def test_tags_write_words_with_the_abbreviation_in_abbr(db) -> None:  # noqa: ANN001
    org = Organisation(name="Dunsford NHS Trust", abbreviation="DUNSHNHS")
    html = Template('{% load cadre_words %}{% organisation org %}|{% definition "current-staff" %}'
                    '|{% suppression_legend %}|{{ 3|small_count }}|{{ 7|small_count }}').render(
        Context({"org": org}))
    assert 'Dunsford NHS Trust (<abbr title="Dunsford NHS Trust">DUNSHNHS</abbr>)' in html
    assert '<a class="govuk-link" href="/definitions#current-staff">current staff</a>' in html
    assert "fewer than 5" in html and "[c]" in html and "#hidden-numbers" in html
    assert re.search(r"\|fewer than 5\|7$", html)
