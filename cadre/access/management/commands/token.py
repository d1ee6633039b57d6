from django.core.management.base import BaseCommand, CommandError

from cadre.access import services
from cadre.access.models import ApiToken, User
from cadre.core.actor import command_line_actor


class Command(BaseCommand):
    help = "Create or revoke API tokens (used as 'Authorization: Token …')."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a token and print it once.")
        create.add_argument("--email", required=True)
        create.add_argument("--name", default="cli")
        revoke = sub.add_parser("revoke", help="Revoke all of an account's tokens.")
        revoke.add_argument("--email", required=True)

    def handle(self, *args: str, **options: object) -> None:
        user = User.objects.filter(email__iexact=str(options["email"])).first()
        if user is None:
            raise CommandError(f"No account for {options['email']}.")
        if options["action"] == "create":
            _, raw = services.create_token(user=user, actor=command_line_actor(),
                                                      name=str(options["name"]))
            self.stdout.write(raw)
            return
        tokens = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
        count = tokens.count()
        for token in tokens:
            services.revoke_token(token=token, actor=command_line_actor())
        self.stdout.write(f"Revoked {count} token(s) for {user.email}.")
