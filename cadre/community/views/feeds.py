"""Pages: "Your community calendar" (a personal feed: create, replace, revoke; the
communities whose feeds the account may see), a community's feed address (leads and
organisers may replace it), and the two feeds themselves (no sign-in: the address is the
credential)."""

from __future__ import annotations

import hashlib
import re

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from cadre.community.forms.feeds import PersonalFeedForm, ReplaceKeyForm
from cadre.community.selectors import feeds as sel
from cadre.community.services import feeds as services
from cadre.core.forms import status_for
from cadre.people.selectors import own_person

#: How long a calendar may keep a fetched feed (seconds).
FEED_MAX_AGE = 900
#: Coming events listed on the page.
PREVIEW = 20


@never_cache
def calendar(request: HttpRequest) -> HttpResponse:
    """"Your community calendar". A new feed's address is shown on the answer to the POST
    and never again (and that answer is not kept by any cache)."""
    person = own_person(request.user)
    new_url = ""
    revoked = False
    form = PersonalFeedForm(request.POST or None)
    if request.method == "POST":
        if person is None:
            raise PermissionDenied("Your account is not linked to a person record.")
        if form.is_valid():
            if form.cleaned_data["action"] == "create":
                _, raw = services.create_personal_feed(actor=request.user, person=person)
                new_url = services.personal_feed_url(raw)
            else:
                revoked = services.revoke_personal_feed(actor=request.user,
                                                        person=person) is not None
            form = PersonalFeedForm()
    now = timezone.now()
    upcoming = ([e for e in sel.personal_events(person, now=now) if e.event.ends_at >= now]
                [:PREVIEW] if person is not None else [])
    return render(request, "community/feeds/calendar.html", {
        "form": form, "person": person, "active": sel.active_feed(person), "new_url": new_url,
        "revoked": revoked, "upcoming": upcoming, "preview": PREVIEW,
        "communities": sel.feed_communities(request.user),
        "action_errors": form.errors.get("action", []) if form.is_bound else [],
    }, status=status_for(form) if request.method == "POST" else 200)


def community_feed(request: HttpRequest, community_id: int) -> HttpResponse:
    """A community's feed address, for anyone who may see the community; its leads and
    organisers may replace it (the old address stops working)."""
    community = sel.visible_community(request.user, community_id)
    if community is None:
        raise Http404("No such community.")
    may_replace = sel.may_replace_key(request.user, community)
    replaced = False
    form = ReplaceKeyForm(request.POST or None)
    if request.method == "POST":
        if not may_replace:
            raise PermissionDenied("Only the community's leads and organisers can replace "
                                   "its feed address.")
        if form.is_valid():
            services.replace_community_key(actor=request.user, community_id=community.pk)
            replaced = True
            form = ReplaceKeyForm()
    key = services.ensure_community_key(actor=request.user, community_id=community.pk)
    return render(request, "community/feeds/community.html", {
        "form": form, "community": community, "url": services.community_feed_url(key),
        "may_replace": may_replace, "replaced": replaced,
        "events": sel.community_events(community),
        "action_errors": form.errors.get("action", []) if form.is_bound else [],
    }, status=status_for(form) if request.method == "POST" else 200)


#: DTSTAMP lines, which change on every fetch, are left out of the ETag.
_STAMP = re.compile(rb"^DTSTAMP:[^\r\n]*\r\n", re.MULTILINE)


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(_STAMP.sub(b"", body)).hexdigest()[:32] + '"'


def _ics(request: HttpRequest, body: bytes, *, filename: str, cache: str) -> HttpResponse:
    """The feed, or 304 Not Modified when the calendar's copy (its ETag) is current."""
    etag = _etag(body)
    wanted = [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]
    if etag in wanted or f"W/{etag}" in wanted:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = cache
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def community_ics(request: HttpRequest, key: str) -> HttpResponse:
    """A community's feed: no sign-in. An unknown or replaced key is a 404. The feed holds
    nothing about any one person, but a replaced key must stop working soon, so shared
    caches keep it only briefly."""
    community = sel.community_for_key(key)
    if community is None:
        raise Http404("No such calendar feed.")
    return _ics(request, sel.community_calendar(community),
                filename=f"community-{community.pk}.ics",
                cache=f"public, max-age={FEED_MAX_AGE}")


def personal_ics(request: HttpRequest, token: str) -> HttpResponse:
    """A person's feed at its secret address: the token is the credential. An unknown or
    revoked token, or a deactivated account, is a 404. Never kept by shared caches."""
    feed = sel.feed_for_token(token)
    if feed is None:
        raise Http404("No such calendar feed.")
    services.note_feed_used(feed=feed)
    return _ics(request, sel.personal_calendar(feed.person), filename="community-events.ics",
                cache=f"private, max-age={FEED_MAX_AGE}")
