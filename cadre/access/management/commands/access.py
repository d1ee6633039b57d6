from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cadre.access import services
from cadre.access.models import RoleAssignment, User
from cadre.access.roles import Role
from cadre.core.actor import command_line_actor
from cadre.organisations.selectors import organisation_by_abbreviation


class Command(BaseCommand):
    help = "Manage accounts' roles: grant, revoke, list."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        sub = parser.add_subparsers(dest="action", required=True)
        grant = sub.add_parser("grant", help="Grant a role, creating the account if needed.")
        grant.add_argument("--email", required=True)
        grant.add_argument("--role", required=True, choices=Role.values)
        grant.add_argument("--organisation", help="Abbreviation, for organisation-scoped roles")
        revoke = sub.add_parser("revoke", help="End a role assignment.")
        revoke.add_argument("--email", required=True)
        revoke.add_argument("--role", required=True, choices=Role.values)
        revoke.add_argument("--organisation")
        listing = sub.add_parser("list", help="List current role assignments.")
        listing.add_argument("--email")

    def handle(self, *args: str, **options: object) -> None:
        action = options["action"]
        org = None
        if options.get("organisation"):
            org = organisation_by_abbreviation(str(options["organisation"]))
            if org is None:
                raise CommandError(f"No organisation '{options['organisation']}'.")
        if action == "grant":
            user, created = services.get_or_create_account(
                email=str(options["email"]), actor=command_line_actor()
            )
            try:
                assignment = services.grant_role(
                    user=user, role=str(options["role"]), organisation=org,
                    actor=command_line_actor(),
                )
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
            self.stdout.write(
                f"{'Created account ' + user.email + '; ' if created else ''}"
                f"{user.email} now holds: {assignment}"
            )
        elif action == "revoke":
            found = RoleAssignment.objects.current().filter(
                user__email__iexact=options["email"], role=options["role"], organisation=org
            )
            if not found.exists():
                raise CommandError("No such current role assignment.")
            for assignment in found:
                services.revoke_role(assignment=assignment, actor=command_line_actor())
            self.stdout.write(f"Revoked {options['role']} from {options['email']}.")
        else:
            users = User.objects.all()
            if options.get("email"):
                users = users.filter(email__iexact=options["email"])
            for user in users:
                roles = "; ".join(str(a) for a in RoleAssignment.objects.current().filter(
                    user=user).select_related("organisation")) or "no roles"
                self.stdout.write(f"{user.email}: {roles}")
