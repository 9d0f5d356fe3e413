"""Challenge pages: the list, the public page, creating and editing a challenge, publishing it,
and the builder of its submission form. Who may see or do what is decided in permissions.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_countries import countries

from planet.challenges import presenters, tasks
from planet.challenges.challenge_forms import ChallengeFilterForm, ChallengeForm, filter_challenges
from planet.challenges.models import (
    Challenge,
    ChallengeStatus,
    FileKind,
    Phase,
    Question,
    Submission,
    SubmissionStatus,
)
from planet.challenges.permissions import (
    RUNNING_ROLES,
    get_challenge_for_user,
    may_create_challenges,
)
from planet.challenges.question_forms import MAX_QUESTIONS, QuestionForm, has_submitted_entries
from planet.lib.jsonld import json_ld_script
from planet.moderation.models import AuditLog
from planet.orgs.models import Membership
from planet.search import indexing

GET_POST = require_http_methods(["GET", "POST"])
CHALLENGES_PER_PAGE = 24


# The list ----------------------------------------------------------------------------------


def listed_for(user):
    """Published challenges the viewer may see, and the drafts they run themselves."""
    visible = Challenge.objects.visible_to(user)
    if not user.is_authenticated:
        return visible
    runs = Membership.objects.filter(
        organisation=OuterRef("organisation"), user=user, role__in=RUNNING_ROLES
    )
    return visible.filter(Q(status=ChallengeStatus.PUBLISHED) | Q(created_by=user) | Exists(runs))


def _with_phase(challenge, now):
    challenge.current_phase = Phase(challenge.phase(now))
    challenge.deadline = presenters.next_deadline(challenge, now)
    return challenge


def challenge_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    form = ChallengeFilterForm(request.GET)
    challenges = filter_challenges(listed_for(request.user), form.filters(), now)
    challenges = challenges.open_first(now).select_related("organisation").prefetch_related("goals")
    page = Paginator(challenges, CHALLENGES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "challenges": [_with_phase(challenge, now) for challenge in page],
        "may_create": may_create_challenges(request.user),
    }
    template = "challenges/list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


# The challenge page ------------------------------------------------------------------------


def _own_entries(user, challenge) -> list[Submission]:
    return list(Submission.objects.of_entrant(user).filter(challenge=challenge).order_by("pk"))


def challenge_detail(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug)
    now = timezone.now()
    _with_phase(challenge, now)
    prefetch_related_objects([challenge], "goals")
    entries = _own_entries(request.user, challenge)
    active = [entry for entry in entries if entry.status != SubmissionStatus.WITHDRAWN]
    structured = presenters.json_ld(challenge)
    context = {
        "challenge": challenge,
        "tab": "about",
        "steps": presenters.timeline(challenge, now),
        "show_organiser_zone": presenters.shows_organiser_zone(challenge),
        "goals": challenge.goals.all(),
        "questions": _described(challenge.questions.all()),
        "country_names": [countries.name(code) for code in challenge.countries],
        "entries": entries,
        "accepts_entries": challenge.accepts_submissions(now),
        "entries_left": max(challenge.max_entries_per_person - len(active), 0),
        "json_ld": json_ld_script(structured) if structured else "",
    }
    return render(request, "challenges/detail.html", context)


# Creating, editing, publishing -------------------------------------------------------------


def _form_page(request, form, challenge=None) -> HttpResponse:
    context = {"form": form, "challenge": challenge, "tab": "edit"}
    status = 400 if form.is_bound else 200
    return render(request, "challenges/form.html", context, status=status)


@login_required
@GET_POST
def challenge_create(request: HttpRequest) -> HttpResponse:
    if not may_create_challenges(request.user):
        raise PermissionDenied
    form = ChallengeForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "GET" or not form.is_valid():
        return _form_page(request, form)
    with transaction.atomic():
        challenge = form.save(commit=False)
        challenge.created_by = request.user
        challenge.save()
        form.save_goals(challenge)
    messages.success(
        request,
        _(
            "The challenge is saved as a draft. Add the questions of its submission form, "
            "then publish it."
        ),
    )
    return redirect("challenges:questions", challenge.slug)


@login_required
@GET_POST
def challenge_edit(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug, action="organise")
    results_at_before = challenge.results_at
    data = request.POST if request.method == "POST" else None
    form = ChallengeForm(data, instance=challenge, user=request.user)
    if request.method == "GET" or not form.is_valid():
        return _form_page(request, form, challenge)
    if not form.has_changed():
        messages.info(request, _("Nothing was changed."))
        return redirect(challenge)
    with transaction.atomic():
        challenge = form.save()
        form.save_goals(challenge)
        moved = challenge.results_at != results_at_before
        if moved and challenge.status == ChallengeStatus.PUBLISHED:
            tasks.schedule_results(challenge)
    messages.success(request, _("Your changes are saved."))
    return redirect(challenge)


@login_required
@require_POST
def challenge_publish(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug, action="organise")
    if challenge.status == ChallengeStatus.PUBLISHED:
        messages.info(request, _("This challenge is already published."))
        return redirect(challenge)
    if not challenge.questions.exists():
        messages.error(
            request, _("Add at least one question to the submission form before publishing.")
        )
        return redirect("challenges:questions", challenge.slug)
    with transaction.atomic():
        drafts = Challenge.objects.filter(pk=challenge.pk, status=ChallengeStatus.DRAFT)
        if drafts.update(status=ChallengeStatus.PUBLISHED, updated_at=timezone.now()):
            challenge.status = ChallengeStatus.PUBLISHED
            indexing.index_object(challenge)  # update() sends no signal to the search index
            AuditLog.record(request.user, "challenge.publish", challenge)
            tasks.schedule_results(challenge)
    messages.success(request, _("The challenge is published: everybody can read it now."))
    return redirect(challenge)


# The submission form -----------------------------------------------------------------------


def _described(questions) -> list:
    questions = list(questions)
    for question in questions:
        question.file_kind_labels = [
            FileKind(kind).label for kind in question.file_kinds if kind in FileKind.values
        ]
    return questions


def _questions_page(request, challenge, form, *, locked: bool, question=None) -> HttpResponse:
    context = {
        "challenge": challenge,
        "tab": "questions",
        "form": form,
        "locked": locked,
        "question": question,
    }
    status = 400 if form.is_bound else 200
    if question is not None:
        return render(request, "challenges/question_form.html", context, status=status)
    context["questions"] = _described(challenge.questions.all())
    context["max_questions"] = MAX_QUESTIONS
    return render(request, "challenges/questions.html", context, status=status)


@login_required
@GET_POST
def questions(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug, action="organise")
    locked = has_submitted_entries(challenge)
    data = request.POST if request.method == "POST" else None
    form = QuestionForm(data, challenge=challenge)
    if request.method == "GET" or not form.is_valid():
        return _questions_page(request, challenge, form, locked=locked)
    if challenge.questions.count() >= MAX_QUESTIONS:
        form.add_error(None, _("A form has at most %(max)s questions.") % {"max": MAX_QUESTIONS})
        return _questions_page(request, challenge, form, locked=locked)
    with transaction.atomic():
        question = form.save()
    messages.success(request, _("The question “%(label)s” is added.") % {"label": question.label})
    return redirect("challenges:questions", challenge.slug)


@login_required
@GET_POST
def question_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug, action="organise")
    question = get_object_or_404(challenge.questions, pk=pk)
    locked = has_submitted_entries(challenge)
    data = request.POST if request.method == "POST" else None
    form = QuestionForm(data, instance=question, challenge=challenge, locked=locked)
    if request.method == "GET" or not form.is_valid():
        return _questions_page(request, challenge, form, locked=locked, question=question)
    with transaction.atomic():
        form.save()
    messages.success(request, _("The question is saved."))
    return redirect("challenges:questions", challenge.slug)


def _renumber(challenge) -> list:
    """The questions in order, their positions made 0, 1, 2… (locked for the change)."""
    ordered = list(challenge.questions.select_for_update().order_by("position", "pk"))
    for position, question in enumerate(ordered):
        question.position = position
    return ordered


@login_required
@require_POST
def question_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug, action="organise")
    question = get_object_or_404(challenge.questions, pk=pk)
    if has_submitted_entries(challenge):
        messages.error(
            request,
            _(
                "Entries have been submitted with this form: "
                "its questions can no longer be deleted."
            ),
        )
        return redirect("challenges:questions", challenge.slug)
    with transaction.atomic():
        question.delete()
        remaining = _renumber(challenge)
        Question.objects.bulk_update(remaining, ["position"])
    messages.success(request, _("The question “%(label)s” is deleted.") % {"label": question.label})
    return redirect("challenges:questions", challenge.slug)


@login_required
@require_POST
def question_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    challenge = get_challenge_for_user(request, slug, action="organise")
    get_object_or_404(challenge.questions, pk=pk)
    step = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if step is None:
        messages.error(request, _("Choose to move the question up or down."))
        return redirect("challenges:questions", challenge.slug)
    with transaction.atomic():
        ordered = _renumber(challenge)
        index = next(i for i, question in enumerate(ordered) if question.pk == pk)
        other = index + step
        if 0 <= other < len(ordered):
            ordered[index].position, ordered[other].position = other, index
        Question.objects.bulk_update(ordered, ["position"])
    return redirect(reverse("challenges:questions", args=[challenge.slug]) + f"#question-{pk}")
