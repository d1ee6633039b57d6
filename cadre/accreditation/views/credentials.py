"""Credential pages. Public (no sign-in): the verification page of each credential, the
status lists, the issuer profile and the key set. Signed in: the holder's list of their
awards with the signed file and the PDF certificate; the scheme runners' status page."""

from __future__ import annotations

import json
import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.cache import cache_control

from cadre.accreditation import certificate, status_list
from cadre.accreditation.forms.credentials import AwardStatusForm
from cadre.accreditation.models import Award
from cadre.accreditation.selectors import credentials as sel
from cadre.accreditation.selectors.common import runs_scheme
from cadre.accreditation.services import credentials as services
from cadre.core.actor import Actor
from cadre.core.downloads import content_disposition
from cadre.core.forms import add_validation_errors, status_for

#: What a runner may do from each status.
NEXT_ACTIONS = {
    Award.Status.ACTIVE: ["suspend", "renew", "revoke"],
    Award.Status.SUSPENDED: ["reinstate", "revoke"],
    Award.Status.REVOKED: [],
}
STATUS_WORDS = {
    "active": "Valid",
    "suspended": "Suspended",
    "revoked": "Revoked",
    "expired": "Expired",
}


def _public_or_404(public_id: uuid.UUID) -> Award:
    award = sel.public_award(public_id)
    if award is None:
        raise Http404("No such credential.")
    return award


def _download_or_404(request: HttpRequest, public_id: uuid.UUID) -> Award:
    award = sel.downloadable_award(request.user, public_id)
    if award is None:
        raise Http404("No such credential.")
    return award


def _filename(award: Award, ext: str) -> str:
    return f"{slugify(str(award.level))}-{award.public_id.hex[:8]}.{ext}"


@cache_control(no_cache=True)
def credential_verify(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Anyone may check a credential: holder, award, dates and its status now."""
    award = _public_or_404(public_id)
    status = sel.effective_status(award)
    return render(request, "accreditation/cred_verify.html", {
        "award": award, "status": status, "status_words": STATUS_WORDS[status],
        "may_download": request.user.is_authenticated and sel.may_download(request.user, award),
        "may_manage": request.user.is_authenticated and runs_scheme(request.user),
        "issuer": sel.issuer_profile(),
    })


@cache_control(max_age=300, public=True)
def status_list_credential(request: HttpRequest, purpose: str) -> HttpResponse:
    """The signed revocation or suspension list (a VC-JWT)."""
    if purpose not in status_list.PURPOSES:
        raise Http404("No such status list.")
    return HttpResponse(services.signed_status_list(purpose),
                        content_type="application/vc+jwt")


def issuer(request: HttpRequest) -> JsonResponse:
    """The issuer's Open Badges profile."""
    profile = sel.issuer_profile().profile()
    profile["@context"] = ["https://www.w3.org/ns/credentials/v2",
                           "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
    return JsonResponse(profile, json_dumps_params={"indent": 2})


def keys(request: HttpRequest) -> JsonResponse:
    """The public keys that sign credentials (a JSON Web Key Set; empty before the first)."""
    return JsonResponse(sel.jwks(), json_dumps_params={"indent": 2})


def my_credentials(request: HttpRequest) -> HttpResponse:
    """The signed-in person's awards; the scheme runners also see every award."""
    runner = runs_scheme(request.user)
    return render(request, "accreditation/cred_list.html", {
        "mine": sel.awards_for(request.user),
        "everyone": sel.all_awards()[:500] if runner else None,
        "status_words": STATUS_WORDS, "today_status": sel.effective_status,
    })


def credential_json(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The signed credential as JSON (a VC 2.0 enveloped credential holding the VC-JWT)."""
    award = _download_or_404(request, public_id)
    body = json.dumps(services.enveloped_credential(award), indent=2)
    response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = content_disposition(_filename(award, "json"))
    return response


def credential_pdf(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The award's PDF certificate."""
    award = _download_or_404(request, public_id)
    facts = sel.credential_facts(award)
    pdf = certificate.render(certificate.CertificateFacts(
        holder=award.person.full_name, award=str(award.level), issuer=facts.issuer.name,
        awarded_on=award.awarded_on.strftime("%-d %B %Y"),
        expires_on=award.expires_on.strftime("%-d %B %Y"),
        status=STATUS_WORDS[sel.effective_status(award)], verify_url=sel.public_url(award),
        skills=tuple(f"{s.name} ({s.level_name})" for s in facts.skills)))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(_filename(award, "pdf"))
    return response


def award_status(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The scheme runners suspend, reinstate, renew or revoke an award."""
    award = _public_or_404(public_id)
    actions = NEXT_ACTIONS[Award.Status(award.status)]
    form = AwardStatusForm(request.POST or None, actions=actions)
    if request.method == "POST" and form.is_valid():
        try:
            services.transition_award(actor=Actor.for_user(request.user), award_id=award.pk,
                                      action=form.cleaned_data["action"],
                                      reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "The credential's status is changed; the status list "
                                      "shows it now.")
            return redirect("accreditation:credential-verify", award.public_id)
    return render(request, "accreditation/cred_status.html",
                  {"award": award, "form": form, "actions": actions,
                   "status_words": STATUS_WORDS[sel.effective_status(award)]},
                  status=status_for(form))
