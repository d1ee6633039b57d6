"""``{% campaign_application_links campaign %}``: on a campaign's page, the links of the
applications area the account may use: the campaign's applications (its recruiters),
applying (a person with a record, while the campaign is open) or their own application."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from cadre.recruitment.models import ApplicationState, CampaignState
from cadre.recruitment.selectors import applications as sel
from cadre.recruitment.selectors.campaigns import may_manage

register = template.Library()


@register.inclusion_tag("recruitment/applications/_campaign_links.html", takes_context=True)
def campaign_application_links(context: template.Context, campaign: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    mine = None
    may_apply = False
    if sel.person_of(user) is not None:
        mine = sel.my_applications(user).filter(campaign=campaign).exclude(
            state=ApplicationState.WITHDRAWN).first()
        may_apply = (mine is None and campaign.state == CampaignState.OPEN
                     and timezone.localdate() <= campaign.closing_date)
    manager = user is not None and may_manage(user, campaign)
    return {"campaign": campaign, "manager": manager,
            "count": campaign.applications.count() if manager else None,
            "mine": mine, "may_apply": may_apply}


@register.filter
def own_recruitment_applications(person: Any, user: Any) -> int:
    """On a person's page: how many recruitment applications the person has made, when the
    page is the viewer's own record (0 otherwise), for the link to "Your applications"."""
    own = sel.person_of(user)
    if own is None or getattr(person, "pk", None) != own.pk:
        return 0
    return sel.my_applications(user).count()
