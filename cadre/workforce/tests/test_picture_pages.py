"""Workforce picture pages, downloads, API and CLI, and who sees what."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cadre.access.roles import Role
from cadre.audit.models import AuditEvent
from cadre.core.tabular import read_ods_values
from cadre.framework.models import Framework, RoleFamily, RoleLevel
from cadre.framework.models import Role as FrameworkRole
from cadre.organisations.models import GradeScheme, Location
from cadre.people.models import Person
from cadre.workforce import selectors_picture
from cadre.workforce.models import Extract, ExtractRecord, WorkforceRecord
from tests.factories import GradeFactory

pytestmark = pytest.mark.django_db
HID = "fewer than 5"


def _level(framework: Framework, family: str, role: str) -> RoleLevel:
    fam = RoleFamily.objects.create(framework=framework, name=family)
    r = FrameworkRole.objects.create(framework=framework, family=fam, name=role)
    return RoleLevel.objects.create(framework=framework, role=r, name=f"Senior {role}",
                                    order=1, seniority=3)


def _add(org, n: int, *, prefix: str, grade, level, employment_type: str = "permanent",
         day_rate: str | None = None, in_profession: bool | None = True,
         location=None, end_date=None, manager=None) -> list[Person]:  # noqa: ANN001
    people = Person.objects.bulk_create([
        Person(organisation=org, staff_number=f"{prefix}{i}", first_name=f"{prefix}",
               last_name=f"Person{i}", grade=grade, employment_type=employment_type,
               location=location, end_date=end_date, line_manager=manager,
               job_title=f"{prefix} title")
        for i in range(n)])
    WorkforceRecord.objects.bulk_create([
        WorkforceRecord(person=p, in_profession=in_profession, role_level=level,
                        day_rate=Decimal(day_rate) if day_rate else None) for p in people])
    return people


@pytest.fixture
def data(org_a, org_b):  # noqa: ANN001, ANN201
    """DA: 10 data analysts, 3 SCS developers, 3 contractor developers (£500 a day);
    people outside the profession or gone are left out. DB: 6 on an NHS grade."""
    g7 = GradeFactory(code="G7", name="Grade 7", rank=6)
    scs1 = GradeFactory(code="SCS1", name="SCS pay band 1", rank=8,
                        is_senior_civil_service=True)
    scs2 = GradeFactory(code="SCS2", name="SCS pay band 2", rank=9,
                        is_senior_civil_service=True)
    nhs = GradeFactory(code="NHS-8A", name="Band 8a", scheme=GradeScheme.NHS, rank=9,
                       civil_service_equivalent=g7)
    framework = Framework.objects.create(name="Test framework", version="1")
    data_level = _level(framework, "Data", "Data analyst")
    dev_level = _level(framework, "Software development", "Developer")
    leeds = Location.objects.create(name="Leeds")
    _add(org_a, 10, prefix="DAN", grade=g7, level=data_level, location=leeds)
    (director,) = _add(org_a, 1, prefix="DIR", grade=scs2, level=dev_level)
    deputies = _add(org_a, 2, prefix="DEP", grade=scs1, level=dev_level, manager=director)
    _add(org_a, 3, prefix="CON", grade=g7, level=dev_level, employment_type="contractor",
         day_rate="500")
    _add(org_a, 4, prefix="OUT", grade=scs1, level=None, in_profession=False)
    _add(org_a, 2, prefix="GONE", grade=g7, level=data_level, end_date=dt.date(2020, 1, 1))
    _add(org_b, 6, prefix="NHS", grade=nhs, level=data_level)
    first = Extract.objects.create(organisation=org_a, taken_on=dt.date(2026, 1, 31),
                                   filename="jan.csv")
    second = Extract.objects.create(organisation=org_a, taken_on=dt.date(2026, 3, 31),
                                    filename="mar.csv", joiners=4, leavers=0, changed=7)
    rows = [(first, 9, "permanent"), (first, 3, "contractor"), (second, 13, "permanent"),
            (second, 3, "contractor")]
    ExtractRecord.objects.bulk_create([
        ExtractRecord(extract=e, staff_number=f"{e.pk}-{t}-{i}", employment_type=t,
                      in_profession=True) for e, n, t in rows for i in range(n)]
        + [ExtractRecord(extract=first, staff_number="X", in_profession=False)])
    return {"director": director, "deputies": deputies}


@pytest.fixture
def hop_a(make_account, org_a):  # noqa: ANN001, ANN201
    return make_account(Role.HEAD_OF_PROFESSION, org_a)


@pytest.fixture
def analyst(make_account):  # noqa: ANN001, ANN201
    return make_account(Role.ANALYST)


def _table(payload: dict, key: str) -> dict:
    return next(t for t in payload["tables"] if t["key"] == key)


def _row(table: dict, label: str) -> dict:
    return next(r for r in table["rows"] if r["label"] == label)


def test_head_of_profession_sees_exact_counts(data, hop_a, api_client) -> None:  # noqa: ANN001
    payload = api_client(hop_a).get("/api/v1/workforce/organisation/DA/picture/").json()
    assert payload["suppressed"] is False and payload["organisation"] == "DA"
    family = _table(payload, "role-family")
    assert _row(family, "Data")["values"] == [10, 0, 10, 0.0]
    assert _row(family, "Software development")["values"] == [3, 3, 6, 50.0]
    assert family["total"]["values"] == [13, 3, 16, 18.8]
    grade = _table(payload, "grade")
    assert [r["label"] for r in grade["rows"]] == ["Grade 7", "SCS pay band 1",
                                                   "SCS pay band 2"]
    cost = _table(payload, "contingent-cost")
    assert _row(cost, "Contractor")["values"] == [3, 3, 1500.0, 500.0, 330000.0]
    change = _table(payload, "change")
    assert [r["values"][:4] for r in change["rows"]] == [[12, 3, 25.0, None],
                                                         [16, 3, 18.8, 4]]
    assert change["rows"][1]["values"][4:] == [4, 0, 7]


def test_analyst_sees_the_same_organisation_suppressed(data, analyst, api_client) -> None:  # noqa: ANN001
    payload = api_client(analyst).get("/api/v1/workforce/organisation/DA/picture/").json()
    assert payload["suppressed"] is True and payload["threshold"] == 5
    family = _table(payload, "role-family")
    # 3 and 3 hidden, and the contingent total of 3; the employed total goes as its partner.
    assert _row(family, "Software development") == {
        "label": "Software development", "values": [None, None, 6, None],
        "suppressed": [True, True, False, True]}
    assert _row(family, "Data")["values"] == [10, 0, 10, 0.0]
    assert family["total"]["values"] == [None, None, 16, None]
    cost = _table(payload, "contingent-cost")
    assert _row(cost, "Contractor")["values"] == [None] * 5


def test_government_view_is_suppressed_even_for_the_head_of_profession(
        data, hop_a, api_client) -> None:  # noqa: ANN001
    payload = api_client(hop_a).get("/api/v1/workforce/government/picture/").json()
    assert payload["suppressed"] is True
    orgs = _table(payload, "organisation")
    department_a = _row(orgs, "Department A (DA)")  # names in words, issue 12
    assert department_a["values"][1] is None and department_a["suppressed"][1]
    assert _row(orgs, "Department B (DB)")["values"][2] == 6
    # Grades compared as their Civil Service equivalents: DB's Band 8a counts as Grade 7.
    grade = _table(payload, "grade")
    assert _row(grade, "Grade 7")["values"][2] == 19
    assert "Band 8a" not in [r["label"] for r in grade["rows"]]
    assert _table(payload, "change")["rows"][0]["label"] == "January 2026"


def test_organisation_page_exact_for_head_of_profession(data, hop_a, web_client) -> None:  # noqa: ANN001
    response = web_client(hop_a).get("/workforce/organisation/DA/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="img"' in html and "<caption" in html
    assert "220 working days" in html
    assert HID not in html
    assert "/workforce/organisation/DA/senior/" in html
    assert "DAN" not in html  # aggregates only, no names


def test_organisation_page_suppressed_for_analyst(data, analyst, web_client) -> None:  # noqa: ANN001
    html = web_client(analyst).get("/workforce/organisation/da/").content.decode()
    assert HID in html and 'id="suppression-notice"' in html
    assert "/senior/" not in html
    assert "Person" not in html  # no names


def test_government_page_and_home(data, analyst, hop_a, web_client) -> None:  # noqa: ANN001
    html = web_client(analyst).get("/workforce/government/").content.decode()
    assert "table-organisation" in html and HID in html
    home = web_client(hop_a).get("/workforce/").content.decode()
    assert "/workforce/organisation/DA/" in home and "/workforce/organisation/DB/" not in home
    assert "/workforce/government/" in home
    assert "/workforce/organisation/DB/" in web_client(analyst).get(
        "/workforce/").content.decode()


def test_downloads_are_exact_or_suppressed_and_audited(data, hop_a, analyst, web_client,  # noqa: ANN001
                                                       settings, tmp_path) -> None:  # noqa: ANN001
    settings.MEDIA_ROOT = tmp_path  # where the job across government keeps its file
    url = "/workforce/organisation/DA/?format=csv&table=role-family"
    exact = web_client(hop_a).get(url)
    assert exact.status_code == 200 and exact["Content-Type"].startswith("text/csv")
    text = exact.content.decode("utf-8-sig")
    assert "Software development,3,3,6,50.0" in text
    hidden = web_client(analyst).get(url).content.decode("utf-8-sig")
    # 3 and 3 are small; the share worked out from them is hidden too, as [c].
    assert "Software development,fewer than 5,fewer than 5,6,[c]" in hidden
    # Across government the file is made by a background job (run at once in tests).
    confirm = web_client(analyst).get("/workforce/government/?format=xlsx")
    assert confirm.status_code == 200 and b"Make the file" in confirm.content
    started = web_client(analyst).post("/workforce/government/?format=xlsx")
    assert started.status_code == 302 and started["Location"].startswith("/jobs/")
    xlsx = web_client(analyst).get(f"{started['Location']}download/")
    assert xlsx.status_code == 200 and b"".join(xlsx.streaming_content)[:2] == b"PK"
    ods = web_client(analyst).get(url.replace("format=csv", "format=ods"))
    assert ods["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    assert ".ods" in ods["Content-Disposition"]
    assert ["Software development", "fewer than 5", "fewer than 5", 6.0, "[c]"] in (
        read_ods_values(ods.content))
    events = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT)
    assert events.count() == 4
    assert events.order_by("-id").first().data["format"] == "ods"
    assert {e.data["suppressed"] for e in events} == {True, False}
    assert web_client(hop_a).get("/workforce/organisation/DA/?format=pdf").status_code == 400
    assert web_client(hop_a).get("/workforce/organisation/DA/?format=csv&table=x"
                                 ).status_code == 404


def test_senior_list_and_chart(data, hop_a, web_client, api_client) -> None:  # noqa: ANN001
    response = web_client(hop_a).get("/workforce/organisation/DA/senior/")
    assert response.status_code == 200
    html = response.content.decode()
    director, deputy = data["director"], data["deputies"][0]
    assert director.full_name in html and deputy.full_name in html
    assert "OUT" not in html  # senior but outside the profession
    chart = html[html.index('id="senior-chart"'):]
    # The deputies are nested in a list inside the director's item.
    assert chart.index(director.full_name) < chart.index("<ul", chart.index(
        director.full_name)) < chart.index(deputy.full_name)
    people = api_client(hop_a).get("/api/v1/workforce/organisation/DA/senior/").json()["people"]
    assert [p["grade"] for p in people] == ["SCS pay band 2", "SCS pay band 1",
                                            "SCS pay band 1"]
    assert people[1]["line_manager_id"] == director.pk
    assert people[0]["role"] == "Developer" and people[0]["role_family"] == (
        "Software development")
    csv = web_client(hop_a).get("/workforce/organisation/DA/senior/?format=csv")
    assert director.staff_number in csv.content.decode("utf-8-sig")
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT,
                                     summary__contains="Senior Civil Service").count() == 1


def test_senior_chart_survives_a_management_loop(data) -> None:  # noqa: ANN001
    director, deputy = data["director"], data["deputies"][0]
    Person.objects.filter(pk=director.pk).update(line_manager=deputy)
    people = selectors_picture.senior_people(director.organisation)
    roots = selectors_picture.senior_chart(people)
    names = [n.person.pk for n in roots]
    assert director.pk in names and deputy.pk in names


@pytest.mark.parametrize("who", ["head of profession elsewhere", "central team"])
def test_senior_list_scoping(who, data, org_b, make_account, web_client, api_client) -> None:  # noqa: ANN001
    if who == "central team":
        user = make_account(Role.CENTRAL_TEAM)
        assert web_client(user).get("/workforce/organisation/DA/senior/").status_code == 200
        return
    user = make_account(Role.HEAD_OF_PROFESSION, org_b)
    for url in ("/workforce/organisation/DA/senior/", "/workforce/organisation/DA/",
                "/workforce/organisation/DA/?format=csv"):
        assert web_client(user).get(url).status_code == 404
    for url in ("/api/v1/workforce/organisation/DA/senior/",
                "/api/v1/workforce/organisation/DA/picture/"):
        assert api_client(user).get(url).status_code == 404
    assert web_client(user).get("/workforce/organisation/DB/").status_code == 200


def test_analyst_never_sees_named_senior_staff(data, analyst, web_client, api_client) -> None:  # noqa: ANN001
    for url in ("/workforce/organisation/DA/senior/",
                "/workforce/organisation/DA/senior/?format=csv"):
        response = web_client(analyst).get(url)
        assert response.status_code == 403
        assert data["director"].last_name.encode() not in response.content
    assert api_client(analyst).get(
        "/api/v1/workforce/organisation/DA/senior/").status_code == 403


@pytest.mark.parametrize("kind", ["professional", "line manager", "learning lead"])
def test_staff_without_an_aggregate_role_are_refused(kind, data, people, org_a, make_account,
                                                     web_client, api_client) -> None:  # noqa: ANN001
    user = {
        "professional": lambda: make_account(Role.PROFESSIONAL, person=people.a_staff1),
        "line manager": lambda: make_account(person=people.a_manager),
        "learning lead": lambda: make_account(Role.LEARNING_LEAD, org_a),
    }[kind]()
    for url in ("/workforce/", "/workforce/organisation/DA/", "/workforce/government/",
                "/workforce/organisation/DA/senior/", "/workforce/organisation/DA/?format=csv"):
        assert web_client(user).get(url).status_code == 403, url
    for url in ("/api/v1/workforce/organisation/DA/picture/",
                "/api/v1/workforce/government/picture/",
                "/api/v1/workforce/organisation/DA/senior/"):
        assert api_client(user).get(url).status_code == 403, url


def test_unknown_organisation_is_404(data, hop_a, web_client) -> None:  # noqa: ANN001
    assert web_client(hop_a).get("/workforce/organisation/NOPE/").status_code == 404


def test_cli_writes_suppressed_json_csv_and_xlsx(data, tmp_path) -> None:  # noqa: ANN001
    out = io.StringIO()
    call_command("workforce_picture", organisation="DA", format="json", stdout=out)
    payload = json.loads(out.getvalue())
    family = _table(payload, "role-family")
    assert _row(family, "Software development")["values"] == [None, None, 6, None]
    out = io.StringIO()
    call_command("workforce_picture", format="csv", table="organisation", stdout=out)
    # DA's employed count is hidden only as a partner of its small contingent count.
    assert "Department A (DA),[c],fewer than 5,16,[c]" in out.getvalue()
    target = tmp_path / "picture.xlsx"
    call_command("workforce_picture", format="xlsx", output=str(target), stdout=io.StringIO())
    assert target.read_bytes()[:2] == b"PK"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).count() == 3
    with pytest.raises(CommandError):
        call_command("workforce_picture", organisation="NOPE", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("workforce_picture", format="xlsx", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("workforce_picture", table="nope", stdout=io.StringIO())


def test_page_uses_few_queries(data, hop_a, web_client, django_assert_max_num_queries) -> None:  # noqa: ANN001
    client = web_client(hop_a)
    client.get("/workforce/organisation/DA/")  # warm the session
    with django_assert_max_num_queries(15):
        client.get("/workforce/organisation/DA/")


def test_pages_render_before_any_data_is_loaded(org_a, hop_a, make_account, web_client) -> None:  # noqa: ANN001
    html = web_client(hop_a).get("/workforce/organisation/DA/").content.decode()
    assert "No data yet." in html and "No extracts yet." in html
    central = make_account(Role.CENTRAL_TEAM)
    assert web_client(central).get("/workforce/government/").status_code == 200
    assert web_client(central).get("/workforce/organisation/DA/senior/").status_code == 200
