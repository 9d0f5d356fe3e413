"""Youth consultations: a question put to the community between two dates, proposals from
participants, supports (one per account and proposal), comments, and after closing the
organiser's official answers and summary.

Times are stored in UTC; `Consultation.timezone` is the organiser's zone, in which the dates
are entered. Whether a consultation is open is decided by the server's clock. Every content
model here is `Hideable`: its `visible_to(user)` leaves hidden items out for everybody but
curators and the item's own author.
"""

import zoneinfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries as all_countries
from django_countries.fields import CountryField

from planet.lib.slugs import new_slug
from planet.lib.zoned_time import validate_timezone
from planet.moderation.hiding import Hideable, HideableQuerySet

RESERVED_SLUGS = {"new"}
MIN_AGE, MAX_AGE = 5, 120
RUNNING_ROLES = ("admin", "editor")  # organisation roles that answer for the organiser


class ConsultationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Phase(models.TextChoices):
    UPCOMING = "upcoming", _("Opens soon")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class AgeBand(models.TextChoices):
    UNDER_15 = "under-15", _("Under 15")
    FROM_15 = "15-19", _("15 to 19")
    FROM_20 = "20-24", _("20 to 24")
    FROM_25 = "25-30", _("25 to 30")
    OVER_30 = "over-30", _("Over 30")


def _is_curator(user) -> bool:
    return user.is_authenticated and user.is_curator


class ConsultationQuerySet(HideableQuerySet):
    def published(self):
        return self.filter(status=ConsultationStatus.PUBLISHED)

    def organised_by(self, user):
        """Consultations `user` answers for: all for curators; otherwise those they created
        and those of an organisation they administer or edit."""
        if not user.is_authenticated:
            return self.none()
        if user.is_curator:
            return self
        from planet.orgs.models import Membership

        runs_org = Membership.objects.filter(
            organisation=OuterRef("organisation"), user=user, role__in=RUNNING_ROLES
        )
        return self.filter(Q(created_by=user) | Q(Exists(runs_org)))

    def visible_to(self, user):
        """The one place that decides who sees which consultation: published and not hidden
        ones for everybody; drafts and hidden ones for their organisers; all for curators."""
        if _is_curator(user):
            return self
        public = self.published().not_hidden()
        if not user.is_authenticated:
            return public
        return self.filter(Q(pk__in=public.values("pk")) | Q(pk__in=self.organised_by(user)))

    def open_first(self, now=None):
        """Open ones first (closing soonest first), then upcoming, then closed (latest first)."""
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
            F("closes_at").desc(),
            "pk",
        )

    def with_figures(self):
        """Annotate `proposal_total` (proposals not hidden) and `participant_total`."""
        proposals = Proposal.objects.filter(consultation=OuterRef("pk"), hidden_at=None)
        participants = Participant.objects.filter(consultation=OuterRef("pk"))
        return self.annotate(
            proposal_total=_count(proposals), participant_total=_count(participants)
        )


def _count(queryset):
    counted = queryset.order_by().values(one=models.Value(1)).annotate(n=Count("pk"))
    return models.functions.Coalesce(models.Subquery(counted.values("n")[:1]), 0)


