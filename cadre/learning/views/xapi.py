"""Learning records: the xAPI endpoint (``/xapi/``) and the pages about it.

The endpoint is for providers' learning record systems, not people: each request carries
HTTP Basic credentials of a ``ProviderCredential`` and the ``X-Experience-API-Version``
header. Why it gets past the project's middlewares:

- its permission-map entries are ``PUBLIC``, so ``PermissionMapMiddleware`` neither sends
  it to the sign-in page nor refuses it; these views check Basic auth themselves, first,
  and answer 401 with ``WWW-Authenticate`` (never a redirect);
- it is ``csrf_exempt``: no cookie or session is read or written (``request.user`` is never
  looked at), so there is no session to ride on;
- the credential is checked with ``check_password`` directly, never through
  ``django.contrib.auth.authenticate``, so django-axes (which counts failed sign-ins of
  accounts and locks them out) neither sees nor locks these requests.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from cadre.core.actor import Actor
from cadre.core.forms import add_validation_errors, status_for
from cadre.core.inputs import parse_id
from cadre.learning import xapi
from cadre.learning.forms.xapi import CredentialForm, LinkForm, StatementFilterForm
from cadre.learning.models import Provider, ProviderCredential
from cadre.learning.selectors import xapi as sel
from cadre.learning.services import xapi as services
from cadre.people.models import Person

#: Largest request body the endpoint reads (docs/limits.md).
MAX_BODY = 1_000_000
_REALM = 'Basic realm="Cadre learning records", charset="UTF-8"'
_CURSOR_SALT = "cadre.learning.xapi.more"
_QUERY = {"statementId", "voidedStatementId", "agent", "verb", "activity", "registration",
          "related_activities", "related_agents", "since", "until", "limit", "format",
          "attachments", "ascending", "more"}


def _answer(body: Any, status: int = 200, **headers: str) -> HttpResponse:
    if body is None:
        response = HttpResponse(status=status)
    else:
        response = JsonResponse(body, status=status, safe=False,
                                json_dumps_params={"ensure_ascii": False})
    response["X-Experience-API-Version"] = xapi.VERSION
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _error(status: int, detail: str, problems: list[tuple[str | None, str]] = (),
           **headers: str) -> HttpResponse:
    errors = [{"field": path, "message": message} for path, message in problems]
    return _answer({"detail": detail, "errors": errors or [{"field": None, "message": detail}]},
                   status, **headers)


def _bad(exc: xapi.XapiError) -> HttpResponse:
    return _error(400, "The request breaks the xAPI 1.0.3 rules.", exc.problems)


def _credential(request: HttpRequest) -> ProviderCredential | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "basic" or not token or len(token) > 500:
        return None
    try:
        decoded = base64.b64decode(token.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    key, sep, secret = decoded.partition(":")
    if not sep:
        return None
    return sel.authenticate(key, secret)


def _unauthorised() -> HttpResponse:
    return _error(401, "Send HTTP Basic credentials of an active provider credential.",
                  WWW_Authenticate=_REALM)


@csrf_exempt
def about(request: HttpRequest) -> HttpResponse:
    """``GET /xapi/about``: the versions spoken. Needs neither credentials nor the version
    header (the xAPI About resource is open)."""
    if request.method not in ("GET", "HEAD"):
        return _error(405, "Only GET.", Allow="GET")
    return _answer({"version": [xapi.VERSION], "extensions": {}})


@csrf_exempt
def statements(request: HttpRequest) -> HttpResponse:
    """``/xapi/statements``: POST (one or a list), PUT (``statementId``), GET (one, or a
    StatementResult)."""
    if request.method not in ("GET", "HEAD", "POST", "PUT"):
        return _error(405, "Use GET, POST or PUT.", Allow="GET, POST, PUT")
    try:
        xapi.check_version(request.headers.get("X-Experience-API-Version"))
    except xapi.XapiError as exc:
        return _bad(exc)
    credential = _credential(request)
    if credential is None:
        return _unauthorised()
    unknown = sorted(set(request.GET) - _QUERY)
    if unknown:
        return _error(400, "Unknown query parameter.",
                      [(name[:50], "is not a parameter of this resource.") for name in unknown])
    if request.method in ("GET", "HEAD"):
        return _get(request, credential)
    return _write(request, credential)


def _body(request: HttpRequest) -> Any:
    content_type = request.content_type or ""
    if content_type != "application/json":
        raise xapi.XapiError([("Content-Type", "Send application/json (this store does not "
                                               "take attachments' content).")])
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY:
        raise _TooLarge
    raw = request.read(MAX_BODY + 1)
    if len(raw) > MAX_BODY:
        raise _TooLarge
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise xapi.XapiError([("body", "is not JSON in UTF-8.")]) from None


class _TooLarge(Exception):
    pass


def _write(request: HttpRequest, credential: ProviderCredential) -> HttpResponse:
    statement_id = request.GET.get("statementId")
    if request.method == "PUT":
        if not statement_id or not xapi.is_uuid(statement_id):
            return _bad(xapi.XapiError([("statementId", "A UUID is required to PUT a "
                                                        "statement.")]))
    elif statement_id is not None:
        return _bad(xapi.XapiError([("statementId", "is for PUT only.")]))
    try:
        body = _body(request)
        if request.method == "PUT" and not isinstance(body, dict):
            raise xapi.XapiError([("body", "PUT takes one statement.")])
        batch = body if isinstance(body, list) else [body]
        ids = services.store_statements(credential=credential, statements=batch,
                                        statement_id=statement_id)
    except _TooLarge:
        return _error(413, f"The body must be {MAX_BODY:,} bytes or fewer.")
    except xapi.XapiError as exc:
        return _bad(exc)
    except services.StatementConflict as exc:
        return _error(409, str(exc), [("id", "A different statement already has this id.")])
    except PermissionDenied:
        return _unauthorised()
    if request.method == "PUT":
        return _answer(None, 204)
    return _answer(ids)


def _parse_uuid(value: str, name: str) -> uuid.UUID:
    if not xapi.is_uuid(value):
        raise xapi.XapiError([(name, "must be a UUID.")])
    return uuid.UUID(value)


def _get(request: HttpRequest, credential: ProviderCredential) -> HttpResponse:
    params = request.GET
    now = timezone.now()
    consistent = {"X_Experience_API_Consistent_Through":
                  now.isoformat().replace("+00:00", "Z")}
    try:
        one = params.get("statementId"), params.get("voidedStatementId")
        if all(v is not None for v in one):
            raise xapi.XapiError([("statementId", "Give statementId or voidedStatementId, "
                                                  "not both.")])
        if any(v is not None for v in one):
            extra = set(params) - {"statementId", "voidedStatementId", "format",
                                   "attachments"}
            if extra:
                raise xapi.XapiError([(sorted(extra)[0], "cannot be used with a single "
                                                         "statement id.")])
            voided = one[0] is None
            name = "voidedStatementId" if voided else "statementId"
            found = sel.find_statement(credential.provider,
                                       _parse_uuid(one[1] if voided else one[0], name),
                                       voided=voided)
            if found is None:
                return _error(404, "No such statement.", **consistent)
            return _answer(found.body, Last_Modified=found.stored_at.strftime(
                "%a, %d %b %Y %H:%M:%S GMT"), **consistent)
        query = _list_query(params)
    except xapi.XapiError as exc:
        return _bad(exc)
    rows, more = sel.query_statements(credential.provider, **query)
    link = ""
    if more and rows:
        kept = {k: v for k, v in params.items() if k != "more"}
        kept["more"] = signing.dumps({"after": rows[-1].pk, "key": credential.key},
                                     salt=_CURSOR_SALT)
        link = "/xapi/statements?" + urlencode(kept)
    return _answer({"statements": [r.body for r in rows], "more": link}, **consistent)


def _list_query(params: Any) -> dict:
    query: dict[str, Any] = {}
    if "agent" in params:
        try:
            agent = json.loads(params["agent"])
        except ValueError:
            raise xapi.XapiError([("agent", "must be an Agent or Group as JSON.")]) from None
        checker = xapi._Checker()
        checker.actor(agent, "agent")
        if checker.problems:
            raise xapi.XapiError(checker.problems)
        query["agent_key"] = xapi.agent_key(agent)
    for name, key in (("verb", "verb"), ("activity", "activity")):
        if name in params:
            checker = xapi._Checker()
            checker.iri(params[name], name)
            if checker.problems:
                raise xapi.XapiError(checker.problems)
            query[key] = params[name]
    for name in ("since", "until"):
        if name in params:
            moment = xapi.parse_timestamp(params[name])
            if moment is None:
                raise xapi.XapiError([(name, "must be an ISO 8601 date and time.")])
            query[name] = moment
    limit = params.get("limit", "0")
    if not limit.isdigit() or len(limit) > 6:
        raise xapi.XapiError([("limit", "must be a whole number, 0 for the most "
                                        f"({sel.MAX_PAGE}).")])
    query["limit"] = min(int(limit), sel.MAX_PAGE) or sel.MAX_PAGE
    ascending = params.get("ascending", "false").lower()
    if ascending not in ("true", "false"):
        raise xapi.XapiError([("ascending", "must be true or false.")])
    query["ascending"] = ascending == "true"
    if params.get("format", "exact") not in ("exact", "ids", "canonical"):
        raise xapi.XapiError([("format", "must be exact, ids or canonical.")])
    if params.get("attachments", "false").lower() not in ("true", "false"):
        raise xapi.XapiError([("attachments", "must be true or false.")])
    if "more" in params:
        try:
            cursor = signing.loads(params["more"], salt=_CURSOR_SALT)
            query["after_pk"] = int(cursor["after"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            raise xapi.XapiError([("more", "is not a link this store gave out.")]) from None
    for name in ("registration", "related_activities", "related_agents"):
        if name in params:
            raise xapi.XapiError([(name, "is not supported by this store.")])
    return query


# -- pages -----------------------------------------------------------------------------

def credentials(request: HttpRequest) -> HttpResponse:
    """Providers and their xAPI credentials; the central team makes and revokes them."""
    providers = sel.providers_for(request.user)
    return render(request, "learning/xapi/credentials.html", {
        "providers": [(p, sel.credentials_of(request.user, p)) for p in providers],
        "may_run": sel.runs_credentials(request.user),
    })


def _provider(request: HttpRequest, pk: int) -> Provider:
    provider = sel.providers_for(request.user).filter(pk=pk).first()
    if provider is None:
        raise Http404("No such provider.")
    return provider


def credential_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Make a credential for a provider; the secret is shown on this page once."""
    provider = _provider(request, pk)
    form = CredentialForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            credential, secret = services.create_credential(
                actor=Actor.for_user(request.user), provider=provider,
                label=form.cleaned_data["label"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            response = render(request, "learning/xapi/credential_made.html",
                              {"provider": provider, "credential": credential,
                               "secret": secret})
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "learning/xapi/credential_create.html",
                  {"provider": provider, "form": form}, status=status_for(form))


def credential_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke a credential (POST); GET asks to confirm."""
    credential = get_object_or_404(ProviderCredential.objects.select_related("provider"),
                                   pk=pk)
    _provider(request, credential.provider_id)
    if request.method == "POST":
        services.revoke_credential(actor=Actor.for_user(request.user),
                                   credential_id=credential.pk)
        messages.success(request, f"Credential {credential.key} revoked.")
        return redirect("learning:xapi-credentials")
    return render(request, "learning/xapi/credential_revoke.html", {"credential": credential})


def statement_list(request: HttpRequest) -> HttpResponse:
    """Learning records the providers sent, newest first, filtered by provider."""
    rows = sel.statements_seen_by(request.user)
    form = StatementFilterForm(request.GET or None, providers=Provider.objects.filter(
        pk__in=rows.select_related(None).values("provider_id")))
    provider = form.value("provider") if form.is_bound else None
    if provider is not None:
        rows = rows.filter(provider=provider)
    page = list(rows.order_by("-stored_at", "-pk")[:200])
    return render(request, "learning/xapi/statements.html", {
        "form": form, "statements": page, "voided": sel.voided_among(page),
    }, status=status_for(form))


def my_records(request: HttpRequest) -> HttpResponse:
    """Your learning records and what each did (plan activities done, CPD added)."""
    person = sel.person_of(request.user)
    if person is None:
        raise Http404("Your account is not linked to a person record.")
    rows = list(sel.records_of(request.user, person)[:500])
    return render(request, "learning/xapi/mine.html", {
        "person": person, "records": [r for r in rows if not r.voids],
        "voided": sel.voided_among(rows),
    })


def plan_links(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's plan activities and the catalogue product each is done by (the person
    and their line manager link them)."""
    person = get_object_or_404(Person, pk=pk)
    if not sel.may_see_learning_of(request.user, person):
        raise Http404("No such person.")
    activities = list(sel.plan_activities_of(request.user, person))
    products = sel.linkable_products()
    bound = None
    if request.method == "POST":
        try:
            activity_id = parse_id(request.POST.get("activity"), field="activity",
                                   default=None)
        except ValidationError:
            activity_id = None  # a hidden field: an unknown activity, as below
        activity = next((a for a in activities if a.pk == activity_id), None)
        if activity is None:
            raise Http404("No such activity in this plan.")
        bound = LinkForm(request.POST, products=products, row=activity.pk)
        if bound.is_valid():
            try:
                services.link_activity(actor=Actor.for_user(request.user), activity=activity,
                                       product=bound.cleaned_data["product"])
            except ValidationError as exc:
                add_validation_errors(bound, exc)
            else:
                messages.success(request, "Link saved.")
                return redirect("learning:xapi-plan-links", pk=person.pk)
    rows = []
    for activity in activities:
        link = getattr(activity, "learning_product", None) if hasattr(
            activity, "learning_product") else None
        if bound is not None and bound.row == activity.pk:
            form = bound
        else:
            form = LinkForm(products=products, row=activity.pk,
                            initial={"product": link.product_id if link else None})
        rows.append((activity, link, form))
    return render(request, "learning/xapi/plan_links.html", {
        "person": person, "rows": rows, "summary_form": bound,
    }, status=status_for(bound) if bound is not None else 200)
