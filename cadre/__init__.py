"""Cadre: the capability programme service for government's digital and data profession."""
