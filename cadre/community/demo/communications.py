"""Demo communications (issue 18 point 4), through the services: the four channels,
external stakeholders of each kind, three audiences worked out from the demo people, and
three messages: one sent (assured by the administrator, written by the central team, and
sent through the same background task as in production), one waiting for assurance and
one draft. Safe to run twice: what is there already is left alone."""

from __future__ import annotations

import random
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from cadre.community.models import Audience, CommunityMessage, MessageState, Stakeholder
from cadre.community.selectors import communications as sel
from cadre.community.services import communications as services
from cadre.community.tasks import send_community_message
from cadre.core.actor import Actor
from cadre.framework.models import RoleFamily

AUTHOR = "central@cadre.example"
ASSURER = "admin@cadre.example"

STAKEHOLDERS = (
    ("Local Government Association", "external_partner", "comms@lga.example",
     "Reaches every council's data and digital leads."),
    ("NHS Digital Academy", "external_partner", "",
     "Shares learning with the NHS part of the profession."),
    ("Royal Statistical Society", "professional_body", "membership@rss.example",
     "Chartered statistician routes; joint events."),
    ("BCS, The Chartered Institute for IT", "professional_body", "",
     "Professional registration for digital roles."),
    ("Learning supplier framework lot 3 suppliers", "supplier", "lot3@suppliers.example",
     "Suppliers of data and digital training under the framework."),
    ("Public and Commercial Services Union", "trade_union", "info@pcs.example",
     "Consulted on changes to pay and grading of the profession."),
    ("Prospect", "trade_union", "", "Represents specialists and managers."),
)


def _user(email: str) -> Any:
    return get_user_model().objects.filter(email__iexact=email).first()


def _family(word: str) -> RoleFamily | None:
    found = RoleFamily.objects.filter(name__icontains=word)
    return (found.filter(framework__is_default=True).first() or found.first())


def load(*, actor: Any, rng: random.Random) -> list[str]:
    lines: list[str] = []
    services.ensure_channels(actor=actor)
    lines.append("Communications: 4 channels (email, newsletter, intranet, events)")
    for name, kind, email, notes in STAKEHOLDERS:
        if not Stakeholder.objects.filter(kind=kind, name=name).exists():
            services.create_stakeholder(actor=actor, name=name, kind=kind,
                                        contact_email=email, notes=notes)
    lines.append(f"Communications: {len(STAKEHOLDERS)} external stakeholders")
    data = _family("data")
    union = Stakeholder.objects.filter(name="Public and Commercial Services Union").first()
    lga = Stakeholder.objects.filter(name="Local Government Association").first()
    audiences = (
        ("Data family in local government",
         {"organisation_types": ["local_authority"],
          "role_family_ids": [data.pk] if data else [],
          "stakeholder_ids": [lga.pk] if lga else []}),
        ("The whole profession",
         {"stakeholder_ids": [union.pk] if union else []}),
        ("Police and fire services",
         {"organisation_types": ["police_force", "fire_and_rescue_service"]}),
    )
    for name, definition in audiences:
        if not Audience.objects.filter(name=name).exists():
            services.create_audience(actor=actor, name=name, **definition)
    for audience in Audience.objects.filter(name__in=[a for a, _ in audiences]):
        lines.append(f"Communications: audience '{audience.name}' has "
                     f"{sel.audience_size(audience).total} addresses now")

    author_user, assurer_user = _user(AUTHOR), _user(ASSURER)
    if author_user is None or assurer_user is None:
        lines.append("Communications: no demo central team or administrator account, so "
                     "no messages")
        return lines
    author, assurer = Actor.for_user(author_user), Actor.for_user(assurer_user)
    email = sel.channels().get(key="email")
    newsletter = sel.channels().get(key="newsletter")
    la = Audience.objects.get(name="Data family in local government")
    everyone = Audience.objects.get(name="The whole profession")
    blue = Audience.objects.get(name="Police and fire services")

    title = "Data week in local government"
    if not CommunityMessage.objects.filter(title=title).exists():
        message = services.create_message(
            actor=author, title=title, channel=email.pk, audience=la.pk, essential=False,
            subject="Data week: sessions for councils, 1 to 5 June",
            body="Data week brings together data people in local government for five days "
                 "of online sessions. Book a place through the community pages.")
        services.revise_message(actor=author, message_id=message.pk,
                                body="Data week brings together data people in local "
                                     "government for five days of online sessions, 1 to 5 "
                                     "June. Book a place through the community pages.")
        services.transition_message(actor=author, message_id=message.pk, action="submit")
        services.transition_message(actor=assurer, message_id=message.pk,
                                    action="assure", version=2,
                                    comment="Dates and booking route checked.")
        # The send service queues the background task when this transaction commits; the
        # task (the immediate backend in the demo and tests, the worker in production)
        # queues every recipient through the notifications service.
        with transaction.atomic():
            services.transition_message(actor=author, message_id=message.pk, action="send")
        message.refresh_from_db()
        if message.state == MessageState.SENDING:
            # Inside the demo command's own transaction the task waits for its commit, or
            # a real queue runs it later: run the same task here, so the demo shows the
            # figures now (the queued run then finds the message sent and does nothing).
            send_community_message.call(message.pk)
    sent = CommunityMessage.objects.get(title=title)
    lines.append(f"Communications: sent '{title}' to {sel.figures(sent).recipients} "
                 "recipients")

    title = "New pay and grading guidance for the profession"
    if not CommunityMessage.objects.filter(title=title).exists():
        message = services.create_message(
            actor=author, title=title, channel=email.pk, audience=everyone.pk,
            essential=True, subject="Pay and grading guidance for the profession",
            body="The profession's pay and grading guidance has been updated. Read what "
                 "changes for your role level and grade.")
        services.transition_message(actor=author, message_id=message.pk, action="submit")
        lines.append(f"Communications: '{title}' waits for assurance")

    title = "Newsletter: emergency services data stories"
    if not CommunityMessage.objects.filter(title=title).exists():
        services.create_message(
            actor=author, title=title, channel=newsletter.pk, audience=blue.pk,
            subject="Data stories from police and fire services",
            body="Three short stories of data work in police forces and fire and rescue "
                 "services. Draft: add the third story.")
        lines.append(f"Communications: '{title}' is a draft")
    return lines
