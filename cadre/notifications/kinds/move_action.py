"""A managed move waits for the recipient's organisation: its agreement or logistics."""

from cadre.notifications.kinds import MessageKind

KIND = MessageKind(
    key="move_action",
    title="A managed move needs your organisation's agreement or logistics",
    fields=("recipient_name", "person_name", "releasing", "receiving", "step", "link"),
    subject="Managed move of ((person_name)): ((step))",
    body=("Dear ((recipient_name)),\n\n"
          "The managed move of ((person_name)) from ((releasing)) to ((receiving)) is "
          "waiting for your organisation: ((step)).\n\n"
          "See the move in Cadre: ((link))"),
)
