"""Challenges, contests and calls for projects: phases, a submission form, entries, a jury with
a weighted rubric, results published at a set time, and optional public voting.

All times are stored in UTC; `Challenge.timezone` is the organiser's zone, in which the phase
dates are entered and shown next to the viewer's own.
"""

import secrets
import zoneinfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from planet.lib.invitations import InvitationBase
from planet.lib.slugs import new_slug
from planet.lib.zoned_time import validate_timezone
from planet.moderation.hiding import Hideable, HideableQuerySet

RESERVED_SLUGS = {"new", "mine", "jury"}  # first parts of /challenges/ addresses


class ChallengeKind(models.TextChoices):
    CONTEST = "contest", _("Contest")
    CALL = "call", _("Call for projects")
    CHALLENGE = "challenge", _("Challenge")


class Participation(models.TextChoices):
    INDIVIDUAL = "individual", _("Individuals")
    TEAM = "team", _("Teams")
    EITHER = "either", _("Individuals or teams")


class ChallengeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Phase(models.TextChoices):
    """Where a published challenge stands, from its dates and the clock."""

    UPCOMING = "upcoming", _("Opens soon")
    OPEN = "open", _("Open for submissions")
    REVIEW = "review", _("Under review")
    DELIBERATION = "deliberation", _("Results coming")
    RESULTS = "results", _("Results announced")


class ChallengeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ChallengeStatus.PUBLISHED)

    def organised_by(self, user):
        """Challenges `user` may run: created by them, or of an organisation they administer
        or edit. Curators may run every challenge."""
        if not user.is_authenticated:
            return self.none()
        if user.is_curator:
            return self
        from planet.orgs.models import Membership, Role

        runs_org = Membership.objects.filter(
            organisation=OuterRef("organisation"), user=user, role__in=(Role.ADMIN, Role.EDITOR)
        )
        return self.filter(Q(created_by=user) | Q(Exists(runs_org)))

    def visible_to(self, user):
        """The one place that decides who sees which challenge: published ones for everybody,
        drafts for their organisers, and challenges a juror sits on for that juror."""
        if not user.is_authenticated:
            return self.published()
        if user.is_curator:
            return self
        on_jury = Juror.objects.filter(challenge=OuterRef("pk"), user=user)
        return self.filter(
            Q(status=ChallengeStatus.PUBLISHED)
            | Q(pk__in=self.organised_by(user).values("pk"))
            | Q(Exists(on_jury))
        )

    def open_first(self, now=None):
        """Open ones first (closing soonest first), then upcoming (opening soonest), then the
        rest, most recent results first."""
        now = now or timezone.now()
        rank = models.Case(
            models.When(opens_at__lte=now, closes_at__gt=now, then=models.Value(0)),
            models.When(opens_at__gt=now, then=models.Value(1)),
            default=models.Value(2),
        )
        return self.annotate(phase_rank=rank).order_by(
            "phase_rank",
            models.Case(models.When(phase_rank=0, then=F("closes_at"))),
            models.Case(models.When(phase_rank=1, then=F("opens_at"))),
            F("results_at").desc(),
            "pk",
        )


