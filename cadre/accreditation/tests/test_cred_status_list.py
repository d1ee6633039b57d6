"""The Bitstring Status List encoding against a plain reference on random cases."""

from __future__ import annotations

import base64
import gzip
import random

import pytest

from cadre.accreditation import status_list


def reference_encode(positions: set[int], size: int) -> bytes:
    """Plain reference: a string of '0'/'1' characters, cut into bytes left to right."""
    chars = ["1" if i in positions else "0" for i in range(size)]
    return bytes(int("".join(chars[i:i + 8]), 2) for i in range(0, size, 8))


@pytest.mark.parametrize("seed", range(8))
def test_encode_matches_reference_and_round_trips(seed: int) -> None:
    rng = random.Random(seed)
    size = status_list.MIN_BITS * rng.choice([1, 2])
    positions = set(rng.sample(range(size), rng.randint(0, 300)))
    positions |= {0, size - 1} if seed % 2 else set()
    encoded = status_list.encode(positions, size)
    assert encoded.startswith("u") and "=" not in encoded
    raw = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert raw == reference_encode(positions, size)
    decoded = status_list.decode(encoded)
    assert set(status_list.set_positions(decoded)) == positions
    for index in rng.sample(range(size), 50) + sorted(positions)[:20]:
        assert status_list.bit(decoded, index) is (index in positions)


def test_first_bit_is_the_most_significant_of_the_first_byte() -> None:
    assert status_list.to_bytes({0})[:1] == b"\x80"
    assert status_list.to_bytes({7})[:1] == b"\x01"
    assert status_list.to_bytes({9})[:2] == b"\x00\x40"


def test_refuses_bad_input() -> None:
    with pytest.raises(status_list.StatusListError):
        status_list.encode({status_list.MIN_BITS})
    with pytest.raises(status_list.StatusListError):
        status_list.encode(set(), size=1024)
    with pytest.raises(status_list.StatusListError):
        status_list.decode("unot-gzip")
    short = "u" + base64.urlsafe_b64encode(gzip.compress(b"\x00" * 10)).decode().rstrip("=")
    with pytest.raises(status_list.StatusListError, match="fewer"):
        status_list.decode(short)
    with pytest.raises(status_list.StatusListError):
        status_list.bit(status_list.to_bytes(set()), status_list.MIN_BITS)
