"""Panels records of the recruitment hub."""

from __future__ import annotations

__all__: list[str] = []
