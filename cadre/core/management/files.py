"""Reading an input file for a command, with clear errors."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError


def read_input_file(path: str) -> bytes:
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"No such file: {path}")
    size = file.stat().st_size
    if size > settings.CADRE_MAX_UPLOAD_BYTES:
        limit = settings.CADRE_MAX_UPLOAD_BYTES // (1024 * 1024)
        raise CommandError(f"{path} is larger than the {limit} MB limit.")
    return file.read_bytes()
