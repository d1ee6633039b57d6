"""Managed moves under concurrency: 20 API clients race 100 moves to a final state.

``python -m benchmarks.moves_concurrency`` (also run by ``make bench``). Needs PostgreSQL
(row locks): it creates its own database ``bench_moves`` (on the server of
BENCH_DATABASE_URL if that is PostgreSQL, else ``postgres://postgres@127.0.0.1:5432``; or
exactly BENCH_MOVES_DATABASE_URL) and drops it afterwards; with no PostgreSQL it says so
and skips.

Every client (a thread with its own connection and its own API token) repeatedly picks a
random unfinished move, reads it (GET) and asks for the next step from the state it saw
(``expected_state``): agree-receiving, agree-releasing, logistics, complete, or - one
time in ten - cancel. Several clients often pick the same move at once, so many requests
lose the race and get 409. At the end the benchmark checks:

- no response other than 200 and 409 (and no exception);
- every move in exactly one final state (completed or cancelled);
- exactly one audit event and one history row per applied transition.

BENCH_MOVES and BENCH_MOVE_CLIENTS change the numbers.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import random
import secrets
import sys
import threading
import time
from collections import Counter
from urllib.parse import urlparse

from benchmarks.common import setup_fresh_django

MOVES = int(os.environ.get("BENCH_MOVES", "100"))
CLIENTS = int(os.environ.get("BENCH_MOVE_CLIENTS", "20"))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_moves"
FINAL = ("completed", "cancelled")
NEXT_STEP = {"proposed": "agree-receiving", "receiving_agreed": "agree-releasing",
             "releasing_agreed": "logistics", "logistics": "complete"}


def _database_url() -> str:
    """BENCH_MOVES_DATABASE_URL, else the BENCH_DATABASE_URL server with the database
    ``bench_moves`` (never a database another benchmark uses: this one is dropped)."""
    if os.environ.get("BENCH_MOVES_DATABASE_URL"):
        return os.environ["BENCH_MOVES_DATABASE_URL"]
    shared = os.environ.get("BENCH_DATABASE_URL", "")
    if shared.startswith("postgres"):
        return urlparse(shared)._replace(path="/bench_moves").geturl()
    return DEFAULT_URL


def _admin(url: str, sql: str) -> None:
    """Run one statement on the server's ``postgres`` database (outside a transaction)."""
    import psycopg

    parts = urlparse(url)
    with psycopg.connect(host=parts.hostname or "127.0.0.1", port=parts.port or 5432,
                         user=parts.username or "postgres", password=parts.password,
                         dbname="postgres", autocommit=True) as conn:
        conn.execute(sql)


def _fresh_database(url: str) -> bool:
    """Drop and create the benchmark's database; False when PostgreSQL is not there."""
    name = urlparse(url).path.lstrip("/")
    try:
        _admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _admin(url, f'CREATE DATABASE "{name}"')
    except Exception as exc:  # noqa: BLE001 - any failure to reach the server means skip
        print(f"Skipped: PostgreSQL at {url} is not available ({exc.__class__.__name__}).")
        return False
    return True


def _build() -> tuple[list[str], list[int]]:
    """Organisations, people and 100 proposed moves; returns the client tokens and move ids."""
    import io

    from django.core.management import call_command

    from cadre.access.services import create_token, get_or_create_account, grant_role
    from cadre.core.actor import Actor
    from cadre.mobility import services
    from cadre.organisations.models import Organisation
    from cadre.people.models import Person

    call_command("migrate", verbosity=0)
    call_command("load_defaults", stdout=io.StringIO())
    orgs = Organisation.objects.bulk_create(
        Organisation(name=f"Moves bench {i}", abbreviation=f"MB{i}",
                     type="ministerial_department") for i in range(4))
    people = Person.objects.bulk_create(
        Person(organisation=orgs[i % 2], staff_number=f"M{i:05d}", first_name="Mover",
               last_name=f"{i}") for i in range(MOVES))
    system = Actor.system()
    moves = [services.propose_move(actor=system, person=p, receiving=orgs[2 + i % 2]).pk
             for i, p in enumerate(people)]
    tokens = []
    for i in range(CLIENTS):
        user, _ = get_or_create_account(email=f"bench-moves-{i}@example.org", actor=None)
        grant_role(user=user, role="central_team", actor=None)
        tokens.append(create_token(user=user, actor=None, name="bench")[1])
    return tokens, moves


