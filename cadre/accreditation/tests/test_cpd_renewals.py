"""CPD records and renewal: reminders, automatic renewal, lapse (suspension) and
reinstatement, through the services, pages, API and command line."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cadre.accreditation.models import Award, CpdRecord, Lapse, RenewalReminder
from cadre.accreditation.services import cpd as services
from cadre.accreditation.services.renewals import run_renewals
from cadre.accreditation.tests.cred_fixtures import award_for, cred  # noqa: F401
from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor
from cadre.notifications.models import Message

pytestmark = pytest.mark.django_db


def _add(person, credits: int, on: dt.date, actor=None):  # noqa: ANN001, ANN202
    """A CPD record; dated in the future of the real today for the renewal runs, which
    are told their own today, so written directly rather than through the service."""
    if on > timezone.localdate():
        return CpdRecord.objects.create(person=person, activity=f"Course ({credits})",
                                        category="formal", completed_on=on, credits=credits)
    return services.record_cpd(actor=actor or Actor.system(), person=person,
                               activity=f"Course ({credits})", category="formal",
                               completed_on=on, credits=credits)


def test_a_person_records_their_own_cpd_and_it_is_audited(cred) -> None:  # noqa: F811
    record = services.record_cpd(actor=cred.holder, person=cred.application.person,
                                 activity="Threat modelling course", category="formal",
                                 completed_on=timezone.localdate(), credits="7", hours="6.5",
                                 link="https://example.org/cert")
    assert record.credits == 7 and str(record.hours) == "6.5" and record.source == "typed"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.RECORD_CREATED,
                                     summary__startswith="CPD recorded").exists()


def test_someone_else_cannot_record_cpd_for_a_person(cred) -> None:  # noqa: F811
    with pytest.raises(PermissionDenied):
        services.record_cpd(actor=cred.stranger, person=cred.application.person,
                            activity="x", category="formal",
                            completed_on=timezone.localdate())


@pytest.mark.parametrize(("field", "value"), [
    ("activity", ""), ("activity", "a" * 201), ("category", "gardening"),
    ("completed_on", "2999-01-01"), ("completed_on", "yesterday"), ("credits", "101"),
    ("credits", "-1"), ("hours", "1.25"), ("hours", "501"), ("hours", "lots"),
    ("link", "ftp://example.org"), ("evidence", "e" * 5001),
])
def test_bad_fields_are_refused_by_name_and_nothing_is_saved(cred, field, value) -> None:  # noqa: ANN001, F811
    values = {"activity": "Course", "category": "formal",
              "completed_on": timezone.localdate().isoformat(), "credits": 1}
    values[field] = value
    with pytest.raises(ValidationError) as caught:
        services.record_cpd(actor=cred.holder, person=cred.application.person, **values)
    assert field in caught.value.message_dict
    assert not CpdRecord.objects.exists()


def test_records_from_learning_records_are_not_the_persons_to_change(cred) -> None:  # noqa: F811
    record = services.record_cpd(actor=Actor.system(), person=cred.application.person,
                                 activity="E-learning", category="formal",
                                 completed_on=timezone.localdate(), credits=2,
                                 source="learning_record")
    with pytest.raises(PermissionDenied):
        services.update_cpd(actor=cred.holder, record_id=record.pk, credits=20)
    with pytest.raises(PermissionDenied):
        services.record_cpd(actor=cred.holder, person=cred.application.person,
                            activity="x", category="formal",
                            completed_on=timezone.localdate(), source="learning_record")


def test_update_changes_only_the_fields_given_and_delete_removes(cred) -> None:  # noqa: F811
    record = _add(cred.application.person, 3, timezone.localdate(), actor=cred.holder)
    services.update_cpd(actor=cred.holder, record_id=record.pk, credits=5)
    record.refresh_from_db()
    assert record.credits == 5 and record.activity == "Course (3)"
    with pytest.raises(ValidationError) as caught:
        services.update_cpd(actor=cred.holder, record_id=record.pk, person=1)
    assert "person" in caught.value.message_dict
    services.delete_cpd(actor=cred.holder, record_id=record.pk)
    assert not CpdRecord.objects.exists()


def test_reminder_goes_once_before_expiry(cred) -> None:  # noqa: F811
    award = award_for(cred)
    today = award.expires_on - dt.timedelta(days=80)
    run = run_renewals(today=today)
    assert run.reminded == [award.pk]
    message = Message.objects.get(kind="accreditation_renewal")
    assert message.to == cred.application.person.email
    assert "Senior practitioner" in message.subject
    assert run_renewals(today=today).reminded == []
    # The 30-day reminder is a second, separate message.
    assert run_renewals(today=award.expires_on - dt.timedelta(days=29)).reminded == [award.pk]
    assert RenewalReminder.objects.filter(award=award).count() == 2


def test_expired_award_with_enough_cpd_renews_from_its_old_expiry(cred) -> None:  # noqa: F811
    award = award_for(cred)
    _add(cred.application.person, 20, award.expires_on - dt.timedelta(days=100))
    run = run_renewals(today=award.expires_on + dt.timedelta(days=1))
    award_after = Award.objects.get(pk=award.pk)
    assert run.renewed == [award.pk]
    assert award_after.status == Award.Status.ACTIVE
    assert award_after.expires_on == award.expires_on.replace(year=award.expires_on.year + 2)


def test_lapse_suspends_then_meeting_the_requirement_reinstates(cred) -> None:  # noqa: F811
    award = award_for(cred)
    _add(cred.application.person, 5, award.expires_on - dt.timedelta(days=100))
    lapse_day = award.expires_on + dt.timedelta(days=1)
    run = run_renewals(today=lapse_day)
    assert run.lapsed == [award.pk]
    award.refresh_from_db()
    assert award.status == Award.Status.SUSPENDED
    assert "5 of the 20 CPD credits" in award.status_reason
    assert Lapse.objects.get(award=award).credits == 5
    # The public status is suspended too (the status list is built from the statuses).
    page = f"/accreditation/credentials/{award.public_id}/"
    from django.test import Client
    assert "uspended" in Client().get(page).content.decode()
    # Still short: nothing happens; enough: reinstated and renewed from that day.
    assert run_renewals(today=lapse_day + dt.timedelta(days=5)).reinstated == []
    _add(cred.application.person, 15, lapse_day + dt.timedelta(days=6))
    later = lapse_day + dt.timedelta(days=10)
    assert run_renewals(today=later).reinstated == [award.pk]
    award.refresh_from_db()
    assert award.status == Award.Status.ACTIVE and award.status_reason == ""
    assert award.expires_on > later
    assert Lapse.objects.get(award=award).reinstated_on == later


def test_renewals_command_prints_what_it_did(cred) -> None:  # noqa: F811
    award = award_for(cred)
    out = io.StringIO()
    day = (award.expires_on - dt.timedelta(days=10)).isoformat()
    call_command("accreditation_renewals", "--today", day, stdout=out)
    assert json.loads(out.getvalue())["reminded"] == [award.pk]
    from django.core.management.base import CommandError
    with pytest.raises(CommandError, match="--today"):
        call_command("accreditation_renewals", "--today", "soon", stdout=io.StringIO())


def test_cpd_command_lists_a_persons_records(cred) -> None:  # noqa: F811
    person = cred.application.person
    _add(person, 4, timezone.localdate())
    out = io.StringIO()
    call_command("accreditation_cpd", "--organisation", person.organisation.abbreviation,
                 "--staff-number", person.staff_number, "--format", "csv", stdout=out)
    assert out.getvalue().splitlines()[0] == "completed_on,activity,category,credits,hours,source"
    assert "Course (4)" in out.getvalue()


def test_cpd_page_adds_a_record_and_shows_errors_by_field(cred, client) -> None:  # noqa: ANN001, F811
    award_for(cred)
    client.force_login(cred.holder)
    page = client.get(reverse("accreditation:cpd"))
    assert page.status_code == 200
    assert "Senior practitioner" in page.content.decode()
    today = timezone.localdate()
    bad = client.post(reverse("accreditation:cpd"), {
        "activity": "", "category": "formal", "completed_on_0": today.day,
        "completed_on_1": today.month, "completed_on_2": today.year, "credits": "3"})
    assert bad.status_code == 400
    assert "govuk-error-summary" in bad.content.decode()
    good = client.post(reverse("accreditation:cpd"), {
        "activity": "Cloud course", "category": "formal", "completed_on_0": today.day,
        "completed_on_1": today.month, "completed_on_2": today.year, "credits": "3"})
    assert good.status_code == 302
    record = CpdRecord.objects.get(activity="Cloud course")
    assert client.get(reverse("accreditation:cpd-record", args=[record.pk])).status_code == 200
    client.force_login(cred.stranger)
    assert client.get(reverse("accreditation:cpd-record", args=[record.pk])).status_code in (
        403, 404)


def test_cpd_api_lists_adds_changes_and_removes(cred, client) -> None:  # noqa: ANN001, F811
    client.force_login(cred.holder)
    url = "/api/v1/accreditation/cpd/"
    created = client.post(url, {"activity": "Talk", "category": "professional",
                                "completed_on": timezone.localdate().isoformat(),
                                "credits": 2}, content_type="application/json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert client.get(url).json()["count"] == 1
    too_many = client.patch(f"{url}{pk}/", {"credits": 500}, content_type="application/json")
    assert too_many.status_code == 400 and "credits" in too_many.content.decode()
    assert client.patch(f"{url}{pk}/", {"credits": 4},
                        content_type="application/json").json()["credits"] == 4
    client.force_login(cred.stranger)
    assert client.get(f"{url}{pk}/").status_code == 404
    assert client.get(f"{url}?person={cred.application.person_id}").status_code == 404
    client.force_login(cred.holder)
    assert client.delete(f"{url}{pk}/").status_code == 204
