"""Review: the words in place of a hidden value are true. A superseded value resting on
5 or more people, hidden because the current value of its cell is small, reads [c]
(hidden to protect another figure), not "fewer than 5 people"."""

from __future__ import annotations

import pytest

from cadre.strategy import metrics_rules as rules
from cadre.strategy.selectors import metrics as sel
from cadre.strategy.services import metrics as services
from cadre.strategy.tests.metrics_fixtures import (  # noqa: F401
    CLI,
    fake_source,
    metrics_world,
)

pytestmark = pytest.mark.django_db


def test_superseded_value_on_many_people_is_not_labelled_small(metrics_world) -> None:  # noqa: ANN001, F811
    w = metrics_world
    org = w.orgs["DA"]
    services.record_value(actor=CLI, definition_id=w.entered.pk, organisation=org.pk,
                          period="2025-26", value="70", people="40")
    services.record_value(actor=CLI, definition_id=w.entered.pk, organisation=org.pk,
                          period="2025-26", value="50", people="3")
    shown = {s.row.people: s for s in sel.history(w.entered, "2025-26")}
    assert shown[3].mark == rules.SMALL and shown[3].label == "fewer than 5 people"
    old = shown[40]
    assert old.hidden and old.value is None
    assert old.mark == rules.PROTECTED
    assert old.label == "[c]"
    assert "fewer than" not in old.note


def test_definition_edit_page_refuses_a_stale_form(metrics_world, make_account,  # noqa: ANN001, F811
                                                    web_client) -> None:  # noqa: ANN001
    """Two editors: the second saves from a form opened before the first's change; the
    first's change is not overwritten with the old value the form still holds."""
    import re

    from django.urls import reverse

    from cadre.strategy.models import MetricDefinition

    w = metrics_world
    web = web_client(make_account("central_team"))
    edit = reverse("strategy:metric-edit", args=[w.entered.pk])
    page = web.get(edit).content.decode()
    found = re.search(r'name="version"[^>]*value="([^"]*)"', page) or re.search(
        r'value="([^"]*)"[^>]*name="version"', page)
    form = {"name": "User satisfaction score", "unit": "percent", "direction": "higher",
            "frequency": "yearly", "source": "entered", "method": "Old words.",
            "agreed": "on", "version": found.group(1) if found else ""}
    services.update_definition(actor=CLI, definition_id=w.entered.pk,
                               method="New words from the other editor.")
    response = web.post(edit, form)
    assert response.status_code == 409
    assert "since you opened the form" in response.content.decode()
    stored = MetricDefinition.objects.get(pk=w.entered.pk)
    assert stored.method == "New words from the other editor."
    assert stored.name == "User satisfaction"
