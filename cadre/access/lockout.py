"""Sign-in lockout on django-axes: per normalised email, and per IP address.

Two counters, each over the cool-off window:

- per email (any IP): ``AXES_FAILURE_LIMIT`` failures lock that account, whatever
  spelling of the address was typed (``CENTRAL@…``, `` central@…``);
- per IP (any email): ``CADRE_SIGNIN_IP_FAILURE_LIMIT`` failures from one address
  lock that address out, so a password spray across many accounts is throttled.
  It is higher than the per-email limit because many people can share one office
  address.

A locked-out request is refused even with the right password.
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

from cadre.access.emails import normalise_email


def lockout_username(request: HttpRequest | None, credentials: dict | None = None) -> str:
    """AXES_USERNAME_CALLABLE: the normalised email the attempt was for."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        return normalise_email(credentials.get(field))
    data = getattr(request, "POST", None) or {}
    return normalise_email(data.get(field))


class CadreLockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with its own limit for the per-IP counter."""

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """Failures that count towards the lockout limit.

        Reports the per-email count, or the full limit when the per-IP counter has
        reached its own (higher) limit, so axes' single comparison covers both.
        """
        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        parameters = settings.AXES_LOCKOUT_PARAMETERS
        by_email = max((c for p, c in zip(parameters, counts, strict=False) if p != "ip_address"),
                       default=0)
        by_ip = max((c for p, c in zip(parameters, counts, strict=False) if p == "ip_address"),
                    default=0)
        if by_ip >= settings.CADRE_SIGNIN_IP_FAILURE_LIMIT:
            return max(by_email, get_failure_limit(request, credentials))
        return by_email
