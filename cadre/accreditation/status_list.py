"""W3C Bitstring Status List: encode and read the list of credential statuses (no Django).

A list is a string of bits, one per credential (bit 0 is the most significant bit of the
first byte, as the W3C Recommendation sets out). Published, it is GZIP-compressed,
base64url-encoded without padding and given the multibase prefix ``u``. A set bit means
the status applies: revoked in the revocation list, suspended in the suspension list.
"""

from __future__ import annotations

import base64
import gzip
from collections.abc import Iterable

#: The W3C minimum length, so a list gives its holders herd privacy.
MIN_BITS = 131_072
PURPOSES = ("revocation", "suspension")
MULTIBASE_BASE64URL = "u"


class StatusListError(ValueError):
    """An encoded list that cannot be read, or an index outside the list."""


def to_bytes(set_bits: Iterable[int], size: int = MIN_BITS) -> bytes:
    """The raw bitstring (``size`` bits, a multiple of 8) with the given positions set."""
    if size < MIN_BITS or size % 8:
        raise StatusListError(f"A status list has at least {MIN_BITS} bits, a multiple of 8.")
    raw = bytearray(size // 8)
    for index in set_bits:
        if not 0 <= index < size:
            raise StatusListError(f"Status index {index} is outside the list (0 to {size - 1}).")
        raw[index // 8] |= 0x80 >> (index % 8)
    return bytes(raw)


def encode(set_bits: Iterable[int], size: int = MIN_BITS) -> str:
    """The ``encodedList`` value: multibase base64url (no padding) of the GZIP'd bitstring."""
    packed = gzip.compress(to_bytes(set_bits, size), mtime=0)
    return MULTIBASE_BASE64URL + base64.urlsafe_b64encode(packed).decode().rstrip("=")


def decode(encoded: str) -> bytes:
    """The raw bitstring from an ``encodedList`` (the ``u`` prefix is optional)."""
    if not isinstance(encoded, str) or not encoded:
        raise StatusListError("The encoded status list is empty.")
    text = encoded[1:] if encoded.startswith(MULTIBASE_BASE64URL) else encoded
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        raw = gzip.decompress(packed)
    except (ValueError, OSError, EOFError) as error:
        raise StatusListError("The encoded status list is not GZIP'd base64url.") from error
    if len(raw) * 8 < MIN_BITS:
        raise StatusListError(f"The status list has fewer than {MIN_BITS} bits.")
    return raw


def bit(raw: bytes, index: int) -> bool:
    """Whether the bit at ``index`` is set."""
    if not 0 <= index < len(raw) * 8:
        raise StatusListError(f"Status index {index} is outside the list.")
    return bool(raw[index // 8] & (0x80 >> (index % 8)))


def set_positions(raw: bytes) -> list[int]:
    """Every set position, in order (for tests and checks)."""
    return [i for i in range(len(raw) * 8) if raw[i // 8] & (0x80 >> (i % 8))]
