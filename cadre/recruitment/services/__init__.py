"""Recruitment services, one module per area (ADR 38)."""
