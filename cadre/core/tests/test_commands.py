"""SubcommandCommand: actions dispatch to handle_<action> with the command-line actor, and
every kind of refused change ends as the same CommandError."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError

from cadre.core.actor import Actor
from cadre.core.commands import SubcommandCommand
from cadre.core.tabular import CellError, TableError
from cadre.core.workflow import TransitionConflict


def _conflict() -> TransitionConflict:
    exc = TransitionConflict.__new__(TransitionConflict)
    exc.message = "This move is now 'cancelled', so 'agree' is no longer possible."
    return exc


class Sample(SubcommandCommand):
    raised: Exception | None = None

    def add_actions(self, actions) -> None:  # noqa: ANN001
        actions.add_parser("who-runs")
        fail = actions.add_parser("fail")
        fail.add_argument("--times", type=int, default=1)

    def handle_who_runs(self, options: dict, *, actor: Actor) -> None:
        self.stdout.write(f"{actor.kind}:{actor.os_user}")

    def handle_fail(self, options: dict, *, actor: Actor) -> None:
        raise self.raised


def run(*argv: str, raised: Exception | None = None) -> tuple[str, str]:
    command = Sample(stdout=io.StringIO(), stderr=io.StringIO())
    command.raised = raised
    parser = command.create_parser("cadre", "sample")
    options = {**vars(parser.parse_args(argv)), "skip_checks": True}
    command.execute(**options)
    return command.stdout._out.getvalue(), command.stderr._out.getvalue()


def test_an_action_runs_its_handler_as_the_command_line(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr("getpass.getuser", lambda: "ops-sam")
    out, _ = run("who-runs")
    assert out.strip() == "command_line:ops-sam"


def test_an_unknown_action_is_refused_by_the_parser() -> None:
    with pytest.raises(CommandError, match="invalid choice"):
        run("nope")


@pytest.mark.parametrize(("raised", "lines"), [
    (ValidationError({"email": ["Enter a valid email address."], "role": ["Unknown."]}),
     ["email: Enter a valid email address.", "role: Unknown."]),
    (ValidationError("That version already exists."), ["That version already exists."]),
    (PermissionDenied("Only the receiving organisation completes a move."),
     ["Only the receiving organisation completes a move."]),
    (PermissionDenied(), ["You may not make this change."]),
    (_conflict(), ["This move is now 'cancelled', so 'agree' is no longer possible."]),
])
def test_refusals_say_nothing_was_changed(raised: Exception, lines: list[str]) -> None:
    with pytest.raises(CommandError) as caught:
        run("fail", raised=raised)
    assert str(caught.value).splitlines() == ["Nothing was changed:", *(f"  {x}" for x in lines)]


def test_a_bad_file_lists_every_problem() -> None:
    errors = [CellError(2, "grade", "unknown grade 'G99'"), CellError(3, None, "empty row")]
    command = Sample(stdout=io.StringIO(), stderr=io.StringIO())
    command.raised = TableError(errors)
    with pytest.raises(CommandError, match=r"2 problem\(s\) found; nothing was imported"):
        command.execute(action="fail", times=1, verbosity=1, no_color=True, force_color=False,
                        skip_checks=True)
    assert command.stderr._out.getvalue().splitlines() == [
        "  Row 2, column 'grade': unknown grade 'G99'", "  Row 3: empty row"]
