"""Accreditation selectors, one module per area (ADR 34)."""
