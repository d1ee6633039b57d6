"""Shared data for the HR extract tests: the test files and the grades they use."""

from __future__ import annotations

from pathlib import Path

from tests.factories import GradeFactory

DATA = Path(__file__).parent / "data"
GRADES = ("AO", "EO", "HEO", "SEO", "G7", "G6", "SCS1")


def make_grades() -> None:
    for rank, code in enumerate(GRADES, start=1):
        GradeFactory(code=code, name=f"Grade {code}", rank=rank)


def messy() -> bytes:
    return (DATA / "messy_extract.csv").read_bytes()


def corrected() -> bytes:
    return (DATA / "corrected_extract.csv").read_bytes()


def edited(data: bytes, replace: dict[str, str] | None = None,
           drop: tuple[str, ...] = (), add: tuple[str, ...] = ()) -> bytes:
    """The corrected file with some lines changed, dropped (by staff number) or added."""
    lines = data.decode("utf-8").splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        staff = line.split(",", 1)[0]
        if staff in drop:
            continue
        for old, new in (replace or {}).items():
            line = line.replace(old, new)
        out.append(line)
    out.extend(add)
    return ("\n".join(out) + "\n").encode("utf-8")
