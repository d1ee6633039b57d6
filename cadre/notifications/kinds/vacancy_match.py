"""A vacancy that fits the person opened (only for people who opted in; always in the
weekly digest, never at once)."""

from cadre.notifications.kinds import MessageKind

KIND = MessageKind(
    key="vacancy_match",
    title="A vacancy that fits you opened",
    fields=("person_name", "vacancy_title", "organisation", "closing_date", "link"),
    # At most one email a week: matches always go into the weekly digest.
    digest_only=True,
    subject="A vacancy that fits you: ((vacancy_title))",
    body=("Dear ((person_name)),\n\n"
          "((organisation)) opened a vacancy that fits your skills: ((vacancy_title)). "
          "It closes on ((closing_date)).\n\n"
          "See it in Cadre: ((link))\n\n"
          "You get these because you opted in to vacancy alerts. You can change that on "
          "your notification settings page."),
)
