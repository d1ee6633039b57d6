from django.apps import AppConfig


class IdentityConfig(AppConfig):
    """Sign-in through organisations' OpenID Connect providers (ADR 29)."""

    name = "cadre.identity"
    label = "identity"

    def ready(self) -> None:
        from cadre.access.federation import Federation, register
        from cadre.identity.providers import all_providers
        from cadre.identity.services import local_passwords_allowed
        from cadre.identity.views import start

        register(Federation(route=start, passwords_allowed=local_passwords_allowed,
                            available=lambda: bool(all_providers())))
