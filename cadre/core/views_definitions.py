"""The definitions page: what each headline number counts, and how hidden numbers and
scores are shown (``core/definitions.py``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cadre.core.definitions import DEFINITIONS


def definitions(request: HttpRequest) -> HttpResponse:
    return render(request, "core/definitions.html", {"definitions": DEFINITIONS})
