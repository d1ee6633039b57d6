"""Accreditation services, one module per area (ADR 34)."""
