"""Pages for succession: critical posts, their successors and candidates, coverage."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cadre.access.scope import scope_for
from cadre.core.forms import add_validation_errors, status_for
from cadre.framework.models import RoleLevel
from cadre.framework.selectors import default_framework
from cadre.people.models import Person
from cadre.talent import selectors as sel
from cadre.talent import services
from cadre.talent.forms import CriticalPostForm, PostEditForm, ReadinessForm
from cadre.talent.models import CriticalPost, Readiness
from cadre.talent.views.common import PAGE_SIZE, actor, download, int_value


def _role_levels():  # noqa: ANN202
    framework = default_framework()
    qs = RoleLevel.objects.select_related("role").order_by("role__name", "order")
    return qs.filter(framework=framework) if framework else qs.none()


def _incumbent(organisation_id: int, form: CriticalPostForm | PostEditForm) -> Person | None:
    """The person with the typed staff number; a form error naming the field when none."""
    number = form.cleaned_data.get("incumbent", "").strip()
    if not number:
        return None
    incumbent = Person.objects.filter(organisation_id=organisation_id,
                                      staff_number=number).first()
    if incumbent is None:
        raise ValidationError({"incumbent": "No one in the organisation has that "
                                            "staff number."})
    return incumbent


def succession(request: HttpRequest) -> HttpResponse:
    """Critical posts in scope, with their successors' readiness; record a post."""
    organisations = sel.managed_organisations(request.user).open().order_by("name")
    form = CriticalPostForm(request.POST or None, organisations=organisations,
                            levels=_role_levels())
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            post = services.create_critical_post(
                actor=actor(request), organisation=d["organisation"], title=d["title"],
                role_level=d["role_level"],
                incumbent=_incumbent(d["organisation"].pk, form),
                risk_of_loss=d["risk_of_loss"], risk_reason=d["risk_reason"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Critical post {post.title} recorded.")
            return redirect("talent:critical-post", pk=post.pk)
    posts = sel.visible_posts(request.user).prefetch_related("successors")
    page = Paginator(posts, PAGE_SIZE).get_page(request.GET.get("page"))
    keys = {Readiness.NOW: "now", Readiness.ONE_TO_TWO: "soon", Readiness.THREE_PLUS: "later"}
    rows = [{"post": p, "ready": {k: sum(1 for s in p.successors.all() if s.readiness == r)
                                  for r, k in keys.items()}} for p in page.object_list]
    return render(request, "talent/succession.html", {
        "rows": rows, "page_obj": page, "querystring": "", "form": form,
        "can_record": organisations.exists(),
    }, status=status_for(form))


def critical_post(request: HttpRequest, pk: int) -> HttpResponse:
    """A critical post: its successors and, for managers, candidates proposed by matching.

    Each change is its own small form; one refused is shown again, as typed, with the error
    summary at the top of the page.
    """
    post = sel.visible_post(user=request.user, post_id=pk)
    if post is None:
        raise Http404("No such post, or not one you can see.")
    can_manage = sel.may_manage_post(request.user, post)
    posted = None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(services.SUCCESSION_REFUSAL)
        posted = _post_action(request, post)
        if posted is None:
            return redirect("talent:critical-post", pk=post.pk)
    action, row, bound, others = posted if posted else ("", None, None, [])
    successors = list(sel.post_successors(request.user, post))
    for s in successors:
        s.form = (bound if action == "readiness" and row == s.pk
                  else ReadinessForm(row=s.pk, initial={"readiness": s.readiness}))
    candidates = [(c, bound if action == "add" and row == c.person.pk
                   else ReadinessForm(row=f"c{c.person.pk}"))
                  for c in (sel.candidates(request.user, post) if can_manage else [])]
    edit_form = None
    if can_manage:
        edit_form = bound if action == "edit" else PostEditForm(levels=_role_levels(), initial={
            "incumbent": getattr(post.incumbent, "staff_number", ""),
            "role_level": post.role_level_id, "risk_of_loss": post.risk_of_loss,
            "risk_reason": post.risk_reason})
    return render(request, "talent/post.html", {
        "post": post, "successors": successors, "can_manage": can_manage,
        "hidden": post.successors.count() - len(successors),
        "candidates": candidates, "edit_form": edit_form, "form": bound,
        "action_error": others,
    }, status=400 if posted else 200)


def _post_action(request: HttpRequest, post: CriticalPost) -> tuple | None:
    """Apply the posted change; None when done, else (action, row, form, other errors)."""
    action = request.POST.get("action")
    if action == "edit":
        form = PostEditForm(request.POST, levels=_role_levels())
        if not form.is_valid():
            return (action, None, form, [])
        d = form.cleaned_data
        try:
            services.update_critical_post(
                actor=actor(request), post=post,
                incumbent=_incumbent(post.organisation_id, form), role_level=d["role_level"],
                risk_of_loss=d["risk_of_loss"], risk_reason=d["risk_reason"])
        except ValidationError as exc:
            add_validation_errors(form, exc)
            return (action, None, form, [])
        messages.success(request, "Post updated.")
        return None
    if action == "add":
        person = sel.sensitive_people(request.user).filter(
            pk=int_value(request.POST.get("person")) or 0).first()
        if person is None:
            return (action, None, None, ["Choose a person whose record you may see."])
        form = ReadinessForm(request.POST, row=f"c{person.pk}")
        if not form.is_valid():
            return (action, person.pk, form, [])
        try:
            services.add_successor(actor=actor(request), post=post, person=person,
                                   readiness=form.cleaned_data["readiness"],
                                   note=request.POST.get("note", ""))
        except ValidationError as exc:
            add_validation_errors(form, exc)
            return (action, person.pk, form, [])
        messages.success(request, f"{person.full_name} named as a successor.")
        return None
    successor = sel.post_successors(request.user, post).filter(
        pk=int_value(request.POST.get("successor")) or 0).first()
    if successor is None:
        return (action, None, None, ["Choose one of this post's successors."])
    try:
        if action == "remove":
            services.remove_successor(actor=actor(request), successor=successor)
            messages.success(request, "Successor removed.")
            return None
        if action != "readiness":
            return (action, None, None, ["Choose an action from the page."])
    except ValidationError as exc:
        return (action, None, None, exc.messages)
    form = ReadinessForm(request.POST, row=successor.pk)
    if not form.is_valid():
        return (action, successor.pk, form, [])
    try:
        services.set_readiness(actor=actor(request), successor=successor,
                               readiness=form.cleaned_data["readiness"])
    except ValidationError as exc:
        add_validation_errors(form, exc)
        return (action, successor.pk, form, [])
    messages.success(request, "Readiness changed.")
    return None


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
