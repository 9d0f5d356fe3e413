"""SDG goals and targets, with their texts in the six UN languages and their UN URIs."""

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from planet.lib.api import ERRORS, PageParams, page_schema, paginate
from planet.sdgs.models import Goal, Target

router = Router(tags=["SDGs"])

Texts = dict[str, str]


class TargetRefOut(Schema):
    code: str = Field(examples=["4.7"])
    uri: str = Field(examples=["http://metadata.un.org/sdg/4.7"])


class TargetOut(TargetRefOut):
    goal: int = Field(alias="goal_id")
    titles: Texts = Field(description="Official text by language code (en, fr, es, ar, ...).")


class GoalOut(Schema):
    number: int
    code: str
    uri: str = Field(examples=["http://metadata.un.org/sdg/4"])
    colour: str
    short_names: Texts
    titles: Texts


class GoalDetailOut(GoalOut):
    targets: list[TargetOut]


class TargetFilters(Schema):
    goal: int | None = Field(None, ge=1, le=17, description="Only the targets of this goal.")


@router.get("/goals/", response={200: page_schema(GoalOut), **ERRORS})
def list_goals(request, page: Query[PageParams]):
    return paginate(request, Goal.objects.all(), page, ordering=("number",))


@router.get("/goals/{int:number}/", response={200: GoalDetailOut, **ERRORS})
def goal_detail(request, number: int):
    return get_object_or_404(Goal.objects.prefetch_related("targets"), number=number)


@router.get("/targets/", response={200: page_schema(TargetOut), **ERRORS})
def list_targets(request, page: Query[PageParams], filters: Query[TargetFilters]):
    targets = Target.objects.all()
    if filters.goal is not None:
        targets = targets.filter(goal_id=filters.goal)
    return paginate(request, targets, page, ordering=("goal", "position", "code"))


@router.get("/targets/{code}/", response={200: TargetOut, **ERRORS})
def target_detail(request, code: str):
    return get_object_or_404(Target, code=code)
