"""The talent hub: one page linking to each talent and planning area the user may open.

The areas are the ``talent`` navigation section, which mobility, talent, bench and planning
each register in their ``AppConfig.ready()`` (``core/navigation.py``).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cadre.access.navigation import links_for
from cadre.core.navigation import TALENT


def home(request: HttpRequest) -> HttpResponse:
    """Links to the talent areas this account may open (the permission map decides)."""
    links = [{"heading": link.entry.label, "url": link.url, "text": link.entry.description}
             for link in links_for(request.user, TALENT)]
    return render(request, "talent/home.html", {"areas": links})
