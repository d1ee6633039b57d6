"""One safe way to name a download: the ``Content-Disposition`` header (RFC 6266).

Filenames often carry user data (a staff number, an organisation's abbreviation), so
they are never pasted into the header as they are. :func:`content_disposition` gives
an ASCII ``filename="..."`` with anything risky replaced, and, when the name has other
characters, the exact name as ``filename*=UTF-8''...`` (RFC 5987) for browsers that
read it. Control characters, quotes, slashes and backslashes never reach the header.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

MAX_FILENAME = 150
_UNSAFE_ASCII = re.compile(r"[^A-Za-z0-9._\- ()]+")


def safe_filename(filename: str) -> str:
    """``filename`` with control characters, path separators and quotes removed."""
    cleaned = "".join(
        " " if unicodedata.category(ch).startswith(("C", "Z")) else ch
        for ch in filename
    )
    cleaned = re.sub(r"[\"'\\/:*?<>|;,]+", "-", cleaned)
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" .-")
    if len(cleaned) > MAX_FILENAME:
        stem, dot, ext = cleaned.rpartition(".")
        cleaned = (stem[: MAX_FILENAME - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 \
            else cleaned[:MAX_FILENAME]
    return cleaned or "download"


def content_disposition(filename: str, *, attachment: bool = True) -> str:
    """The ``Content-Disposition`` header value for a file called ``filename``."""
    name = safe_filename(filename)
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = _UNSAFE_ASCII.sub("-", ascii_name).strip(" .-") or "download"
    value = f'{"attachment" if attachment else "inline"}; filename="{ascii_name}"'
    if ascii_name != name:
        value += f"; filename*=UTF-8''{quote(name, safe='')}"
    return value


def download_name(*parts: object, max_length: int = 80) -> str:
    """A readable filename stem from titles (``"Data engineer", "Senior"`` gives
    ``data-engineer-senior``), never from internal record numbers.

    Words are kept (accents folded to ASCII), anything else becomes a hyphen, and the
    result is cut at ``max_length`` on a hyphen. Empty parts are skipped.
    """
    words = []
    for part in parts:
        text = unicodedata.normalize("NFKD", str(part or "")).encode("ascii", "ignore").decode()
        text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
        if text:
            words.append(text)
    stem = "-".join(words)
    if len(stem) > max_length:
        stem = stem[:max_length].rsplit("-", 1)[0] or stem[:max_length]
    return stem or "download"
