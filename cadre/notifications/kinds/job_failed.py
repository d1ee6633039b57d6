"""A background job the person started failed (and wrote nothing)."""

from cadre.notifications.kinds import MessageKind

KIND = MessageKind(
    key="job_failed",
    title="A job you started failed",
    fields=("name", "job_title", "problems", "link"),
    subject="Failed: ((job_title))",
    body=("Dear ((name)),\n\n"
          "The job you started, ((job_title)), failed and changed nothing.\n\n"
          "What went wrong:\n\n"
          "((problems))\n\n"
          "See the whole list in Cadre, put it right and start the job again: ((link))"),
)
