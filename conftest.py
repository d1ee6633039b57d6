"""Shared pytest fixtures: factories, accounts per role and clients."""

from tests.fixtures import *  # noqa: F403 - fixtures are found by name
