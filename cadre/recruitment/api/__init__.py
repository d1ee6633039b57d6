"""Recruitment api, one module per area (ADR 38)."""
