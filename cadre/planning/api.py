"""API for workforce plans: people managers get every level; analysts totals only."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.api_kit import validated
from cadre.core.api_pagination import CadrePagination
from cadre.framework.models import RoleFamily
from cadre.planning import selectors as sel
from cadre.planning import services
from cadre.planning.models import WorkforcePlan


def _summary(plan: WorkforcePlan) -> dict:
    return {"id": plan.pk, "organisation": plan.organisation.abbreviation,
            "organisation_id": plan.organisation_id, "role_family": plan.role_family.name,
            "role_family_id": plan.role_family_id, "first_year": plan.first_year,
            "attrition_rate": str(plan.attrition_rate)}


def _detail(user: object, plan: WorkforcePlan) -> dict:
    data = sel.plan_data(plan)
    out = _summary(plan)
    if sel.sees_detail(user, plan):
        out.update({"current_supply": data.current_total, "totals": sel.year_totals(data),
                    "levels": sel.plan_rows(data),
                    "demand": [{"year": d.year, "role_level_id": d.role_level_id,
                                "role_level": d.role_level.name, "headcount": d.headcount}
                               for d in plan.demand.select_related("role_level")]})
    else:
        totals = sel.plan_totals(data)
        out.update({"current_supply": totals["current_supply"], "totals": totals["rows"]})
    return out


class WorkforcePlanInput(serializers.Serializer):
    organisation = serializers.IntegerField()
    role_family = serializers.IntegerField()
    first_year = serializers.IntegerField()
    attrition_rate = serializers.DecimalField(max_digits=6, decimal_places=4)


class WorkforcePlanUpdate(serializers.Serializer):
    first_year = serializers.IntegerField(required=False)
    attrition_rate = serializers.DecimalField(max_digits=6, decimal_places=4, required=False)


class PlanDemandCell(serializers.Serializer):
    year = serializers.IntegerField()
    role_level = serializers.IntegerField(help_text="Role level id")
    headcount = serializers.IntegerField(allow_null=True, help_text="null removes the cell")


class PlanDemandInput(serializers.Serializer):
    demand = PlanDemandCell(many=True)


@extend_schema(methods=["GET"], operation_id="workforce_plans_list", responses=dict)
@extend_schema(methods=["POST"], operation_id="workforce_plans_create",
               request=WorkforcePlanInput, responses=dict)
@api_view(["GET", "POST"])
def plan_list(request: Request) -> Response:
    """Plans the caller may see, or create one (heads of profession, central team)."""
    if request.method == "POST":
        d = validated(WorkforcePlanInput, request.data)
        organisation = sel.plan_organisations(request.user).filter(pk=d["organisation"]).first()
        if organisation is None:
            raise serializers.ValidationError(
                {"organisation": "Unknown organisation, or not one whose plans you manage."})
        family = RoleFamily.objects.filter(pk=d["role_family"]).first()
        if family is None:
            raise serializers.ValidationError({"role_family": "Unknown role family."})
        plan = services.create_plan(actor=request.user, organisation=organisation,
                                    role_family=family, first_year=d["first_year"],
                                    attrition_rate=d["attrition_rate"])
        return Response(_detail(request.user, plan), status=status.HTTP_201_CREATED)
    qs = sel.visible_plans(request.user)
    org = request.query_params.get("organisation", "")
    if org.isdigit():
        qs = qs.filter(organisation_id=int(org))
    paginator = CadrePagination()
    page = paginator.paginate_queryset(qs.order_by("organisation__name", "role_family__name"),
                                       request)
    return paginator.get_paginated_response([_summary(p) for p in page])


def _plan(request: Request, plan_id: int) -> WorkforcePlan:
    plan = sel.plan_detail(user=request.user, plan_id=plan_id)
    if plan is None:
        raise Http404
    return plan


@extend_schema(request=WorkforcePlanUpdate, responses=dict)
@api_view(["GET", "PATCH"])
def plan_detail(request: Request, plan_id: int) -> Response:
    """A plan with its projection; PATCH changes the first year or attrition rate."""
    plan = _plan(request, plan_id)
    if request.method == "PATCH":
        if not sel.sees_detail(request.user, plan):
            raise PermissionDenied("Only people managers change plans.")
        plan = services.update_plan(actor=request.user, plan=plan,
                                    **validated(WorkforcePlanUpdate, request.data))
    return Response(_detail(request.user, plan))


@extend_schema(request=PlanDemandInput, responses=dict)
@api_view(["PUT"])
def plan_demand(request: Request, plan_id: int) -> Response:
    """Set planned demand cells; every cell is checked and nothing is written on error."""
    plan = _plan(request, plan_id)
    if not sel.sees_detail(request.user, plan):
        raise PermissionDenied("Only people managers change plans.")
    cells = {(c["year"], c["role_level"]): c["headcount"]
             for c in validated(PlanDemandInput, request.data)["demand"]}
    services.set_demand(actor=request.user, plan=plan, cells=cells, source="API")
    return Response(_detail(request.user, plan))

