from django.apps import AppConfig


class IdentityConfig(AppConfig):
    """Sign-in through organisations' OpenID Connect providers (ADR 29)."""

    name = "cadre.identity"
    label = "identity"

    def ready(self) -> None:
        from cadre.access.federation import Federation, register
        from cadre.core.navigation import NavEntry
        from cadre.core.navigation import register as register_link
        from cadre.identity.providers import all_providers
        from cadre.identity.services import local_passwords_allowed
        from cadre.identity.views import sign_out_redirect, start

        register(Federation(route=start, passwords_allowed=local_passwords_allowed,
                            available=lambda: bool(all_providers()),
                            sign_out=sign_out_redirect))
        # Linked from the accounts page; registered for its breadcrumbs.
        register_link(NavEntry("How organisations sign in", "identity:organisations",
                               "accounts", 10, "Whether each organisation's people may "
                               "still sign in with a Cadre password."))
