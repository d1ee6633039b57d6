"""Posting reviews, fast streamers' outcomes, and retention in the profession after the
scheme, on the services, pages and API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.core.workflow import TransitionConflict
from cadre.framework.models import Framework, Skill
from cadre.programmes import services
from cadre.programmes.models import FastStreamer, PostingReview, PostingRound
from cadre.programmes.selectors import fast_stream as sel
from cadre.workforce.models import Extract, ExtractRecord
from tests.factories import GradeFactory, PersonFactory
from tests.races import needs_postgres, run_together

pytestmark = pytest.mark.django_db


def _published(fs, central):  # noqa: ANN001, ANN202
    services.set_preferences(actor=None, round_=fs.round, fast_streamer=fs.a_streamer,
                             offers=[fs.data])
    services.allocate_round(actor=central, round_=fs.round)
    services.transition_round(actor=central, round_id=fs.round.pk, action="publish")
    return fs.a_streamer.postings.get(round=fs.round)


def _skill() -> Skill:
    framework = Framework.objects.first() or Framework.objects.create(name="DDaT")
    return Skill.objects.create(framework=framework, name="Data engineering")


def test_the_host_manager_reviews_once_and_may_change_it_until_the_end(
        fast_stream, central, people, make_account) -> None:  # noqa: ANN001
    fs = fast_stream
    posting = _published(fs, central)
    assert posting.offer == fs.data and posting.ends_on == dt.date(2026, 10, 1)
    manager = make_account(person=people.b_head)
    skill = _skill()
    review = services.review_posting(actor=manager, posting=posting, rating=3,
                                     skills=[skill], comments="  Good work ",
                                     today=dt.date(2026, 6, 1))
    again = services.review_posting(actor=manager, posting=posting, rating=4, comments="Better",
                                    today=dt.date(2026, 9, 30))
    assert again.pk == review.pk and PostingReview.objects.count() == 1
    assert (again.rating, again.comments, list(again.skills.all())) == (4, "Better", [])
    assert AuditEvent.objects.filter(summary=f"Review of posting {posting.pk} written").exists()
    assert AuditEvent.objects.filter(summary=f"Review of posting {posting.pk} changed").exists()
    with pytest.raises(ValidationError, match="no longer be changed"):
        services.review_posting(actor=central, posting=posting, rating=2,
                                today=dt.date(2026, 10, 1))
    with pytest.raises(ValidationError) as bad:
        services.review_posting(actor=central, posting=posting, rating=9, comments="x" * 5001,
                                today=dt.date(2026, 6, 1))
    assert "rating" in bad.value.message_dict or "comments" in bad.value.message_dict
    for user in (make_account(person=people.a_staff1),
                 make_account(Role.HEAD_OF_PROFESSION, organisation=fs.org_c)):
        with pytest.raises(PermissionDenied):
            services.review_posting(actor=user, posting=posting, rating=3)


def test_no_review_before_the_postings_are_published(fast_stream, central) -> None:  # noqa: ANN001
    fs = fast_stream
    services.set_preferences(actor=None, round_=fs.round, fast_streamer=fs.a_streamer,
                             offers=[fs.data])
    services.allocate_round(actor=central, round_=fs.round)
    posting = fs.a_streamer.postings.get(round=fs.round)
    with pytest.raises(ValidationError, match="once the postings are published"):
        services.review_posting(actor=central, posting=posting, rating=3)


def test_review_on_the_posting_page_and_the_api(fast_stream, central, people, make_account,
                                                web_client, api_client) -> None:  # noqa: ANN001
    fs = fast_stream
    posting = _published(fs, central)
    # a posting still running today (the fixture's ended in October 2026)
    PostingRound.objects.filter(pk=fs.round.pk).update(posting_months=36)
    manager = web_client(make_account(person=people.b_head))
    url = f"/programmes/fast-stream/postings/{posting.pk}/"
    assert "Save the review" in manager.get(url).content.decode()
    bad = manager.post(url, {"action": "review", "review-comments": "No rating"})
    assert bad.status_code == 400 and "No rating" in bad.content.decode()
    ok = manager.post(url, {"action": "review", "review-rating": 3,
                            "review-comments": "Solid"})
    assert ok.status_code == 302
    assert "Objectives met" in manager.get(url).content.decode()
    streamer = web_client(make_account(person=people.a_staff1))
    page = streamer.get(url).content.decode()
    assert "Objectives met" in page and "Save the review" not in page
    assert streamer.post(url, {"action": "review", "review-rating": 1}).status_code == 403
    api = api_client(central)
    got = api.get(f"/api/v1/programmes/postings/{posting.pk}/review/")
    assert got.status_code == 200 and got.json()["rating"] == 3
    put = api.put(f"/api/v1/programmes/postings/{posting.pk}/review/",
                  {"rating": 4, "skills": [_skill().pk], "comments": "Raised"}, format="json")
    assert put.status_code == 200 and put.json()["rating"] == 4 and len(put.json()["skills"]) == 1
    assert api.put(f"/api/v1/programmes/postings/{posting.pk}/review/", {"rating": 7},
                   format="json").status_code == 400


def test_outcomes_once_each_with_their_details(fast_stream, central, make_account,
                                               org_a) -> None:  # noqa: ANN001
    fs = fast_stream
    with pytest.raises(ValidationError, match="why they left"):
        services.record_outcome(actor=central, fast_streamer_id=fs.a_streamer.pk,
                                outcome="left", on=dt.date(2026, 5, 1))
    with pytest.raises(ValidationError, match="grade"):
        services.record_outcome(actor=central, fast_streamer_id=fs.a_streamer.pk,
                                outcome="promoted", on=dt.date(2026, 5, 1))
    with pytest.raises(PermissionDenied):
        services.record_outcome(
            actor=make_account(Role.HEAD_OF_PROFESSION, organisation=org_a),
            fast_streamer_id=fs.a_streamer.pk, outcome="completed", on=dt.date(2026, 5, 1))
    left = services.record_outcome(actor=central, fast_streamer_id=fs.a_streamer.pk,
                                   outcome="left", on=dt.date(2026, 5, 1),
                                   reason="Moved to the private sector")
    assert (left.status, left.left_reason) == (FastStreamer.Status.LEFT,
                                               "Moved to the private sector")
    with pytest.raises(TransitionConflict):
        services.record_outcome(actor=central, fast_streamer_id=fs.a_streamer.pk,
                                outcome="completed", on=dt.date(2026, 6, 1))
    promoted = services.record_outcome(actor=central, fast_streamer_id=fs.b_streamer.pk,
                                       outcome="promoted", on=dt.date(2027, 9, 1),
                                       new_grade=GradeFactory())
    assert promoted.status == "promoted" and promoted.new_grade.code == "G7"
    event = AuditEvent.objects.filter(action="transition").order_by("id").last()
    assert event.data["outcome"] == "promoted" and event.data["new_grade"] == "G7"


def test_outcomes_page_and_api(fast_stream, central, make_account, org_a, web_client,
                               api_client) -> None:  # noqa: ANN001
    fs = fast_stream
    team = web_client(central)
    assert "/programmes/fast-stream/outcomes/" in team.get(
        "/programmes/fast-stream/").content.decode()
    page = team.get("/programmes/fast-stream/outcomes/")
    assert page.status_code == 200 and "<caption" in page.content.decode()
    bad = team.post("/programmes/fast-stream/outcomes/", {
        "fast_streamer": fs.a_streamer.pk, "outcome": "left", "on": "2026-05-01",
        "reason": ""})
    assert bad.status_code == 400 and "Say why they left" in bad.content.decode()
    ok = team.post("/programmes/fast-stream/outcomes/", {
        "fast_streamer": fs.a_streamer.pk, "outcome": "completed", "on": "2029-08-31"})
    assert ok.status_code == 302
    assert FastStreamer.objects.get(pk=fs.a_streamer.pk).status == "completed"
    head = web_client(make_account(Role.HEAD_OF_PROFESSION, organisation=org_a))
    assert head.get("/programmes/fast-stream/outcomes/").status_code == 403
    api = api_client(central)
    again = api.post(f"/api/v1/programmes/fast-streamers/{fs.a_streamer.pk}/outcome/",
                     {"outcome": "left", "on": "2029-09-01", "reason": "x"}, format="json")
    assert again.status_code == 409
    done = api.post(f"/api/v1/programmes/fast-streamers/{fs.b_streamer.pk}/outcome/",
                    {"outcome": "promoted", "on": "2029-09-01", "new_grade": "NOPE"},
                    format="json")
    assert done.status_code == 400 and "new_grade" in done.json()["errors"][0].get(
        "field", "new_grade")
    assert api.get("/api/v1/programmes/fast-stream/retention/").status_code == 200


def _extract(org, taken_on, people_in, people_out=()):  # noqa: ANN001, ANN202
    extract = Extract.objects.create(organisation=org, taken_on=taken_on, filename="x.csv")
    ExtractRecord.objects.bulk_create(
        [ExtractRecord(extract=extract, person=p, staff_number=p.staff_number,
                       in_profession=True) for p in people_in]
        + [ExtractRecord(extract=extract, person=p, staff_number=p.staff_number,
                         in_profession=False) for p in people_out])


def test_retention_after_1_2_and_5_years_with_small_cells_hidden(
        fast_stream, central, org_a, org_b, make_account) -> None:  # noqa: ANN001
    scheme = services.create_scheme(actor=None, name="Data", posting_pattern=[12, 12])
    intake = services.create_intake(actor=None, scheme=scheme, year=2015)
    cohort = [PersonFactory(organisation=org_a, staff_number=f"R{i}") for i in range(10)]
    for person in cohort:
        services.enrol_fast_streamer(actor=None, person=person, intake=intake)
    assert sel.intake_ends_on(intake) == dt.date(2017, 9, 1)
    _extract(org_a, dt.date(2018, 8, 1), cohort[:5], cohort[5:8])  # 1 year: 5 of 10
    _extract(org_a, dt.date(2019, 6, 1), cohort[:6])  # 2 years: 6 of 10 (4 gone: hidden)
    # B's extract names cohort[6] (linked to the same person): 2 years is 7 of 10, and the
    # 3 not retained is a small cell, so the retained count is hidden as its partner
    _extract(org_b, dt.date(2019, 7, 1), cohort[6:7])
    _extract(org_a, dt.date(2022, 8, 31), [])  # 5 years: nobody left in A
    _extract(org_a, dt.date(2023, 1, 1), cohort)  # after the 5-year mark: ignored
    rows = {r.intake.pk: r for r in sel.retention(central, today=dt.date(2023, 6, 1))}
    one, two, five = rows[intake.pk].cells
    assert (one.retained, one.cohort, one.share) == (5, 10, "50%")
    assert two.retained == "[c]" and two.cohort == 10 and two.share == ""
    # B's extract of 2019-07-01 still stands on 2022-09-01 (B sent nothing later)
    assert (five.retained, five.cohort) == ("fewer than 5", 10)
    early = {r.intake.pk: r for r in sel.retention(central, today=dt.date(2019, 1, 1))}
    assert [c.known for c in early[intake.pk].cells] == [True, False, False]
    small = rows[fast_stream.a_streamer.intake_id].cells
    assert not any(c.known for c in small)  # the 2025 intake has not finished
    assert sel.retention(make_account(Role.HEAD_OF_PROFESSION, organisation=org_a)) == []


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_outcomes_at_once_one_wins(fast_stream, central) -> None:  # noqa: ANN001
    fs = fast_stream
    results = run_together([
        lambda: services.record_outcome(actor=central, fast_streamer_id=fs.a_streamer.pk,
                                        outcome="completed", on=dt.date(2029, 8, 31)),
        lambda: services.record_outcome(actor=central, fast_streamer_id=fs.a_streamer.pk,
                                        outcome="left", on=dt.date(2029, 8, 1),
                                        reason="Left for industry"),
    ])
    assert sum(isinstance(r, TransitionConflict) for r in results) == 1
    assert sum(isinstance(r, FastStreamer) for r in results) == 1
    assert AuditEvent.objects.filter(action="transition",
                                     summary__startswith=f"Fast streamer {fs.a_streamer.pk}"
                                     ).count() == 1
