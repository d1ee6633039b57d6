"""An appraisal cycle opened: its window for nine-box ratings and their calibration."""

from cadre.notifications.kinds import MessageKind

KIND = MessageKind(
    key="calibration_open",
    title="An appraisal cycle's rating and calibration window opens",
    fields=("name", "organisation", "cycle_name", "opens_on", "closes_on", "your_part",
            "link"),
    subject="Appraisal cycle ((cycle_name)): rating and calibration from ((opens_on))",
    body=("Dear ((name)),\n\n"
          "((organisation)) opened the appraisal cycle ((cycle_name)). From ((opens_on)) "
          "to ((closes_on)) line managers give nine-box ratings of performance and "
          "potential, and heads of profession calibrate them.\n\n"
          "((your_part))\n\n"
          "Go to it in Cadre: ((link))"),
)
