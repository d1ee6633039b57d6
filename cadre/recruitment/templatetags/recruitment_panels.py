"""Template tags of the panels area, for other areas' pages:

- ``{% campaign_panel_links campaign %}``: on a campaign's page, a link to its panel for
  those who run the campaign or sit on its panel;
- ``{% application_panel application %}``: on an application's page, the stage decisions
  and released feedback for the internal candidate, and links to each stage's scores for
  those on or running the panel.
"""

from __future__ import annotations

from typing import Any

from django import template

from cadre.recruitment.models import PanelStage, StageDecision
from cadre.recruitment.selectors import panels as sel
from cadre.recruitment.selectors.applications import is_own

register = template.Library()


def _user(context: template.Context) -> Any:
    request = context.get("request")
    return getattr(request, "user", None)


@register.inclusion_tag("recruitment/panels/_campaign_links.html", takes_context=True)
def campaign_panel_links(context: template.Context, campaign: Any) -> dict[str, Any]:
    user = _user(context)
    view = sel.viewer(user, campaign) if user is not None else None
    return {"campaign": campaign, "view": view,
            "members": campaign.panel_members.count() if view and view.may_see else 0}


@register.inclusion_tag("recruitment/panels/_application.html", takes_context=True)
def application_panel(context: template.Context, application: Any) -> dict[str, Any]:
    user = _user(context)
    own = user is not None and is_own(user, application)
    stages = []
    if user is not None and not own:
        view = sel.viewer(user, application.campaign)
        stages = [(stage, PanelStage(stage).label) for stage in PanelStage.values
                  if sel.stage_applications(user, application.campaign, stage, view).filter(
                      pk=application.pk).exists()]
    return {"application": application, "own": own, "stages": stages,
            "decisions": StageDecision.objects.filter(application=application).order_by(
                "decided_at") if own else [],
            "feedback": sel.released_feedback(application) if own else None}
