"""``cadre access grant|revoke|list|link``: accounts' roles and the person they belong to."""

from django.core.management.base import CommandError
from django.db import transaction

from cadre.access import linking, services
from cadre.access.emails import normalise_email
from cadre.access.models import RoleAssignment, User
from cadre.access.roles import Role
from cadre.core.actor import Actor
from cadre.core.commands import SubcommandCommand
from cadre.organisations.models import Organisation
from cadre.organisations.selectors import organisation_by_abbreviation


def _organisation(options: dict) -> Organisation | None:
    if not options.get("organisation"):
        return None
    org = organisation_by_abbreviation(str(options["organisation"]))
    if org is None:
        raise CommandError(f"No organisation '{options['organisation']}'.")
    return org


class Command(SubcommandCommand):
    help = "Manage accounts' roles (grant, revoke, list) and link an account to a person."

    def add_actions(self, actions) -> None:  # noqa: ANN001
        grant = actions.add_parser("grant", help="Grant a role, creating the account if needed.")
        grant.add_argument("--email", required=True)
        grant.add_argument("--role", required=True, choices=Role.values)
        grant.add_argument("--organisation", help="Abbreviation, for organisation-scoped roles")
        revoke = actions.add_parser("revoke", help="End a role assignment.")
        revoke.add_argument("--email", required=True)
        revoke.add_argument("--role", required=True, choices=Role.values)
        revoke.add_argument("--organisation")
        listing = actions.add_parser("list", help="List current role assignments.")
        listing.add_argument("--email")
        link = actions.add_parser(
            "link", help="Link an account to a person record (a person has one account).")
        link.add_argument("--email", required=True, help="The account's email")
        link.add_argument("--organisation", required=True, help="The person's organisation "
                                                                "(abbreviation)")
        link.add_argument("--staff-number", required=True, dest="staff_number")

    def handle_grant(self, options: dict, *, actor: Actor) -> None:
        org = _organisation(options)
        with transaction.atomic():  # a refused role leaves no new account behind
            user, created = services.get_or_create_account(email=str(options["email"]),
                                                           actor=actor)
            assignment = services.grant_role(user=user, role=str(options["role"]),
                                             organisation=org, actor=actor)
        self.stdout.write(
            f"{'Created account ' + user.email + '; ' if created else ''}"
            f"{user.email} now holds: {assignment}"
        )
        if not user.has_usable_password():
            self.stdout.write(
                f"{user.email} has no password yet. Its owner sets one with 'Set or reset "
                "your password' on the sign-in page (/password/), which emails them a link.")

    def handle_link(self, options: dict, *, actor: Actor) -> None:
        person = linking.link_account(
            actor=actor, email=str(options["email"]),
            organisation=str(options["organisation"]),
            staff_number=str(options["staff_number"]))
        self.stdout.write(f"{person.account.email} is linked to {person} "
                          f"({person.organisation.abbreviation} {person.staff_number}).")

    def handle_revoke(self, options: dict, *, actor: Actor) -> None:
        found = RoleAssignment.objects.current().filter(
            user__email=normalise_email(options["email"]), role=options["role"],
            organisation=_organisation(options),
        )
        if not found.exists():
            raise CommandError("No such current role assignment.")
        for assignment in found:
            services.revoke_role(assignment=assignment, actor=actor)
        self.stdout.write(f"Revoked {options['role']} from {options['email']}.")

    def handle_list(self, options: dict, *, actor: Actor) -> None:
        users = User.objects.all()
        if options.get("email"):
            users = users.filter(email=normalise_email(options["email"]))
        for user in users:
            roles = "; ".join(str(a) for a in RoleAssignment.objects.current().filter(
                user=user).select_related("organisation")) or "no roles"
            self.stdout.write(f"{user.email}: {roles}")
