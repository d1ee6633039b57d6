"""``cadre community messages list|versions|figures|send [--message ID] --format json|csv``:
messages to the profession from the command line (acting with the service's own rights,
audited).

- ``list``: every message (``id``, ``title``, ``channel``, ``audience``, ``essential``,
  ``state``, ``version``, ``assured_version``, ``sent_at``);
- ``versions --message ID``: its versions (``number``, ``subject``, ``created_at``);
- ``figures [--message ID]``: delivery figures (``message``, ``title``, ``recipients``,
  ``queued``, ``sent``, ``delivered``, ``failed``, ``skipped_unsubscribed``) of one
  message, or of every sent one;
- ``send --message ID``: send an assured email message (queued as a background task; a
  message not assured, changed since, or sent already is refused);
- ``resume --message ID``: run the sending task again here for a message left "sending"
  (a worker that stopped part way); addresses already queued are not sent to twice.

Assuring needs a named person, so it is done on the pages or the API, not here.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from cadre.audit.exports import export_table
from cadre.community.models import CommunityMessage, MessageState
from cadre.community.selectors import communications as sel
from cadre.community.services import communications as services
from cadre.core.actor import command_line_actor
from cadre.core.workflow import TransitionConflict

LIST_COLUMNS = ("id", "title", "channel", "audience", "essential", "state", "version",
                "assured_version", "sent_at")


class Command(BaseCommand):
    help = "Messages to the profession: list, versions, delivery figures, send."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["list", "versions", "figures", "send",
                                               "resume"])
        parser.add_argument("--message", type=int, help="A message's id")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def _message(self, options: dict[str, Any], required: bool = True) -> CommunityMessage | None:
        if options["message"] is None:
            if required:
                raise CommandError(f"{options['action']} needs --message ID.")
            return None
        found = sel.messages().filter(pk=options["message"]).first()
        if found is None:
            raise CommandError(f"No message with the id {options['message']}.")
        return found

    def handle(self, *args: str, **options: Any) -> None:
        action, actor = options["action"], command_line_actor()
        if action == "send":
            message = self._message(options)
            try:
                services.transition_message(actor=actor, message_id=message.pk, action="send")
            except TransitionConflict as exc:
                raise CommandError(exc.message) from exc
            except (ValidationError, PermissionDenied) as exc:
                raise CommandError("; ".join(getattr(exc, "messages", [str(exc)]))) from exc
            self.stdout.write(f"Sending message {message.pk}: its recipients are queued in "
                              "the background.")
            return
        if action == "resume":
            message = self._message(options)
            if message.state != MessageState.SENDING:
                raise CommandError(f"Message {message.pk} is '{message.get_state_display()}', "
                                   "not sending: there is nothing to resume.")
            figures = services.queue_recipients(message_id=message.pk, actor=actor)
            self.stdout.write(f"Message {message.pk}: {figures.recipients} recipient(s), "
                              f"{figures.queued} queued.")
            return
        if action == "list":
            columns = LIST_COLUMNS
            rows = [{"id": m.pk, "title": m.title, "channel": m.channel.key,
                     "audience": m.audience.name, "essential": m.essential,
                     "state": m.state, "version": m.version_number,
                     "assured_version": getattr(m.assured_version, "number", None),
                     "sent_at": m.sent_at.isoformat() if m.sent_at else None}
                    for m in sel.messages().order_by("id")]
        elif action == "versions":
            message = self._message(options)
            columns = ("number", "subject", "created_at")
            rows = [{"number": v.number, "subject": v.subject,
                     "created_at": v.created_at.isoformat()}
                    for v in message.versions.order_by("number")]
        else:
            message = self._message(options, required=False)
            found = ([message] if message is not None else
                     sel.messages().filter(state__in=[MessageState.SENDING,
                                                      MessageState.SENT]).order_by("id"))
            columns = ("message", "title", *sel.FIGURE_COLUMNS)
            rows = [{"message": m.pk, "title": m.title, **sel.figures(m).as_dict()}
                    for m in found]
        export = export_table(actor=actor, what=f"community-messages-{action}",
                              columns=columns, rows=rows, fmt=options["format"],
                              summary=f"Community messages, {action} (command line)")
        self.stdout.write(export.content.decode("utf-8-sig"), ending="")
