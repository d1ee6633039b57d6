# ruff: noqa: F811 - pytest fixtures imported from commitments_fixtures are named as arguments
"""Review fixes: "not applicable" read only where the text opens by saying so, periods in
words on the pages, a UTF-16 file refused with a clear message (not a list of garbled
columns), and an oversized file refused by the command before it is read."""

from __future__ import annotations

import codecs
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from cadre.core.actor import Actor
from cadre.core.tabular import TableError
from cadre.strategy import commitment_rows as rows
from cadre.strategy.models import CommitmentEntry
from cadre.strategy.services import commitments as services
from cadre.strategy.tests.commitments_fixtures import (  # noqa: F401
    CLI,
    accounts,
    commitments_world,
    csv_bytes,
    row,
    stub_organisations,
)


def test_not_applicable_inside_a_later_sentence_is_not_the_mark() -> None:
    for text in ("Training is not applicable to contractors; we trained 200 staff.",
                 "We will apply the standard where applicable.",
                 "Whether or not applicable, every team will be assessed.",
                 "Digital leaders named. The old framework is not applicable any more.",
                 "Nano-degrees for 40 staff", "Not only ours: n/a-style forms were removed"):
        assert not rows.says_not_applicable(text), text
    for text in ("This action is not applicable to (HM Treasury) HMT.",
                 "Not applicable but will form part of the work to support action 3.",
                 "not-applicable", "N/A", "  n/a.", "The action does not apply to DfE.",
                 "This commitment was not applicable to us"):
        assert rows.says_not_applicable(text), text


def test_period_labels() -> None:
    assert rows.period_label("2012-12") == "December 2012"
    assert rows.period_label("2013-01") == "January 2013"
    assert rows.period_label("2013") == "2013"
    assert rows.period_label("2013-13") == "2013-13"


@pytest.mark.django_db
def test_pages_name_periods_in_words(commitments_world, accounts, client) -> None:  # noqa: ANN001
    w = commitments_world
    client.force_login(accounts["hop_a"])
    page = client.get(reverse("strategy:commitments-organisation", args=[w.org_a.pk]))
    assert "Commitment December 2012" in page.content.decode()
    form = client.get(reverse("strategy:commitments-entry-edit", args=[w.action.pk, w.org_a.pk]),
                      {"kind": "commitment", "period": "2012-12"})
    assert "Change the commitment for December 2012" in form.content.decode()


@pytest.mark.django_db
def test_a_utf16_file_is_refused_clearly(org_a, stub_organisations, accounts,  # noqa: ANN001
                                        api_client) -> None:  # noqa: ANN001
    data = csv_bytes([row("Department A")]).decode().encode("utf-16")
    with pytest.raises(TableError) as exc:
        services.import_commitments(actor=CLI, data=data, filename="c.csv")
    assert [str(e) for e in exc.value.errors] == [
        "c.csv is saved as UTF-16: save it as CSV UTF-8 (or Excel) and upload it again."]
    response = api_client(accounts["central"]).post(
        reverse("api:strategy-commitment-import"),
        {"file": SimpleUploadedFile("c.csv", data)}, format="multipart")
    assert response.status_code == 400
    assert "UTF-16" in response.json()["errors"][0]["message"]
    assert not CommitmentEntry.objects.exists()


@pytest.mark.django_db
def test_the_command_refuses_an_oversized_file_unread(tmp_path) -> None:  # noqa: ANN001
    big = tmp_path / "big.csv"
    with big.open("wb") as out:
        out.truncate(services.MAX_IMPORT_BYTES + 1)
    with pytest.raises(CommandError, match="larger than 5 MB"):
        call_command("strategy_import_commitments", str(big), stdout=io.StringIO())
    assert not CommitmentEntry.objects.exists()


@pytest.mark.django_db
def test_utf8_with_a_bom_still_imports(org_a, stub_organisations) -> None:  # noqa: ANN001
    data = codecs.BOM_UTF8 + csv_bytes([row("Department A", text="N/A")])
    result = services.import_commitments(actor=CLI, data=data, filename="c.csv")
    assert (result.created, result.not_applicable) == (1, 1)


@pytest.mark.django_db
def test_an_action_id_in_other_digits_is_refused(commitments_world, accounts,  # noqa: ANN001
                                                 api_client) -> None:
    w = commitments_world
    client = api_client(accounts["hop_a"])
    payload = {"organisation": "DA", "kind": "plan", "period": "2015", "text": "Go."}
    digits = str(w.action.pk)
    # The action's own id in Arabic-Indic and full-width digits: int() reads both.
    for odd in ("".join(chr(0x660 + int(c)) for c in digits),
                "".join(chr(0xFF10 + int(c)) for c in digits), f"{digits}\u00b2"):
        response = client.post(reverse("api:strategy-commitment-list"),
                               {**payload, "action": odd}, format="json")
        assert response.status_code == 400, odd
        assert response.json()["errors"][0]["field"] == "action"
    assert not CommitmentEntry.objects.filter(kind="plan").exists()
    ok = client.post(reverse("api:strategy-commitment-list"),
                     {**payload, "action": str(w.action.pk)}, format="json")
    assert ok.status_code == 201


def test_the_entry_form_refuses_to_overwrite_a_change_made_after_it_was_opened(
        make_account, web_client) -> None:  # noqa: ANN001
    """Two people open the same entry; the second to save is told, and nothing of the first
    is lost (a 409 with the reason)."""
    from cadre.access.roles import Role
    from tests.factories import OrganisationFactory

    org = OrganisationFactory()
    cli = Actor.command_line("tester")
    action = services.create_action(actor=cli, strategy_name="S", name="Action 1")
    services.save_entry(actor=cli, action=action, organisation=org, kind="progress",
                        period="2015", text="First text.")
    url = (reverse("strategy:commitments-entry-edit", args=[action.pk, org.pk])
           + "?kind=progress&period=2015")
    first, second = (web_client(make_account(Role.HEAD_OF_PROFESSION, organisation=org))
                     for _ in range(2))
    opened = first.get(url).content.decode()
    seen = re.search(r'name="seen" value="([^"]*)"', opened).group(1)
    assert seen.startswith("progress|2015|")
    second.get(url)
    form = {"kind": "progress", "period": "2015", "text": "Second text.", "seen": seen}
    assert second.post(url, form).status_code == 302
    form["text"] = "Stale text."
    response = first.post(url, form)
    assert response.status_code == 409
    assert "after you opened the form" in response.content.decode()
    assert CommitmentEntry.objects.get(action=action, organisation=org).text == "Second text."
    # Saved as another period, where an entry already is, is refused too.
    services.save_entry(actor=cli, action=action, organisation=org, kind="plan",
                        period="2016", text="Plan.")
    response = first.post(url, {"kind": "plan", "period": "2016", "text": "Over it.",
                                "seen": seen})
    assert response.status_code == 409
    assert "There is already a plan for 2016" in response.content.decode()
    assert CommitmentEntry.objects.get(kind="plan").text == "Plan."
