"""Learning supply: xapi records (issue 17). Owned by the xapi area."""

from __future__ import annotations

__all__: list[str] = []
