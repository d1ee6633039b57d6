"""A link for setting or resetting a password (asked for on the sign-in page)."""

from cadre.notifications.kinds import MessageKind

KIND = MessageKind(
    key="password_link",
    title="A link to set your password",
    fields=("link", "hours"),
    mandatory=True,
    subject="Set your Cadre password",
    body=("Someone asked to set or reset the password of your Cadre account.\n\n"
          "Use this link to choose a password. It works once, for ((hours)) hours:\n\n"
          "((link))\n\n"
          "If you did not ask for this, you can ignore this email."),
)
