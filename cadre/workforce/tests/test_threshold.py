"""The central team's threshold for accepting job titles automatically (issue 20, item 3):
who sets it and how (service, page, API, command line), what a classification does with it,
and the review queue's order (the most doubtful suggestions first)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.core.actor import command_line_actor
from cadre.workforce import services_review
from cadre.workforce.classifier import Classification
from cadre.workforce.models import ClassificationSettings, ReviewStatus, TitleClassification
from cadre.workforce.selectors_review import classification_settings, review_queue
from cadre.workforce.services_review import classify_organisation, review_classification
from cadre.workforce.services_settings import ThresholdConflict, set_auto_accept_threshold

pytestmark = pytest.mark.django_db
CLI = command_line_actor()
SETTINGS_PAGE = "/workforce/review/settings/"
SETTINGS_API = "/api/v1/workforce/classification-settings/"

#: What the stand-in engine says of each title: in the profession (role, level) or not, and
#: how confident it is.
ANSWERS = {
    "senior developer": (True, "Software developer", "Senior developer", 0.991),
    "lead developer": (True, "Software developer", "Lead developer", 0.95),
    "policy advisor": (False, None, None, 0.97),
    "data person": (True, "Software developer", "Senior developer", 0.55),
}


class StandIn:
    """An engine with fixed answers, so the thresholds below do not follow the real one."""

    name = "stand-in"

    def classify_many(self, rows: list) -> list[Classification]:
        out = []
        for title, *_ in rows:
            inside, role, level, confidence = ANSWERS[title.casefold()]
            out.append(Classification(inside, role_family="Software development" if inside
                                      else None, role=role, role_level=level,
                                      confidence=confidence, reason="Stand-in answer."))
        return out


@pytest.fixture
def titled(people, org_a, default_framework, monkeypatch):  # noqa: ANN001, ANN201
    monkeypatch.setattr(services_review, "get_engine", lambda *a, **k: StandIn())
    for person, title in [(people.a_head, "Lead Developer"),
                          (people.a_manager, "Senior Developer"),
                          (people.a_staff1, "Senior Developer"),
                          (people.a_staff2, "Policy Advisor"),
                          (people.a_other, "Data Person")]:
        person.job_title = title
        person.save()
    return org_a


def _status(org, key: str) -> str:  # noqa: ANN001
    return TitleClassification.objects.get(organisation=org, title_key=key).status


# The service ------------------------------------------------------------------------------

def test_only_the_central_team_and_administrators_set_it(people, org_a, make_account) -> None:  # noqa: ANN001
    for outsider in (make_account(Role.HEAD_OF_PROFESSION, org_a), make_account(Role.ANALYST),
                     make_account(person=people.a_staff1)):
        with pytest.raises(PermissionDenied):
            set_auto_accept_threshold(actor=outsider, threshold="0.9", version=0)
    assert not ClassificationSettings.objects.exists()
    central = make_account(Role.CENTRAL_TEAM)
    saved = set_auto_accept_threshold(actor=central, threshold="0.9", version=0)
    assert saved.auto_accept_above == Decimal("0.900") and saved.version == 1
    assert saved.changed_by == central and saved.changed_at is not None
    admin = make_account(Role.ADMINISTRATOR)
    assert set_auto_accept_threshold(actor=admin, threshold=None, version=1).version == 2
    assert set_auto_accept_threshold(actor=CLI, threshold=Decimal("1"), version=2).version == 3
    assert ClassificationSettings.objects.get().history.count() == 3


@pytest.mark.parametrize("value", ["0.499", "1.001", "abc", "0.9755", "NaN", "-1", True, "1e9"])
def test_a_threshold_out_of_range_or_not_a_number_names_the_field(value, db) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as error:
        set_auto_accept_threshold(actor=CLI, threshold=value, version=0)
    assert list(error.value.message_dict) == ["auto_accept_above"]
    assert not ClassificationSettings.objects.exists()


def test_the_version_must_be_a_whole_number(db) -> None:  # noqa: ANN001
    for version in ("x", "-1", None, "1.5"):
        with pytest.raises(ValidationError) as error:
            set_auto_accept_threshold(actor=CLI, threshold="0.9", version=version)
        assert list(error.value.message_dict) == ["version"]


def test_a_stale_version_is_a_conflict_and_changes_nothing(db) -> None:  # noqa: ANN001
    set_auto_accept_threshold(actor=CLI, threshold="0.9", version=0)
    with pytest.raises(ThresholdConflict) as error:
        set_auto_accept_threshold(actor=CLI, threshold="0.8", version=0)
    assert error.value.current_version == 1 and "version 1" in error.value.message
    assert classification_settings().auto_accept_above == Decimal("0.900")
    with pytest.raises(ThresholdConflict):
        set_auto_accept_threshold(actor=CLI, threshold="0.8", version=5)


def test_each_change_is_audited_with_before_and_after_and_the_same_value_is_no_change(
        db) -> None:  # noqa: ANN001
    set_auto_accept_threshold(actor=CLI, threshold="0.95", version=0)
    set_auto_accept_threshold(actor=CLI, threshold="0.97", version=1)
    again = set_auto_accept_threshold(actor=CLI, threshold="0.970", version=2)
    assert again.version == 2
    events = list(AuditEvent.objects.filter(summary__startswith="Job titles accepted "
                                            "automatically").order_by("pk"))
    assert len(events) == 2
    assert events[0].data["before"] == {"auto_accept_above": None}
    assert events[1].data["before"] == {"auto_accept_above": "0.950"}
    assert events[1].data["after"] == {"auto_accept_above": "0.970"}
    assert "0.970 or above (was 0.950 or above)" in events[1].summary


# Classifying with a threshold -------------------------------------------------------------

def test_suggestions_at_or_above_the_threshold_are_accepted_automatically(titled) -> None:  # noqa: ANN001
    set_auto_accept_threshold(actor=CLI, threshold="0.97", version=0)
    classify_organisation(actor=CLI, organisation=titled)
    senior = TitleClassification.objects.get(organisation=titled, title_key="senior developer")
    assert senior.status == ReviewStatus.AUTO
    assert senior.decided_at is not None and senior.decided_by is None
    assert _status(titled, "policy advisor") == ReviewStatus.AUTO  # 0.97: at the threshold
    assert _status(titled, "lead developer") == ReviewStatus.SUGGESTED
    data_person = TitleClassification.objects.get(title_key="data person")
    assert data_person.status == ReviewStatus.SUGGESTED and data_person.decided_at is None
    event = AuditEvent.objects.filter(summary__contains="classified").latest("pk")
    assert "2 titles accepted automatically" in event.summary
    assert event.data["auto_accepted"] == 2 and event.data["auto_accept_above"] == "0.970"


def test_never_accepts_nothing_automatically(titled) -> None:  # noqa: ANN001
    classify_organisation(actor=CLI, organisation=titled)
    assert not TitleClassification.objects.filter(status=ReviewStatus.AUTO).exists()
    event = AuditEvent.objects.filter(summary__contains="classified").latest("pk")
    assert event.data["auto_accepted"] == 0 and event.data["auto_accept_above"] is None


def test_the_next_classification_applies_a_new_threshold_and_keeps_reviewed_titles(
        titled) -> None:  # noqa: ANN001
    set_auto_accept_threshold(actor=CLI, threshold="0.95", version=0)
    classify_organisation(actor=CLI, organisation=titled)
    lead = TitleClassification.objects.get(title_key="lead developer")
    assert lead.status == ReviewStatus.AUTO
    policy = TitleClassification.objects.get(title_key="policy advisor")
    review_classification(actor=CLI, classification=policy, in_profession=False)
    assert _status(titled, "policy advisor") == ReviewStatus.ACCEPTED
    # A new threshold rewrites nothing by itself...
    set_auto_accept_threshold(actor=CLI, threshold="0.99", version=1)
    assert _status(titled, "lead developer") == ReviewStatus.AUTO
    # ... nor does a classification of only some people (an import's)...
    classify_organisation(actor=CLI, organisation=titled, person_ids=[])
    assert _status(titled, "lead developer") == ReviewStatus.AUTO
    # ... the next full classification decides suggestions and automatic ones again.
    classify_organisation(actor=CLI, organisation=titled)
    lead.refresh_from_db()
    assert lead.status == ReviewStatus.SUGGESTED and lead.decided_at is None
    assert _status(titled, "senior developer") == ReviewStatus.AUTO
    assert _status(titled, "policy advisor") == ReviewStatus.ACCEPTED
    set_auto_accept_threshold(actor=CLI, threshold=None, version=2)
    classify_organisation(actor=CLI, organisation=titled)
    assert set(TitleClassification.objects.values_list("status", flat=True)) == {
        ReviewStatus.SUGGESTED, ReviewStatus.ACCEPTED}


def test_a_title_accepted_automatically_can_still_be_corrected(titled) -> None:  # noqa: ANN001
    set_auto_accept_threshold(actor=CLI, threshold="0.95", version=0)
    classify_organisation(actor=CLI, organisation=titled)
    senior = TitleClassification.objects.get(title_key="senior developer")
    review_classification(actor=CLI, classification=senior, in_profession=False)
    senior.refresh_from_db()
    assert senior.status == ReviewStatus.CORRECTED
    classify_organisation(actor=CLI, organisation=titled)
    assert _status(titled, "senior developer") == ReviewStatus.CORRECTED


# The queue --------------------------------------------------------------------------------

def test_the_queue_puts_the_most_doubtful_suggestions_first(titled, make_account) -> None:  # noqa: ANN001
    set_auto_accept_threshold(actor=CLI, threshold="0.97", version=0)
    classify_organisation(actor=CLI, organisation=titled)
    TitleClassification.objects.filter(title_key="lead developer").update(confidence=0.55)
    central = make_account(Role.CENTRAL_TEAM)
    keys = [c.title_key for c in review_queue(central)]
    # Waiting, least confident first (two at 0.55 held by one person each: by title); then
    # the automatic ones, least confident first.
    assert keys == ["data person", "lead developer", "policy advisor", "senior developer"]
    TitleClassification.objects.filter(title_key="data person").update(people_count=3)
    assert [c.title_key for c in review_queue(central)][:2] == ["data person", "lead developer"]
    TitleClassification.objects.filter(title_key="data person").update(confidence=0.6)
    assert [c.title_key for c in review_queue(central)][:2] == ["lead developer", "data person"]
    automatic = [c.title_key for c in review_queue(central, status=ReviewStatus.AUTO)]
    assert automatic == ["policy advisor", "senior developer"]


# Pages ------------------------------------------------------------------------------------

def test_the_central_team_changes_it_on_its_page(titled, make_account, web_client) -> None:  # noqa: ANN001
    central = make_account(Role.CENTRAL_TEAM)
    web = web_client(central)
    queue = web.get("/workforce/review/").content.decode()
    assert SETTINGS_PAGE in queue and "No job title is accepted automatically" in queue
    page = web.get(SETTINGS_PAGE)
    text = page.content.decode()
    assert page.status_code == 200 and "Never: every job title waits for review" in text
    assert "estimated probability that its suggestion is right" in text
    assert "does not change titles already classified" in text
    saved = web.post(SETTINGS_PAGE, {"auto_accept_above": "0.97", "version": "0"})
    assert saved.status_code == 302
    assert classification_settings().auto_accept_above == Decimal("0.970")
    queue = web.get("/workforce/review/").content.decode()
    assert "at least 97% likely right" in queue
    bad = web.post(SETTINGS_PAGE, {"auto_accept_above": "1.5", "version": "1"})
    assert bad.status_code == 400 and "govuk-error-summary" in bad.content.decode()
    assert "from 0.500 to 1.000" in bad.content.decode()
    stale = web.post(SETTINGS_PAGE, {"auto_accept_above": "0.9", "version": "0"})
    assert stale.status_code == 409 and "changed by someone else" in stale.content.decode()
    cleared = web.post(SETTINGS_PAGE, {"auto_accept_above": "", "version": "1"})
    assert cleared.status_code == 302 and classification_settings().auto_accept_above is None


def test_heads_of_profession_see_it_and_review_automatic_titles(titled, make_account,  # noqa: ANN001
                                                                 web_client) -> None:
    set_auto_accept_threshold(actor=CLI, threshold="0.97", version=0)
    classify_organisation(actor=CLI, organisation=titled)
    head = make_account(Role.HEAD_OF_PROFESSION, titled)
    web = web_client(head)
    queue = web.get("/workforce/review/").content.decode()
    assert "confidence 0.970 or above" in queue and SETTINGS_PAGE not in queue
    assert "99% likely right" in queue and "Accepted automatically" in queue
    assert web.get(SETTINGS_PAGE).status_code == 403
    assert web.post(SETTINGS_PAGE, {"auto_accept_above": "", "version": "1"}).status_code == 403
    senior = TitleClassification.objects.get(title_key="senior developer")
    detail = web.get(f"/workforce/review/{senior.pk}/").content.decode()
    assert "Accepted automatically" in detail and "reached the central team's threshold" \
        in detail
    accepted = web.post(f"/workforce/review/{senior.pk}/",
                        {"in_profession": "yes", "role_level": senior.role_level_id})
    assert accepted.status_code == 302
    senior.refresh_from_db()
    assert senior.status == ReviewStatus.ACCEPTED and senior.decided_by == head
    filtered = web.get("/workforce/review/?status=auto").content.decode()
    assert "Policy Advisor" in filtered and "Lead Developer" not in filtered


# API --------------------------------------------------------------------------------------

def test_the_api_reads_and_sets_it(people, org_a, make_account, api_client) -> None:  # noqa: ANN001
    head = api_client(make_account(Role.HEAD_OF_PROFESSION, org_a))
    read = head.get(SETTINGS_API)
    assert read.status_code == 200
    assert read.json() == {"auto_accept_above": None, "version": 0, "changed_by": None,
                           "changed_at": None}
    assert head.put(SETTINGS_API, {"auto_accept_above": 0.9, "version": 0},
                    format="json").status_code == 403
    central_user = make_account(Role.CENTRAL_TEAM)
    central = api_client(central_user)
    put = central.put(SETTINGS_API, {"auto_accept_above": 0.97, "version": 0}, format="json")
    assert put.status_code == 200
    assert put.json()["auto_accept_above"] == "0.970" and put.json()["version"] == 1
    assert put.json()["changed_by"] == central_user.email
    stale = central.put(SETTINGS_API, {"auto_accept_above": "0.9", "version": 0}, format="json")
    assert stale.status_code == 409 and stale.json()["current_state"] == "version 1"
    for value in (1.2, "lots", 0.2, "0.12345"):
        bad = central.put(SETTINGS_API, {"auto_accept_above": value, "version": 1},
                          format="json")
        assert bad.status_code == 400
        assert [e["field"] for e in bad.json()["errors"]] == ["auto_accept_above"], value
    missing = central.put(SETTINGS_API, {"auto_accept_above": 0.9}, format="json")
    assert missing.status_code == 400 and missing.json()["errors"][0]["field"] == "version"
    assert central.patch(SETTINGS_API, {}, format="json").json()["version"] == 1
    same = central.patch(SETTINGS_API, {"auto_accept_above": "0.970"}, format="json")
    assert same.status_code == 200 and same.json()["version"] == 1
    unversioned = central.patch(SETTINGS_API, {"auto_accept_above": 0.8}, format="json")
    assert unversioned.status_code == 400
    assert unversioned.json()["errors"][0]["field"] == "version"
    never = central.patch(SETTINGS_API, {"auto_accept_above": None, "version": 1},
                          format="json")
    assert never.status_code == 200 and never.json()["auto_accept_above"] is None
    assert head.get(SETTINGS_API).json()["version"] == 2


# Command line -----------------------------------------------------------------------------

def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("workforce_threshold", *args, stdout=out)
    return out.getvalue()


def test_the_command_shows_and_sets_it(db) -> None:  # noqa: ANN001
    assert "never accepted automatically" in _run()
    assert "confidence is 0.970 or above" in _run("--set", "0.97")
    assert "Version 1" in _run()
    with pytest.raises(CommandError, match="auto_accept_above"):
        _run("--set", "2")
    assert "never accepted automatically" in _run("--never")
    assert classification_settings().version == 2
    with pytest.raises(CommandError):
        _run("--set", "0.9", "--never")
