"""Accreditation views, one module per area (ADR 34)."""
