"""The person's self-assessment was decided: agreed, sent back, or changed on review."""

from cadre.notifications.kinds import MessageKind

KIND = MessageKind(
    key="round_decided",
    title="Your self-assessment was agreed, sent back or changed",
    fields=("person_name", "role_level", "outcome", "details", "link"),
    subject="Your self-assessment against ((role_level)) was ((outcome))",
    body=("Dear ((person_name)),\n\n"
          "Your self-assessment against ((role_level)) was ((outcome)).\n\n"
          "((details))\n\n"
          "See it in Cadre: ((link))"),
)
