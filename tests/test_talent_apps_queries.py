"""Lists of talent records take a fixed number of queries, however many rows they show."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadre.access.roles import Role
from cadre.talent import services
from cadre.talent.models import CriticalPost
from cadre.talent.tests.identification_data import talent_records  # noqa: F401

pytestmark = pytest.mark.django_db

PAGES = ["/talent/pools/", "/talent/pools/mine/", "/talent/succession/",
         "/talent/succession/export/", "/talent/succession/coverage/",
         "/api/v1/talent/pools/", "/api/v1/succession/posts/", "/api/v1/talent/ratings/",
         "/api/v1/talent/pools/mine/"]


def _warm(clients: dict) -> None:
    """One request per client first: a token's first use writes ``last_used_at`` (at most
    once a minute), which is not a per-row query."""
    for url, client in clients.items():
        client.get(url)


def _queries(client, url: str) -> int:  # noqa: ANN001
    # Warm up first: a token's first request also writes last_used_at (once a minute).
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def test_lists_do_not_query_per_row(talent_records, people, org_a, make_account,  # noqa: F811
                                    web_client, api_client):
    central = make_account(Role.CENTRAL_TEAM, person=people.a_staff1)
    clients = {url: (api_client if url.startswith("/api/") else web_client)(central)
               for url in PAGES}
    _warm(clients)
    before = {url: _queries(clients[url], url) for url in PAGES}
    post = CriticalPost.objects.get(pk=talent_records["post"])
    for n in range(4):
        pool = services.create_pool(actor=None, name=f"Pool {n}", organisation=org_a)
        membership = services.add_member(actor=None, pool=pool, person=people.a_staff1)
        services.add_action(actor=None, membership=membership, description=f"Action {n}")
        extra = services.create_critical_post(
            actor=None, organisation=org_a, title=f"Post {n}", role_level=post.role_level,
            risk_of_loss="low")
        services.add_successor(actor=None, post=extra, person=people.a_staff2,
                               readiness="now")
    after = {url: _queries(clients[url], url) for url in PAGES}
    assert after == before


MOBILITY_AND_BENCH = ["/talent/vacancies/", "/talent/vacancies/manage/", "/talent/moves/",
                      "/talent/bench/", "/talent/bench/requests/", "/talent/bench/export/",
                      "/api/v1/mobility/vacancies/", "/api/v1/mobility/moves/",
                      "/api/v1/bench/windows/", "/api/v1/bench/deployments/"]


def test_mobility_and_bench_lists_do_not_query_per_row(talent_records, people, org_a,  # noqa: F811
                                                       org_b, make_account, web_client,
                                                       api_client):
    import datetime as dt

    from cadre.bench import services as services_bench
    from cadre.framework.models import RoleLevel
    from cadre.mobility import services as services_mobility
    from tests.factories import GradeFactory, PersonFactory

    central = make_account(Role.CENTRAL_TEAM, person=people.a_head)
    level = RoleLevel.objects.get(pk=talent_records["level"])
    grade = GradeFactory(code="G7", name="Grade 7", rank=6)

    def add(n: int) -> None:
        person = PersonFactory(organisation=org_b)
        vacancy = services_mobility.create_vacancy(
            actor=central, organisation=org_a, title=f"Role {n}", role_level=level,
            grade=grade, closing_date=dt.date.today() + dt.timedelta(days=30))
        services_mobility.open_vacancy(actor=central, vacancy=vacancy)
        services_mobility.propose_move(actor=central, person=person, receiving=org_a)
        services_bench.add_window(actor=central, person=person,
                                  available_from=dt.date(2027, 1, 1),
                                  available_to=dt.date(2027, 6, 30))
        services_bench.request_deployment(
            actor=central, specialist=person, organisation=org_a, programme=f"P{n}",
            starts_on=dt.date(2027, 2, 1), ends_on=dt.date(2027, 3, 1))

    add(0)
    clients = {url: (api_client if url.startswith("/api/") else web_client)(central)
               for url in MOBILITY_AND_BENCH}
    _warm(clients)
    before = {url: _queries(clients[url], url) for url in MOBILITY_AND_BENCH}
    for n in range(1, 4):
        add(n)
    after = {url: _queries(clients[url], url) for url in MOBILITY_AND_BENCH}
    assert after == before
