"""A development plan waits for the line manager's agreement."""

from cadre.notifications.kinds import MessageKind

KIND = MessageKind(
    key="plan_waiting",
    title="A development plan waits for your agreement",
    fields=("manager_name", "person_name", "why", "objectives", "link"),
    subject="((person_name))'s development plan waits for your agreement",
    body=("Dear ((manager_name)),\n\n"
          "((person_name))'s development plan waits for you to agree it: ((why)) "
          "It has ((objectives)) objective(s).\n\n"
          "Read it and agree it in Cadre: ((link))"),
)
