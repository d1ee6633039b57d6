"""Accreditation forms, one module per area (ADR 34)."""
