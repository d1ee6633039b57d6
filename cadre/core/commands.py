"""Commands with actions (``cadre access grant ...``, ``cadre framework import ...``).

A ``SubcommandCommand`` declares each action as an argparse subparser in
``add_actions`` and implements ``handle_<action>(options, *, actor)`` (dashes in
the action's name become underscores). The command runs the handler with the
command-line actor (``cli:<OS user>``) and turns the ways a change is refused into
one kind of message, so every command reports them alike:

- ``ValidationError``: ``Nothing was changed:`` and a line per problem
  (``field: message`` when the error names fields);
- ``PermissionDenied`` and ``TransitionConflict`` (``core.workflow``, someone got
  there first): ``Nothing was changed:`` and the reason;
- ``TableError`` (and the command's other ``file_errors``): every problem in the
  file, by row and column, on standard error, then ``N problem(s) found; nothing
  was imported.``

All of these exit non-zero through ``CommandError``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from cadre.core.actor import Actor, command_line_actor
from cadre.core.tabular import TableError
from cadre.core.workflow import TransitionConflict

NOTHING_CHANGED = "Nothing was changed"


def validation_lines(exc: ValidationError) -> list[str]:
    """One line per problem, ``field: message`` where the error names its field."""
    if hasattr(exc, "error_dict"):
        return [f"{field}: {message}" if field != "__all__" else message
                for field, messages in exc.message_dict.items() for message in messages]
    return list(exc.messages)


def _refused(lines: list[str]) -> CommandError:
    return CommandError("\n  ".join([f"{NOTHING_CHANGED}:", *lines]))


def _file_problem(error: object) -> str:
    name = getattr(error, "file", "")
    return f"{name}: {error}" if name else str(error)


@contextmanager
def refusals_reported(command: BaseCommand,
                      file_errors: tuple[type[Exception], ...] = (TableError,)) -> Iterator[None]:
    """Turn a refused change inside the block into a ``CommandError`` (see the module)."""
    try:
        yield
    except file_errors as exc:
        problems = list(getattr(exc, "errors", [exc]))
        for problem in problems:
            command.stderr.write(f"  {_file_problem(problem)}")
        raise CommandError(
            f"{len(problems)} problem(s) found; nothing was imported.") from exc
    except ValidationError as exc:
        raise _refused(validation_lines(exc)) from exc
    except PermissionDenied as exc:
        raise _refused([str(exc) or "You may not make this change."]) from exc
    except TransitionConflict as exc:
        raise _refused([exc.message]) from exc


class SubcommandCommand(BaseCommand):
    """Base for a command whose first argument is an action; see the module docstring."""

    #: Exceptions listing problems in an input file (each with an ``errors`` list).
    file_errors: tuple[type[Exception], ...] = (TableError,)

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        self.add_actions(actions)

    def add_actions(self, actions: Any) -> None:
        """Add one subparser per action: ``actions.add_parser("grant", help=...)``."""
        raise NotImplementedError

    def handler(self, action: str) -> Callable[..., None]:
        """The method that runs ``action``: ``handle_<action>``."""
        found = getattr(self, f"handle_{action.replace('-', '_')}", None)
        if found is None:
            raise CommandError(f"'{action}' is not an action of this command.")
        return found

    def actor(self) -> Actor:
        """Who runs the command: the command line, named after the OS user."""
        return command_line_actor()

    def handle(self, *args: str, **options: Any) -> None:
        handler = self.handler(str(options["action"]))
        with refusals_reported(self, self.file_errors):
            handler(options, actor=self.actor())
