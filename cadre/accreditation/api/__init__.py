"""Accreditation api, one module per area (ADR 34)."""
