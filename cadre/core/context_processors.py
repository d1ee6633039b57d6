"""Values every page's layout needs (``core/base.html``)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def layout(request: HttpRequest) -> dict[str, object]:
    """The phase banner's feedback address (``CADRE_FEEDBACK_URL``: a page or a mailto)."""
    return {"feedback_url": settings.CADRE_FEEDBACK_URL}
