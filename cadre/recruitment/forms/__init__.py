"""Recruitment forms, one module per area (ADR 38)."""
