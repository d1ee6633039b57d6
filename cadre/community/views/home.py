"""The community hub (``/community/``): every community page the account may use, grouped
by area, each link checked against the permission map (``access.navigation.may_open``). A
link whose page is not mounted is left out, like a link the account may not open."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cadre.access.hub import HubLink, sections_for

#: (heading, links) in the order the page shows them. Each area adds its links here.
SECTIONS: tuple[tuple[str, tuple[HubLink, ...]], ...] = (
    ("Networks and events", (
        HubLink("Communities of practice", "community:networks",
                "National, regional and local networks: join one, see its members and "
                "events."),
        HubLink("Community events", "community:events",
                "Upcoming events of every community, and the ones you have booked."),
        HubLink("Set up a community", "community:network-create",
                "For organisers: a new community and its leads."),
        HubLink("Your community calendar", "community:feeds",
                "A calendar feed of your community events for Outlook or Google Calendar, "
                "and each community's feed address."),
    )),
    ("Mentoring", (
        HubLink("Mentoring", "community:mentoring",
                "Sign up as a mentor or a mentee; your sign-ups and your matches."),
        HubLink("Mentoring schemes you organise", "community:mentoring-manage",
                "For organisers: schemes, their matching rules, sign-ups and matching."),
    )),
    ("Learning exchange", (
        HubLink("Sessions offered", "community:exchange",
                "Sessions and places organisations offer each other for credits, not money."),
        HubLink("Balances", "community:exchange-balances",
                "Every organisation's credits and limit; they always add up to zero."),
        HubLink("Bookings", "community:exchange-bookings",
                "Which organisation booked which session, and what was given back."),
        HubLink("Credit limits", "community:exchange-limits",
                "How far below zero each organisation may go before it must offer."),
        HubLink("Offer a session", "community:exchange-offer-add",
                "Offer a session or places for your organisation."),
    )),
    ("Communications", (
        HubLink("Communications to the profession", "community:communications",
                "Draft, assure and send messages; what waits for assurance."),
        HubLink("Messages", "community:communications-messages",
                "Every message, its versions, assurance and delivery figures."),
        HubLink("Audiences", "community:communications-audiences",
                "Audiences worked out from people records, and who is in each now."),
        HubLink("Stakeholder register", "community:communications-stakeholders",
                "The profession by organisation, family and grade, and external "
                "stakeholders."),
        HubLink("Channels", "community:communications-channels",
                "Email, newsletter, intranet and events."),
    )),
    ("Perception surveys", (
        HubLink("Perception surveys", "community:surveys",
                "Answer an open survey anonymously; see results and the change from the "
                "baseline (groups under 10 responses hidden)."),
        HubLink("Create a survey", "community:survey-create",
                "Write a baseline or repeat survey of Likert statements and questions."),
    )),
    ("Impact", (
        HubLink("Impact of taking part", "community:impact",
                "Capability and progression of people who took part against similar "
                "people who did not, with the method (an association, not a cause)."),
    )),
)


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "community/home.html", {"sections": sections_for(request, SECTIONS)})
