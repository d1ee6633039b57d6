"""Holding an uploaded file between the steps of an import (upload, preview, confirm).

The file is saved through Django's storage API (``default_storage``, under
``imports/`` with a random name), so any app server, or a task worker, can read it
when a shared storage is configured. The name and what it is for are kept in the
uploader's session, so nobody else can confirm it. Big uploads are copied to the
storage in chunks, never read into memory by the upload step.
"""

from __future__ import annotations

import secrets
import time
from typing import Any

from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.http import HttpRequest

FOLDER = "imports"
#: Uploads never confirmed are removed after this many seconds.
STALE_AFTER = 24 * 60 * 60


def remove_stale_uploads(now: float | None = None) -> int:
    """Delete previews nobody confirmed within a day; returns how many went."""
    cutoff = (now or time.time()) - STALE_AFTER
    removed = 0
    try:
        _folders, names = default_storage.listdir(FOLDER)
    except (FileNotFoundError, NotImplementedError):
        return 0
    for name in names:
        path = f"{FOLDER}/{name}"
        try:
            stale = default_storage.get_modified_time(path).timestamp() < cutoff
        except (FileNotFoundError, NotImplementedError):
            continue
        if stale:
            default_storage.delete(path)
            removed += 1
    return removed


def save_upload(content: bytes | File) -> str:
    """Save ``content`` (bytes, or an uploaded file copied in chunks) under a random
    name in the default storage; returns the stored name."""
    if isinstance(content, bytes):
        content = ContentFile(content)
    else:
        content.seek(0)
    return default_storage.save(f"{FOLDER}/{secrets.token_hex(16)}", content)


def remember_upload(request: HttpRequest, *, kind: str, name: str, **details: Any) -> str:
    """Register a stored file for this session; returns the token the next form posts."""
    token = secrets.token_hex(16)
    request.session[f"import-{token}"] = {"kind": kind, "stored": name, **details}
    return token


def stash_upload(request: HttpRequest, *, kind: str, data: bytes | File, **details: Any) -> str:
    """Keep ``data`` for this session; returns the token the confirm form posts back."""
    remove_stale_uploads()
    return remember_upload(request, kind=kind, name=save_upload(data), **details)


def claim_upload(request: HttpRequest, *, kind: str, token: str) -> tuple[str, dict] | None:
    """Forget a token and return (stored name, details) without reading the file; None if
    the token is unknown, expired or not this session's. The caller owns the file now."""
    if not token.isalnum():
        return None
    details = request.session.pop(f"import-{token}", None)
    if details is None or details.get("kind") != kind:
        return None
    details.pop("kind")
    name = details.pop("stored", "") or f"{FOLDER}/{token}"
    if not default_storage.exists(name):
        return None
    return name, details


def read_stored(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def take_upload(request: HttpRequest, *, kind: str, token: str) -> tuple[bytes, dict] | None:
    """Return and forget a stashed upload, or None if it is unknown, expired or not ours."""
    claimed = claim_upload(request, kind=kind, token=token)
    if claimed is None:
        return None
    name, details = claimed
    data = read_stored(name)
    default_storage.delete(name)
    return data, details
