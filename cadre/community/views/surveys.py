"""Perception survey pages (issue 18 point 5): the list, writing a survey and its items,
opening and closing it, answering it, and the results and change from the baseline, with
downloads (CSV, XLSX, ODS) of the same suppressed figures. Same selectors and services as
the API and the command line."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cadre.audit.exports import export_table
from cadre.community import survey_stats as st
from cadre.community.forms.surveys import ItemForm, ResponseForm, SurveyForm
from cadre.community.models import Survey, SurveyState
from cadre.community.selectors import surveys as sel
from cadre.community.services import surveys as services
from cadre.core.actor import Actor
from cadre.core.downloads import download_name
from cadre.core.exports import SPREADSHEETS, export_response
from cadre.core.forms import add_validation_errors, status_for


def _survey(request: HttpRequest, pk: int) -> Survey:
    survey = sel.visible_survey(request.user, pk)
    if survey is None:
        raise Http404("No such survey.")
    return survey


def _person(request: HttpRequest):  # noqa: ANN202
    return getattr(request.user, "person", None) if hasattr(request.user, "person") else None


def survey_list(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    surveys = sel.surveys_for(request.user)
    answered = {s.pk for s in surveys if sel.has_responded(person=person, survey=s)}
    return render(request, "community/surveys/list.html", {
        "surveys": surveys, "answered": answered, "has_person": person is not None,
        "threshold": st.THRESHOLD})


def _values(form: SurveyForm) -> dict:
    data = form.cleaned_data
    return {"title": data["title"], "description": data["description"] or "",
            "opens_on": data.get("opens_on"), "closes_on": data.get("closes_on")}


def survey_create(request: HttpRequest) -> HttpResponse:
    form = SurveyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.create_survey(actor=Actor.for_user(request.user),
                                            baseline=form.cleaned_data["baseline"],
                                            **_values(form))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, f"Survey '{survey.title}' created as a draft.")
            return redirect("community:survey", pk=survey.pk)
    return render(request, "community/surveys/form.html", {"form": form, "survey": None},
                  status=status_for(form))


def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    initial = {"title": survey.title, "description": survey.description,
               "opens_on": survey.opens_on, "closes_on": survey.closes_on}
    form = SurveyForm(request.POST if request.method == "POST" else None, initial=initial,
                      editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_survey(actor=Actor.for_user(request.user), survey_id=survey.pk,
                                   **_values(form))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Survey saved.")
            return redirect("community:survey", pk=survey.pk)
    return render(request, "community/surveys/form.html", {"form": form, "survey": survey},
                  status=status_for(form))


def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    return render(request, "community/surveys/detail.html", {
        "survey": survey, "items": list(survey.items.all()),
        "responses": sel.response_count(survey), "states": SurveyState,
        "repeats": list(survey.repeats.all())})


def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    form = ItemForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_item(actor=Actor.for_user(request.user), survey_id=survey.pk,
                              **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Item added.")
            return redirect("community:survey", pk=survey.pk)
    return render(request, "community/surveys/item_form.html",
                  {"form": form, "survey": survey}, status=status_for(form))


@require_POST
def item_remove(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    try:
        services.remove_item(actor=Actor.for_user(request.user), survey_id=survey.pk,
                             item_id=item_pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Item removed.")
    return redirect("community:survey", pk=survey.pk)


def _step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    survey = _survey(request, pk)
    run = services.open_survey if step == "open" else services.close_survey
    try:
        run(actor=Actor.for_user(request.user), survey_id=survey.pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Survey {'opened' if step == 'open' else 'closed'}.")
    return redirect("community:survey", pk=survey.pk)


@require_POST
def survey_open(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "open")


@require_POST
def survey_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "close")


def survey_respond(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    person = _person(request)
    context = {"survey": survey}
    if survey.state != SurveyState.OPEN:
        return render(request, "community/surveys/respond_closed.html", context)
    if sel.has_responded(person=person, survey=survey):
        return render(request, "community/surveys/respond_done.html",
                      {**context, "already": True}, status=409 if request.method == "POST"
                      else 200)
    items = list(survey.items.all())
    form = ResponseForm(request.POST if request.method == "POST" else None, items=items)
    if request.method == "POST" and form.is_valid():
        scores, comments = form.answers()
        try:
            services.respond(actor=Actor.for_user(request.user), survey_id=survey.pk,
                             scores=scores, comments=comments)
        except services.AlreadyResponded:
            return render(request, "community/surveys/respond_done.html",
                          {**context, "already": True}, status=409)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            return render(request, "community/surveys/respond_done.html",
                          {**context, "already": False})
    return render(request, "community/surveys/respond.html", {**context, "form": form},
                  status=status_for(form))


def _download(request: HttpRequest, survey: Survey, what: str, columns, rows, title: str  # noqa: ANN001
              ) -> HttpResponse:
    fmt = request.GET["format"]
    return export_response(export_table(
        actor=Actor.for_user(request.user), what=f"community_survey_{what}", columns=columns,
        rows=rows, fmt=fmt, filename=download_name(survey.title, what),
        sheet_title=title, target=survey,
        summary=f"Survey {survey.pk} {what} downloaded ({fmt})"))


def _not_published(request: HttpRequest, survey: Survey, error: Exception) -> HttpResponse:
    return render(request, "community/surveys/unpublished.html",
                  {"survey": survey, "message": str(error)}, status=409)


def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    try:
        found = sel.results(survey)
    except sel.ResultsNotPublished as error:
        return _not_published(request, survey, error)
    if request.GET.get("format") in SPREADSHEETS:
        return _download(request, survey, "results", sel.RESULT_COLUMNS,
                         sel.result_rows(found), "Results")
    shown, texts = sel.free_text(survey)
    tables = [(item, [("Overall", [(found.overall, found.overall.cells[i])]),
                      *[(title, [(g, g.cells[i]) for g in groups])
                        for _, title, groups in found.breakdowns]])
              for i, item in enumerate(found.statements)]
    return render(request, "community/surveys/results.html", {
        "survey": survey, "results": found, "tables": tables, "free_text_shown": shown,
        "free_text": texts,
        "threshold": st.THRESHOLD, "formats": SPREADSHEETS})


def survey_change(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    if survey.baseline_id is None:
        raise Http404("A baseline survey has no change from a baseline.")
    try:
        changes = sel.change(survey)
    except sel.ResultsNotPublished as error:
        return _not_published(request, survey, error)
    if request.GET.get("format") in SPREADSHEETS:
        return _download(request, survey, "change", sel.CHANGE_COLUMNS,
                         sel.change_rows(changes), "Change")
    return render(request, "community/surveys/change.html", {
        "survey": survey, "changes": changes, "threshold": st.THRESHOLD,
        "formats": SPREADSHEETS})
