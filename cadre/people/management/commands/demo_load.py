from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cadre.access.services import get_or_create_account, grant_role
from cadre.core.actor import command_line_actor
from cadre.core.tabular import read_table, write_csv
from cadre.organisations.imports import ORGANISATION_COLUMNS
from cadre.organisations.selectors import organisation_by_abbreviation
from cadre.organisations.services import import_organisations
from cadre.people import demo
from cadre.people.imports import PEOPLE_COLUMNS
from cadre.people.models import Person
from cadre.people.services import import_people, link_account, unlink_account


class Command(BaseCommand):
    help = "Load the small demo data set and one sign-in per role (never in production)."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: str, **options: object) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data is not loaded in production.")
        seed = int(options["seed"])  # type: ignore[arg-type]
        with transaction.atomic():
            self._load(seed)
        self.stdout.write(f"\nDemo sign-ins (password for all: {demo.DEMO_PASSWORD})")
        for account in demo.DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.email:34} {account.note}")

    def _load(self, seed: int) -> None:
        rows = [dict(zip(ORGANISATION_COLUMNS, org, strict=True))
                for org in demo.DEMO_ORGANISATIONS]
        table = read_table(write_csv(ORGANISATION_COLUMNS, rows).encode(), filename="demo.csv",
                           required=ORGANISATION_COLUMNS)
        import_organisations(actor=command_line_actor(), table=table, filename="demo organisations")
        for abbreviation, (count, grades) in demo.DEMO_PEOPLE.items():
            organisation = organisation_by_abbreviation(abbreviation)
            people = demo.people_rows(abbreviation, count, grades, seed=seed)
            table = read_table(write_csv(PEOPLE_COLUMNS, people).encode(),
                               filename=f"{abbreviation}.csv", required=PEOPLE_COLUMNS)
            result = import_people(actor=command_line_actor(),
                                   organisation=organisation, table=table,
                                   filename=f"demo people {abbreviation}")
            self.stdout.write(f"{abbreviation}: {result.created} people added, "
                              f"{result.updated} updated")
        for account in demo.DEMO_ACCOUNTS:
            user, _ = get_or_create_account(email=account.email, actor=command_line_actor())
            user.set_password(demo.DEMO_PASSWORD)
            user.save(update_fields=["password"])
            org = organisation_by_abbreviation(account.organisation) if account.organisation \
                else None
            person = None
            if account.staff_number:
                person = Person.objects.get(organisation=org, staff_number=account.staff_number)
            elif account.line_manager_of:
                person = Person.objects.select_related("line_manager").get(
                    organisation=org, staff_number=account.line_manager_of).line_manager
            if person is not None:
                if person.account_id != user.pk:
                    if person.account_id is not None:  # a re-run that picked someone else
                        unlink_account(actor=command_line_actor(), person=person)
                    for other in Person.objects.filter(account=user).exclude(pk=person.pk):
                        unlink_account(actor=command_line_actor(), person=other)
                    link_account(actor=command_line_actor(), person=person, account=user)
                org = None  # 'professional' is not organisation-scoped
            if account.role:
                grant_role(user=user, role=account.role, organisation=org,
                           actor=command_line_actor())
