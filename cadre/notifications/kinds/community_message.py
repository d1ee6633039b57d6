"""A message to the profession from the central team, assured before it is sent (issue 18
point 4; ``cadre.community.tasks``). Always sent whatever the notification preferences say:
the recipient's own choice is the unsubscribe link that every non-essential one carries
(``footer``), which the community app keeps and honours."""

from cadre.notifications.kinds import MessageKind

KIND = MessageKind(
    key="community_message",
    title="Messages to the profession from the central team",
    fields=("subject", "body", "footer"),
    subject="((subject))",
    body="((body))\n\n---\n\n((footer))",
    mandatory=True,
)
