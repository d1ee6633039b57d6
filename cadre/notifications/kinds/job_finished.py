"""A background job the person started finished."""

from cadre.notifications.kinds import MessageKind

KIND = MessageKind(
    key="job_finished",
    title="A job you started finished",
    fields=("name", "job_title", "summary", "link"),
    subject="Finished: ((job_title))",
    body=("Dear ((name)),\n\n"
          "The job you started, ((job_title)), has finished.\n\n"
          "((summary))\n\n"
          "See what it did, and any file it made, in Cadre: ((link))"),
)
