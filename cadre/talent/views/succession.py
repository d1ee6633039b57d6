"""Pages for succession: critical posts, their successors and candidates, coverage."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cadre.access.scope import scope_for
from cadre.framework.models import RoleLevel
from cadre.framework.selectors import default_framework
from cadre.people.models import Person
from cadre.talent import selectors as sel
from cadre.talent import services
from cadre.talent.models import CriticalPost, Readiness
from cadre.talent.views.common import (
    PAGE_SIZE,
    actor,
    change,
    chosen,
    download,
    error,
    int_value,
)


def _role_levels():  # noqa: ANN202
    framework = default_framework()
    qs = RoleLevel.objects.select_related("role").order_by("role__name", "order")
    return qs.filter(framework=framework) if framework else qs.none()


def succession(request: HttpRequest) -> HttpResponse:
    """Critical posts in scope, with their successors' readiness; record a post."""
    organisations = sel.managed_organisations(request.user)
    if request.method == "POST":
        try:
            organisation = chosen(organisations, request.POST.get("organisation"))
            level = _role_levels().filter(pk=int_value(request.POST.get("role_level")) or 0).first()
            if level is None:
                raise ValidationError({"role_level": "Choose the post's role level."})
            incumbent = None
            if request.POST.get("incumbent"):
                incumbent = Person.objects.filter(
                    organisation=organisation, staff_number=request.POST["incumbent"].strip()
                ).first()
                if incumbent is None:
                    raise ValidationError({"incumbent": "No one in the organisation has that "
                                                        "staff number."})
            post = services.create_critical_post(
                actor=actor(request), organisation=organisation,
                title=request.POST.get("title", ""), role_level=level, incumbent=incumbent,
                risk_of_loss=request.POST.get("risk_of_loss", "medium"),
                risk_reason=request.POST.get("risk_reason", ""))
        except ValidationError as exc:
            error(request, exc)
            return redirect("talent:succession")
        messages.success(request, f"Critical post {post.title} recorded.")
        return redirect("talent:critical-post", pk=post.pk)
    posts = sel.visible_posts(request.user).prefetch_related("successors")
    page = Paginator(posts, PAGE_SIZE).get_page(request.GET.get("page"))
    keys = {Readiness.NOW: "now", Readiness.ONE_TO_TWO: "soon", Readiness.THREE_PLUS: "later"}
    rows = [{"post": p, "ready": {k: sum(1 for s in p.successors.all() if s.readiness == r)
                                  for r, k in keys.items()}} for p in page.object_list]
    return render(request, "talent/succession.html", {
        "rows": rows, "page_obj": page, "querystring": "",
        "organisations": organisations.order_by("name")[:500],
        "role_levels": _role_levels() if organisations.exists() else [],
        "risks": CriticalPost.Risk.choices,
    })


def critical_post(request: HttpRequest, pk: int) -> HttpResponse:
    """A critical post: its successors and, for managers, candidates proposed by matching."""
    post = sel.visible_post(user=request.user, post_id=pk)
    if post is None:
        raise Http404("No such post, or not one you can see.")
    can_manage = sel.may_manage_post(request.user, post)
    if request.method == "POST":
        return change(request, _post_action, post, "talent:critical-post")
    successors = list(sel.post_successors(request.user, post))
    return render(request, "talent/post.html", {
        "post": post, "successors": successors, "can_manage": can_manage,
        "hidden": post.successors.count() - len(successors),
        "candidates": sel.candidates(request.user, post) if can_manage else [],
        "readiness": Readiness.choices, "risks": CriticalPost.Risk.choices,
        "role_levels": _role_levels() if can_manage else [],
    })


def _post_action(request: HttpRequest, post: CriticalPost) -> None:
    action = request.POST.get("action")
    if action == "edit":
        incumbent = None
        if request.POST.get("incumbent", "").strip():
            incumbent = Person.objects.filter(
                organisation_id=post.organisation_id,
                staff_number=request.POST["incumbent"].strip()).first()
            if incumbent is None:
                raise ValidationError({"incumbent": "No one in the organisation has that "
                                                    "staff number."})
        level = _role_levels().filter(pk=int_value(request.POST.get("role_level")) or 0).first()
        services.update_critical_post(actor=actor(request), post=post, incumbent=incumbent,
                                      role_level=level,
                                      risk_of_loss=request.POST.get("risk_of_loss", ""),
                                      risk_reason=request.POST.get("risk_reason", ""))
        messages.success(request, "Post updated.")
        return
    if action == "add":
        person = sel.sensitive_people(request.user).filter(
            pk=int_value(request.POST.get("person")) or 0).first()
        if person is None:
            raise ValidationError({"person": "Choose a person whose record you may see."})
        services.add_successor(actor=actor(request), post=post, person=person,
                               readiness=request.POST.get("readiness", ""),
                               note=request.POST.get("note", ""))
        messages.success(request, f"{person.full_name} named as a successor.")
        return
    successor = sel.post_successors(request.user, post).filter(
        pk=int_value(request.POST.get("successor")) or 0).first()
    if successor is None:
        raise ValidationError({"successor": "Choose one of this post's successors."})
    if action == "readiness":
        services.set_readiness(actor=actor(request), successor=successor,
                               readiness=request.POST.get("readiness", ""))
        messages.success(request, "Readiness changed.")
    elif action == "remove":
        services.remove_successor(actor=actor(request), successor=successor)
        messages.success(request, "Successor removed.")
    else:
        raise ValidationError({"action": "Unknown action."})


def succession_export(request: HttpRequest) -> HttpResponse:
    """The succession plans the account may see, one row per post and successor; audited."""
    return download(lambda: services.export_succession(
        actor=actor(request), fmt=request.GET.get("format", "csv")))


def succession_coverage(request: HttpRequest) -> HttpResponse:
    """Share of critical posts with a ready-now successor (see
    ``selectors.coverage_for`` for who sees exact counts)."""
    coverage = sel.coverage_for(request.user)
    return render(request, "talent/coverage.html", {
        "government": coverage["government"], "own": coverage.get("own"),
        "exact": scope_for(request.user).government_wide,
    })