class Challenge(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=ChallengeKind, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    summary = models.CharField(_("one-line summary"), max_length=240)
    description = models.TextField(_("description"), max_length=30000, blank=True)
    content_language = models.CharField(
        _("language of the title and description"), max_length=8, default="en"
    )
    goals = models.ManyToManyField(
        "sdgs.Goal", verbose_name=_("SDGs"), blank=True, related_name="challenges"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="challenges",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ChallengeStatus,
        default=ChallengeStatus.DRAFT,
        db_index=True,
    )

    # Phases, entered in the organiser's time zone, stored in UTC.
    timezone = models.CharField(
        _("organiser's time zone"), max_length=64, default="UTC", validators=[validate_timezone]
    )
    opens_at = models.DateTimeField(_("submissions open"), db_index=True)
    closes_at = models.DateTimeField(_("submissions close"), db_index=True)
    review_ends_at = models.DateTimeField(_("review ends"))
    results_at = models.DateTimeField(_("results announced"), db_index=True)

    # Eligibility and recognition.
    min_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    max_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    countries = models.JSONField(_("eligible countries"), default=list, blank=True)  # [] = all
    participation = models.CharField(
        _("who may enter"), max_length=10, choices=Participation, default=Participation.EITHER
    )
    prizes = models.TextField(_("prizes or recognition"), max_length=5000, blank=True)
    max_entries_per_person = models.PositiveSmallIntegerField(
        _("entries per person"), default=1, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )

    # Jury.
    reviews_per_submission = models.PositiveSmallIntegerField(
        _("reviews per entry"), default=2, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=0)
    scale_max = models.PositiveSmallIntegerField(
        _("highest score"), default=10, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    blind_review = models.BooleanField(
        _("blind review"),
        default=False,
        help_text=_("Jurors do not see who wrote the entries, in pages, e-mails and exports."),
    )
    share_comments = models.BooleanField(
        _("send the jurors' comments to the entrants with their outcome"), default=False
    )
    review_round = models.PositiveSmallIntegerField(default=1)  # 2 once a shortlist is reviewed

    # Optional public voting.
    voting_opens_at = models.DateTimeField(_("public voting opens"), null=True, blank=True)
    voting_closes_at = models.DateTimeField(_("public voting closes"), null=True, blank=True)

    # Results: the organiser finalises the selection; the scheduled task publishes it at
    # `results_at` (or at once, if finalised later) and sends each entrant their outcome.
    results_finalised_at = models.DateTimeField(null=True, blank=True)
    results_published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    outcomes_sent_at = models.DateTimeField(null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ChallengeQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__lt=F("closes_at"))
                & Q(closes_at__lte=F("review_ends_at"))
                & Q(review_ends_at__lte=F("results_at")),
                name="challenge_phases_in_order",
            ),
            models.CheckConstraint(
                condition=Q(scale_min__lt=F("scale_max")), name="challenge_scale_not_empty"
            ),
            models.CheckConstraint(
                condition=Q(min_age=None) | Q(max_age=None) | Q(min_age__lte=F("max_age")),
                name="challenge_age_range_in_order",
            ),
            models.CheckConstraint(
                condition=(Q(voting_opens_at=None) & Q(voting_closes_at=None))
                | Q(voting_opens_at__lt=F("voting_closes_at")),
                name="challenge_voting_period_in_order",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = new_slug(Challenge, self.title, reserved=RESERVED_SLUGS, noun="challenge")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("challenges:detail", args=[self.slug])

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    def phase(self, now=None) -> str:
        now = now or timezone.now()
        if self.results_published_at:
            return Phase.RESULTS
        if now < self.opens_at:
            return Phase.UPCOMING
        if now < self.closes_at:
            return Phase.OPEN
        if now < self.review_ends_at:
            return Phase.REVIEW
        return Phase.DELIBERATION

    def accepts_submissions(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status == ChallengeStatus.PUBLISHED and self.opens_at <= now < self.closes_at

    def review_is_over(self, now=None) -> bool:
        return (now or timezone.now()) >= self.review_ends_at

    def has_voting(self) -> bool:
        return self.voting_opens_at is not None

    def voting_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.has_voting() and self.voting_opens_at <= now < self.voting_closes_at

    def vote_counts_are_public(self, now=None) -> bool:
        return self.has_voting() and (now or timezone.now()) >= self.voting_closes_at

    def has_eligibility_rules(self) -> bool:
        return bool(self.min_age is not None or self.max_age is not None or self.countries)

    def eligibility_text(self) -> str:
        """The age and country rules in one sentence, for entrants to confirm."""
        parts = []
        if self.min_age is not None and self.max_age is not None:
            parts.append(_("aged %(min)s to %(max)s") % {"min": self.min_age, "max": self.max_age})
        elif self.min_age is not None:
            parts.append(_("aged %(min)s or more") % {"min": self.min_age})
        elif self.max_age is not None:
            parts.append(_("aged %(max)s or less") % {"max": self.max_age})
        if self.countries:
            parts.append(_("living in %(countries)s") % {"countries": self.country_names()})
        return "; ".join(str(part) for part in parts)

    def country_names(self) -> str:
        from django_countries import countries as country_names

        return ", ".join(str(country_names.name(code)) for code in self.countries)

    def admits_country(self, country_code: str) -> bool:
        return not self.countries or not country_code or country_code in self.countries

    def results_due(self, now=None) -> bool:
        """Finalised, announcement time reached, not yet published."""
        now = now or timezone.now()
        return (
            self.status == ChallengeStatus.PUBLISHED
            and self.results_finalised_at is not None
            and self.results_published_at is None
            and now >= self.results_at
        )


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    FILE = "file", _("File")
    LINK = "link", _("Link")
    PROJECT = "project", _("One of the entrant's projects")


class FileKind(models.TextChoices):
    """Groups of file types an organiser may allow; the upload is checked by its content."""

    PDF = "pdf", _("PDF")
    DOCUMENT = "document", _("Text documents (odt, docx)")
    SPREADSHEET = "spreadsheet", _("Spreadsheets (ods, xlsx)")
    PRESENTATION = "presentation", _("Presentations (odp, pptx)")
    PICTURE = "picture", _("Pictures (PNG, JPEG, WebP)")
    TEXT = "text", _("Plain text or Markdown")
    ZIP = "zip", _("ZIP archives")


# What `planet.lib.uploads.document_type` answers, by the group an organiser allows.
FILE_KIND_TYPES = {
    FileKind.PDF: {"pdf"},
    FileKind.DOCUMENT: {"odt", "docx"},
    FileKind.SPREADSHEET: {"ods", "xlsx"},
    FileKind.PRESENTATION: {"odp", "pptx", "odg"},
    FileKind.PICTURE: {"png", "jpg", "webp"},
    FileKind.TEXT: {"txt", "md"},
    FileKind.ZIP: {"zip"},
}


class Question(models.Model):
    """One typed question of a challenge's submission form."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("type"), max_length=16, choices=QuestionKind)
    label = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=1000, blank=True)
    required = models.BooleanField(_("required"), default=True)
    word_limit = models.PositiveIntegerField(
        _("word limit"), null=True, blank=True, validators=[MaxValueValidator(100_000)]
    )
    choices = models.JSONField(_("choices"), default=list, blank=True)  # ["…", "…"]
    file_kinds = models.JSONField(_("allowed file types"), default=list, blank=True)
    max_file_mb = models.PositiveSmallIntegerField(
        _("largest file (MB)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        indexes = [models.Index(fields=["challenge", "position"])]

    def __str__(self):
        return self.label

    def allowed_file_types(self) -> set[str]:
        return set().union(*(FILE_KIND_TYPES.get(kind, set()) for kind in self.file_kinds))


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", pgettext_lazy("status of an entry", "Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Outcome(models.TextChoices):
    PENDING = "", _("Not decided")
    WINNER = "winner", _("Winner")
    SELECTED = "selected", _("Selected")
    NOT_SELECTED = "not_selected", _("Not selected")


PUBLISHED_OUTCOMES = (Outcome.WINNER, Outcome.SELECTED)


class SubmissionQuerySet(HideableQuerySet):
    def submitted(self):
        return self.filter(status=SubmissionStatus.SUBMITTED)

    def of_entrant(self, user):
        return self.filter(entrant=user) if user.is_authenticated else self.none()

    def in_gallery(self):
        """Entries shown to everyone once results are published: selected or winning, with
        the entrant's consent, and not hidden by the moderators."""
        return self.submitted().filter(
            outcome__in=PUBLISHED_OUTCOMES,
            consent_to_publish=True,
            challenge__results_published_at__isnull=False,
            hidden_at=None,
        )

    def votable(self):
        """Entries shown for public voting: submitted, with the entrant's consent, and not
        hidden by the moderators."""
        return self.submitted().filter(consent_to_publish=True, hidden_at=None)

    def visible_to(self, user, now=None):
        """The one place that decides who may open which entry. Nobody sees another
        person's draft.

        * everybody: the gallery once results are published, and the entries offered to public
          voting once voting has opened (neither includes hidden entries);
        * the entrant: all their own entries (a hidden one with the moderators' note);
        * the organiser (any curator included): submitted and withdrawn entries;
        * a juror: the submitted entries assigned to them.
        """
        now = now or timezone.now()
        public = Q(
            status=SubmissionStatus.SUBMITTED,
            consent_to_publish=True,
            hidden_at=None,
            challenge__status=ChallengeStatus.PUBLISHED,
        ) & (
            Q(outcome__in=PUBLISHED_OUTCOMES, challenge__results_published_at__isnull=False)
            | Q(challenge__voting_opens_at__lte=now)
        )
        if not user.is_authenticated:
            return self.filter(public)
        organised = Challenge.objects.organised_by(user).values("pk")
        assigned = Assignment.objects.filter(juror__user=user).values("submission")
        return self.filter(
            public
            | Q(entrant=user)
            | (Q(challenge__in=organised) & ~Q(status=SubmissionStatus.DRAFT))
            | Q(status=SubmissionStatus.SUBMITTED, pk__in=assigned)
        )


def submission_file_path(answer, filename):
    """A random name that keeps only the type: names given by entrants often carry their own
    name, which blind review must not show in the file's address."""
    extension = filename.rpartition(".")[2].lower() if "." in filename else "bin"
    return f"entries/{answer.submission.challenge_id}/{secrets.token_hex(16)}.{extension}"


class Submission(Hideable):
    """One entry: a draft until submitted; editable until the deadline; withdrawable."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="submissions")
    entrant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="challenge_entries"
    )
    title = models.CharField(_("title of your entry"), max_length=200)
    team_name = models.CharField(_("team name"), max_length=200, blank=True)
    status = models.CharField(
        max_length=10, choices=SubmissionStatus, default=SubmissionStatus.DRAFT, db_index=True
    )
    consent_to_publish = models.BooleanField(
        _("I agree that my entry is published on LearningPlanet if it is selected"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    shortlisted = models.BooleanField(_("shortlisted"), default=False)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome, default=Outcome.PENDING, blank=True
    )
    outcome_sent_at = models.DateTimeField(null=True, blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        indexes = [
            models.Index(fields=["challenge", "status"]),
            models.Index(fields=["challenge", "entrant"]),
            models.Index(fields=["challenge", "outcome"]),
        ]

    def __str__(self):
        return self.title

    @property
    def reference(self) -> str:
        """How an entry is named where its entrant must stay anonymous."""
        return _("Entry %(number)s") % {"number": self.pk}

    def get_absolute_url(self):
        return reverse("challenges:entry", args=[self.challenge.slug, self.pk])

    def is_editable(self, now=None) -> bool:
        return self.status != SubmissionStatus.WITHDRAWN and self.challenge.accepts_submissions(now)


class Answer(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(blank=True, max_length=200_000)
    choices = models.JSONField(default=list, blank=True)
    url = models.URLField(max_length=500, blank=True)
    file = models.FileField(upload_to=submission_file_path, blank=True, max_length=300)
    file_type = models.CharField(max_length=8, blank=True)
    original_name = models.CharField(max_length=200, blank=True)  # as the entrant named it
    project = models.ForeignKey(
        "projects.Project", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "question"], name="one_answer_per_question"
            )
        ]

    def __str__(self):
        return f"{self.submission_id}/{self.question_id}"


class Juror(models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="jurors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jury_seats"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "user"], name="one_seat_per_juror")
        ]
        verbose_name = _("juror")
        verbose_name_plural = _("jurors")

    def __str__(self):
        return f"{self.user} · {self.challenge}"


class JuryInvitation(InvitationBase):
    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="jury_invitations"
    )

    class Meta(InvitationBase.Meta):
        verbose_name = _("jury invitation")
        verbose_name_plural = _("jury invitations")

    def __str__(self):
        return f"{self.email} → {self.challenge}"


class Criterion(models.Model):
    """One criterion of the rubric; every criterion is scored on the challenge's scale."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("criterion"), max_length=200)
    description = models.CharField(_("what jurors look for"), max_length=1000, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.CheckConstraint(condition=Q(weight__gte=1), name="criterion_weight")]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return self.name


class AssignmentQuerySet(models.QuerySet):
    def active(self):
        """Assignments that count: not set aside for a declared conflict of interest."""
        return self.filter(conflict_declared_at=None)

    def done(self):
        return self.active().exclude(completed_at=None)


class Assignment(models.Model):
    """A juror's review of one entry in one round; scored criterion by criterion."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="assignments")
    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="assignments")
    round = models.PositiveSmallIntegerField(default=1)
    assigned_at = models.DateTimeField(auto_now_add=True)
    conflict_declared_at = models.DateTimeField(null=True, blank=True)
    conflict_reason = models.CharField(_("reason"), max_length=500, blank=True)
    comment = models.TextField(_("comment for the entrant"), max_length=5000, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "juror", "round"], name="one_review_per_juror_and_round"
            )
        ]
        indexes = [models.Index(fields=["juror", "round", "completed_at"])]

    def __str__(self):
        return f"{self.juror} → {self.submission_id} (round {self.round})"


class Score(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), max_length=3000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "criterion"], name="one_score_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"


class Vote(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="challenge_votes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "voter"], name="one_vote_per_entry")
        ]

    def __str__(self):
        return f"{self.voter_id} → {self.submission_id}"
