"""Recruitment selectors, one module per area (ADR 38)."""
