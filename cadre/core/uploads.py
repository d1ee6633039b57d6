"""Holding an uploaded file between the preview and the confirm step of an import.

The bytes are written under MEDIA_ROOT/imports with a random name; the name and
what it is for are kept in the uploader's session, so nobody else can confirm it.
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpRequest


def _folder() -> Path:
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


#: Uploads never confirmed are removed after this many seconds.
STALE_AFTER = 24 * 60 * 60


def remove_stale_uploads(now: float | None = None) -> int:
    """Delete previews nobody confirmed within a day; returns how many went."""
    cutoff = (now or time.time()) - STALE_AFTER
    removed = 0
    for path in _folder().iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def stash_upload(request: HttpRequest, *, kind: str, data: bytes, **details: Any) -> str:
    """Keep ``data`` for this session; returns the token the confirm form posts back."""
    remove_stale_uploads()
    token = secrets.token_hex(16)
    (_folder() / token).write_bytes(data)
    request.session[f"import-{token}"] = {"kind": kind, **details}
    return token


def take_upload(request: HttpRequest, *, kind: str, token: str) -> tuple[bytes, dict] | None:
    """Return and forget a stashed upload, or None if it is unknown, expired or not ours."""
    if not token.isalnum():
        return None
    details = request.session.pop(f"import-{token}", None)
    path = _folder() / token
    if details is None or details.get("kind") != kind or not path.exists():
        return None
    data = path.read_bytes()
    path.unlink()
    return data, details
