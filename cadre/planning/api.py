"""API for workforce plans: people managers get every level; analysts totals only."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from cadre.core.actor import Actor
from cadre.core.api_concurrency import if_match, with_etag
from cadre.core.api_errors import ErrorSerializer
from cadre.core.api_fields import IdField
from cadre.core.api_kit import validated
from cadre.core.api_pagination import paginated_list, paginated_response
from cadre.core.api_schema import CountOrLabelField
from cadre.core.inputs import MAX_ID, parse_int
from cadre.core.objects import get_visible_or_404
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


#: Years and headcounts a plan may hold (docs/limits.md).
YEAR_MIN, YEAR_MAX, HEADCOUNT_MAX = 2000, 2100, 1_000_000


class WorkforcePlanInput(serializers.Serializer):
    organisation = IdField()
    role_family = IdField()
    first_year = serializers.IntegerField(min_value=YEAR_MIN, max_value=YEAR_MAX)
    attrition_rate = serializers.DecimalField(max_digits=6, decimal_places=4)


class WorkforcePlanUpdate(serializers.Serializer):
    first_year = serializers.IntegerField(required=False, min_value=YEAR_MIN,
                                          max_value=YEAR_MAX)
    attrition_rate = serializers.DecimalField(max_digits=6, decimal_places=4, required=False)


class PlanDemandCell(serializers.Serializer):
    year = serializers.IntegerField(min_value=YEAR_MIN, max_value=YEAR_MAX)
    role_level = IdField(help_text="Role level id")
    headcount = serializers.IntegerField(allow_null=True, min_value=0, max_value=HEADCOUNT_MAX,
                                         help_text="null removes the cell")


class PlanDemandInput(serializers.Serializer):
    demand = PlanDemandCell(many=True)


class PlanSummarySerializer(serializers.Serializer):
    """One plan in the list (read only)."""

    id = serializers.IntegerField(source="pk")
    organisation = serializers.CharField(source="organisation.abbreviation")
    organisation_id = serializers.IntegerField()
    role_family = serializers.CharField(source="role_family.name")
    role_family_id = serializers.IntegerField()
    first_year = serializers.IntegerField()
    attrition_rate = serializers.CharField()


class PlanYearSerializer(serializers.Serializer):
    """A year's totals; for callers who see totals only, counts of people under 5 (and
    the supply and gap hidden only to protect them, [c]) are the suppression labels."""

    year = serializers.IntegerField()
    demand = serializers.IntegerField()
    supply = CountOrLabelField()
    gap = CountOrLabelField()
    joiners = CountOrLabelField()
    promoted = CountOrLabelField()


class PlanCellSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    role = serializers.CharField()
    role_level = serializers.CharField()
    current_supply = serializers.IntegerField()
    demand = serializers.IntegerField()
    joiners = serializers.IntegerField()
    promoted_up = serializers.IntegerField()
    projected_supply = serializers.IntegerField()
    gap = serializers.IntegerField()


class PlanDemandOut(serializers.Serializer):
    year = serializers.IntegerField()
    role_level_id = serializers.IntegerField()
    role_level = serializers.CharField()
    headcount = serializers.IntegerField()


class PlanDetailSerializer(PlanSummarySerializer):
    """A plan with its projection: ``levels`` and ``demand`` only for people managers in
    scope; everyone else gets ``totals`` with small counts suppressed."""

    current_supply = CountOrLabelField()
    totals = PlanYearSerializer(many=True)
    levels = PlanCellSerializer(many=True, required=False)
    demand = PlanDemandOut(many=True, required=False)


_IF_MATCH = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER, required=False,
    description="The ETag from GET; a plan changed since then is refused with 412.")
_ETAG = OpenApiParameter(
    "ETag", str, OpenApiParameter.HEADER, response=[200, 412],
    description="The plan's version as stored, for If-Match.")


@paginated_list
@extend_schema(methods=["GET"], operation_id="workforce_plans_list",
               parameters=[OpenApiParameter("organisation", int, required=False)],
               responses=PlanSummarySerializer(many=True))
@extend_schema(methods=["POST"], operation_id="workforce_plans_create",
               request=WorkforcePlanInput, responses={201: PlanDetailSerializer})
@api_view(["GET", "POST"])
def plan_list(request: Request) -> Response:
    """Plans the caller may see, or create one (heads of profession, central team)."""
    if request.method == "POST":
        d = validated(WorkforcePlanInput, request.data)
        organisation = sel.plan_organisations(request.user).filter(pk=d["organisation"]).first()
        if organisation is None:
            raise serializers.ValidationError(
                {"organisation": "Unknown organisation, closed, or not one whose plans you "
                                 "manage."})
        family = RoleFamily.objects.filter(pk=d["role_family"]).first()
        if family is None:
            raise serializers.ValidationError({"role_family": "Unknown role family."})
        plan = services.create_plan(actor=Actor.for_user(request.user),
                                    organisation=organisation, role_family=family,
                                    first_year=d["first_year"],
                                    attrition_rate=d["attrition_rate"])
        return Response(_detail(request.user, plan), status=status.HTTP_201_CREATED)
    qs = sel.visible_plans(request.user)
    organisation_id = parse_int(request.query_params.get("organisation"),
                                field="organisation", minimum=1, maximum=MAX_ID, default=None)
    if organisation_id is not None:
        qs = qs.filter(organisation_id=organisation_id)
    return paginated_response(request, qs.order_by("organisation__name", "role_family__name",
                                                   "pk"), PlanSummarySerializer)


def _plan(request: Request, plan_id: int) -> WorkforcePlan:
    return get_visible_or_404(sel.visible_plans(request.user), plan_id)


@extend_schema(methods=["GET"], parameters=[_ETAG], responses=PlanDetailSerializer)
@extend_schema(methods=["PATCH"], request=WorkforcePlanUpdate, parameters=[_IF_MATCH, _ETAG],
               responses={200: PlanDetailSerializer,
                          412: OpenApiResponse(ErrorSerializer, description="Stale If-Match")})
@api_view(["GET", "PATCH"])
def plan_detail(request: Request, plan_id: int) -> Response:
    """A plan with its projection; PATCH changes the first year or attrition rate (only
    the fields sent). The response carries the plan's ``ETag``; a PATCH with a stale
    ``If-Match`` is refused with 412."""
    plan = _plan(request, plan_id)
    if request.method == "PATCH":
        changes = validated(WorkforcePlanUpdate, request.data)
        services.update_plan(actor=Actor.for_user(request.user), plan=plan.pk,
                             if_match=if_match(request), **changes)
        plan = _plan(request, plan_id)
    return with_etag(Response(_detail(request.user, plan)), plan)


@extend_schema(request=PlanDemandInput, responses=PlanDetailSerializer)
@api_view(["PUT"])
def plan_demand(request: Request, plan_id: int) -> Response:
    """Set planned demand cells; every cell is checked and nothing is written on error."""
    plan = _plan(request, plan_id)
    cells = {(c["year"], c["role_level"]): c["headcount"]
             for c in validated(PlanDemandInput, request.data)["demand"]}
    services.set_demand(actor=Actor.for_user(request.user), plan=plan, cells=cells,
                        source="API")
    return Response(_detail(request.user, plan))

