"""Accreditation measures (issue 16 point 7): accredited people suppressed below 5 with true
labels, time to decision, assessor workload and agreement, appeal rates; page, API and
command line agree; heads of profession see their organisations only."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cadre.access.roles import Role
from cadre.accreditation import measurement
from cadre.accreditation.models import (
    Allocation,
    Appeal,
    Application,
    Assessor,
    Award,
    CriteriaVersion,
    Criterion,
    CriterionKind,
    CriterionScore,
    Outcome,
    PanelDecision,
    Scheme,
    SchemeLevel,
)
from cadre.accreditation.selectors import measurement as sel
from cadre.core.suppression import PROTECTED_LABEL
from cadre.framework.models import Framework, RoleFamily, RoleLevel
from cadre.framework.models import Role as FrameworkRole
from cadre.workforce.models import WorkforceRecord
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

SMALL = "fewer than 5"


@dataclass
class Measured:
    practitioner: SchemeLevel
    senior: SchemeLevel
    other_level: SchemeLevel
    counts: dict[tuple[str, str], int]
    durations: list[float]
    pairs: dict[str, tuple[list[int], list[int]]]
    one: Assessor
    two: Assessor


def _award(person: Any, level: SchemeLevel, index: int, status: str = Award.Status.ACTIVE) -> Award:
    today = timezone.localdate()
    return Award.objects.create(
        person=person,
        level=level,
        awarded_on=today,
        expires_on=today + dt.timedelta(days=700),
        status=status,
        status_index=index,
    )


def _application(
    person: Any,
    level: SchemeLevel,
    version: CriteriaVersion,
    *,
    days: float | None = None,
    outcome: str = Outcome.AWARDED,
) -> Application:
    submitted = timezone.now() - dt.timedelta(days=60)
    app = Application.objects.create(
        person=person,
        level=level,
        criteria=version,
        state=Application.State.PANEL,
        submitted_at=submitted,
    )
    if days is not None:
        decision = PanelDecision.objects.create(application=app, outcome=outcome, reasons="r")
        PanelDecision.objects.filter(pk=decision.pk).update(
            decided_at=submitted + dt.timedelta(days=days)
        )
    return app


@pytest.fixture
def measured(people, org_a, org_b) -> Measured:  # noqa: ANN001
    framework = Framework.objects.create(name="Measures framework", version="1")
    software = RoleFamily.objects.create(framework=framework, name="Software")
    role = FrameworkRole.objects.create(framework=framework, family=software, name="Developer")
    role_level = RoleLevel.objects.create(
        framework=framework, role=role, name="Senior", order=1, seniority=3
    )
    scheme = Scheme.objects.create(name="Technology profession")
    practitioner = SchemeLevel.objects.create(scheme=scheme, name="Practitioner", ordinal=1)
    senior = SchemeLevel.objects.create(scheme=scheme, name="Senior practitioner", ordinal=2)
    other = SchemeLevel.objects.create(
        scheme=Scheme.objects.create(name="Data profession"), name="Practitioner", ordinal=1
    )
    version = CriteriaVersion.objects.create(
        level=senior, number=1, published_on=dt.date(2026, 1, 1)
    )
    other_version = CriteriaVersion.objects.create(
        level=other, number=1, published_on=dt.date(2026, 1, 1)
    )
    criteria = [
        Criterion.objects.create(
            version=version, position=i, kind=CriterionKind.CONDUCT, text=f"C{i}"
        )
        for i in range(1, 5)
    ]

    # Department A: 7 practitioners (6 of them software), 2 senior; Department B: 1
    # practitioner, and 1 suspended award that does not count.
    a_people = [PersonFactory(organisation=org_a) for _ in range(9)]
    for i, person in enumerate(a_people):
        _award(person, practitioner if i < 7 else senior, i + 1)
        if i < 6:
            WorkforceRecord.objects.create(person=person, role_level=role_level)
    _award(PersonFactory(organisation=org_b), practitioner, 100)
    _award(PersonFactory(organisation=org_b), practitioner, 101, Award.Status.SUSPENDED)
    counts = {
        ("Department A", "practitioner"): 7,
        ("Department A", "senior"): 2,
        ("Department B", "practitioner"): 1,
        ("Department B", "senior"): 0,
    }

    # Six decisions in Technology profession (10..15 days), two in Data profession.
    durations = [10.0, 11.0, 12.0, 13.0, 14.0, 15.0]
    apps = [
        _application(
            PersonFactory(organisation=org_a), senior, version, days=d, outcome=Outcome.NOT_AWARDED
        )
        for d in durations
    ]
    for d in (3.0, 4.0):
        _application(PersonFactory(organisation=org_b), other, other_version, days=d)

    # Appeals: five of the six "not awarded" decisions appealed; one upheld, three dismissed.
    for i, app in enumerate(apps[:5]):
        Appeal.objects.create(
            application=app,
            grounds="g",
            outcome=["upheld", "dismissed", "dismissed", "dismissed", ""][i],
        )
    PanelDecision.objects.create(
        application=apps[0], outcome=Outcome.AWARDED, reasons="r", on_appeal=True
    )

    # Two assessors scored three applications; on a fourth only one has submitted.
    one = Assessor.objects.create(person=people.b_head)
    two = Assessor.objects.create(person=people.b_staff)
    scores_one = [[3, 4, 5, 2], [4, 4, 6, 3], [2, 3, 5, 5]]
    scores_two = [[3, 5, 5, 2], [2, 4, 6, 3], [2, 3, 4, 6]]
    now = timezone.now()
    for app, mine, theirs in zip(apps[:3], scores_one, scores_two, strict=True):
        for assessor, scores in ((one, mine), (two, theirs)):
            allocation = Allocation.objects.create(
                application=app, assessor=assessor, submitted_at=now
            )
            for criterion, score in zip(criteria, scores, strict=True):
                CriterionScore.objects.create(
                    allocation=allocation, criterion=criterion, score=score
                )
    done = Allocation.objects.create(application=apps[3], assessor=one, submitted_at=now)
    pending = Allocation.objects.create(application=apps[3], assessor=two)
    for allocation in (done, pending):
        for criterion in criteria:
            CriterionScore.objects.create(allocation=allocation, criterion=criterion, score=7)
    flat_one = [s for row in scores_one for s in row]
    flat_two = [s for row in scores_two for s in row]
    return Measured(
        practitioner,
        senior,
        other,
        counts,
        durations,
        {"one": (flat_one, flat_two), "two": (flat_two, flat_one)},
        one,
        two,
    )


def _table(data: dict, caption_start: str) -> dict:
    return next(t for t in data["accredited"] if t["caption"].startswith(caption_start))


def _cell(table: dict, row: str, column: str) -> Any:
    found = next(r for r in table["rows"] if r["label"] == row)
    return found["cells"][table["columns"].index(column)]


def test_accredited_people_by_organisation_are_suppressed_with_true_labels(
    measured, make_account
) -> None:  # noqa: ANN001
    data = sel.measures(make_account(Role.ANALYST)).as_dict()
    table = _table(data, "People holding an active award, by organisation")
    practitioner = "Technology profession: Practitioner"
    senior = "Technology profession: Senior practitioner"
    assert _cell(table, "Department A", senior) == SMALL  # 2: small
    assert _cell(table, "Department B", practitioner) == SMALL  # 1: small
    assert _cell(table, "Department B", senior) in (0, PROTECTED_LABEL)
    # Department A's 7 practitioners are hidden only to protect the 2: "[c]", never
    # "fewer than 5", which would be false.
    assert _cell(table, "Department A", practitioner) == PROTECTED_LABEL
    # Every hidden value of every table carries the label true of its real count.
    tables = sel.accredited_tables(make_account(Role.ANALYST))
    for t in tables:
        st = t.table
        for (i, j), hidden in zip(
            ((i, j) for i in range(st.counts.shape[0]) for j in range(st.counts.shape[1])),
            st.mask.ravel(),
            strict=True,
        ):
            shown = st.display(i, j)
            value = int(st.counts[i, j])
            if hidden:
                assert shown == (SMALL if 0 < value < 5 else PROTECTED_LABEL)
            else:
                assert shown == value and not 0 < value < 5


def test_accredited_people_by_role_family(measured, make_account) -> None:  # noqa: ANN001
    data = sel.measures(make_account(Role.CENTRAL_TEAM)).as_dict()
    table = _table(data, "People holding an active award, by role family")
    practitioner = "Technology profession: Practitioner"
    assert [r["label"] for r in table["rows"]] == ["Software", "Not recorded"]
    # Department A's one non-software practitioner and B's: 2, small; the 6 software
    # practitioners are hidden only to protect them, so "[c]".
    assert _cell(table, "Not recorded", practitioner) == SMALL
    assert _cell(table, "Software", practitioner) == PROTECTED_LABEL
    counts = sel.accredited_tables(make_account(Role.CENTRAL_TEAM))[1].table.counts
    assert counts.sum() == 10 and 6 in counts
    assert "column_totals" not in table and "total" not in table


def test_a_head_of_profession_sees_their_organisations_only(measured, make_account, org_b) -> None:  # noqa: ANN001
    data = sel.measures(make_account(Role.HEAD_OF_PROFESSION, org_b)).as_dict()
    table = _table(data, "People holding an active award, by organisation")
    assert [r["label"] for r in table["rows"]] == ["Department B"]
    assert data["scope"] == "Your organisations: Department B"
    # Department B's two decisions: too few to show a median.
    everything = next(r for r in data["decision_times"] if r["group"] == "All schemes")
    assert everything == {
        "group": "All schemes",
        "decisions": SMALL,
        "median_days": PROTECTED_LABEL,
        "p90_days": PROTECTED_LABEL,
    }
    assert data["workload"] == [] and data["agreement"] == []


def test_time_from_submission_to_decision(measured, make_account) -> None:  # noqa: ANN001
    rows = {r.label: r for r in sel.decision_times(make_account(Role.ANALYST))}
    expected = measurement.duration_summary(measured.durations)
    tech = rows["Technology profession"]
    assert tech.decisions == 6
    assert tech.median_days == pytest.approx(expected.median_days, abs=0.05)
    assert tech.p90_days == pytest.approx(expected.p90_days, abs=0.05)
    assert rows["Data profession"].decisions == SMALL
    assert rows["Data profession"].median_days == PROTECTED_LABEL
    assert rows["All schemes"].decisions == 8


def test_agreement_per_assessor_is_the_weighted_kappa_of_submitted_pairs(
    measured, make_account
) -> None:  # noqa: ANN001
    rows = {r.assessor: r for r in sel.agreement(make_account(Role.CENTRAL_TEAM))}
    one = rows[str(measured.one)]
    mine, theirs = measured.pairs["one"]
    assert one.pairs == 12 and one.applications == 3  # the fourth: only one submitted
    assert one.kappa == pytest.approx(measurement.weighted_kappa(mine, theirs))
    assert rows[str(measured.two)].kappa == pytest.approx(one.kappa)  # symmetric


def test_workload_per_assessor_per_round(measured, make_account) -> None:  # noqa: ANN001
    user = make_account(Role.CENTRAL_TEAM)
    rows = sel.workload(user)
    by_name = {r.assessor.split(" (")[0]: r for r in rows}
    one = by_name[f"{measured.one.person.first_name} {measured.one.person.last_name}"]
    assert (one.allocations, one.submitted) == (4, 4)
    two = by_name[f"{measured.two.person.first_name} {measured.two.person.last_name}"]
    assert (two.allocations, two.submitted) == (4, 3)
    assert sel.workload_summary(user) == {"assessors": 2, "allocations": 8, "most_in_a_round": 4}


def test_appeal_rates(measured, make_account) -> None:  # noqa: ANN001
    rates = sel.appeal_rates(make_account(Role.ANALYST))
    assert rates.not_awarded == 6 and rates.appeals == 5
    assert rates.appeal_rate == pytest.approx(5 / 6, abs=0.001)
    assert rates.decided == SMALL  # 4 decided
    assert rates.upheld == SMALL  # 1 upheld
    assert rates.upheld_share == PROTECTED_LABEL  # worked out from a small count


def test_counts_are_grouped_in_the_database(measured, make_account) -> None:  # noqa: ANN001
    user = make_account(Role.CENTRAL_TEAM)
    sel.measures(user)  # warm the scope
    for _ in range(20):
        PersonFactory(organisation=measured.one.person.organisation)
    with CaptureQueriesContext(connection) as ctx:
        sel.measures(user)
    assert len(ctx.captured_queries) < 20  # a fixed number of queries, not one per row


def test_the_page_api_and_command_line_agree(
    measured, make_account, web_client, api_client
) -> None:  # noqa: ANN001
    central = make_account(Role.CENTRAL_TEAM)
    page = web_client(central).get(reverse("accreditation:measures"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "fewer than 5" in html and "[c]" in html and "suppression-notice" in html
    assert str(measured.one) in html  # the central team sees assessors by name
    api = api_client(central).get("/api/v1/accreditation/measures/")
    assert api.status_code == 200
    out = io.StringIO()
    call_command("accreditation_measures", "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["accredited"] == api.json()["accredited"]
    assert json.loads(out.getvalue())["appeals"] == api.json()["appeals"]
    out = io.StringIO()
    call_command("accreditation_measures", "--format", "csv", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {"measure", "group", "column", "value"} == set(rows[0])
    assert any(r["group"] == "Department A" and r["value"] == PROTECTED_LABEL for r in rows)


def test_analysts_see_no_assessor_by_name(measured, make_account, web_client) -> None:  # noqa: ANN001
    page = web_client(make_account(Role.ANALYST)).get(reverse("accreditation:measures"))
    assert page.status_code == 200
    assert str(measured.one) not in page.content.decode()
    assert "shown to the central team" in page.content.decode()


def test_people_without_an_aggregate_role_are_refused(
    measured, make_account, people, web_client, api_client
) -> None:  # noqa: ANN001
    user = make_account(person=people.a_staff1)
    assert web_client(user).get(reverse("accreditation:measures")).status_code == 403
    assert api_client(user).get("/api/v1/accreditation/measures/").status_code == 403
