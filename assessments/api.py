"""/api/v1/workspaces…: the same workspaces, for their members only (session sign-in, CSRF on
writes). Non-members get 404, as on the pages; every read and write is in the workspace's log."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.utils import check_csrf

from portal.middleware import mark_restricted

from .access import log_view, may_use_workspaces, membership_of, why_not
from .exports import workspace_data
from .models import Membership
from .scoring import band, round_scores
from .services import (
    WorkspaceError,
    answers_save,
    mitigation_add,
    rating_save,
    round_start,
    system_register,
    workspace_create,
)
from .toolkit import AFFECTED_GROUPS, PRINCIPLE_BY_KEY, STAGES

# Signed in with the portal's session, checked here rather than by ninja's django_auth: the
# schema then declares no cookie parameter (the session is not part of the API's contract, as
# for the events API), and writes still pass Django's CSRF check.
router = Router(tags=["workspaces"])


class Problem(Schema):
    detail: str


class Invalid(Schema):
    detail: list[dict] = Field(description="ninja's list of what is wrong in the request, field by field")


ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Invalid}


def _speak(lang: str | None) -> None:
    from django.conf import settings

    if lang in dict(settings.LANGUAGES):
        translation.activate(lang)


def _signed_in(request, write: bool = False) -> None:
    mark_restricted(request)
    if not request.user.is_authenticated:
        raise HttpError(401, _("Sign in first."))
    if write and check_csrf(request) is not None:
        raise HttpError(403, _("The CSRF token is missing or wrong: reload the page and try again."))


def _membership(request, slug: str, what: str | None = "api", write: bool = False) -> Membership:
    _signed_in(request, write=write)
    membership = membership_of(request.user, slug)
    if membership is None:
        raise Http404
    if what:
        log_view(request, membership.workspace, what)
    return membership


def _refused(error: ValidationError):
    return Status(400, {"detail": " ".join(error.messages)})


class WorkspaceOut(Schema):
    slug: str
    name: str
    country: str
    region: str
    role: str

    @staticmethod
    def resolve_country(obj):
        return obj.workspace.country.code

    @staticmethod
    def resolve_slug(obj):
        return obj.workspace.slug

    @staticmethod
    def resolve_name(obj):
        return obj.workspace.name

    @staticmethod
    def resolve_region(obj):
        return obj.workspace.region


class WorkspaceIn(Schema):
    name: str = Field(max_length=200)
    country: str = Field(min_length=2, max_length=2, description="ISO 3166-1 alpha-2 code")


class DimensionScoreOut(Schema):
    key: str
    name: str
    score: int | None
    answered: int
    questions: int


class RoundOut(Schema):
    number: int
    started_at: dt.datetime
    completed_at: dt.datetime | None
    overall: int | None
    band: str
    dimensions: list[DimensionScoreOut]


def _round_out(round) -> dict:
    scores = round_scores(round.levels())
    return {
        "number": round.number,
        "started_at": round.started_at,
        "completed_at": round.completed_at,
        "overall": scores.overall,
        "band": band(scores.overall),
        "dimensions": [d.__dict__ for d in scores.dimensions],
    }


class AnswerIn(Schema):
    level: int = Field(ge=0, le=4)
    note: str = Field("", max_length=1000)


class AnswersIn(Schema):
    answers: dict[str, AnswerIn] = Field(description="Question key → answer; see GET …/questions.")


class QuestionOut(Schema):
    key: str
    dimension: str
    text: str


class SystemIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    purpose: str = Field(min_length=1, max_length=2000)
    data: str = Field("", max_length=2000)
    supplier: str = Field("", max_length=200)
    stage: str = Field("idea", description=", ".join(key for key, _name in STAGES))


class SystemOut(Schema):
    id: int
    name: str
    purpose: str
    data: str
    supplier: str
    stage: str


class RatingIn(Schema):
    principle: str = Field(description=", ".join(PRINCIPLE_BY_KEY))
    group: str = Field(description=", ".join(key for key, _name in AFFECTED_GROUPS))
    likelihood: int = Field(ge=1, le=5)
    severity: int = Field(ge=1, le=5)
    note: str = Field("", max_length=1000)


class RatingOut(Schema):
    principle: str
    group: str
    likelihood: int
    severity: int
    level: str


class MitigationIn(Schema):
    action: str = Field(min_length=1, max_length=1000)
    owner_email: str = Field(description="A member's email address")
    due_date: dt.date


class MitigationOut(Schema):
    id: int
    action: str
    due_date: dt.date
    status: str


@router.get("/workspaces", response={200: list[WorkspaceOut], **ERRORS}, summary="My agency workspaces")
def list_workspaces(request):
    _signed_in(request)
    if not may_use_workspaces(request.user):
        return []
    return list(Membership.objects.filter(user=request.user).select_related("workspace"))


@router.post("/workspaces", response={201: WorkspaceOut, **ERRORS}, summary="Create my agency's workspace")
def create_workspace(request, payload: WorkspaceIn):
    _signed_in(request, write=True)
    if not may_use_workspaces(request.user):
        return Status(403, {"detail": why_not(request.user)})
    from django_countries import countries

    if payload.country.upper() not in dict(countries):
        return Status(400, {"detail": _("Unknown country code: give its two letters, e.g. KE.")})
    try:
        workspace = workspace_create(
            by=request.user, name=payload.name, country=payload.country.upper(), request=request
        )
    except WorkspaceError as error:
        return _refused(error)
    return Status(201, workspace.memberships.get(user=request.user))


@router.get(
    "/workspaces/{slug}", response={200: dict, **ERRORS}, summary="Everything in a workspace (as the JSON export)"
)
def get_workspace(request, slug: str, lang: str | None = None):
    _speak(lang)
    membership = _membership(request, slug, what="api export")
    return workspace_data(membership.workspace)


@router.get(
    "/workspaces/{slug}/questions", response={200: list[QuestionOut], **ERRORS}, summary="The readiness questions"
)
def list_questions(request, slug: str, lang: str | None = None):
    _speak(lang)
    _membership(request, slug, what=None)
    from .toolkit import DIMENSIONS

    return [{"key": q.key, "dimension": d.key, "text": str(q.text)} for d in DIMENSIONS for q in d.questions]


@router.get("/workspaces/{slug}/rounds", response={200: list[RoundOut], **ERRORS}, summary="Readiness rounds")
def list_rounds(request, slug: str, lang: str | None = None):
    _speak(lang)
    membership = _membership(request, slug, what="api rounds")
    return [_round_out(r) for r in membership.workspace.rounds.order_by("number")]


@router.post("/workspaces/{slug}/rounds", response={201: RoundOut, **ERRORS}, summary="Start a readiness round")
def start_round(request, slug: str):
    membership = _membership(request, slug, what=None, write=True)
    try:
        return Status(201, _round_out(round_start(workspace=membership.workspace, by=request.user, request=request)))
    except WorkspaceError as error:
        return _refused(error)


@router.post(
    "/workspaces/{slug}/rounds/{number}/answers", response={200: RoundOut, **ERRORS}, summary="Answer questions"
)
def answer_round(request, slug: str, number: int, payload: AnswersIn):
    membership = _membership(request, slug, what=None, write=True)
    round = membership.workspace.rounds.filter(number=number).first()
    if round is None:
        raise Http404
    answers = {key: {"level": a.level, "note": a.note} for key, a in payload.answers.items()}
    try:
        return _round_out(answers_save(round=round, by=request.user, answers=answers, request=request))
    except WorkspaceError as error:
        return _refused(error)


@router.get("/workspaces/{slug}/systems", response={200: list[SystemOut], **ERRORS}, summary="AI systems")
def list_systems(request, slug: str):
    membership = _membership(request, slug, what="api systems")
    return list(membership.workspace.systems.all())


@router.post("/workspaces/{slug}/systems", response={201: SystemOut, **ERRORS}, summary="Register an AI system")
def create_system(request, slug: str, payload: SystemIn):
    membership = _membership(request, slug, what=None, write=True)
    try:
        return Status(
            201, system_register(workspace=membership.workspace, by=request.user, request=request, **payload.dict())
        )
    except ValidationError as error:
        return _refused(error)


def _system(membership, system_id: int):
    system = membership.workspace.systems.filter(pk=system_id).first()
    if system is None:
        raise Http404
    return system


@router.post(
    "/workspaces/{slug}/systems/{system_id}/ratings", response={200: RatingOut, **ERRORS}, summary="Rate a risk"
)
def rate_system(request, slug: str, system_id: int, payload: RatingIn):
    membership = _membership(request, slug, what=None, write=True)
    system = _system(membership, system_id)
    try:
        return rating_save(system=system, by=request.user, request=request, **payload.dict())
    except ValidationError as error:
        return _refused(error)


@router.post(
    "/workspaces/{slug}/systems/{system_id}/mitigations",
    response={201: MitigationOut, **ERRORS},
    summary="Add a mitigation",
)
def add_mitigation(request, slug: str, system_id: int, payload: MitigationIn):
    membership = _membership(request, slug, what=None, write=True)
    system = _system(membership, system_id)
    owner = (
        membership.workspace.memberships.filter(user__email__iexact=payload.owner_email).select_related("user").first()
    )
    if owner is None:
        return Status(400, {"detail": _("The owner must be a member of the workspace.")})
    try:
        mitigation = mitigation_add(
            system=system,
            by=request.user,
            action=payload.action,
            owner=owner.user,
            due_date=payload.due_date,
            request=request,
        )
    except ValidationError as error:
        return _refused(error)
    return Status(201, mitigation)
