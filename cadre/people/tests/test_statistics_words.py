"""Issue 12 on workforce statistics: the total says what it counts (current staff, every
job) and links to its definition; hidden cells carry truthful labels with a legend."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.access.roles import Role
from cadre.people.statistics import headcount_tables
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_statistics_count_current_staff_and_say_so(org_a, make_account, web_client) -> None:  # noqa: ANN001
    for _ in range(6):
        PersonFactory(organisation=org_a, employment_type="permanent")
    PersonFactory(organisation=org_a, employment_type="contractor")
    # Leaving next month: still current staff; left last month: not counted.
    PersonFactory(organisation=org_a, employment_type="permanent",
                  end_date=dt.date.today() + dt.timedelta(days=30))
    PersonFactory(organisation=org_a, employment_type="permanent",
                  end_date=dt.date.today() - dt.timedelta(days=30))
    table = headcount_tables()[0].table
    assert table.grand_total == 8
    page = web_client(make_account(Role.ANALYST)).get("/people/statistics/").content.decode()
    assert '/definitions#current-staff">current staff</a>' in page
    assert "/definitions#in-the-profession" in page
    assert 'id="suppression-notice"' in page and "[c]" in page
    # The lone contractor is small; the 7 permanent staff beside it are only its partner.
    assert "fewer than 5" in page
    row = next(r for r in headcount_tables()[0].rows() if "fewer than 5" in r[1])
    assert "[c]" in row[1]