class Consultation(Hideable):
    title = models.CharField(_("question"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    context = models.TextField(_("context"), max_length=30000, blank=True)
    content_language = models.CharField(
        _("language of the question and context"), max_length=8, default="en"
    )
    goals = models.ManyToManyField(
        "sdgs.Goal", verbose_name=_("SDGs"), blank=True, related_name="consultations"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    timezone = models.CharField(
        _("organiser's time zone"), max_length=64, default="UTC", validators=[validate_timezone]
    )
    opens_at = models.DateTimeField(_("opens"), db_index=True)
    closes_at = models.DateTimeField(_("closes"), db_index=True)
    max_age = models.PositiveSmallIntegerField(
        _("maximum age"),
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_AGE), MaxValueValidator(MAX_AGE)],
    )
    countries = models.JSONField(_("countries"), default=list, blank=True)  # [] = all
    summary = models.TextField(_("summary of the results"), max_length=30000, blank=True)
    summary_published_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ConsultationStatus,
        default=ConsultationStatus.DRAFT,
        db_index=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__lt=F("closes_at")), name="consultation_dates_in_order"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = new_slug(
                Consultation, self.title, reserved=RESERVED_SLUGS, noun="consultation"
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("consultations:detail", args=[self.slug])

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    def phase(self, now=None) -> Phase:
        now = now or timezone.now()
        if now < self.opens_at:
            return Phase.UPCOMING
        if now < self.closes_at:
            return Phase.OPEN
        return Phase.CLOSED

    def is_open(self, now=None) -> bool:
        return self.status == ConsultationStatus.PUBLISHED and self.phase(now) == Phase.OPEN

    def is_closed(self, now=None) -> bool:
        return self.phase(now) == Phase.CLOSED

    def country_names(self) -> list[str]:
        return [str(all_countries.name(code)) for code in self.countries]

    def refusal(self, age: int | None, country: str) -> dict[str, str]:
        """Why someone of `age` living in `country` may not take part: {field: message}."""
        reasons = {}
        if self.max_age is not None and age is not None and age > self.max_age:
            reasons["age"] = _(
                "This consultation is for people aged %(max)s or under: you cannot take part."
            ) % {"max": self.max_age}
        if self.countries and country and country not in self.countries:
            reasons["country"] = _(
                "This consultation is open to people living in: %(countries)s."
            ) % {"countries": ", ".join(self.country_names())}
        return reasons


class Participant(models.Model):
    """What a member declares for one consultation on their first contribution."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultation_entries"
    )
    age = models.PositiveSmallIntegerField(
        _("age"), validators=[MinValueValidator(MIN_AGE), MaxValueValidator(MAX_AGE)]
    )
    country = CountryField(_("country"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "user"], name="one_participant_per_consultation"
            ),
            models.CheckConstraint(
                condition=Q(age__gte=MIN_AGE) & Q(age__lte=MAX_AGE),
                name="participant_age_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.user} in {self.consultation}"


def age_band_of(age: int) -> AgeBand:
    if age < 15:
        return AgeBand.UNDER_15
    if age < 20:
        return AgeBand.FROM_15
    if age < 25:
        return AgeBand.FROM_20
    if age <= 30:
        return AgeBand.FROM_25
    return AgeBand.OVER_30


AGE_BAND_CASE = models.Case(
    models.When(age__lt=15, then=models.Value(AgeBand.UNDER_15.value)),
    models.When(age__lt=20, then=models.Value(AgeBand.FROM_15.value)),
    models.When(age__lt=25, then=models.Value(AgeBand.FROM_20.value)),
    models.When(age__lte=30, then=models.Value(AgeBand.FROM_25.value)),
    default=models.Value(AgeBand.OVER_30.value),
    output_field=models.CharField(),
)


class ProposalQuerySet(HideableQuerySet):
    def visible_to(self, user):
        """Proposals of consultations the user may see; hidden ones only for curators and
        for their author (who sees them with the moderators' note)."""
        if _is_curator(user):
            return self
        shown = self.filter(consultation__in=Consultation.objects.visible_to(user))
        if not user.is_authenticated:
            return shown.not_hidden()
        return shown.filter(Q(hidden_at=None) | Q(participant__user=user))

    def with_supports(self, user=None):
        """Annotate `support_total` and, for a signed-in `user`, `supported` (theirs)."""
        queryset = self.annotate(support_total=Count("supports", distinct=True))
        if user is not None and user.is_authenticated:
            mine = Support.objects.filter(proposal=OuterRef("pk"), user=user)
            queryset = queryset.annotate(supported=Exists(mine))
        return queryset

    def by_supports(self):
        return self.order_by("-support_total", "created_at", "pk")

    def for_list(self, user):
        comments = ProposalComment.objects.unhidden_for(user).filter(proposal=OuterRef("pk"))
        return (
            self.with_supports(user)
            .annotate(comment_total=_count(comments))
            .select_related("participant__user__profile")
        )


class Proposal(Hideable):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="proposals"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("author")
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("proposal"), max_length=10000)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    retained = models.BooleanField(_("retained"), default=False)
    answer = models.TextField(_("official answer"), max_length=20000, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("consultations:proposal", args=[self.consultation.slug, self.pk])

    @property
    def author(self):
        return self.participant.user


class Support(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultation_supports"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="one_support_per_account")
        ]

    def __str__(self):
        return f"{self.user} supports {self.proposal}"


class ProposalCommentQuerySet(HideableQuerySet):
    def visible_to(self, user):
        """Comments on proposals the user may see, less the hidden ones (see `unhidden_for`)."""
        if _is_curator(user):
            return self
        return self.filter(proposal__in=Proposal.objects.visible_to(user)).unhidden_for(user)

    def unhidden_for(self, user):
        """Hidden comments only for curators and their author; for lists of proposals that
        went through `Proposal.objects.visible_to` already."""
        if _is_curator(user):
            return self
        if not user.is_authenticated:
            return self.not_hidden()
        return self.filter(Q(hidden_at=None) | Q(author=user))


class ProposalComment(Hideable):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = ProposalCommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment on a proposal")
        verbose_name_plural = _("comments on proposals")

    def __str__(self):
        return self.body[:60]

    def get_absolute_url(self):
        proposal = self.proposal
        url = reverse("consultations:proposal", args=[proposal.consultation.slug, proposal.pk])
        return f"{url}#comment-{self.pk}"
