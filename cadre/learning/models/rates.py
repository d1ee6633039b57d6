"""Learning supply: rates records (issue 17). Owned by the rates area."""

from __future__ import annotations

__all__: list[str] = []
