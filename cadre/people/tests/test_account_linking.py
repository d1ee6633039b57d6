"""Linking sign-in accounts to person records (ADR 23): automatically by work email, on the
page, with ``cadre access link`` and through the API; who may, and what is refused."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from cadre.access.models import User
from cadre.access.roles import Role
from cadre.access.services import get_or_create_account
from cadre.audit.models import AuditEvent
from cadre.core.actor import Actor
from cadre.people import services
from cadre.people.models import Person
from cadre.people.services import NO_SUCH_PERSON

pytestmark = pytest.mark.django_db


def _refresh(person: Person) -> Person:
    person.refresh_from_db()
    return person


# --- automatically, by work email -----------------------------------------------------------

def test_a_new_account_is_linked_to_the_one_person_with_its_email(people) -> None:  # noqa: ANN001
    people.a_staff1.email = "Staff.One@DA.example"
    people.a_staff1.save()
    user, _ = get_or_create_account(email="staff.one@da.example", actor=None)
    assert _refresh(people.a_staff1).account == user
    event = AuditEvent.objects.filter(summary__contains="linked to account").latest("pk")
    assert event.actor is None and event.data["account"] == "staff.one@da.example"


def test_an_account_is_linked_when_it_signs_in(people, client) -> None:  # noqa: ANN001
    user = User.objects.create_user("later@da.example", password="a long enough pw 1")
    assert not Person.objects.filter(account=user).exists()
    # The person record arrives after the account, by a route with no signal (an import).
    Person.objects.filter(pk=people.a_staff2.pk).update(email="later@da.example")
    client.post(reverse("access:sign-in"), {"username": "later@da.example",
                                            "password": "a long enough pw 1"})
    assert _refresh(people.a_staff2).account == user


def test_a_person_created_by_the_service_is_linked_to_a_waiting_account(org_a) -> None:  # noqa: ANN001
    user, _ = get_or_create_account(email="new.starter@da.example", actor=None)
    person = services.create_person(actor=Actor.system(), organisation=org_a,
                                    staff_number="N1", first_name="New", last_name="Starter",
                                    email="new.starter@da.example")
    assert person.account == user


def test_an_email_shared_by_two_people_links_nobody(people) -> None:  # noqa: ANN001
    for person in (people.a_staff1, people.b_staff):
        person.email = "shared@example.org"
        person.save()
    get_or_create_account(email="shared@example.org", actor=None)
    assert not Person.objects.filter(account__isnull=False).exists()


def test_a_person_already_linked_is_not_taken_over(people, make_account) -> None:  # noqa: ANN001
    owner = make_account(person=people.a_staff1)
    people.a_staff1.email = "taken@da.example"
    people.a_staff1.save()
    get_or_create_account(email="taken@da.example", actor=None)
    assert _refresh(people.a_staff1).account == owner


# --- the service's own rules ------------------------------------------------------------------

def test_a_person_has_one_account_and_an_account_one_person(people, make_account) -> None:  # noqa: ANN001
    first, second = make_account(), make_account()
    services.link_account(actor=Actor.system(), person=people.a_staff1, account=first)
    with pytest.raises(ValidationError, match="already linked to another account"):
        services.link_account(actor=Actor.system(), person=people.a_staff1, account=second)
    with pytest.raises(ValidationError, match="already linked to another person"):
        services.link_account(actor=Actor.system(), person=people.a_staff2, account=first)
    # The same pair again is no change and no second event.
    events = AuditEvent.objects.count()
    services.link_account(actor=Actor.system(), person=people.a_staff1, account=first)
    assert AuditEvent.objects.count() == events


def test_heads_of_profession_link_only_their_own_people(people, make_account, org_a) -> None:  # noqa: ANN001
    hop = make_account(Role.HEAD_OF_PROFESSION, org_a)
    account = make_account()
    with pytest.raises(ValidationError) as other_org:
        services.link_account_by_keys(actor=Actor.for_user(hop), email=account.email,
                                      organisation="DB", staff_number="B2")
    with pytest.raises(ValidationError) as unknown:
        services.link_account_by_keys(actor=Actor.for_user(hop), email=account.email,
                                      organisation="DA", staff_number="NOPE")
    assert other_org.value.message_dict == unknown.value.message_dict == {
        "staff_number": [NO_SUCH_PERSON]}
    person = services.link_account_by_keys(actor=Actor.for_user(hop), email=account.email,
                                           organisation="da", staff_number="A3")
    assert person.account == account


@pytest.mark.parametrize("role", [Role.CENTRAL_TEAM, Role.LEARNING_LEAD, Role.ANALYST, None])
def test_other_roles_cannot_link(role, people, make_account, org_a) -> None:  # noqa: ANN001
    actor = make_account(role, org_a if role == Role.LEARNING_LEAD else None)
    account = make_account()
    with pytest.raises(ValidationError, match="No person with that staff number"):
        services.link_account_by_keys(actor=Actor.for_user(actor), email=account.email,
                                      organisation="DA", staff_number="A3")
    assert _refresh(people.a_staff1).account is None


# --- the page ---------------------------------------------------------------------------------

def test_an_administrator_links_on_the_page(people, make_account, web_client) -> None:  # noqa: ANN001
    admin = make_account(Role.ADMINISTRATOR)
    account = make_account()
    client = web_client(admin)
    page = client.get(reverse("people:link-account")).content.decode()
    assert account.email in page  # listed among accounts without a person
    response = client.post(reverse("people:link-account"), {
        "email": account.email, "organisation": "DB", "staff_number": "B2"}, follow=True)
    assert f"{account.email} is now linked to" in response.content.decode()
    assert _refresh(people.b_staff).account == account
    account_page = client.get(reverse("access:account", args=[account.pk])).content.decode()
    assert people.b_staff.full_name in account_page and "Password</dt>" in account_page
    # ... and unlinks from the person's page.
    detail = client.get(reverse("people:detail", args=[people.b_staff.pk])).content.decode()
    assert "Unlink the account" in detail
    client.post(reverse("people:unlink-account", args=[people.b_staff.pk]))
    assert _refresh(people.b_staff).account is None


def test_the_page_names_the_field_of_a_refusal(people, make_account, web_client, org_a) -> None:  # noqa: ANN001
    hop = make_account(Role.HEAD_OF_PROFESSION, org_a)
    response = web_client(hop).post(reverse("people:link-account"), {
        "email": "nobody@nowhere.example", "organisation": "DA", "staff_number": "A3"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page and "No account with that email address" in page


# --- the command line and the API -------------------------------------------------------------

def test_cadre_access_link(people, make_account) -> None:  # noqa: ANN001
    account = make_account()
    out = io.StringIO()
    call_command("access", "link", "--email", account.email.upper(), "--organisation", "DA",
                 "--staff-number", "A4", stdout=out, stderr=io.StringIO())
    assert f"{account.email} is linked to" in out.getvalue()
    assert _refresh(people.a_staff2).account == account
    with pytest.raises(CommandError, match="already linked to another person"):
        call_command("access", "link", "--email", account.email, "--organisation", "DA",
                     "--staff-number", "A3", stdout=io.StringIO(), stderr=io.StringIO())


def test_the_api_links_and_refuses_out_of_scope_like_unknown(people, make_account, api_client,
                                                             org_a) -> None:  # noqa: ANN001
    hop = make_account(Role.HEAD_OF_PROFESSION, org_a)
    account = make_account()
    client = api_client(hop)
    url = reverse("api:account-link")
    outside = client.post(url, {"email": account.email, "organisation": "DB",
                                "staff_number": "B2"}, format="json")
    unknown = client.post(url, {"email": account.email, "organisation": "DA",
                                "staff_number": "ZZ9"}, format="json")
    assert outside.status_code == unknown.status_code == 400
    assert outside.json() == unknown.json()
    done = client.post(url, {"email": account.email, "organisation": "DA",
                             "staff_number": "A5"}, format="json")
    assert done.status_code == 200
    assert done.json() == {"person": people.a_other.pk, "organisation": "DA",
                           "staff_number": "A5", "email": account.email}


def test_demo_line_manager_is_the_demo_professionals_manager(db) -> None:  # noqa: ANN001
    call_command("load_defaults", stdout=io.StringIO())
    call_command("demo_load", stdout=io.StringIO())
    professional = Person.objects.get(account__email="professional.dwp@cadre.example")
    assert professional.line_manager.account.email == "manager.dwp@cadre.example"


def test_an_import_links_waiting_accounts(org_a) -> None:  # noqa: ANN001
    from cadre.core.tabular import read_table, write_csv
    from cadre.people.imports import PEOPLE_COLUMNS

    user, _ = get_or_create_account(email="imported@da.example", actor=None)
    rows = [{"staff_number": "I1", "first_name": "Imported", "last_name": "Person",
             "email": "Imported@DA.example"}]
    table = read_table(write_csv(PEOPLE_COLUMNS, rows).encode(), filename="p.csv",
                       required=PEOPLE_COLUMNS[:3], optional=PEOPLE_COLUMNS[3:])
    services.import_people(actor=Actor.system(), organisation=org_a, table=table,
                           filename="p.csv")
    assert Person.objects.get(staff_number="I1").account == user
