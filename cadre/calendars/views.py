"""Pages: the account's calendar feed (create, replace, revoke), and the feed itself."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cadre.calendars import selectors, services
from cadre.calendars.forms import FeedActionForm
from cadre.calendars.ics import render_calendar
from cadre.core.forms import status_for

#: How long a calendar (or a proxy for this one account) may keep a fetched feed.
FEED_MAX_AGE = 900
CALENDAR_NAME = "Cadre deadlines"
#: Upcoming events listed on the page.
PREVIEW = 20


def feed(request: HttpRequest) -> HttpResponse:
    """"Your calendar feed": whether one is active, and the buttons to create, replace or
    revoke it. A new feed's address is shown on the answer to the POST and never again."""
    new_url = ""
    revoked = False
    form = FeedActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["action"] == "create":
            _, raw = services.create_feed(actor=request.user, user=request.user)
            new_url = services.feed_url(raw)
        else:
            revoked = services.revoke_feed(actor=request.user, user=request.user) is not None
        form = FeedActionForm()
    today = timezone.localdate()
    upcoming = [e for e in selectors.events_for(request.user, today=today)
                if (e.last_day or e.start) >= today][:PREVIEW]
    return render(request, "calendars/feed.html", {
        "form": form, "active": selectors.active_feed(request.user), "new_url": new_url,
        "revoked": revoked, "upcoming": upcoming,
        "action_errors": form.errors.get("action", []) if form.is_bound else [],
    }, status=status_for(form) if request.method == "POST" else 200)


def ics(request: HttpRequest, token: str) -> HttpResponse:
    """The feed at its secret address: no sign-in, the token is the credential. An unknown
    or revoked token, or a deactivated account, is a 404."""
    found = selectors.feed_for_token(token)
    if found is None:
        raise Http404("No such calendar feed.")
    services.note_feed_used(feed=found)
    body = render_calendar(selectors.events_for(found.user), name=CALENDAR_NAME,
                           stamp=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = f"private, max-age={FEED_MAX_AGE}"
    response["Content-Disposition"] = 'inline; filename="cadre-deadlines.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
