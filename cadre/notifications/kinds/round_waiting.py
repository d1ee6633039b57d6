"""A self-assessment round waits for the line manager's review."""

from cadre.notifications.kinds import MessageKind

KIND = MessageKind(
    key="round_waiting",
    title="An assessment waits for your review",
    fields=("manager_name", "person_name", "role_level", "link"),
    subject="((person_name))'s self-assessment waits for your review",
    body=("Dear ((manager_name)),\n\n"
          "((person_name)) has assessed themselves against ((role_level)) and sent it to "
          "you to review.\n\n"
          "Review it in Cadre: ((link))"),
)
