"""The adapter kit: get-or-404, checked input, exports, versions and partial updates."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from cadre.audit.exports import export_document, export_table
from cadre.audit.models import AuditEvent
from cadre.core.exports import ExportFormatError, export_response, render_table
from cadre.core.inputs import Bounds, collect, parse_bool, parse_choice, parse_date, parse_int
from cadre.core.objects import get_visible_or_404, parse_id
from cadre.core.updates import apply_changes
from cadre.core.versions import StaleVersion, check_version, record_version
from cadre.people.models import Person


@pytest.mark.django_db
def test_get_visible_or_404_rejects_missing_hidden_and_out_of_range(people) -> None:  # noqa: ANN001
    visible = Person.objects.filter(organisation=people.a_staff1.organisation)
    assert get_visible_or_404(visible, str(people.a_staff1.pk)) == people.a_staff1
    for bad in (people.b_staff.pk, "abc", "", None, 2**70, -(2**70), True):
        with pytest.raises(Http404):
            get_visible_or_404(visible, bad)
    assert parse_id("12") == 12 and parse_id(" 7 ") == 7 and parse_id("1.5") is None


def test_inputs_name_the_field() -> None:
    assert parse_int("5", field="limit", minimum=1, maximum=10) == 5
    assert parse_int("", field="limit", default=3) == 3
    for bad in ("x", "0", "11"):
        with pytest.raises(ValidationError) as caught:
            parse_int(bad, field="limit", minimum=1, maximum=10)
        assert list(caught.value.message_dict) == ["limit"]
    assert Bounds(1, 500, 50).parse(None, field="limit") == 50
    assert parse_choice("csv", field="format", choices=["csv", "json"]) == "csv"
    with pytest.raises(ValidationError):
        parse_choice("pdf", field="format", choices=["csv", "json"])
    assert str(parse_date("2024-02-29", field="on")) == "2024-02-29"
    with pytest.raises(ValidationError):
        parse_date("2024-02-30", field="on")
    assert parse_bool("Yes", field="x") is True and parse_bool("0", field="x") is False
    with pytest.raises(ValidationError) as caught:
        collect({"from": lambda: parse_int("a", field="from"),
                 "to": lambda: parse_int("b", field="to")})
    assert set(caught.value.message_dict) == {"from", "to"}


def test_render_table_in_every_format() -> None:
    rows = [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]
    csv = render_table(["a", "b"], iter(rows), "csv", filename="t")
    assert csv.rows == 2 and csv.content.startswith(b"\xef\xbb\xbfa,b") and csv.filename == "t.csv"
    assert render_table(["a", "b"], rows, "xlsx", filename="t").content[:2] == b"PK"
    assert json.loads(render_table(["a"], rows, "json", filename="t", json_key="items")
                      .content) == {"items": rows}
    with pytest.raises(ExportFormatError):
        render_table(["a"], rows, "pdf", filename="t")
    response = export_response(csv)
    assert response["Content-Disposition"] == 'attachment; filename="t.csv"'


@pytest.mark.django_db
def test_every_export_writes_one_event_with_what_rows_and_format(people) -> None:  # noqa: ANN001
    export = export_table(actor=None, what="things", columns=["a"], rows=[{"a": 1}] * 3,
                          fmt="csv", summary="Things export", extra={"filter": "all"})
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.data == {"what": "things", "format": "csv", "rows": 3,
                          "bytes": len(export.content), "filter": "all"}
    export_document(actor=None, what="doc", document={"x": 1}, rows=1, summary="Doc",
                    target=people.a_head)
    event = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).latest("id")
    assert event.target_id == str(people.a_head.pk) and event.data["format"] == "json"


@pytest.mark.django_db
def test_versions_change_on_every_write_and_check_refuses_stale(people) -> None:  # noqa: ANN001
    person = Person.objects.get(pk=people.a_staff1.pk)
    first = record_version(person)
    check_version(person, None)
    check_version(person, (first,))
    check_version(person, ("*",))
    person.save()  # same values, new history row
    second = record_version(Person.objects.get(pk=person.pk))
    assert second != first
    with pytest.raises(StaleVersion) as caught:
        check_version(person, (first,))
    assert caught.value.current == second


@pytest.mark.django_db
def test_apply_changes_sets_only_what_differs(people) -> None:  # noqa: ANN001
    person = Person.objects.get(pk=people.a_staff1.pk)
    changed = apply_changes(person, {"first_name": person.first_name, "job_title": "New",
                                     "line_manager": people.a_manager})
    assert list(changed) == ["job_title"]  # a_manager is already the line manager
    changed = apply_changes(person, {"line_manager": None})
    assert changed == {"line_manager": (people.a_manager, None)}
