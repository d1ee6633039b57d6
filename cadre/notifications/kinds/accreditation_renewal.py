"""An accreditation award is close to its expiry: what CPD renewal still needs."""

from cadre.notifications.kinds import MessageKind

KIND = MessageKind(
    key="accreditation_renewal",
    title="Your accreditation is due for renewal",
    fields=("name", "award", "expires_on", "credits", "needed", "link"),
    subject="Your accreditation as ((award)) expires on ((expires_on))",
    body=("Dear ((name)),\n\n"
          "Your accreditation as ((award)) expires on ((expires_on)). It renews by itself "
          "when you have recorded enough continuing professional development (CPD) in the "
          "renewal period: ((needed)) credits. You have recorded ((credits)) so far.\n\n"
          "If you have not recorded enough by then, your credential is suspended until you "
          "have.\n\n"
          "Record your CPD in Cadre: ((link))"),
)
