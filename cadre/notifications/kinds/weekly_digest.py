"""The weekly digest: the messages a person chose to get once a week, in one email.

It is sent only to people who chose "weekly digest" for some kind of message (or who get
a kind that only ever comes in the digest, such as vacancy matches), so it cannot be
turned off by itself: the choice is made per kind it carries.
"""

from cadre.notifications.kinds import MessageKind

KIND = MessageKind(
    key="weekly_digest",
    title="Your weekly digest",
    fields=("count", "items"),
    mandatory=True,
    subject="Your Cadre weekly digest: ((count)) new",
    body=("Here is what happened in Cadre this week that you asked to hear about once a "
          "week (((count)) in all):\n\n"
          "((items))\n\n"
          "You chose a weekly digest for these messages. You can change that on your "
          "notification settings page."),
)
