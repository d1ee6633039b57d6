"""API token authentication against hashed tokens (``Authorization: Token …``)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from cadre.access.models import ApiToken, hash_token

# ``last_used_at`` is a rough "still in use?" signal, not an audit record: it is written
# at most once per interval, so busy clients do not turn every read into a write.
LAST_USED_INTERVAL = timedelta(minutes=1)


def record_token_use(token: ApiToken, *, now: datetime | None = None) -> bool:
    """Set ``last_used_at`` when unset or older than the interval; True if it was written."""
    now = now or timezone.now()
    cutoff = now - LAST_USED_INTERVAL
    if token.last_used_at is not None and token.last_used_at > cutoff:
        return False
    written = ApiToken.objects.filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lte=cutoff), pk=token.pk,
    ).update(last_used_at=now)
    if written:
        token.last_used_at = now
    return bool(written)


class ApiTokenAuthentication(TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key: str):  # noqa: ANN201
        token = (
            ApiToken.objects.select_related("user")
            .filter(digest=hash_token(key), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("Invalid or revoked token.")
        record_token_use(token)
        return (token.user, token)
