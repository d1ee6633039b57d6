"""A request to deploy a bench specialist waits for the recipient's decision."""

from cadre.notifications.kinds import MessageKind

KIND = MessageKind(
    key="deployment_request",
    title="A deployment request waits for your decision",
    fields=("recipient_name", "specialist_name", "programme", "requesting_organisation",
            "starts_on", "ends_on", "link"),
    subject="Deployment request: ((specialist_name)) to ((programme))",
    body=("Dear ((recipient_name)),\n\n"
          "((requesting_organisation)) asks to deploy ((specialist_name)) into "
          "((programme)) from ((starts_on)) to ((ends_on)). Please accept or decline "
          "the request.\n\n"
          "Decide in Cadre: ((link))"),
)
