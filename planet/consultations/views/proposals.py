"""Taking part (proposals, supports, comments) and the organiser's answers.

The rules (open between the dates by the server's clock, one support per account, eligibility
declared once) live in planet.consultations.participation; a refusal is shown as a message and
saves nothing. The declaration of age and country is asked with the first contribution."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from planet.consultations import participation
from planet.consultations.forms import AnswerForm, CommentForm, DeclarationForm, ProposalForm
from planet.consultations.models import ProposalComment, Support
from planet.consultations.permissions import get_consultation_for_user, get_proposal_for_user

GET_POST = require_http_methods(["GET", "POST"])


def _declaration(request, consultation, participant) -> DeclarationForm | None:
    """The declaration form for someone who has not taken part yet (bound on POST)."""
    if participant is not None:
        return None
    data = request.POST if request.method == "POST" else None
    return DeclarationForm(data, consultation=consultation)


def _all_valid(*forms) -> bool:
    """Validate every form (no short cut), so that each shows its errors."""
    outcomes = [form.is_valid() for form in forms if form is not None]
    return all(outcomes)


def _back(request, consultation, proposal) -> HttpResponse:
    """Back to the list of proposals when the button was pressed there, else the proposal."""
    return redirect(consultation if request.POST.get("next") == "list" else proposal)


def _declared(declaration) -> dict | None:
    return declaration.cleaned_data if declaration is not None else None


@login_required
@GET_POST
def proposal_create(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = get_consultation_for_user(request, slug)
    participant = participation.participant_of(request.user, consultation)
    declaration = _declaration(request, consultation, participant)
    form = ProposalForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if _all_valid(form, declaration):
            try:
                proposal = participation.propose(
                    consultation,
                    request.user,
                    declaration=_declared(declaration),
                    **form.cleaned_data,
                )
            except participation.Refused as refused:
                messages.error(request, str(refused))
                return redirect(consultation)
            messages.success(request, _("Your proposal is published. Thank you!"))
            return redirect("consultations:proposal", consultation.slug, proposal.pk)
    elif not consultation.is_open():
        messages.info(request, _("This consultation does not accept proposals now."))
        return redirect(consultation)
    context = {"consultation": consultation, "form": form, "declaration_form": declaration}
    return render(request, "consultations/proposal_form.html", context, status=status)


def _proposal_page(request, consultation, proposal, *, comment_form=None, declaration=None):
    now = timezone.now()
    participant = participation.participant_of(request.user, consultation)
    is_open = consultation.is_open(now)
    user = request.user
    if is_open and user.is_authenticated:
        comment_form = comment_form or CommentForm()
        if participant is None:
            declaration = declaration or DeclarationForm(consultation=consultation)
    comments = (
        ProposalComment.objects.unhidden_for(user)  # the proposal itself is visible
        .filter(proposal=proposal)
        .select_related("author__profile")
    )
    supports = Support.objects.filter(proposal=proposal)
    context = {
        "consultation": consultation,
        "proposal": proposal,
        "comments": comments,
        "support_total": supports.count(),
        "supported": user.is_authenticated and supports.filter(user=user).exists(),
        "is_own": user.is_authenticated and proposal.participant.user_id == user.pk,
        "is_open": is_open,
        "may_answer": consultation.viewer_is_organiser and consultation.is_closed(now),
        "comment_form": comment_form,
        "declaration_form": declaration,
    }
    status = 400 if comment_form is not None and comment_form.is_bound else 200
    return render(request, "consultations/proposal.html", context, status=status)


def proposal_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = get_consultation_for_user(request, slug)
    proposal = get_proposal_for_user(request, consultation, pk)
    return _proposal_page(request, consultation, proposal)


@login_required
@GET_POST
def support(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """POST supports the proposal. Someone who has not taken part yet is first shown (GET) a
    page asking their age and country, which POSTs here with the support."""
    consultation = get_consultation_for_user(request, slug)
    proposal = get_proposal_for_user(request, consultation, pk)
    participant = participation.participant_of(request.user, consultation)
    declaration = _declaration(request, consultation, participant)
    if request.method == "GET" and not consultation.is_open():
        messages.info(request, _("This consultation does not accept supports now."))
        return redirect(proposal)
    if request.method == "GET" or not _all_valid(declaration):
        if request.method == "GET" and declaration is None:
            return redirect(proposal)
        context = {"consultation": consultation, "proposal": proposal, "form": declaration}
        status = 400 if declaration.is_bound else 200
        return render(request, "consultations/support.html", context, status=status)
    try:
        participation.support(proposal, request.user, declaration=_declared(declaration))
    except participation.Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("You support this proposal."))
    return _back(request, consultation, proposal)


@login_required
@require_POST
def unsupport(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = get_consultation_for_user(request, slug)
    proposal = get_proposal_for_user(request, consultation, pk)
    try:
        participation.withdraw_support(proposal, request.user)
    except participation.Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("You no longer support this proposal."))
    return _back(request, consultation, proposal)


@login_required
@require_POST
def comment_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = get_consultation_for_user(request, slug)
    proposal = get_proposal_for_user(request, consultation, pk)
    participant = participation.participant_of(request.user, consultation)
    declaration = _declaration(request, consultation, participant)
    form = CommentForm(request.POST)
    if not _all_valid(form, declaration):
        return _proposal_page(
            request, consultation, proposal, comment_form=form, declaration=declaration
        )
    try:
        comment = participation.comment(
            proposal,
            request.user,
            body=form.cleaned_data["body"],
            declaration=_declared(declaration),
        )
    except participation.Refused as refused:
        messages.error(request, str(refused))
        return redirect(proposal)
    messages.success(request, _("Your comment is published."))
    return redirect(comment)


@login_required
@GET_POST
def answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = get_consultation_for_user(request, slug, action="answer")
    proposal = get_proposal_for_user(request, consultation, pk)
    initial = {"retained": proposal.retained, "answer": proposal.answer}
    form = AnswerForm(request.POST if request.method == "POST" else None, initial=initial)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            participation.answer(
                proposal,
                request.user,
                retained=form.cleaned_data["retained"],
                text=form.cleaned_data["answer"],
            )
        except participation.Refused as refused:
            error = str(refused)
        else:
            messages.success(request, _("The answer is saved and shown with the proposal."))
            return redirect(proposal)
    context = {"consultation": consultation, "proposal": proposal, "form": form, "error": error}
    context["is_closed"] = consultation.is_closed()
    status = 400 if request.method == "POST" else 200
    return render(request, "consultations/answer_form.html", context, status=status)