def _race(tokens: list[str], move_ids: list[int]) -> tuple[Counter, list[str], float, int]:
    """All clients at once until every move is final: (status counts, errors, seconds,
    applied steps)."""
    from django.db import connections
    from django.test import Client

    unfinished = set(move_ids)
    guard = threading.Lock()
    statuses: Counter = Counter()
    errors: list[str] = []
    applied = [0]
    start_date = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    barrier = threading.Barrier(len(tokens))

    def client_loop(index: int, token: str) -> None:
        rng = random.Random(index)  # noqa: S311
        client = Client(HTTP_AUTHORIZATION=f"Token {token}")
        try:
            barrier.wait()
            while True:
                with guard:
                    if not unfinished:
                        return
                    move_id = rng.choice(sorted(unfinished))
                seen = client.get(f"/api/v1/mobility/moves/{move_id}/")
                if seen.status_code != 200:
                    with guard:
                        errors.append(f"GET {move_id}: {seen.status_code}")
                    return
                state = seen.json()["state"]
                if state in FINAL:
                    with guard:
                        unfinished.discard(move_id)
                    continue
                action = "cancel" if rng.random() < 0.1 else NEXT_STEP[state]
                body: dict = {"expected_state": state}
                if action == "cancel":
                    body["reason"] = f"Cancelled by client {index}"
                elif action == "logistics":
                    body.update(start_date=start_date, clearance_transferred=True,
                                pay_and_pension_agreed=True, equipment_ready=True,
                                access_ready=True)
                response = client.post(f"/api/v1/mobility/moves/{move_id}/{action}/", body,
                                       content_type="application/json")
                with guard:
                    statuses[response.status_code] += 1
                    if response.status_code == 200:
                        applied[0] += 1
                        if response.json()["state"] in FINAL:
                            unfinished.discard(move_id)
                    elif response.status_code != 409:
                        errors.append(f"POST {action} {move_id}: {response.status_code} "
                                      f"{response.content[:200]!r}")
        except Exception as exc:  # noqa: BLE001 - counted as an error
            with guard:
                errors.append(f"client {index}: {exc!r}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=client_loop, args=(i, t)) for i, t in enumerate(tokens)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses, errors, time.perf_counter() - began, applied[0]


def _check(move_ids: list[int], applied: int) -> dict[str, int]:
    """Every move final, one audit event and one history row per applied step."""
    from django.db.models import Count

    from cadre.audit.models import AuditEvent
    from cadre.mobility.models import MoveRequest

    moves = MoveRequest.objects.filter(pk__in=move_ids)
    states = Counter(moves.values_list("state", flat=True))
    assert sum(states[s] for s in FINAL) == len(move_ids), states
    events = AuditEvent.objects.filter(action=AuditEvent.Action.TRANSITION,
                                       target_type=MoveRequest._meta.label)
    assert events.count() == applied, (events.count(), applied)
    per_move = Counter(dict(events.values_list("target_id").annotate(n=Count("id"))))
    history = MoveRequest.history.model.objects.filter(history_type="~")
    per_move_history = Counter(dict(history.values_list("id").annotate(n=Count("history_id"))))
    for move_id in move_ids:
        assert per_move[str(move_id)] == per_move_history[move_id], move_id
    finals = events.filter(data__to__in=FINAL).values_list("target_id", flat=True)
    assert sorted(Counter(finals).values()) == [1] * len(move_ids), "a move ended twice"
    return {"completed": states["completed"], "cancelled": states["cancelled"]}


def main() -> int:
    url = _database_url()
    if not url.startswith("postgres"):
        print("Skipped: the moves race needs PostgreSQL (set BENCH_DATABASE_URL).")
        return 0
    if not _fresh_database(url):
        return 0
    os.environ["BENCH_DATABASE_URL"] = url  # for setup_fresh_django, in this process only
    # DEBUG is off for realistic timings, which needs a real key; a throwaway one will do.
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(48))
    setup_fresh_django("moves")
    logging.getLogger("django.request").setLevel(logging.ERROR)  # 409s are expected here
    try:
        tokens, move_ids = _build()
        statuses, errors, seconds, applied = _race(tokens, move_ids)
        requests = sum(statuses.values())
        print(f"{len(tokens)} API clients, {len(move_ids)} moves (proposed -> receiving agreed "
              f"-> releasing agreed -> logistics -> completed, or cancelled), all racing")
        print(f"  {requests} step requests in {seconds:.1f} s: {requests / seconds:.0f} "
              f"requests/s, {applied / seconds:.0f} applied steps/s")
        print(f"  responses: {statuses[200]} x 200 (applied), {statuses[409]} x 409 (lost "
              f"the race); other errors: {len(errors)}")
        for line in errors[:10]:
            print(f"    {line}")
        if errors:
            return 1
        finals = _check(move_ids, applied)
        print(f"  final states: {finals['completed']} completed, {finals['cancelled']} "
              f"cancelled; {applied} audit events and history rows, one per applied step")
        return 0
    finally:
        from django.db import connections

        connections.close_all()
        _admin(url, f'DROP DATABASE IF EXISTS "{urlparse(url).path.lstrip("/")}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
