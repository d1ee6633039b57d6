"""Recruitment views, one module per area (ADR 38)."""
