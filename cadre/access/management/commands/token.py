"""``cadre token create|revoke``: API tokens (``Authorization: Token …``)."""

from django.core.management.base import CommandError

from cadre.access import services
from cadre.access.emails import normalise_email
from cadre.access.models import ApiToken, User
from cadre.core.actor import Actor
from cadre.core.commands import SubcommandCommand


def _account(options: dict) -> User:
    user = User.objects.filter(email=normalise_email(options["email"])).first()
    if user is None:
        raise CommandError(f"No account for {options['email']}.")
    return user


class Command(SubcommandCommand):
    help = "Create or revoke API tokens (used as 'Authorization: Token …')."

    def add_actions(self, actions) -> None:  # noqa: ANN001
        create = actions.add_parser("create", help="Create a token and print it once.")
        create.add_argument("--email", required=True)
        create.add_argument("--name", default="cli")
        revoke = actions.add_parser("revoke", help="Revoke all of an account's tokens.")
        revoke.add_argument("--email", required=True)

    def handle_create(self, options: dict, *, actor: Actor) -> None:
        _, raw = services.create_token(user=_account(options), actor=actor,
                                       name=str(options["name"]))
        self.stdout.write(raw)

    def handle_revoke(self, options: dict, *, actor: Actor) -> None:
        user = _account(options)
        tokens = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
        count = tokens.count()
        for token in tokens:
            services.revoke_token(token=token, actor=actor)
        self.stdout.write(f"Revoked {count} token(s) for {user.email}.")
